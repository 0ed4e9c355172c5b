"""Order lookup: find an order by number, customer or SSCC and show its timeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.dashboard.figures import OrderLookup, OrderSummary
from ui.admin.widgets import big_button, show_status, status_label
from ui.dashboard import texts
from ui.dashboard.panels import TablePanel
from ui.dashboard.source import DashboardSource


def _local(value: object) -> str:
    from datetime import datetime

    return value.astimezone().strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else "—"


class LookupPanel(QWidget):
    def __init__(
        self,
        source: DashboardSource,
        export_folder: Callable[[], Path],
        status_name: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._status_name = status_name
        self._found: list[OrderSummary] = []
        # The panel scrolls when the screen is short (1280x800 under two tab bars) rather
        # than squeezing its tables to no rows at all.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        area.setWidget(inner)
        outer.addWidget(area)
        layout = QVBoxLayout(inner)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Order number, customer name or SSCC"))
        self.query.returnPressed.connect(self.search)
        row.addWidget(self.query, 1)
        self.search_button = big_button(self.tr("Search"), primary=True)
        self.search_button.clicked.connect(self.search)
        row.addWidget(self.search_button)
        layout.addLayout(row)
        self.status = status_label()
        layout.addWidget(self.status)
        self.results = TablePanel(
            self.tr("Orders found"),
            [
                self.tr("Order"),
                self.tr("Customer"),
                self.tr("Status"),
                self.tr("Due"),
                self.tr("SSCC"),
            ],
            "orders-found",
            export_folder,
            min_rows=2,
        )
        self.results.table.itemSelectionChanged.connect(self._open_selected)
        # Shown only when there is a choice to make: one match opens its timeline at once,
        # and the timeline is what people come for.
        self.results.hide()
        layout.addWidget(self.results)
        self.header = QLabel()
        self.header.setStyleSheet("font-size:22px; font-weight:bold;")
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.timeline = TablePanel(
            self.tr("Timeline"),
            [
                self.tr("When"),
                self.tr("What"),
                self.tr("Status"),
                self.tr("Who"),
                self.tr("Where"),
                self.tr("Details"),
            ],
            "order-timeline",
            export_folder,
        )
        layout.addWidget(self.timeline, 1)
        source.orders_found.connect(self.show_found)
        source.order_loaded.connect(self.show_order)
        source.lookup_failed.connect(self._failed)

    def search(self) -> None:
        text = self.query.text().strip()
        if not text:
            show_status(self.status, self.tr("Type an order number, a name or an SSCC."), "bad")
            return
        show_status(self.status, self.tr("Searching…"), "warn")
        self._source.search(text)

    def show_found(self, found: list[OrderSummary]) -> None:
        self._found = found
        self.results.set_rows(
            [
                [
                    o.number,
                    o.customer_name,
                    self._status_name(o.status),
                    _local(o.due_at),
                    ", ".join(o.ssccs),
                ]
                for o in found
            ]
        )
        self.results.setVisible(len(found) > 1)
        if not found:
            show_status(self.status, self.tr("No order matches."), "warn")
            return
        show_status(self.status, self.tr("%1 orders found").replace("%1", str(len(found))), "ok")
        if len(found) == 1:
            self._source.load_order(found[0].number)

    def _open_selected(self) -> None:
        rows = self.results.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self._found):
            self._source.load_order(self._found[rows[0].row()].number)

    def show_order(self, lookup: OrderLookup) -> None:
        o = lookup.order
        hold = f" — {o.hold_reason}" if o.hold_reason else ""
        self.header.setText(f"{o.number} · {o.customer_name} · {self._status_name(o.status)}{hold}")
        rows = []
        for e in lookup.timeline:
            change = ""
            if e.to_status:
                frm = self._status_name(e.from_status) if e.from_status else ""
                change = f"{frm} → {self._status_name(e.to_status)}".strip()
            rows.append(
                [
                    _local(e.at),
                    texts.timeline_kind(e.kind),
                    change,
                    texts.actor_name(e.actor),
                    e.station_id or "",
                    texts.timeline_details(e),
                ]
            )
        self.timeline.set_rows(rows)
        show_status(
            self.status,
            self.tr("%1: %2 timeline entries")
            .replace("%1", o.number)
            .replace("%2", str(len(lookup.timeline))),
            "ok",
        )

    def _failed(self, message: str) -> None:
        show_status(self.status, self.tr("Lookup failed: %1").replace("%1", message), "bad")
