"""The Pick tab: claim a batch, walk it step by step by scans, finish with a summary.

Pages: start (scan a cart or tote, or tap Start batch), step (the next bin in big parts, the
product, how many, which tote, progress, a small map), short (why: two taps in all), count (a
numpad), paused, and the end-of-batch summary. Each scan is checked at once against the step
(:class:`app.services.pick_flow.StepFlow`, no database); the confirmation at the tote and the
short, skip, undo, pause and resume actions are quick local transactions. Claiming a batch
(batching and routing) runs on a worker thread owned by this screen.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.pick_flow import Advanced, Confirm, FlowError, Stage, StepFlow
from app.services.pick_views import BatchSummary, BatchView, PickingError, PickStep
from app.services.picking import SHORT_REASONS, PickingService
from app.sync.status import SyncState, SyncStatus
from drivers.scanners.base import RawScan
from ui import theme
from ui.context import StationContext
from ui.login.numpad import NumPad
from ui.pick.aisle_map import AisleMap
from ui.pick.texts import flow_error_text, picking_error_text, reason_text
from ui.pick.widgets import BinCodeDisplay, Card, StageChips
from ui.sync_texts import refused_text
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.scan.types import ScanResult

log = logging.getLogger(__name__)

SERVER_ROUNDS = 3  # sync rounds to wait for a server batch before saying there is no work
SERVER_WAIT_MS = 30_000  # the embedded server's first start (demo site) takes a few seconds
SUMMARY_ROW_PX = 46
LOOK_AHEAD = 2  # bins named after the current one (one line beside the map)
REASON_SYMBOLS = {"empty_bin": "∅", "damaged": "△", "not_found": "?", "quantity_wrong": "#"}
# The message line's type size and top/bottom padding, biggest first (see _message_fit).
MESSAGE_FITS = ((theme.FONT_LARGE_PX, 6), (theme.FONT_PX, 6), (theme.FONT_SMALL_PX, 2))

MESSAGE_STYLE = {
    "ok": f"color:{theme.OK}; background:#e3f3e6; border:2px solid {theme.OK};",
    "fail": f"color:white; background:{theme.FAIL}; border:2px solid {theme.FAIL};",
    "info": f"color:{theme.INK}; background:{theme.CARD}; border:2px solid {theme.LINE};",
}


class PickScreen(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.ctx = ctx
        service = ctx.services.get("picking")
        self.service: PickingService = (
            service if isinstance(service, PickingService) else PickingService(ctx.core)
        )
        self.runner = TaskRunner("pick-claim", self)
        self.view: BatchView | None = None
        self.flow: StepFlow | None = None
        self.summary: BatchSummary | None = None
        self.claiming = False
        self.last_message = ""
        self._claim_args: tuple[int, str | None, str | None] = (0, None, None)
        self._server_rounds_left = 0
        self._awaiting_server = False
        self._server_timer = QTimer(self)
        self._server_timer.setSingleShot(True)
        self._server_timer.timeout.connect(self._server_timed_out)
        ctx.status.sync_changed.connect(self._sync_changed)
        self._listening = True
        self._build()
        self._resume_or_start()

    # --- who ------------------------------------------------------------------------------

    def user_id(self) -> int | None:
        s = self.ctx.session.current
        return s.user_id if s is not None else None

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 10)
        outer.setSpacing(8)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setFixedHeight(64)
        outer.addWidget(self.message)
        self.start_page = self._build_start()
        self.step_page = self._build_step()
        self.reason_page = self._build_reason()
        self.count_page = self._build_count()
        self.paused_page = self._build_paused()
        self.summary_page = self._build_summary()
        for page in (
            self.start_page,
            self.step_page,
            self.reason_page,
            self.count_page,
            self.paused_page,
            self.summary_page,
        ):
            self.pages.addWidget(page)
        self._retranslate()

    def _build_start(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.start_prompt = QLabel()
        theme.set_role(self.start_prompt, "huge")
        self.start_prompt.setWordWrap(True)
        self.start_prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.start_prompt)
        self.start_hint = QLabel()
        theme.set_role(self.start_hint, "hint")
        self.start_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.start_hint)
        row = QHBoxLayout()
        row.addStretch(1)
        self.start_button = QPushButton()
        theme.set_role(self.start_button, "primary")
        self.start_button.setMinimumSize(360, 96)
        self.start_button.clicked.connect(lambda: self.start_batch())
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.waiting_label = QLabel()
        self.waiting_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.waiting_label)
        layout.addStretch(2)
        return page

    def _build_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        head = QHBoxLayout()
        self.progress_label = QLabel()
        theme.set_role(self.progress_label, "title")
        self.units_label = QLabel()
        self.units_label.setStyleSheet(f"font-size:{theme.FONT_LARGE_PX}px; font-weight:bold;")
        self.batch_label = QLabel()
        theme.set_role(self.batch_label, "hint")
        head.addWidget(self.progress_label)
        head.addSpacing(24)
        head.addWidget(self.units_label)
        head.addStretch(1)
        head.addWidget(self.batch_label)
        layout.addLayout(head)

        body = QHBoxLayout()
        body.setSpacing(14)
        # The step must fit the tab's page at 1280x800 with the tab bar shown (and 1024x768):
        # below their minimum sizes Qt lays widgets over each other and clips the buttons.
        left = QVBoxLayout()
        left.setSpacing(6)
        self.bin_display = BinCodeDisplay()
        left.addWidget(self.bin_display)
        product_row = QHBoxLayout()
        self.product_image = QLabel()
        self.product_image.setFixedSize(96, 96)
        self.product_image.setScaledContents(True)
        self.product_image.hide()
        product_row.addWidget(self.product_image)
        product_text = QVBoxLayout()
        product_text.setSpacing(0)
        self.product_name = QLabel()
        self.product_name.setWordWrap(True)
        self.product_name.setStyleSheet(f"font-size:{theme.FONT_LARGE_PX}px; font-weight:bold;")
        self.product_detail = QLabel()
        theme.set_role(self.product_detail, "hint")
        product_text.addWidget(self.product_name)
        product_text.addWidget(self.product_detail)
        product_row.addLayout(product_text, 1)
        left.addLayout(product_row)
        cards = QHBoxLayout()
        self.quantity_card = Card()
        self.tote_card = Card()
        cards.addWidget(self.quantity_card, 2)
        cards.addWidget(self.tote_card, 3)
        left.addLayout(cards)
        self.chips = StageChips()
        left.addWidget(self.chips)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet(f"font-size:{theme.FONT_LARGE_PX}px; font-weight:bold;")
        left.addWidget(self.prompt)
        left.addStretch(1)
        body.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(8)
        self.map = AisleMap()
        right.addWidget(self.map, 1)
        self.legend = QLabel()
        theme.set_role(self.legend, "hint")
        self.legend.setWordWrap(True)
        right.addWidget(self.legend)
        self.next_bins = QLabel()  # the look-ahead, next to the map it belongs to
        theme.set_role(self.next_bins, "hint")
        # One line: clipped on a narrow window rather than taking height from the buttons.
        self.next_bins.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        right.addWidget(self.next_bins)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.short_button = QPushButton()
        theme.set_role(self.short_button, "danger")
        self.skip_button = QPushButton()
        self.undo_button = QPushButton()
        self.count_button = QPushButton()
        self.pause_button = QPushButton()
        self.short_button.clicked.connect(self.ask_short)
        self.skip_button.clicked.connect(self.skip)
        self.undo_button.clicked.connect(self.undo)
        self.count_button.clicked.connect(self.ask_count)
        self.pause_button.clicked.connect(self.pause)
        for button in (
            self.short_button,
            self.skip_button,
            self.count_button,
            self.undo_button,
            self.pause_button,
        ):
            # Still 64 px of target (the theme's min-height) without the 16 px of padding.
            button.setStyleSheet("padding: 0 12px;")
        grid.addWidget(self.short_button, 0, 0)
        grid.addWidget(self.skip_button, 0, 1)
        grid.addWidget(self.count_button, 1, 0)
        grid.addWidget(self.undo_button, 1, 1)
        grid.addWidget(self.pause_button, 2, 0, 1, 2)
        right.addLayout(grid)
        body.addLayout(right, 2)
        layout.addLayout(body, 1)
        return page

    def _build_reason(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.reason_title = QLabel()
        theme.set_role(self.reason_title, "title")
        self.reason_context = QLabel()
        self.reason_context.setWordWrap(True)
        self.reason_context.setStyleSheet(f"font-size:{theme.FONT_LARGE_PX}px;")
        layout.addWidget(self.reason_title)
        layout.addWidget(self.reason_context)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.reason_buttons: dict[str, QPushButton] = {}
        for i, reason in enumerate(SHORT_REASONS):
            button = QPushButton()
            button.setStyleSheet(
                f"min-height:130px; font-size:{theme.FONT_TITLE_PX}px; font-weight:bold;"
            )
            button.clicked.connect(lambda _=False, r=reason: self.short(r))
            grid.addWidget(button, i // 2, i % 2)
            self.reason_buttons[reason] = button
        layout.addSpacing(12)
        layout.addLayout(grid)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.reason_cancel = QPushButton()
        self.reason_cancel.setMinimumWidth(240)
        self.reason_cancel.clicked.connect(self.back_to_step)
        row.addWidget(self.reason_cancel)
        layout.addLayout(row)
        return page

    def _build_count(self) -> QWidget:
        page = QWidget()
        layout = QHBoxLayout(page)
        left = QVBoxLayout()
        self.count_title = QLabel()
        theme.set_role(self.count_title, "title")
        self.count_title.setWordWrap(True)
        self.count_value = QLabel("")
        theme.set_role(self.count_value, "huge")
        self.count_hint = QLabel()
        theme.set_role(self.count_hint, "hint")
        self.count_hint.setWordWrap(True)
        self.count_cancel = QPushButton()
        self.count_cancel.clicked.connect(self.back_to_step)
        left.addWidget(self.count_title)
        left.addWidget(self.count_value)
        left.addWidget(self.count_hint)
        left.addStretch(1)
        left.addWidget(self.count_cancel)
        layout.addLayout(left, 1)
        self.numpad = NumPad()
        self.numpad.digit.connect(self._count_digit)
        self.numpad.delete.connect(lambda: self.count_value.setText(self.count_value.text()[:-1]))
        self.numpad.submit.connect(self._count_submit)
        layout.addWidget(self.numpad, 1)
        return page

    def _build_paused(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.paused_title = QLabel()
        theme.set_role(self.paused_title, "huge")
        self.paused_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_detail = QLabel()
        self.paused_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_detail.setStyleSheet(f"font-size:{theme.FONT_LARGE_PX}px;")
        layout.addWidget(self.paused_title)
        layout.addWidget(self.paused_detail)
        row = QHBoxLayout()
        row.addStretch(1)
        self.resume_button = QPushButton()
        theme.set_role(self.resume_button, "primary")
        self.resume_button.setMinimumSize(360, 96)
        self.resume_button.clicked.connect(self.resume)
        row.addWidget(self.resume_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _build_summary(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary_title = QLabel()
        theme.set_role(self.summary_title, "title")
        self.summary_totals = QLabel()
        self.summary_totals.setWordWrap(True)
        self.summary_totals.setStyleSheet(f"font-size:{theme.FONT_LARGE_PX}px;")
        layout.addWidget(self.summary_title)
        layout.addWidget(self.summary_totals)
        self.summary_table = QTableWidget(0, 4)
        header = self.summary_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary_table.verticalHeader().setVisible(False)
        # A full cart (6 totes) fits without scrolling at 1280x800; more rows scroll by finger.
        self.summary_table.verticalHeader().setDefaultSectionSize(SUMMARY_ROW_PX)
        QScroller.grabGesture(
            self.summary_table.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.summary_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary_table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.summary_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.summary_table.setStyleSheet(f"font-size:{theme.FONT_LARGE_PX - 4}px;")
        layout.addWidget(self.summary_table, 1)
        row = QHBoxLayout()
        self.summary_hint = QLabel()
        theme.set_role(self.summary_hint, "hint")
        self.summary_hint.setWordWrap(True)
        row.addWidget(self.summary_hint, 1)
        self.next_button = QPushButton()
        theme.set_role(self.next_button, "primary")
        self.next_button.setMinimumWidth(320)
        self.next_button.clicked.connect(lambda: self.start_batch())
        row.addWidget(self.next_button)
        layout.addLayout(row)
        return page

    def _retranslate(self) -> None:
        self.start_prompt.setText("⇒ " + self.tr("Scan a cart or a tote to start"))
        self.start_hint.setText(self.tr("or tap the button: the station forms your batch"))
        self.start_button.setText("▶ " + self.tr("Start batch"))
        self.legend.setText(self.tr("■ depot  ▼ you  ● next  ○ to do  ✔ done  ✖ short"))
        self.short_button.setText("✖ " + self.tr("Short"))
        self.skip_button.setText("↷ " + self.tr("Skip"))
        self.undo_button.setText("↶ " + self.tr("Undo"))
        self.count_button.setText("# " + self.tr("Key in count"))
        self.pause_button.setText("‖ " + self.tr("Pause"))
        self.reason_title.setText(self.tr("Short pick: why?"))
        for reason, button in self.reason_buttons.items():
            button.setText(f"{REASON_SYMBOLS[reason]}  {reason_text(reason)}")
        self.reason_cancel.setText(self.tr("Cancel"))
        self.count_title.setText(self.tr("How many did you take?"))
        self.count_cancel.setText(self.tr("Cancel"))
        self.paused_title.setText("‖ " + self.tr("Paused"))
        self.resume_button.setText("▶ " + self.tr("Resume"))
        self.next_button.setText("▶ " + self.tr("Next batch"))
        self.summary_table.setHorizontalHeaderLabels(
            [self.tr("Order"), self.tr("Tote"), self.tr("Picked"), self.tr("Short")]
        )
        self.summary_hint.setText(self.tr("Take the totes to packing."))
        if self.pages.currentWidget() is self.start_page:
            self._refresh_waiting()
        if self.view is not None:
            self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    # --- starting, resuming ---------------------------------------------------------------

    def _resume_or_start(self) -> None:
        user = self.user_id()
        view = self.service.active_batch(user) if user is not None else None
        if view is None:
            self.show_start()
            return
        self._set_view(view)
        self._info(self.tr("Your batch {code} is back where you left it.").format(code=view.code))

    def show_start(self) -> None:
        self.view = None
        self.flow = None
        self.pages.setCurrentWidget(self.start_page)
        self._refresh_waiting()

    def _refresh_waiting(self) -> None:
        if self.claiming:
            self.waiting_label.setText(self.tr("Forming your batch…"))
            return
        n = self.service.waiting_orders()
        self.waiting_label.setText(self.tr("{n} orders waiting to be picked").format(n=n))

    def start_batch(self, *, cart: str | None = None, tote: str | None = None) -> None:
        """Claim the next batch on the worker thread; the result comes back by signal."""
        if self.claiming:
            self._fail(self.tr("Wait: your batch is being formed."))
            return
        user = self.user_id()
        if user is None:
            return
        self.claiming = True
        self.start_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self.show_start()
        # With the server handing out batches, the first claim often finds none here yet: the
        # claim asks the sync worker for one, and the screen waits a few rounds for it.
        self._server_rounds_left = SERVER_ROUNDS if self._sync_worker() is not None else 0
        self._submit_claim(user, cart, tote)

    def _submit_claim(self, user: int, cart: str | None, tote: str | None) -> None:
        service = self.service
        self._claim_args = (user, cart, tote)
        self.runner.submit(
            lambda: service.claim_next(user, cart_code=cart, first_tote=tote),
            self._claimed,
            self._claim_failed,
        )

    def _sync_worker(self) -> object | None:
        return self.ctx.services.get("sync")

    def _wait_for_server(self) -> bool:
        """After ``no_work``: wait for the sync worker's next round, unless it is offline."""
        worker = self._sync_worker()
        if worker is None or self._server_rounds_left <= 0:
            return False
        status = getattr(worker, "status", None)
        if isinstance(status, SyncStatus) and status.working_locally:  # offline or refused
            self._server_offline(status)
            return True
        self._server_rounds_left -= 1
        self._awaiting_server = True
        self._server_timer.start(SERVER_WAIT_MS)
        self.waiting_label.setText(self.tr("Asking the server for your batch…"))
        self._info(self.tr("Asking the server for your batch…"))
        return True

    def _sync_changed(self, status: object) -> None:
        if not self._awaiting_server or not isinstance(status, SyncStatus):
            return
        if status.state is SyncState.ONLINE:
            self._awaiting_server = False
            self._server_timer.stop()
            user, cart, tote = self._claim_args
            self._submit_claim(user, cart, tote)
        elif status.working_locally:  # offline or refused: no batch is coming
            self._server_offline(status)

    def _server_offline(self, status: SyncStatus) -> None:
        if status.state is SyncState.REFUSED:  # waiting will not help: say who can fix it
            text = self.tr("No batch here yet. {refused}").format(
                refused=refused_text(status.last_error or "")
            )
        else:
            text = self.tr("No batch here yet, and the server cannot be reached ({why}).").format(
                why=status.last_error or self.tr("no answer")
            )
        self._server_gave_up(text)

    def _server_timed_out(self) -> None:
        if self._awaiting_server:
            self._server_gave_up(picking_error_text(PickingError("no_work")))

    def _server_gave_up(self, text: str) -> None:
        self._awaiting_server = False
        self._server_timer.stop()
        self._claim_done()
        self._fail(text)
        self.show_start()

    def _claimed(self, view: object) -> None:
        assert isinstance(view, BatchView)
        self._claim_done()
        self._set_view(view)
        self._ok(
            self.tr("✔ Batch {code}: {orders} orders, {steps} bins, {m} m walk").format(
                code=view.code,
                orders=len(view.totes),
                steps=view.steps_total,
                m=round(view.route_m),
            )
        )

    def _claim_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PickingError) and exc.code == "no_work" and self._wait_for_server():
            return
        self._claim_done()
        if isinstance(exc, PickingError):
            self._fail(picking_error_text(exc))
        else:
            log.error("claiming a batch failed", exc_info=exc)
            self._fail(self.tr("Could not form a batch: {error}").format(error=exc))
        self.show_start()

    def _claim_done(self) -> None:
        self.claiming = False
        self.start_button.setEnabled(True)
        self.next_button.setEnabled(True)

    # --- rendering ------------------------------------------------------------------------

    def _set_view(self, view: BatchView, *, same_step_verified: bool = False) -> None:
        """Show a new state from the service; a new step starts its scan flow afresh."""
        old_task = self.flow.step.task_id if self.flow is not None else None
        self.view = view
        if view.status == "done":
            self.flow = None
            self.summary = self.service.summary(view.batch_id)
            self._render_summary()
            self.pages.setCurrentWidget(self.summary_page)
            return
        if view.current is not None:
            keep = same_step_verified and old_task == view.current.task_id
            self.flow = StepFlow(view.current, self.service.today(), bin_verified=keep)
        self._render()
        if view.status == "paused":
            self.pages.setCurrentWidget(self.paused_page)
        else:
            self.pages.setCurrentWidget(self.step_page)

    def _render(self) -> None:
        view = self.view
        if view is None or view.status == "done":
            return
        step = view.current
        self.progress_label.setText(
            self.tr("Step {k} of {n}").format(
                k=step.position if step else view.steps_total, n=view.steps_total
            )
        )
        self.units_label.setText(self.units_left_text(view.units_left))
        self.batch_label.setText(view.code + (f" · {view.cart}" if view.cart else ""))
        self.map.show_route(view.layout, view.stops)
        self.undo_button.setEnabled(view.can_undo)
        self.paused_detail.setText(
            self.tr("Batch {code} · step {k} of {n}").format(
                code=view.code,
                k=step.position if step else view.steps_total,
                n=view.steps_total,
            )
            + " · "
            + self.units_left_text(view.units_left)
        )
        after = [stop.code for stop in view.stops if stop.state == "todo"]
        self.next_bins.setText(
            self.tr("Then: {bins}").format(
                bins=" → ".join(after[:LOOK_AHEAD]) + (" …" if len(after) > LOOK_AHEAD else "")
            )
            if after
            else self.tr("This is the last bin of the batch.")
        )
        if step is None:
            return
        self.bin_display.show_bin(step.bin)
        self._render_product(step)
        self._render_flow()

    def _render_product(self, step: PickStep) -> None:
        self.product_name.setText(step.product.name)
        detail = [step.product.sku]
        if step.product.lot_tracked and step.lot:
            detail.append(self.tr("lot {lot}").format(lot=step.lot))
        if step.deferred:
            detail.append(self.tr("skipped earlier"))
        self.product_detail.setText(" · ".join(detail))
        image = self._image(step.product.image_path)
        self.product_image.setVisible(image is not None)
        if image is not None:
            self.product_image.setPixmap(image)
        view = self.view
        slot = (
            next((i for i, (o, _t) in enumerate(view.totes) if o == step.order), 0) if view else 0
        )
        self.tote_card.caption.setText(self.tr("Into tote"))
        self.tote_card.value.setText(step.tote)
        self.tote_card.detail.setText(
            self.tr("cart slot {slot} · order {order}").format(slot=slot + 1, order=step.order)
        )

    def _image(self, path: str | None) -> QPixmap | None:
        if not path:
            return None
        candidate = Path(path)
        if not candidate.is_absolute():
            candidate = self.ctx.core.data_dir / candidate
        if not candidate.exists():
            return None
        pixmap = QPixmap(str(candidate))
        return None if pixmap.isNull() else pixmap

    def _render_flow(self) -> None:
        flow = self.flow
        if flow is None:
            return
        step = flow.step
        self.quantity_card.caption.setText(self.tr("Pick"))
        self.quantity_card.value.setText(f"× {step.remaining}")
        self.quantity_card.detail.setText(
            self.tr("counted {k} of {n}").format(k=flow.counted, n=step.remaining)
        )
        self.chips.show_stage(flow.stage)
        if flow.stage == Stage.BIN:
            text = self.tr("Go to bin {bin} and scan its label.").format(bin=step.bin.code)
        elif flow.stage == Stage.PRODUCT and flow.counted == 0:
            text = self.tr("Scan the product: {name}.").format(name=step.product.name)
        elif flow.stage == Stage.PRODUCT:
            text = self.tr("Scan the next unit ({k} of {n}), or key in the count.").format(
                k=flow.counted + 1, n=step.remaining
            )
        elif flow.counted == 1:
            text = self.tr("Put the unit in tote {tote} and scan the tote.").format(tote=step.tote)
        else:
            text = self.tr("Put the {n} units in tote {tote} and scan the tote.").format(
                n=flow.counted, tote=step.tote
            )
        self.prompt.setText("▶ " + text)
        self.count_button.setEnabled(flow.counted > 0)

    # --- counted words: English has "1 unit" and "2 units"; Chinese one form for both ------

    def units_left_text(self, n: int) -> str:
        return self.tr("1 unit left") if n == 1 else self.tr("{n} units left").format(n=n)

    def summary_text(self, summary: BatchSummary, minutes: int = 0) -> str:
        units = (
            self.tr("1 unit picked")
            if summary.units_picked == 1
            else self.tr("{n} units picked").format(n=summary.units_picked)
        )
        lines = (
            self.tr("1 line short")
            if summary.lines_short == 1
            else self.tr("{n} lines short").format(n=summary.lines_short)
        )
        short = (
            self.tr("1 unit")
            if summary.units_short == 1
            else self.tr("{n} units").format(n=summary.units_short)
        )
        counts = (
            self.tr("1 bin to count")
            if summary.count_tasks == 1
            else self.tr("{n} bins to count").format(n=summary.count_tasks)
        )
        walk = self.tr("walk {m} m · {min} min").format(m=round(summary.route_m), min=minutes)
        return f"{units} · {lines} ({short}) · {counts} · {walk}"

    def _render_summary(self) -> None:
        summary = self.summary
        if summary is None:
            return
        self.summary_title.setText("✔ " + self.tr("Batch {code} done").format(code=summary.code))
        minutes = 0
        if summary.started_at and summary.finished_at:
            minutes = round((summary.finished_at - summary.started_at).total_seconds() / 60)
        self.summary_totals.setText(self.summary_text(summary, minutes))
        self.summary_table.setRowCount(len(summary.orders))
        for row, result in enumerate(summary.orders):
            short = f"✖ {result.units_short}" if result.units_short else "—"
            picked = f"✔ {result.units_picked}" if result.units_picked else "—"
            cells = [result.order, result.tote, picked, short]
            for col, text in enumerate(cells):
                self.summary_table.setItem(row, col, QTableWidgetItem(text))

    # --- scans ----------------------------------------------------------------------------

    def handle_scan(self, raw: RawScan) -> None:
        from app.scan import parse_scan
        from app.scan.types import CartScan, ScanError, ToteScan

        if raw.error:
            from ui.scan_texts import frame_error_text

            self._fail(frame_error_text(raw))
            return
        result: ScanResult = parse_scan(raw.data, gs_substitute=self._gs_substitute(raw.source))
        if isinstance(result, ScanError):
            from ui.scan_texts import scan_error_text

            self._fail(scan_error_text(result))
            return
        page = self.pages.currentWidget()
        if page in (self.start_page, self.summary_page):
            if isinstance(result, CartScan):
                self.start_batch(cart=result.code)
            elif isinstance(result, ToteScan):
                self.start_batch(tote=result.code)
            else:
                self._fail(self.tr("Start a batch first: scan a cart or a tote."))
            return
        if page is self.paused_page:
            self._fail(self.tr("The batch is paused: tap Resume first."))
            return
        if page is self.reason_page:
            self._fail(self.tr("Choose why the pick is short, or Cancel."))
            return
        if page is self.count_page:
            self.back_to_step()
        if self.flow is None:
            return
        self._apply(self.flow.scan(result))

    def _gs_substitute(self, source: str) -> str | None:
        for scanner in self.ctx.core.config.scanners:
            if scanner.name == source and scanner.gs_substitute:
                return scanner.gs_substitute
        return None

    def _apply(self, outcome: Advanced | FlowError | Confirm) -> None:
        flow = self.flow
        if flow is None:
            return
        if isinstance(outcome, FlowError):
            self._fail(flow_error_text(outcome))
            return
        if isinstance(outcome, Confirm):
            self._confirm(outcome)
            return
        step = flow.step
        if outcome.stage == Stage.PRODUCT and outcome.counted == 0:
            self._ok(self.tr("✔ Bin {bin}").format(bin=step.bin.code))
        elif outcome.stage == Stage.TOTE:
            self._ok(
                self.tr("✔ {n} counted: scan tote {tote}").format(n=outcome.counted, tote=step.tote)
            )
        else:
            self._ok(self.tr("✔ {k} of {n}").format(k=outcome.counted, n=step.remaining))
        self._render_flow()

    def _confirm(self, confirm: Confirm) -> None:
        view, flow = self.view, self.flow
        if view is None or flow is None:
            return
        try:
            new = self.service.confirm(
                view.batch_id,
                flow.step.task_id,
                confirm.quantity,
                confirm.lot,
                confirm.tote,
                self.user_id(),
            )
        except PickingError as exc:
            self._fail(picking_error_text(exc))
            self._reload()
            return
        self._set_view(new, same_step_verified=True)
        self._ok(
            self.tr("✔ {n} × {name} in tote {tote}").format(
                n=confirm.quantity, name=flow.step.product.name, tote=confirm.tote
            )
        )

    def _reload(self) -> None:
        if self.view is not None:
            self._set_view(self.service.view(self.view.batch_id))

    # --- step actions ---------------------------------------------------------------------

    def ask_short(self) -> None:
        """First tap: show the reasons (the second tap picks one)."""
        if self.flow is None:
            return
        step = self.flow.step
        self.reason_context.setText(
            self.tr("{bin} · {name} · {n} still to pick").format(
                bin=step.bin.code, name=step.product.name, n=step.remaining
            )
        )
        self.pages.setCurrentWidget(self.reason_page)

    def short(self, reason: str) -> None:
        view, flow = self.view, self.flow
        if view is None or flow is None:
            return
        try:
            result = self.service.short(view.batch_id, flow.step.task_id, reason, self.user_id())
        except PickingError as exc:
            self._fail(picking_error_text(exc))
            self._reload()
            return
        self._set_view(result.view)
        if result.rerouted_to:
            self._ok(
                self.tr("✔ Short noted ({reason}). The rest comes from bin {bins}.").format(
                    reason=reason_text(reason), bins=", ".join(result.rerouted_to)
                )
            )
        else:
            self._ok(
                self.tr("✔ Short noted ({reason}): the order gets {n} fewer.").format(
                    reason=reason_text(reason), n=result.short_quantity
                )
            )

    def skip(self) -> None:
        view, flow = self.view, self.flow
        if view is None or flow is None:
            return
        try:
            new = self.service.skip(view.batch_id, flow.step.task_id, self.user_id())
        except PickingError as exc:
            self._fail(picking_error_text(exc))
            self._reload()
            return
        self._set_view(new)
        self._ok(
            self.tr("✔ Skipped {bin}: it comes again at the end.").format(bin=flow.step.bin.code)
        )

    def undo(self) -> None:
        view = self.view
        if view is None:
            return
        try:
            new = self.service.undo_last(view.batch_id, self.user_id())
        except PickingError as exc:
            self._fail(picking_error_text(exc))
            return
        self._set_view(new)
        self._ok(self.tr("↶ Undone: take the units back out of the tote."))

    def ask_count(self) -> None:
        if self.flow is None:
            return
        if self.flow.counted == 0:
            self._fail(flow_error_text(FlowError("product_first", self.flow.step.product.name)))
            return
        self.count_value.setText("")
        self.count_hint.setText(
            self.tr("{name}: up to {n}").format(
                name=self.flow.step.product.name, n=self.flow.step.remaining
            )
        )
        self.pages.setCurrentWidget(self.count_page)

    def _count_digit(self, digit: str) -> None:
        if len(self.count_value.text()) < 4:
            self.count_value.setText(self.count_value.text() + digit)

    def _count_submit(self) -> None:
        if self.flow is None:
            return
        text = self.count_value.text()
        outcome = self.flow.set_quantity(int(text) if text else 0)
        if isinstance(outcome, FlowError):
            self._fail(flow_error_text(outcome))
            return
        self.back_to_step()
        self._apply(outcome)

    def back_to_step(self) -> None:
        self.pages.setCurrentWidget(self.step_page)
        self._render_flow()

    def pause(self) -> None:
        if self.view is None:
            return
        try:
            self._set_view(self.service.pause(self.view.batch_id, self.user_id()))
        except PickingError as exc:
            self._fail(picking_error_text(exc))
            return
        self._info(self.tr("Paused. The batch waits for you, even over a restart."))

    def resume(self) -> None:
        if self.view is None:
            return
        try:
            self._set_view(self.service.resume(self.view.batch_id, self.user_id()))
        except PickingError as exc:
            self._fail(picking_error_text(exc))
            return
        self._ok(self.tr("▶ Resumed"))

    # --- feedback -------------------------------------------------------------------------

    def _show_message(self, text: str, kind: str) -> None:
        self.last_message = text
        self.message.setText(text)
        px, pad = self._message_fit(text)
        self.message.setStyleSheet(
            MESSAGE_STYLE[kind]
            + f"border-radius:6px; padding:{pad}px 14px; font-size:{px}px; font-weight:bold;"
        )

    def _message_fit(self, text: str) -> tuple[int, int]:
        """Type size and top/bottom padding at which ``text`` fits the 64 px message line,
        the biggest first: a long reason (the server refused this station, and why) shrinks
        onto two lines instead of being cut off."""
        width = max(self.message.width(), self.width()) - 2 * (14 + 2)
        font = QFont(self.message.font())
        font.setBold(True)
        for px, pad in MESSAGE_FITS:
            font.setPixelSize(px)
            box = QFontMetrics(font).boundingRect(
                QRect(0, 0, max(width, 1), 10_000), Qt.TextFlag.TextWordWrap, text
            )
            if box.height() <= self.message.height() - 2 * (pad + 2):  # 2 px border
                return px, pad
        return MESSAGE_FITS[-1]

    def _ok(self, text: str) -> None:
        self._show_message(text, "ok")
        self.ctx.feedback.ok(text)

    def _fail(self, text: str) -> None:
        self._show_message(text, "fail")
        self.ctx.feedback.fail(text)

    def _info(self, text: str) -> None:
        self._show_message(text, "info")

    # --- lifecycle ------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop and join the claim worker (the shell calls this before deleting the screen).
        Safe to call twice: a restart test, then the fixture, both shut the screen down."""
        if self._listening:
            self._listening = False
            self.ctx.status.sync_changed.disconnect(self._sync_changed)
        self._server_timer.stop()
        self._awaiting_server = False
        self.runner.shutdown()
