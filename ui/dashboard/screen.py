"""The Dashboard tab: backlog, throughput, cycle time, quality and exceptions from the server,
refreshed live on a worker thread; order lookup with the timeline.

When the server cannot be reached the header says "Offline" (word, icon and colour) and the
tab keeps showing the last figures it had — from this session or from disk — with their time.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.dashboard.client import DashboardClient
from app.dashboard.figures import ActionResult, Dashboard, ExceptionItem, HourPoint, RateRow
from app.persistence.models import Role
from ui.admin.widgets import BASE_STYLE, big_button, show_status, status_label
from ui.context import StationContext
from ui.dashboard import reasons, texts
from ui.dashboard.lookup_panel import LookupPanel
from ui.dashboard.panels import Card, CyclePanel, RateChart, TablePanel, ThroughputChart
from ui.dashboard.reason_dialog import ReasonDialog
from ui.dashboard.server_session import ServerSessions
from ui.dashboard.sign_in import ask_server_sign_in
from ui.dashboard.source import ClientFactory, DashboardSource
from ui.status_bar import REFUSED, read_sync_status
from ui.sync_texts import refused_text

log = logging.getLogger(__name__)

REFRESH_MS = 30_000
ALLOWED = (Role.SUPERVISOR, Role.ADMIN)
ACTIONS = ("release", "cancel", "reallocate", "assign_count", "dismiss", "approve", "reject")
# A user change held from a station: approve or reject (admins only, the server checks too).
ADMIN_ACTIONS = ("approve", "reject")


class _ClientHolder:
    """Builds the HTTP client once the server is known (on the worker), and at shutdown
    aborts a request under way (from the GUI thread) so the worker can be joined at once."""

    def __init__(self, ctx: StationContext) -> None:
        self._sessions = ServerSessions.of(ctx)
        self._client: DashboardClient | None = None
        self._lock = threading.Lock()
        self._aborted = False

    def __call__(self) -> DashboardClient | None:
        with self._lock:
            if self._aborted:
                return None  # shutting down: the task fails at once ("not configured")
            if self._client is None:
                self._client = self._sessions.client()
            return self._client

    def abort(self) -> None:
        with self._lock:
            self._aborted = True
            client = self._client
        if client is not None:
            client.abort()

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            self._sessions.release(client)


def _scrolling(page: QWidget) -> QScrollArea:
    """A section page that scrolls (40 px touch scroll bar) when the screen is shorter than
    what it holds, instead of Qt squeezing its tables to one row and its charts over each
    other."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area


