"""Admin → Audit log: who did what, filtered by user, action and time.

Station entries come from the local database; with the server reachable the page also asks it
(on the worker thread) for the site-wide log, so actions taken on other stations show too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.admin.audit import AuditFilter, AuditRow, query_audit
from ui.admin import audit_texts
from ui.admin.widgets import big_button, heading, show_status, status_label, touch_table
from ui.context import StationContext
from ui.dashboard.csv_export import export_table
from ui.tasks import TaskRunner

ServerAudit = Callable[[AuditFilter], list[AuditRow]]
ROW_PX = 52  # touch_table's row height
COL_WHEN, COL_WHO, COL_STATION, COL_ACTION, COL_WHAT, COL_DETAILS = range(6)
ACTION_PX = 180  # longer action names wrap
WHAT_PX = 300


class AuditPage(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._runner = TaskRunner("admin-audit", self)
        self.rows: list[AuditRow] = []
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
        self._lay_out_columns()
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
        """Each entry in words: the action's name, a sentence for What ("Admin disabled user
        Ola Nordmann (USR-1009)") and the details as lines; the codes and raw JSON stay in
        the tooltips for whoever needs them."""
        self.rows = list(rows)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            when = r.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            cells = (
                (when, ""),
                (r.who, ""),
                (r.station_id, ""),
                (audit_texts.action_name(r.action), r.action),
                (audit_texts.what(r), r.entity),
                (audit_texts.details(r), r.detail),
            )
            for col, (text, tip) in enumerate(cells):
                item = QTableWidgetItem(text)
                if tip:
                    item.setToolTip(tip)
                self.table.setItem(i, col, item)
        self.table.resizeColumnToContents(COL_ACTION)
        width = self.table.columnWidth(COL_ACTION)
        self.table.setColumnWidth(COL_ACTION, min(width, ACTION_PX))
        self.table.setColumnWidth(COL_WHAT, WHAT_PX)
        self._fit_rows()
        show_status(self.status, self.tr("%1 entries").replace("%1", str(len(rows))), "ok")

    def _lay_out_columns(self) -> None:
        """Details get the room: the What sentence already names who did it, so the Who
        column is hidden on screen (it stays in the CSV export and the user filter); the
        action and the sentence wrap at a fixed width; rows grow to their lines."""
        header = self.table.horizontalHeader()
        mode = QHeaderView.ResizeMode
        header.setSectionResizeMode(COL_WHEN, mode.ResizeToContents)
        header.setSectionResizeMode(COL_STATION, mode.ResizeToContents)
        header.setSectionResizeMode(COL_ACTION, mode.Interactive)
        header.setSectionResizeMode(COL_WHAT, mode.Interactive)
        header.setSectionResizeMode(COL_DETAILS, mode.Stretch)
        self.table.setColumnHidden(COL_WHO, True)
        self.table.setWordWrap(True)
        # Rows follow the columns once the resize is over (the stretch column settles last).
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_rows)
        header.sectionResized.connect(lambda *_: self._refit.start())

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()
        for i in range(self.table.rowCount()):  # never below touch size
            self.table.setRowHeight(i, max(self.table.rowHeight(i), ROW_PX))

    def export(self) -> None:
        path = export_table(self.table, self._ctx.core.data_dir / "exports", "audit-log")
        show_status(self.status, self.tr("Exported to %1").replace("%1", str(path)), "ok")

    def shutdown(self) -> None:
        self._runner.shutdown()
