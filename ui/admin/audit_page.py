"""Admin → Audit log: who did what, filtered by user, action and time.

Station entries come from the local database; with the server reachable the page also asks it
(on the worker thread) for the site-wide log, so actions taken on other stations show too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.admin.audit import AuditFilter, AuditRow, query_audit
from ui.admin.widgets import big_button, heading, show_status, status_label, touch_table
from ui.context import StationContext
from ui.dashboard.csv_export import export_table
from ui.tasks import TaskRunner

ServerAudit = Callable[[AuditFilter], list[AuditRow]]


class AuditPage(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = TaskRunner("admin-audit", self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Audit log")))
        grid = QGridLayout()
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("name or badge"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("e.g. user. or exception."))
        now = QDateTime.currentDateTime()
        self.since = QDateTimeEdit(now.addDays(-7))
        self.until = QDateTimeEdit(now.addDays(1))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.source = QComboBox()
        self.source.addItem(self.tr("This station"), "station")
        self.source.addItem(self.tr("Server (all stations)"), "server")
        grid.addWidget(QLabel(self.tr("User")), 0, 0)
        grid.addWidget(self.user, 0, 1)
        grid.addWidget(QLabel(self.tr("Action")), 0, 2)
        grid.addWidget(self.action, 0, 3)
        grid.addWidget(QLabel(self.tr("From")), 1, 0)
        grid.addWidget(self.since, 1, 1)
        grid.addWidget(QLabel(self.tr("To")), 1, 2)
        grid.addWidget(self.until, 1, 3)
        grid.addWidget(QLabel(self.tr("Source")), 2, 0)
        grid.addWidget(self.source, 2, 1)
        self.search_button = big_button(self.tr("Search"), primary=True)
        self.search_button.clicked.connect(self.search)
        grid.addWidget(self.search_button, 2, 2)
        self.export_button = big_button(self.tr("Export CSV"))
        self.export_button.clicked.connect(self.export)
        grid.addWidget(self.export_button, 2, 3)
        layout.addLayout(grid)
        self.status = status_label()
        layout.addWidget(self.status)
        self.table = touch_table()
        headers = [
            self.tr("When"),
            self.tr("Who"),
            self.tr("Station"),
            self.tr("Action"),
            self.tr("What"),
            self.tr("Details"),
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        layout.addWidget(self.table, 1)
        self.search()

    def current_filter(self) -> AuditFilter:
        def utc(edit: QDateTimeEdit) -> datetime:
            value = edit.dateTime().toPython()
            assert isinstance(value, datetime)
            return value.astimezone(UTC)

        return AuditFilter(
            user=self.user.text().strip(),
            action=self.action.text().strip(),
            since=utc(self.since),
            until=utc(self.until) + timedelta(seconds=59),
        )

    def search(self) -> None:
        flt = self.current_filter()
        if self.source.currentData() == "server":
            server_audit = self._ctx.services.get("server_audit")
            if server_audit is None:
                show_status(self.status, self.tr("The server is not configured."), "warn")
                return
            show_status(self.status, self.tr("Asking the server…"), "warn")
            self._runner.submit(lambda: server_audit(flt), self.show_rows, self._failed)
            return
        self.show_rows(query_audit(self._ctx.core.uow, flt))

    def _failed(self, error: BaseException) -> None:
        show_status(
            self.status, self.tr("The server did not answer: %1").replace("%1", str(error)), "bad"
        )

    def show_rows(self, rows: list[AuditRow]) -> None:
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            when = r.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            for col, text in enumerate((when, r.who, r.station_id, r.action, r.entity, r.detail)):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        show_status(self.status, self.tr("%1 entries").replace("%1", str(len(rows))), "ok")

    def export(self) -> None:
        path = export_table(self.table, self._ctx.core.data_dir / "exports", "audit-log")
        show_status(self.status, self.tr("Exported to %1").replace("%1", str(path)), "ok")

    def shutdown(self) -> None:
        self._runner.shutdown()
