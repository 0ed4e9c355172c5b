"""The Pack tab: scan a tote or order, scan every unit into the carton, close, label prints.

Three pages: waiting for an order (with the shipment history for reprints), packing (lines
with expected / packed, the carton with its suggested box and estimated weight), and done
(the shipments with their live label status). Every refusal plays the error sound and says
which item and what to do; the screen only renders state and calls the packing service.

The carton advice (which box, how many more cartons) is a 3D fit that can take tens of
milliseconds for a B2B order of a few hundred units, so a scan shows its count at once and
the advice follows from the screen's advice worker: one fit at a time, always for the
newest state, and a fit that finishes after the state moved on is dropped, not shown.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.cartonization import Advice, CartonAdvice
from app.services import packing_settings
from app.services.packing import (
    Actor,
    AdviceRequest,
    CloseOutcome,
    PackError,
    PackErrorCode,
    PackingService,
    PackState,
    ShipmentView,
)
from app.services.print_queue import PrintJobView
from drivers.scanners.base import RawScan
from ui import theme
from ui.context import StationContext
from ui.pack.override_dialog import OverrideDialog
from ui.pack.texts import job_status_text, pack_error_text
from ui.printers.part import Printing, printing_for
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.scan.types import ScanResult

log = logging.getLogger(__name__)

STATUS_STYLE = {
    "ok": f"background:#dff5e1; color:{theme.OK}; border:2px solid {theme.OK};",
    "warn": "background:#fff4d6; color:#6b4a00; border:2px solid #b07d00;",
    "bad": f"background:#fde2e2; color:{theme.FAIL}; border:2px solid {theme.FAIL};",
}
LINE_ROW_PX = 64


def _kg(grams: int) -> str:
    return f"{grams / 1000:.2f} kg"


class ShipmentList(QWidget):
    """Shipments with their label status and a Reprint button each."""

    def __init__(self, screen: PackScreen, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = screen
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Order / carton"), self.tr("SSCC · carrier"), self.tr("Label"), ""]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(LINE_ROW_PX + 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.rows: dict[int, int] = {}  # shipment id -> row
        self.reprint_buttons: dict[int, QPushButton] = {}

    def show_shipments(self, shipments: list[ShipmentView]) -> None:
        self.table.setRowCount(len(shipments))
        self.rows.clear()
        self.reprint_buttons.clear()
        for row, sh in enumerate(shipments):
            self.rows[sh.id] = row
            self.table.setItem(
                row, 0, QTableWidgetItem(f"{sh.order_number}  #{sh.carton_sequence}")
            )
            self.table.setItem(row, 1, QTableWidgetItem(f"{sh.sscc}\n{sh.carrier} · {sh.service}"))
            button = QPushButton(self.tr("Reprint"))
            button.clicked.connect(lambda _=False, sid=sh.id: self.pack.reprint(sid))
            self.table.setCellWidget(row, 3, button)
            self.reprint_buttons[sh.id] = button
            self.update_job(sh.id, self.pack.latest_job(sh.id))

    def update_job(self, shipment_id: int, job: PrintJobView | None) -> None:
        row = self.rows.get(shipment_id)
        if row is None:
            return
        text, kind = job_status_text(job)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(STATUS_STYLE[kind] + "padding:4px 8px; font-weight:bold;")
        label.setProperty("kind", kind)
        self.table.setCellWidget(row, 2, label)

    def status_text(self, shipment_id: int) -> str:
        widget = self.table.cellWidget(self.rows[shipment_id], 2)
        return widget.text() if isinstance(widget, QLabel) else ""


class PackScreen(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.ctx = ctx
        self.printing: Printing = printing_for(ctx)
        self.service = PackingService(
            ctx.core,
            packing_settings.load(),
            self.printing.registry,
            on_job_queued=self.printing.wake,
        )
        self.state: PackState | None = None
        self.override_dialog: OverrideDialog | None = None
        self._runner = TaskRunner("pack-override", self)  # supervisor PIN checks
        self._checking = False
        # The carton advice, worked out on its own worker (a PIN check never waits for it).
        self._advice_runner = TaskRunner("pack-advice", self)
        self._advice_running: AdviceRequest | None = None  # being worked out now
        self._advice_for: AdviceRequest | None = None  # what the shown advice is for
        self.advice: CartonAdvice | None = None  # shown in the carton panel
        self.last_error = ""
        self._build()
        self.printing.job_changed.connect(self._job_changed)
        self.show_idle()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        # Room for two lines, always: a long message must not squeeze the buttons above.
        self.message.setFixedHeight(96)
        outer.addWidget(self.message)
        self.idle_page = self._build_idle()
        self.pack_page = self._build_pack()
        self.done_page = self._build_done()
        for page in (self.idle_page, self.pack_page, self.done_page):
            self.pages.addWidget(page)

    def _build_idle(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        prompt = QLabel("⌁ " + self.tr("Scan a tote or an order number"))
        theme.set_role(prompt, "huge")
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        row = QHBoxLayout()
        self.order_entry = QLineEdit()
        self.order_entry.setPlaceholderText(self.tr("or type it: SO-100001 / TOTE-0001"))
        self.open_button = QPushButton(self.tr("Open"))
        theme.set_role(self.open_button, "primary")
        self.order_entry.returnPressed.connect(self._open_typed)
        self.open_button.clicked.connect(self._open_typed)
        row.addWidget(self.order_entry, 1)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        history = QLabel(self.tr("Recent shipments"))
        theme.set_role(history, "title")
        layout.addWidget(history)
        self.idle_history = ShipmentList(self)
        layout.addWidget(self.idle_history, 1)
        return page

    def _build_pack(self) -> QWidget:
        # Every row here is counted against a 1024x768 screen with the tab bar shown: the
        # carton panel holds one row per fact and the two close buttons; *Leave order* sits
        # under the lines, where the table leaves room, so no button is ever squeezed.
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.order_title = QLabel()
        theme.set_role(self.order_title, "title")
        self.progress = QLabel()
        theme.set_role(self.progress, "title")
        head.addWidget(self.order_title, 1)
        head.addWidget(self.progress)
        layout.addLayout(head)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.lines = QTableWidget(0, 5)
        self.lines.setHorizontalHeaderLabels(
            ["", self.tr("Item"), self.tr("Lot"), self.tr("Expected"), self.tr("Packed")]
        )
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.lines.verticalHeader().setVisible(False)
        self.lines.verticalHeader().setDefaultSectionSize(LINE_ROW_PX)
        self.lines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.lines.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.lines.setStyleSheet(f"font-size:{theme.FONT_LARGE_PX - 4}px;")
        left.addWidget(self.lines, 1)
        leave_row = QHBoxLayout()
        self.leave_button = QPushButton("← " + self.tr("Leave order"))
        self.leave_button.clicked.connect(self.show_idle)
        leave_row.addWidget(self.leave_button)
        leave_row.addStretch(1)
        left.addLayout(leave_row)
        body.addLayout(left, 3)
        carton = QFrame()
        carton.setObjectName("cartonPanel")
        carton.setStyleSheet(
            f"QFrame#cartonPanel {{ background:{theme.CARD}; border:2px solid {theme.LINE};"
            " border-radius:8px; }"
        )
        side = QVBoxLayout(carton)
        title_row = QHBoxLayout()
        self.carton_title = QLabel()
        theme.set_role(self.carton_title, "title")
        title_row.addWidget(self.carton_title, 1)
        self.carton_units = QLabel()
        self.carton_units.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.carton_units)
        side.addLayout(title_row)
        box_row = QHBoxLayout()
        box_row.addWidget(QLabel(self.tr("Box")))
        self.box_choice = QComboBox()
        self.box_choice.setMinimumHeight(theme.TOUCH_MIN)
        self.box_choice.setStyleSheet(f"font-size:{theme.FONT_LARGE_PX - 4}px;")
        self.box_choice.activated.connect(self._box_chosen)
        box_row.addWidget(self.box_choice, 1)
        side.addLayout(box_row)
        self.suggestion_label = QLabel()
        self.suggestion_label.setWordWrap(True)
        theme.set_role(self.suggestion_label, "hint")
        side.addWidget(self.suggestion_label)
        self.weight_label = QLabel()
        self.weight_label.setStyleSheet(f"font-size:{theme.FONT_LARGE_PX}px; font-weight:bold;")
        side.addWidget(self.weight_label)
        side.addStretch(1)
        self.next_button = QPushButton("▤ " + self.tr("Close carton, next carton"))
        self.finish_button = QPushButton("✔ " + self.tr("Close carton, finish order"))
        theme.set_role(self.finish_button, "primary")
        self.next_button.clicked.connect(lambda: self.close_carton(open_next=True))
        self.finish_button.clicked.connect(lambda: self.close_carton(open_next=False))
        for b in (self.next_button, self.finish_button):
            side.addWidget(b)
        body.addWidget(carton, 2)
        layout.addLayout(body, 1)
        return page

    def _build_done(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_title = QLabel()
        theme.set_role(self.done_title, "title")
        self.done_title.setWordWrap(True)
        layout.addWidget(self.done_title)
        self.done_hint = QLabel(
            self.tr("Put the label on each carton. Next: scan a tote or order.")
        )
        theme.set_role(self.done_hint, "hint")
        layout.addWidget(self.done_hint)
        self.done_list = ShipmentList(self)
        layout.addWidget(self.done_list, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Next order"))
        theme.set_role(self.new_button, "primary")
        self.new_button.clicked.connect(self.show_idle)
        row.addStretch(1)
        row.addWidget(self.new_button)
        layout.addLayout(row)
        return page

    # --- who is packing -------------------------------------------------------------------

    def actor(self) -> Actor:
        s = self.ctx.session.current
        return Actor(s.user_id, s.badge_code) if s is not None else Actor(None, None)

    # --- scans ----------------------------------------------------------------------------

    def handle_scan(self, raw: RawScan) -> None:
        from app.scan import parse_scan
        from app.scan.types import BadgeScan, OrderScan, ProductScan, ScanError, ToteScan

        if self._checking:  # the order is being closed on the worker thread
            self._fail(self.tr("Checking the supervisor's PIN. Scan again in a moment."))
            return
        if raw.error:
            from ui.scan_texts import frame_error_text

            self._fail(frame_error_text(raw))
            return
        result: ScanResult = parse_scan(raw.data, gs_substitute=self._gs_substitute(raw.source))
        if isinstance(result, BadgeScan) and self.override_dialog is not None:
            self.override_dialog.set_badge(result.code)
        elif isinstance(result, OrderScan):
            self.open_code(result.number)
        elif isinstance(result, ToteScan):
            self.open_code(result.code)
        elif isinstance(result, ProductScan):
            self.scan_product(result)
        elif isinstance(result, ScanError):
            from ui.scan_texts import scan_error_text

            self._fail(scan_error_text(result))
        else:
            from ui.scan_texts import kind_text

            self._fail(
                self.tr("That was {what}; here, scan a tote, an order or an item.").format(
                    what=kind_text(result)
                )
            )

    def _gs_substitute(self, source: str) -> str | None:
        for scanner in self.ctx.core.config.scanners:
            if scanner.name == source and scanner.gs_substitute:
                return scanner.gs_substitute
        return None

    def scan_product(self, scan: object) -> None:
        from app.scan.types import ProductScan

        assert isinstance(scan, ProductScan)
        if self.state is None or self.state.done:
            self._fail(self.tr("Scan a tote or an order number first."))
            return
        try:
            outcome = self.service.scan_product(self.state.order_id, scan, self.actor())
        except PackError as exc:
            self._fail(pack_error_text(exc))
            return
        self._show_state(outcome.state)
        if outcome.state.complete and outcome.state.units_short:
            text = self.tr("✔ All picked items packed: close the carton.")
        elif outcome.state.complete:
            text = self.tr("✔ All items packed: close the carton.")
        elif outcome.line_complete:
            text = self.tr("✔ {name}: line complete").format(name=outcome.name)
        else:
            text = self.tr("✔ {name} +{n}").format(name=outcome.name, n=outcome.quantity)
        self._ok(text)

    # --- opening --------------------------------------------------------------------------

    def _open_typed(self) -> None:
        code = self.order_entry.text().strip()
        if code:
            self.open_code(code)

    def open_code(self, code: str) -> None:
        try:
            state = self.service.open(code)
        except PackError as exc:
            self._fail(pack_error_text(exc))
            return
        self.order_entry.clear()
        self._clear_message()
        if state.done:
            self._show_done(state)
        else:
            self._show_state(state)
            self.ctx.feedback.ok("")
            if state.units_short:
                self._show_message("▲ " + self._short_summary(state.units_short), "warn")

    # --- boxes and closing ----------------------------------------------------------------

    def _box_chosen(self, index: int) -> None:
        if self.state is None:
            return
        code = self.box_choice.itemData(index)
        try:
            self._show_state(self.service.choose_box(self.state.order_id, code, self.actor()))
        except PackError as exc:
            self._fail(pack_error_text(exc))

    def close_carton(self, *, open_next: bool) -> None:
        if self.state is None:
            return
        try:
            outcome = self.service.close_carton(
                self.state.order_id, self.actor(), open_next=open_next
            )
        except PackError as exc:
            if exc.code is PackErrorCode.UNDER_PACKED:
                self._fail(pack_error_text(exc))
                self._ask_override(int(exc.params.get("units", 0)))
                return
            self._fail(pack_error_text(exc))
            return
        self._closed(outcome.state, outcome.order_done, outcome.shipment)

    def _closed(self, state: PackState, order_done: bool, shipment: ShipmentView) -> None:
        if order_done:
            self._show_done(state)
            text = self.tr("✔ Order {order} packed").format(order=state.order_number)
            if state.units_short == 1:
                text += " · ▲ " + self.tr("1 item short at picking, noted on the label")
            elif state.units_short:
                text += " · ▲ " + self.tr("{n} items short at picking, noted on the label").format(
                    n=state.units_short
                )
            self._ok(text)
        else:
            self._show_state(state)
            self._ok(
                self.tr("✔ Carton {k} closed (SSCC {sscc}); carton {n} is open").format(
                    k=shipment.carton_sequence,
                    sscc=shipment.sscc,
                    n=shipment.carton_sequence + 1,
                )
            )

    def _ask_override(self, missing: int) -> None:
        dialog = OverrideDialog(missing, self)
        self.override_dialog = dialog
        dialog.submitted.connect(self._override_submitted)
        dialog.finished.connect(self._override_finished)
        dialog.open()

    @property
    def checking(self) -> bool:
        """A supervisor's PIN is being checked on the worker thread."""
        return self._checking

    def _override_submitted(self) -> None:
        """Close short with the supervisor's override, off the GUI thread: the PIN check is
        scrypt (tens of milliseconds, more under load), and the label is rendered too."""
        dialog, state = self.override_dialog, self.state
        if dialog is None or state is None or self._checking:
            return
        close = functools.partial(
            self.service.close_carton, state.order_id, self.actor(), override=dialog.override()
        )
        self._checking = True
        dialog.set_checking(True)
        self._runner.submit(close, self._override_granted, self._override_refused)

    def _override_granted(self, outcome: CloseOutcome) -> None:
        self._checking = False
        dialog = self.override_dialog
        if dialog is not None:
            dialog.set_checking(False)
            dialog.accept()
        self._closed(outcome.state, outcome.order_done, outcome.shipment)

    def _override_refused(self, error: BaseException) -> None:
        self._checking = False
        if isinstance(error, PackError):
            text = pack_error_text(error)
        else:
            log.error("override close failed", exc_info=error)
            text = self.tr("The override could not be checked ({error}). Try again.").format(
                error=error
            )
        dialog = self.override_dialog
        if dialog is not None:
            dialog.set_checking(False)
            dialog.pin.clear()  # typed again, as at login
            dialog.show_error(text)
        self._fail(text)

    def _override_finished(self) -> None:
        if self.override_dialog is not None:
            self.override_dialog.deleteLater()
        self.override_dialog = None

    # --- reprint and label status ---------------------------------------------------------

    def latest_job(self, shipment_id: int) -> PrintJobView | None:
        jobs = self.printing.queue.jobs_for_shipment(shipment_id)
        return jobs[-1] if jobs else None

    def reprint(self, shipment_id: int) -> None:
        try:
            self.service.reprint(shipment_id, self.actor())
        except PackError as exc:
            self._fail(pack_error_text(exc))
            return
        for view in (self.idle_history, self.done_list):
            view.update_job(shipment_id, self.latest_job(shipment_id))
        self._ok(self.tr("Label queued again"))

    def _job_changed(self, job: PrintJobView) -> None:
        if job.shipment_id is None:
            return
        for view in (self.idle_history, self.done_list):
            view.update_job(job.shipment_id, job)
        if job.status == "retrying" and self.pages.currentWidget() is not self.idle_page:
            text, _kind = job_status_text(job)
            self._show_message(text, "bad")

    # --- rendering ------------------------------------------------------------------------

    def show_idle(self) -> None:
        self.state = None
        self.idle_history.show_shipments(self.service.history(limit=12))
        self.pages.setCurrentWidget(self.idle_page)

    def _show_done(self, state: PackState) -> None:
        self.state = state
        n = len(state.cartons)
        packed = (
            self.tr("Order {order} packed: 1 carton")
            if n == 1
            else self.tr("Order {order} packed: {n} cartons")
        )
        self.done_title.setText("✔ " + packed.format(order=state.order_number, n=n))
        self.done_list.show_shipments(self.service.history(order_id=state.order_id))
        self.pages.setCurrentWidget(self.done_page)

    def _show_state(self, state: PackState) -> None:
        self.state = state
        self.order_title.setText(
            f"{state.order_number} · {state.ship_to_name} · {state.ship_to_country}"
            + (f" · {state.tote}" if state.tote else "")
        )
        self.progress.setText(
            self.tr("{packed} / {expected} items").format(
                packed=state.units_packed, expected=state.units_expected
            )
        )
        self.lines.setRowCount(len(state.lines))
        for row, line in enumerate(state.lines):
            if line.expected == 0:  # all of it short at picking: nothing to pack, not "done"
                mark, colour = "▲", theme.WARN
            elif line.remaining == 0:
                mark, colour = "✔", theme.OK
            elif line.packed:
                mark, colour = "◐", theme.WARN
            else:
                mark, colour = "○", theme.INK_MUTED
            item_text = f"{line.name}\n{line.sku}"
            if line.short:
                item_text += "\n▲ " + self.tr(
                    "{expected} of {ordered} — {short} short at picking"
                ).format(expected=line.expected, ordered=line.ordered, short=line.short)
            cells = [
                mark,
                item_text,
                ", ".join(line.lots) if line.lots else ("LOT" if line.lot_tracked else "—"),
                str(line.expected),
                str(line.packed),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (0, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col in (0, 4):
                    item.setForeground(_brush(colour))
                elif col == 3 and line.short:  # fewer to pack than ordered
                    item.setForeground(_brush(theme.WARN))
                self.lines.setItem(row, col, item)
        self.lines.resizeRowsToContents()
        carton = state.open_carton
        if carton is not None:
            self.carton_title.setText(self.tr("Carton {k}").format(k=carton.sequence))
            self._fill_boxes(carton.box_code)
            self.weight_label.setText(
                self.tr("Estimated weight: {w}").format(w=_kg(carton.weight_g))
            )
            self.carton_units.setText(
                self.tr("1 item in this carton")
                if carton.units == 1
                else self.tr("{n} items in this carton").format(n=carton.units)
            )
        self.next_button.setEnabled(carton is not None and carton.units > 0 and not state.complete)
        self.finish_button.setEnabled(carton is not None and carton.units > 0)
        self.pages.setCurrentWidget(self.pack_page)
        self._want_advice()

    # --- carton advice (off the scan path) --------------------------------------------------

    @property
    def advice_current(self) -> bool:
        """The carton panel shows the advice for the state on screen (none is on its way)."""
        request = self.state.advice_request if self.state is not None else None
        return request is not None and request == self._advice_for

    def _want_advice(self) -> None:
        """Work out the advice for the state on screen, unless it is shown or on its way.

        The advice shown for this carton stays up meanwhile (the next one replaces it within
        milliseconds, or tens of them for a B2B order); a new carton says it is working.
        """
        request = self.state.advice_request if self.state is not None else None
        if request is None:
            self._show_advice(None, None)
            return
        if request == self._advice_for:
            return
        if self._advice_for is None or self._advice_for.carton_id != request.carton_id:
            self._show_advice(None, None)
            self.suggestion_label.setText("… " + self.tr("Working out the box"))
        if self._advice_running is None:  # else: asked again when the running one is done
            self._advice_running = request
            self._advice_runner.submit(
                request.compute,
                functools.partial(self._advice_ready, request),
                functools.partial(self._advice_failed, request),
            )

    def _advice_ready(self, request: AdviceRequest, advice: CartonAdvice | None) -> None:
        self._advice_running = None
        current = self.state.advice_request if self.state is not None else None
        if request == current:
            self._show_advice(request, advice)
        else:  # the state moved on while this was worked out: drop it, ask for the new one
            log.debug("carton advice for an older state dropped")
        self._want_advice()

    def _advice_failed(self, request: AdviceRequest, error: BaseException) -> None:
        self._advice_running = None
        log.error("carton advice failed", exc_info=error)
        current = self.state.advice_request if self.state is not None else None
        if request == current:
            self._show_advice(request, None)  # an empty line; not asked again (same inputs)
        self._want_advice()

    def _show_advice(self, request: AdviceRequest | None, advice: CartonAdvice | None) -> None:
        self._advice_for = request
        self.advice = advice
        self.suggestion_label.setText(self._advice_text(advice) if advice is not None else "")
        self._mark_suggested(advice.box.code if advice is not None else None)

    def _advice_text(self, advice: CartonAdvice) -> str:
        """The carton panel's one line about boxes, from what is packed and what is left."""
        box, w, n = advice.box.code, _kg(advice.gross_weight_g), advice.more_cartons
        if advice.kind is Advice.NOTHING_LEFT:
            return "✔ " + self.tr("Nothing left to pack: everything is in this carton.")
        if advice.kind is Advice.FITS:
            if advice.is_chosen:
                text = self.tr("Box {box} holds everything left ({w} in total)")
            else:
                text = self.tr("Suggested: {box} — everything left fits ({w} in total)")
        elif advice.is_chosen:
            text = (
                self.tr("This carton ({box}), then 1 more carton for the rest")
                if n == 1
                else self.tr("This carton ({box}), then about {n} more cartons for the rest")
            )
        else:
            text = (
                self.tr("Suggested: {box} for this carton, then 1 more carton")
                if n == 1
                else self.tr("Suggested: {box} for this carton, then about {n} more cartons")
            )
        return text.format(box=box, w=w, n=n)

    def _short_summary(self, units: int) -> str:
        return (
            self.tr("1 item was short at picking: pack what was picked; the label says so.")
            if units == 1
            else self.tr(
                "{n} items were short at picking: pack what was picked; the label says so."
            ).format(n=units)
        )

    def _fill_boxes(self, current: str | None) -> None:
        self.box_choice.blockSignals(True)
        if self.box_choice.count() != len(self.service.settings.boxes):
            self.box_choice.clear()
            for box in self.service.settings.boxes:
                self.box_choice.addItem("", box.code)
        self._mark_suggested(self.advice.box.code if self.advice is not None else None)
        index = self.box_choice.findData(current)
        self.box_choice.setCurrentIndex(max(index, 0))
        self.box_choice.blockSignals(False)

    def _mark_suggested(self, suggested: str | None) -> None:
        """The ★ on the advised box; the texts change in place (the list may be open)."""
        for index, box in enumerate(self.service.settings.boxes[: self.box_choice.count()]):
            length, width, height = box.inner_mm
            text = f"{box.code} · {length}×{width}×{height}"
            if box.code == suggested:
                text += "  ★ " + self.tr("suggested")
            self.box_choice.setItemText(index, text)

    # --- messages -------------------------------------------------------------------------

    def _fail(self, text: str) -> None:
        self.last_error = text
        self._show_message("✖ " + text, "bad")
        self.ctx.feedback.fail(text)

    def _ok(self, text: str) -> None:
        self._show_message(text, "ok")
        self.ctx.feedback.ok(text)

    def _show_message(self, text: str, kind: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(
            STATUS_STYLE[kind] + f"padding:8px 16px; font-size:{theme.FONT_LARGE_PX}px;"
            " font-weight:bold; border-radius:6px;"
        )
        self.message.setProperty("kind", kind)

    def _clear_message(self) -> None:
        self.message.setText("")
        self.message.setStyleSheet("")
        self.message.setProperty("kind", "")

    def shutdown(self) -> None:
        self._runner.shutdown()  # a check still running is waited for; its answer dropped
        self._advice_runner.shutdown()
        self._advice_running = None
        self._checking = False
        if self.override_dialog is not None:
            self.override_dialog.set_checking(False)
            self.override_dialog.reject()
        self.printing.job_changed.disconnect(self._job_changed)


def _brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))
