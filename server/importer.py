"""Bulk order import from CSV, with an error report that points at rows and columns.

One row per order line; the rows of one order share ``channel`` and ``external_id`` and repeat
its header columns. Each order goes through the same intake as ``POST /api/v1/orders`` (same
validation, same idempotency), in its own transaction: a bad order is reported and skipped,
the good ones are taken.

Columns: channel, external_id, customer_name, ship_to_name, ship_to_line1, ship_to_line2,
ship_to_city, ship_to_region, ship_to_postal_code, ship_to_country, ship_to_phone, priority,
due_at (ISO 8601 with offset, optional), sku, quantity.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from server.db import transaction
from server.schemas import FieldError, OrderIn, dotted
from server.services.orders import IntakeConflict, IntakeInvalid, IntakeResult, intake

HEADER = (
    "channel",
    "external_id",
    "customer_name",
    "ship_to_name",
    "ship_to_line1",
    "ship_to_line2",
    "ship_to_city",
    "ship_to_region",
    "ship_to_postal_code",
    "ship_to_country",
    "ship_to_phone",
    "priority",
    "due_at",
)
LINE = ("sku", "quantity")
COLUMNS = (*HEADER, *LINE)
_LINE_FIELD = re.compile(r"^lines\[(\d+)\](?:\.(\w+))?$")


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based line of the file, the header being line 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    failed_orders: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Group:
    rows: list[tuple[int, dict[str, str]]]


def _column_of(field_name: str) -> str:
    """``ship_to.postal_code`` → ``ship_to_postal_code``; ``lines[2].sku`` → ``sku``."""
    m = _LINE_FIELD.match(field_name)
    if m:
        return m.group(2) or "sku"
    return field_name.replace(".", "_")


def _row_of(group: _Group, field_name: str) -> int:
    m = _LINE_FIELD.match(field_name)
    if m and int(m.group(1)) < len(group.rows):
        return group.rows[int(m.group(1))][0]
    return group.rows[0][0]


def _to_order(group: _Group) -> tuple[dict[str, Any], list[RowError]]:
    first_row, first = group.rows[0]
    errors: list[RowError] = []
    for row_no, row in group.rows[1:]:
        for col in HEADER:
            if (row.get(col) or "") != (first.get(col) or ""):
                errors.append(
                    RowError(row_no, col, f"differs from row {first_row} of the same order")
                )
    lines = []
    for row_no, row in group.rows:
        raw_q = (row.get("quantity") or "").strip()
        quantity: Any = raw_q
        if re.fullmatch(r"-?\d+", raw_q):
            quantity = int(raw_q)
        else:
            errors.append(RowError(row_no, "quantity", f"{raw_q!r} is not a whole number"))
        lines.append({"sku": (row.get("sku") or "").strip(), "quantity": quantity})

    def opt(col: str) -> str | None:
        value = (first.get(col) or "").strip()
        return value or None

    raw_priority = (first.get("priority") or "0").strip() or "0"
    data: dict[str, Any] = {
        "channel": (first.get("channel") or "").strip(),
        "external_id": (first.get("external_id") or "").strip(),
        "customer_name": (first.get("customer_name") or "").strip(),
        "ship_to": {
            "name": (first.get("ship_to_name") or "").strip(),
            "line1": (first.get("ship_to_line1") or "").strip(),
            "line2": opt("ship_to_line2"),
            "city": (first.get("ship_to_city") or "").strip(),
            "region": opt("ship_to_region"),
            "postal_code": (first.get("ship_to_postal_code") or "").strip(),
            "country": (first.get("ship_to_country") or "").strip(),
            "phone": opt("ship_to_phone"),
        },
        "lines": lines,
        "priority": int(raw_priority) if raw_priority.isdigit() else raw_priority,
    }
    if opt("due_at"):
        data["due_at"] = opt("due_at")
    return data, errors


def _groups(rows: Iterable[tuple[int, dict[str, str]]]) -> list[_Group]:
    by_key: dict[tuple[str, str], _Group] = {}
    for row_no, row in rows:
        key = ((row.get("channel") or "").strip(), (row.get("external_id") or "").strip())
        by_key.setdefault(key, _Group([])).rows.append((row_no, row))
    return list(by_key.values())


def import_orders(
    factory: sessionmaker[Session], path: Path, *, actor: str, auto_release: bool = True
) -> ImportReport:
    report = ImportReport()
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [
            c
            for c in ("channel", "external_id", "sku", "quantity")
            if c not in (reader.fieldnames or [])
        ]
        unknown = [c for c in (reader.fieldnames or []) if c not in COLUMNS]
        if missing or unknown:
            for c in missing:
                report.errors.append(RowError(1, c, "column missing"))
            for c in unknown:
                report.errors.append(RowError(1, c, "unknown column"))
            return report
        rows = [(i + 2, row) for i, row in enumerate(reader)]
    for group in _groups(rows):
        data, errors = _to_order(group)
        try:
            order = OrderIn.model_validate(data)
        except ValidationError as exc:
            seen = {(e.row, e.column) for e in errors}  # our clearer message stays
            for err in exc.errors():
                name = dotted([p for p in err["loc"] if isinstance(p, str | int)])
                row_error = RowError(_row_of(group, name), _column_of(name), err["msg"])
                if (row_error.row, row_error.column) not in seen:
                    errors.append(row_error)
            order = None
        if errors or order is None:
            report.errors.extend(errors)
            report.failed_orders += 1
            continue

        def take(session: Session, order: OrderIn = order) -> IntakeResult:
            return intake(session, order, actor=actor, auto_release=auto_release)

        try:
            result = transaction(factory, take)
        except IntakeInvalid as exc:
            report.errors.extend(_row_errors(group, exc.errors))
            report.failed_orders += 1
            continue
        except IntakeConflict as exc:
            report.errors.append(RowError(group.rows[0][0], "external_id", str(exc)))
            report.failed_orders += 1
            continue
        (report.created if result.created else report.already_present).append(result.number)
    report.errors.sort(key=lambda e: (e.row, e.column))
    return report


def _row_errors(group: _Group, errors: list[FieldError]) -> list[RowError]:
    return [RowError(_row_of(group, e.field), _column_of(e.field), e.message) for e in errors]