class DashboardScreen(QWidget):
    painted = Signal(object)  # the Dashboard just shown (tests and the benchmark wait on it)

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setStyleSheet(BASE_STYLE)
        self.board: Dashboard | None = None
        self.fetched_at: datetime | None = None
        self.online: bool | None = None
        self._items: list[ExceptionItem] = []
        factory = ctx.services.get("dashboard_client")
        self._holder = None if callable(factory) else _ClientHolder(ctx)
        client_factory: ClientFactory = factory if callable(factory) else self._holder  # type: ignore[assignment]
        self.source = DashboardSource(
            client_factory, ctx.core.data_dir / "dashboard-last.json", self
        )
        self.source.updated.connect(self._on_updated)
        self.source.offline.connect(self._on_offline)
        self.source.refused.connect(self._on_refused)
        self.source.action_done.connect(self._on_action_done)
        self.source.action_failed.connect(self._on_action_failed)
        # The server session a PIN login opens in the background may arrive after the first
        # refresh was refused: wait for it instead of asking for the PIN again.
        self._sessions = ServerSessions.of(ctx)
        self._sessions.signed_in.connect(self._on_background_sign_in)
        self._sessions.sign_in_failed.connect(self._on_background_sign_in_failed)
        self._wants_person = False  # the last refresh was refused for want of a session
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

        layout = QVBoxLayout(self)
        session = ctx.session.current
        if session is not None and session.role not in ALLOWED:
            # The shell never shows this tab to them; this is the second lock on the door.
            denied = QLabel("✖ " + self.tr("The dashboard is for supervisors and admins."))
            denied.setObjectName("denied")
            denied.setStyleSheet("font-size:26px;")
            layout.addWidget(denied)
            self.allowed = False
            return
        self.allowed = True
        layout.addLayout(self._header())
        self.sections = QTabWidget()
        # Seven sections share one row at 1024 px: tabs as wide as their words (the shell's
        # 180 px minimum and wide padding pushed the last two behind tiny scroll arrows), and
        # should a language still not fit, the words are shortened, never the tabs hidden.
        self.sections.setStyleSheet(
            "QTabBar::tab { min-height:56px; min-width:0px; padding:6px 14px; font-size:20px; }"
        )
        self.sections.setUsesScrollButtons(False)
        self.sections.setElideMode(Qt.TextElideMode.ElideRight)
        self.sections.addTab(_scrolling(self._overview()), self.tr("Overview"))
        self.sections.addTab(_scrolling(self._throughput()), self.tr("Throughput"))
        self.sections.addTab(_scrolling(self._rates()), self.tr("Stations and people"))
        self.cycle = CyclePanel(self._export_folder)
        self.sections.addTab(self.cycle, self.tr("Cycle time"))
        self.sections.addTab(_scrolling(self._quality()), self.tr("Quality"))
        self.sections.addTab(_scrolling(self._exceptions()), self.tr("Exceptions"))
        self.lookup = LookupPanel(self.source, self._export_folder, self.status_name)
        self.sections.addTab(self.lookup, self.tr("Order lookup"))
        layout.addWidget(self.sections, 1)
        ctx.status.sync_changed.connect(self._on_sync)
        cached = self.source.last()
        if cached is not None:
            self._show(*cached)
            self._set_offline_text(self.tr("not refreshed yet"))

    # --- layout ------------------------------------------------------------------------

    def _export_folder(self) -> Path:
        return self._ctx.core.data_dir / "exports"

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(self.tr("Dashboard"))
        title.setStyleSheet("font-size:28px; font-weight:bold;")
        row.addWidget(title)
        self.period = QComboBox()
        self.period.addItem(self.tr("This shift (8 h)"), 8)
        self.period.addItem(self.tr("Last 24 hours"), 24)
        self.period.addItem(self.tr("Last 7 days"), 24 * 7)
        self.period.currentIndexChanged.connect(self.refresh)
        self.station = QComboBox()
        self.station.addItem(self.tr("All stations"), "")
        self.station.activated.connect(self.refresh)
        row.addWidget(self.period)
        row.addWidget(self.station)
        self.refresh_button = big_button("↻ " + self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button)
        self.sign_in_button = big_button(self.tr("Sign in to the server…"), primary=True)
        self.sign_in_button.clicked.connect(self.request_sign_in)
        self.sign_in_button.hide()
        row.addWidget(self.sign_in_button)
        self.status = status_label()
        self.status.setMinimumWidth(420)
        row.addWidget(self.status, 1)
        return row

    def _overview(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        grid = QGridLayout()
        self.cards = {
            "open": Card(self.tr("Open orders")),
            "late": Card(self.tr("Late")),
            "at_risk": Card(self.tr("At risk (due within 2 h)")),
            "lines_h": Card(self.tr("Lines picked per hour")),
            "packed_h": Card(self.tr("Orders packed per hour")),
            "short": Card(self.tr("Short-pick rate")),
            "exceptions": Card(self.tr("Open exceptions")),
            "reprints": Card(self.tr("Label reprints")),
        }
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 4, i % 4)
        layout.addLayout(grid)
        tables = QHBoxLayout()
        self.by_status = TablePanel(
            self.tr("Backlog by status"),
            [self.tr("Status"), self.tr("Orders")],
            "backlog-status",
            self._export_folder,
        )
        self.by_priority = TablePanel(
            self.tr("Backlog by priority"),
            [self.tr("Priority"), self.tr("Open"), self.tr("Late"), self.tr("At risk")],
            "backlog-priority",
            self._export_folder,
        )
        self.by_due = TablePanel(
            self.tr("Backlog by due time"),
            [self.tr("Due"), self.tr("Orders")],
            "backlog-due",
            self._export_folder,
        )
        for panel in (self.by_status, self.by_priority, self.by_due):
            tables.addWidget(panel)
        layout.addLayout(tables, 1)
        return page

    def _rate_headers(self, first: str) -> list[str]:
        return [
            first,
            self.tr("Lines"),
            self.tr("Units"),
            self.tr("Orders packed"),
            self.tr("Lines/h"),
            self.tr("Units/h"),
            self.tr("Orders/h"),
        ]

    def _throughput(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.chart = ThroughputChart()
        layout.addWidget(self.chart, 3)
        charts = QHBoxLayout()
        self.station_chart = RateChart(self.tr("Per station, per hour"))
        self.person_chart = RateChart(self.tr("Per person, per hour"))
        charts.addWidget(self.station_chart)
        charts.addWidget(self.person_chart)
        layout.addLayout(charts, 2)
        return page

    def _rates(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.per_station = TablePanel(
            self.tr("Per station"),
            self._rate_headers(self.tr("Station")),
            "throughput-stations",
            self._export_folder,
        )
        self.per_person = TablePanel(
            self.tr("Per person"),
            self._rate_headers(self.tr("Person")),
            "throughput-people",
            self._export_folder,
        )
        layout.addWidget(self.per_station, 1)
        layout.addWidget(self.per_person, 2)
        return page

    def _quality(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.quality_summary = QLabel()
        self.quality_summary.setStyleSheet("font-size:22px;")
        self.quality_summary.setWordWrap(True)
        layout.addWidget(self.quality_summary)
        row = QHBoxLayout()
        self.errors_person = TablePanel(
            self.tr("Pack errors per person"),
            [self.tr("Person"), self.tr("Errors")],
            "pack-errors-people",
            self._export_folder,
        )
        self.errors_sku = TablePanel(
            self.tr("Pack errors per SKU"),
            [self.tr("SKU"), self.tr("Errors")],
            "pack-errors-sku",
            self._export_folder,
        )
        self.reprints = TablePanel(
            self.tr("Label reprints per station"),
            [self.tr("Station"), self.tr("Reprints")],
            "reprints",
            self._export_folder,
        )
        for panel in (self.errors_person, self.errors_sku, self.reprints):
            row.addWidget(panel)
        layout.addLayout(row, 1)
        return page

    def _exceptions(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.exception_counts = QLabel()
        self.exception_counts.setStyleSheet("font-size:20px;")
        self.exception_counts.setWordWrap(True)
        layout.addWidget(self.exception_counts)
        self.exception_table = TablePanel(
            self.tr("Exceptions to act on"),
            [
                self.tr("Kind"),
                self.tr("Order"),
                self.tr("Station"),
                self.tr("What happened"),
                self.tr("Since"),
            ],
            "exceptions",
            self._export_folder,
        )
        self.exception_table.table.itemSelectionChanged.connect(self._update_action_buttons)
        layout.addWidget(self.exception_table, 1)
        row = QHBoxLayout()
        labels = {
            "release": self.tr("Release"),
            "cancel": self.tr("Cancel order"),
            "reallocate": self.tr("Re-allocate"),
            "assign_count": self.tr("Assign a count"),
            "dismiss": self.tr("Dismiss"),
            "approve": "✔ " + self.tr("Approve"),
            "reject": "✖ " + self.tr("Reject"),
        }
        self.action_buttons = {}
        for action in ACTIONS:
            button = big_button(labels[action])
            button.setEnabled(False)
            button.setVisible(action not in ADMIN_ACTIONS)  # for a user change only
            button.clicked.connect(lambda _=False, a=action: self.request_action(a))
            row.addWidget(button)
            self.action_buttons[action] = button
        layout.addLayout(row)
        self.action_status = status_label()
        layout.addWidget(self.action_status)
        return page

    # --- names -------------------------------------------------------------------------

    def status_name(self, status: str) -> str:
        return texts.status_name(status)

    def kind_name(self, kind: str) -> str:
        return texts.kind_name(kind)

    def due_name(self, bucket: str) -> str:
        names = {
            "overdue": "▲ " + self.tr("overdue"),
            "0-1h": self.tr("within 1 h"),
            "1-4h": self.tr("1 to 4 h"),
            "4-24h": self.tr("4 to 24 h"),
            "later": self.tr("later"),
            "none": self.tr("no due time"),
        }
        return names.get(bucket, bucket)

    # --- refresh -----------------------------------------------------------------------

    def activate(self) -> None:
        if self.allowed:
            self.refresh()
            self._timer.start()

    def deactivate(self) -> None:
        self._timer.stop()

    def period_bounds(self) -> tuple[datetime, datetime]:
        now = datetime.now(UTC)
        return now - timedelta(hours=int(self.period.currentData())), now

    def refresh(self) -> None:
        if not self.allowed:
            return
        start, end = self.period_bounds()
        station = str(self.station.currentData() or "") or None
        if self.source.refresh(start, end, station) and self.online is not False:
            show_status(self.status, self.tr("Refreshing…"), "warn")

    def _on_updated(self, board: Dashboard, fetched_at: datetime) -> None:
        self.online = True
        self._wants_person = False
        self._show(board, fetched_at)
        show_status(
            self.status,
            self.tr("Live — updated %1").replace(
                "%1", fetched_at.astimezone().strftime("%H:%M:%S")
            ),
            "ok",
        )

    def _set_offline_text(self, reason: str) -> None:
        if self.fetched_at is None:
            text = self.tr("Offline — no figures yet (%1)").replace("%1", reason)
        else:
            text = self.tr("Offline — showing figures from %1").replace(
                "%1", self.fetched_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            )
        show_status(self.status, text, "bad")

    def _on_offline(self, reason: str) -> None:
        self.online = False
        if self.board is None:
            cached = self.source.last()
            if cached is not None:
                self._show(*cached)
        self._set_offline_text(reason)

    def _on_refused(self, status: int, reason: str) -> None:
        if status == 401:
            self._wants_person = True
            if self._sessions.pending:  # the PIN login's own sign-in is on its way
                show_status(self.status, self.tr("Signing in to the server…"), "warn")
                return
            # The server wants the person, not only the station: ask for the PIN once.
            self.sign_in_button.show()
            if self.fetched_at is None:
                text = self.tr("Sign in to the server to see the figures.")
            else:  # figures kept from before (maybe another person's session): say how old
                text = self.tr("Sign in to the server for live figures; showing %1.").replace(
                    "%1", self.fetched_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
                )
            show_status(self.status, text, "warn")
            return
        show_status(self.status, self.tr("The server refused: %1").replace("%1", reason), "bad")

    def request_sign_in(self) -> QDialog | None:
        return ask_server_sign_in(self._ctx, self, self.source.runner, self._on_signed_in)

    def _on_background_sign_in(self, _user_id: int) -> None:
        if self.allowed and self._wants_person:
            self._on_signed_in(True, self.tr("Signed in to the server."))

    def _on_background_sign_in_failed(self, _user_id: int, _why: str) -> None:
        if self.allowed and self._wants_person:
            self._on_refused(401, "")  # ask for the PIN after all

    def _on_signed_in(self, ok: bool, message: str) -> None:
        if ok:
            self.sign_in_button.hide()
            show_status(self.status, message, "ok")
            self.refresh()
        else:
            show_status(self.status, message, "bad")
            self._ctx.feedback.fail(message)

    # The refusal reason shown last (None: not refused), so each sync report does not
    # repaint the same words.
    _refused_shown: str | None = None

    def _on_sync(self, status: object) -> None:
        """The sync worker lost the server, or the server refused this station: the figures
        on screen are no longer live. A refusal also says why and who can fix it (as the
        status bar does). The worker's state is read as the bar reads it (``SyncStatus``
        has a ``state``, no ``online`` flag: the old check never fired)."""
        state, _queued, detail = read_sync_status(status)
        if state == REFUSED:
            if self._refused_shown != detail:
                self._refused_shown = detail
                self.online = False
                self._set_offline_text(refused_text(detail))
                if self.fetched_at is not None:  # that text gives the figures' time instead
                    self.status.setText(self.status.text() + "\n" + refused_text(detail))
            return
        self._refused_shown = None
        if state == "offline" and self.online is not False:
            self.online = False
            self._set_offline_text(self.tr("sync is offline"))

    # --- painting ----------------------------------------------------------------------

    def _local_hour(self, point: HourPoint) -> str:
        return point.hour.astimezone().strftime("%H:%M")

    def _show(self, board: Dashboard, fetched_at: datetime) -> None:
        self.board, self.fetched_at = board, fetched_at
        b, t, q, e = board.backlog, board.throughput, board.quality, board.exceptions
        self.cards["open"].set(str(b.open_total))
        self.cards["late"].set(str(b.late), alert=b.late > 0)
        self.cards["at_risk"].set(str(b.at_risk), alert=b.at_risk > 0)
        self.cards["lines_h"].set(f"{t.lines / t.hours:.1f}" if t.hours else "—")
        self.cards["packed_h"].set(f"{t.orders_packed / t.hours:.1f}" if t.hours else "—")
        self.cards["short"].set(f"{q.short_rate * 100:.1f} %", alert=q.short_rate > 0.02)
        open_exceptions = sum(k.count for k in e.by_kind)
        self.cards["exceptions"].set(str(open_exceptions), alert=open_exceptions > 0)
        self.cards["reprints"].set(str(q.label_reprints))
        self.by_status.set_rows([[self.status_name(k.key), str(k.count)] for k in b.by_status])
        self.by_priority.set_rows(
            [[str(p.priority), str(p.open), str(p.late), str(p.at_risk)] for p in b.by_priority],
            [i for i, p in enumerate(b.by_priority) if p.late],
        )
        self.by_due.set_rows(
            [[self.due_name(k.key), str(k.count)] for k in b.by_due],
            [i for i, k in enumerate(b.by_due) if k.key == "overdue" and k.count],
        )
        self.chart.show_points(t.hourly, self._local_hour)

        def rate_rows(rows: list[RateRow]) -> list[list[str]]:
            return [
                [
                    r.key,
                    str(r.lines),
                    str(r.units),
                    str(r.orders_packed),
                    f"{r.lines_per_hour:.2f}",
                    f"{r.units_per_hour:.2f}",
                    f"{r.orders_per_hour:.2f}",
                ]
                for r in rows
            ]

        self.per_station.set_rows(rate_rows(t.by_station))
        self.per_person.set_rows(rate_rows(t.by_person))
        self.station_chart.show_rates(t.by_station)
        self.person_chart.show_rates(t.by_person)
        self.cycle.show_steps(board.cycle, self.status_name)
        self.quality_summary.setText(
            self.tr("Short picks: %1 of %2 lines (%3). Pack errors: %4. Label reprints: %5.")
            .replace("%1", str(q.lines_short))
            .replace("%2", str(q.lines_picked + q.lines_short))
            .replace("%3", f"{q.short_rate * 100:.1f} %")
            .replace("%4", str(q.pack_errors))
            .replace("%5", str(q.label_reprints))
        )
        self.errors_person.set_rows([[k.key, str(k.count)] for k in q.pack_errors_by_person])
        self.errors_sku.set_rows([[k.key, str(k.count)] for k in q.pack_errors_by_sku])
        self.reprints.set_rows([[k.key, str(k.count)] for k in q.label_reprints_by_station])
        counts = ", ".join(f"{self.kind_name(k.key)}: {k.count}" for k in e.by_kind)
        faults = ", ".join(f"{k.key}: {k.count}" for k in e.device_faults_by_station)
        self.exception_counts.setText(
            (counts or self.tr("No open exceptions."))
            + (
                "\n" + self.tr("Device faults per station: %1").replace("%1", faults)
                if faults
                else ""
            )
        )
        self._items = list(e.items)
        self.exception_table.set_rows(
            [
                [
                    self.kind_name(i.kind),
                    i.order_number or "",
                    i.station_id or "",
                    texts.exception_text(i),
                    i.created_at.astimezone().strftime("%m-%d %H:%M") if i.created_at else "",
                ]
                for i in self._items
            ]
        )
        self._update_action_buttons()
        known = {self.station.itemData(i) for i in range(self.station.count())}
        for r in t.by_station:
            if r.key not in known and r.key != "—":
                self.station.addItem(r.key, r.key)
        self.painted.emit(board)

    # --- exception actions -------------------------------------------------------------

    def selected_item(self) -> ExceptionItem | None:
        rows = self.exception_table.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._items):
            return None
        return self._items[rows[0].row()]

    def _update_action_buttons(self) -> None:
        item = self.selected_item()
        session = self._ctx.session.current
        admin = session is not None and session.role is Role.ADMIN
        user_change = item is not None and any(a in item.actions for a in ADMIN_ACTIONS)
        for action, button in self.action_buttons.items():
            allowed = item is not None and action in item.actions
            # One row of buttons at 1024 px: a user change shows its two, the rest the others.
            button.setVisible((action in ADMIN_ACTIONS) == user_change)
            if action in ADMIN_ACTIONS:
                allowed = allowed and admin
            button.setEnabled(allowed)
        if user_change and not admin:
            show_status(
                self.action_status,
                self.tr("Only an admin can approve or reject a user change."),
                "warn",
            )

    def _subject(self, item: ExceptionItem) -> str:
        """What an action is about, in words: the order, or the person a user change names."""
        if item.order_number:
            return item.order_number
        if item.params.get("badge"):
            return f"{item.params.get('name') or ''} ({item.params['badge']})".strip()
        return self.kind_name(item.kind)

    def ask_reason(self, action: str, item: ExceptionItem) -> str | None:
        dialog = ReasonDialog(
            self.tr("Why?"),
            self.tr("%1 — %2: why? (recorded with your name)")
            .replace("%1", self.action_buttons[action].text())
            .replace("%2", self._subject(item)),
            self,
            action=action,
        )
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def request_action(self, action: str) -> None:
        item = self.selected_item()
        if item is None:
            return
        reason = self.ask_reason(action, item)
        if reason:
            self.act_on(item, action, reason)

    def act_on(self, item: ExceptionItem, action: str, reason: str) -> None:
        session = self._ctx.session.current
        assignee = session.badge_code if session and action == "assign_count" else None
        show_status(self.action_status, self.tr("Sending…"), "warn")
        self.source.act(item.id, action, reason, assignee)

    def _on_action_done(self, result: ActionResult) -> None:
        # Say it as the supervisor tapped it: the button's words and the order, not the
        # action's code and the record id.
        button = self.action_buttons.get(result.action)
        done = button.text() if button is not None else result.action
        item = next((i for i in self._items if i.id == result.item_id), None)
        what = result.item_id.removeprefix("order:")
        if item is not None:
            what = self._subject(item)
        text = self.tr("Done: %1 — %2").replace("%1", done).replace("%2", what)
        if result.order_status:
            text += " → " + self.status_name(result.order_status)
        show_status(self.action_status, text, "ok")
        self._ctx.feedback.ok(text)
        self.refresh()

    def _on_action_failed(self, message: str, field: str = "") -> None:
        if field == "reason":  # over the server's limit (a newer server may take less)
            log.warning("exception action not done, the reason was refused: %s", message)
            message = self.tr(
                "The reason is too long for the server (at most %1 characters, the chosen"
                " reason and the note together). Write a shorter note and try again."
            ).replace("%1", str(reasons.MAX_REASON))
        show_status(self.action_status, self.tr("Not done: %1").replace("%1", message), "bad")
        self._ctx.feedback.fail(message)

    def shutdown(self) -> None:
        self._timer.stop()
        if self._holder is not None:
            self._holder.abort()  # a refresh waiting on a silent server ends now
        self.source.shutdown()
        if self._holder is not None:
            self._holder.close()
