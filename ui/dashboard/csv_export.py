"""Export whatever a table shows to a CSV file (UTF-8 with BOM so spreadsheet apps read CJK)."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QTableView, QTableWidget


def table_rows(model: QAbstractItemModel) -> list[list[str]]:
    """Header row then the data rows, as displayed."""
    columns = model.columnCount()
    header = [
        str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for c in range(columns)
    ]
    rows = [header]
    for r in range(model.rowCount()):
        rows.append(
            [
                str(model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole) or "")
                for c in range(columns)
            ]
        )
    return rows


def export_table(table: QTableWidget | QTableView, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{name}-{stamp}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(table_rows(table.model()))
    return path
