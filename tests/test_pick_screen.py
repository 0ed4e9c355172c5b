"""The Pick tab with real Qt widgets (offscreen) on a real station database, driven by scans.

Flows: a whole batch on the right path, wrong bin / product / tote, a short pick re-routed to
another bin, skip, undo, a restart in the middle of a batch. Screenshots (English and Chinese)
go to /work/screens/pick when that folder can be made.
"""

from __future__ import annotations

import os
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.persistence.models import Location, Order, OrderStatus, PickTask, Role, StockItem
from app.services.picking import PickingService
from app.services.session import UserSession
from drivers.scanners.base import RawScan

TODAY = date(2026, 11, 22)
SCREENS = Path(os.environ.get("WS_SCREENS_DIR", "/work/screens/pick"))


def raw(text: str) -> RawScan:
    return RawScan(data=text.encode(), timestamp=time.monotonic(), source="test")


def shot(widget, name: str) -> None:
    try:
        SCREENS.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    widget.grab().save(str(SCREENS / f"{name}.png"))


class Feedback:
    def __init__(self, ctx) -> None:
        self.ok: list[str] = []
        self.errors: list[str] = []
        ctx.feedback.success.connect(self.ok.append)
        ctx.feedback.error.connect(self.errors.append)


@pytest.fixture
def ctx(core):
    from ui.context import StationContext

    context = StationContext(core)
    context.session.set(UserSession(1, "Li Wei", Role.PICKER, "USR-1001", "en"))
    context.services["picking"] = PickingService(core, today=lambda: TODAY)
    return context


@pytest.fixture
def make_screen(ctx, qtbot):
    from PySide6.QtWidgets import QApplication

    from ui import theme
    from ui.pick.screen import PickScreen

    theme.apply(QApplication.instance())
    made = []

    def make():
        screen = PickScreen(ctx)
        qtbot.addWidget(screen)
        screen.resize(1280, 720)
        screen.show()
        made.append(screen)
        return screen

    yield make
    for screen in made:
        screen.shutdown()
    assert not [t for t in threading.enumerate() if t.name.startswith("pick-claim")]


@pytest.fixture
def feedback(ctx) -> Feedback:
    return Feedback(ctx)


def start(screen, qtbot) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.view is not None, timeout=10_000)


def ean(step) -> str:
    """What a scanner reads off the unit: the EAN-13 of the product's 14-digit GTIN."""
    gtin = step.product.gtins[0][0]
    return gtin[1:] if gtin.startswith("0") else gtin


def pick_current(screen) -> None:
    """Walk the current step on the right path: bin, product (numpad if many), tote."""
    step = screen.flow.step
    screen.handle_scan(raw(step.bin.code))
    screen.handle_scan(raw(ean(step)))
    if step.remaining > 1:
        if step.remaining <= 3:
            for _ in range(step.remaining - 1):
                screen.handle_scan(raw(ean(step)))
        else:
            screen.ask_count()
            for d in str(step.remaining):
                screen.numpad.keys[d].click()
            screen.numpad.keys["ok"].click()
    screen.handle_scan(raw(step.tote))


def test_a_whole_batch_on_the_right_path(core, make_screen, qtbot, feedback) -> None:
    screen = make_screen()
    assert screen.pages.currentWidget() is screen.start_page
    shot(screen, "en_start")
    start(screen, qtbot)
    assert screen.pages.currentWidget() is screen.step_page
    first = screen.flow.step
    assert screen.progress_label.text() == f"Step 1 of {screen.view.steps_total}"
    assert [c.value.text() for c in screen.bin_display.cells] == [
        first.bin.zone,
        first.bin.aisle,
        first.bin.bay,
        first.bin.level,
        first.bin.slot,
    ]
    assert screen.tote_card.value.text() == first.tote
    screen.handle_scan(raw(first.bin.code))
    assert feedback.ok[-1] == f"✔ Bin {first.bin.code}"
    shot(screen, "en_step")
    steps = 0
    screen.handle_scan(raw(ean(first)))  # finish the first step by the helper's path
    for _ in range(first.remaining - 1):
        screen.handle_scan(raw(ean(first)))
    screen.handle_scan(raw(first.tote))
    steps += 1
    while screen.pages.currentWidget() is screen.step_page:
        pick_current(screen)
        steps += 1
    assert screen.pages.currentWidget() is screen.summary_page
    assert feedback.errors == []
    assert screen.summary is not None and screen.summary.units_short == 0
    assert screen.summary_table.rowCount() == len(screen.view.totes)
    shot(screen, "en_summary")
    with core.uow() as uow:
        for number, _tote in screen.view.totes:
            order = uow.session.scalar(select(Order).where(Order.number == number))
            assert order.status == OrderStatus.PICKED


def test_wrong_bin_product_and_tote_name_what_was_expected(make_screen, qtbot, feedback) -> None:
    screen = make_screen()
    start(screen, qtbot)
    step = screen.flow.step
    wrong_bin = "B-10-25-4-1" if step.bin.code != "B-10-25-4-1" else "A-01-01-4-1"
    screen.handle_scan(raw(wrong_bin))
    assert feedback.errors[-1] == f"✖ Wrong bin {wrong_bin}. Go to bin {step.bin.code}."
    assert screen.message.text() == feedback.errors[-1]
    shot(screen, "en_error")
    screen.handle_scan(raw(ean(step)))
    assert "Scan the bin label" in feedback.errors[-1]
    screen.handle_scan(raw(step.bin.code))
    screen.handle_scan(raw("4006381333931"))  # a valid EAN that is not this product
    assert feedback.errors[-1] == f"✖ Wrong product (04006381333931). Take: {step.product.name}."
    screen.handle_scan(raw(ean(step)))
    other_tote = "TOTE-0040" if step.tote != "TOTE-0040" else "TOTE-0039"
    screen.handle_scan(raw(other_tote))
    assert feedback.errors[-1] == f"✖ Wrong tote {other_tote}. Put it in tote {step.tote}."
    screen.handle_scan(raw("garbage that is no barcode"))
    assert len(feedback.errors) == 5
    # Nothing was confirmed by all that.
    assert screen.view.units_done == 0 and screen.flow.step == step


def test_short_pick_in_two_taps_is_rerouted(core, make_screen, qtbot, feedback) -> None:
    from PySide6.QtCore import Qt

    screen = make_screen()
    start(screen, qtbot)
    step = screen.flow.step
    with core.uow() as uow:
        s = uow.session
        task = s.get_one(PickTask, step.task_id)
        for row in s.scalars(select(StockItem).where(StockItem.product_id == task.product_id)):
            if row.location_id != task.location_id:
                row.quantity = 0
        far = s.scalar(select(Location).where(Location.code == "B-10-25-1-1"))
        s.add(StockItem(location_id=far.id, product_id=task.product_id, quantity=40))
        uow.commit()
    steps_before = screen.view.steps_total
    qtbot.mouseClick(screen.short_button, Qt.MouseButton.LeftButton)  # tap 1
    assert screen.pages.currentWidget() is screen.reason_page
    shot(screen, "en_short")
    qtbot.mouseClick(screen.reason_buttons["empty_bin"], Qt.MouseButton.LeftButton)  # tap 2
    assert screen.pages.currentWidget() is screen.step_page
    assert "B-10-25-1-1" in feedback.ok[-1]
    assert screen.view.steps_total == steps_before + 1
    assert "B-10-25-1-1" in [s.code for s in screen.view.stops]
    # Walk on: the re-routed step comes up with the rest of the units.
    seen = False
    while screen.pages.currentWidget() is screen.step_page:
        if screen.flow.step.bin.code == "B-10-25-1-1":
            seen = True
            assert screen.flow.step.remaining == step.remaining
        pick_current(screen)
    assert seen and screen.summary is not None and screen.summary.units_short == 0
    assert screen.summary.count_tasks == 1


def test_skip_and_undo(make_screen, qtbot, feedback) -> None:
    from PySide6.QtCore import Qt

    screen = make_screen()
    start(screen, qtbot)
    while screen.view.steps_total < 2:  # a one-step batch cannot show a skip
        pick_current(screen)
        screen.start_batch()
        qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.step_page, timeout=10_000)
    first = screen.flow.step
    qtbot.mouseClick(screen.skip_button, Qt.MouseButton.LeftButton)
    assert screen.flow.step.task_id != first.task_id
    assert feedback.ok[-1].startswith(f"✔ Skipped {first.bin.code}")
    second = screen.flow.step
    assert not screen.undo_button.isEnabled()
    pick_current(screen)
    assert screen.undo_button.isEnabled()
    qtbot.mouseClick(screen.undo_button, Qt.MouseButton.LeftButton)
    assert screen.flow.step.task_id == second.task_id
    assert screen.flow.stage.value == "bin"  # back to scanning the bin of that step
    assert screen.view.units_done == 0


def test_a_restart_mid_batch_resumes_where_it_stopped(ctx, core, make_screen, qtbot) -> None:
    from PySide6.QtCore import Qt

    screen = make_screen()
    start(screen, qtbot)
    assert screen.view.steps_total > 1  # the demo site is the same every time
    pick_current(screen)
    current = screen.flow.step
    qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentWidget() is screen.paused_page
    screen.handle_scan(raw(current.bin.code))
    assert screen.message.text().startswith("The batch is paused")
    screen.shutdown()
    screen.close()
    # The station restarts: a new screen on the same database.
    again = make_screen()
    assert again.pages.currentWidget() is again.paused_page
    qtbot.mouseClick(again.resume_button, Qt.MouseButton.LeftButton)
    assert again.pages.currentWidget() is again.step_page
    assert again.flow.step == current
    pick_current(again)
    assert again.view.units_done == current.quantity + screen.view.units_done


def test_an_expired_lot_is_refused_on_screen(core, make_screen, qtbot, feedback) -> None:
    screen = make_screen()
    start(screen, qtbot)
    step = screen.flow.step
    with core.uow() as uow:
        task = uow.session.get_one(PickTask, step.task_id)
        from app.persistence.models import Product

        uow.session.get_one(Product, task.product_id).lot_tracked = True
        uow.commit()
    screen._reload()
    gtin = screen.flow.step.product.gtins[0][0]
    screen.handle_scan(raw(screen.flow.step.bin.code))
    screen.handle_scan(raw(f"]C101{gtin}17261001" + "10L77777"))
    assert (
        feedback.errors[-1]
        == "✖ Lot L77777 expired on 2026-10-01: do not pick it. Take another lot."
    )
    screen.handle_scan(raw(f"]C101{gtin}17271001" + "10L88888"))
    assert feedback.ok[-1].startswith("✔")


def test_chinese_screens(core, ctx, make_screen, qtbot, feedback) -> None:
    """The same screens in Simplified Chinese (the user's language), with screenshots."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.i18n import Translations

    translations = Translations(QApplication.instance())
    assert "pick_zh_CN.qm" in translations.use("zh_CN")
    try:
        QApplication.processEvents()
        screen = make_screen()
        assert screen.start_button.text() == "▶ 开始批次"
        shot(screen, "zh_CN_start")
        start(screen, qtbot)
        step = screen.flow.step
        assert screen.progress_label.text() == f"第 1 / {screen.view.steps_total} 步"
        screen.handle_scan(raw(step.bin.code))
        assert feedback.ok[-1] == f"✔ 库位 {step.bin.code}"
        shot(screen, "zh_CN_step")
        screen.handle_scan(raw("B-10-25-4-1" if step.bin.code != "B-10-25-4-1" else "A-01-01-4-1"))
        assert feedback.errors[-1].startswith("✖ 库位错误")
        shot(screen, "zh_CN_error")
        qtbot.mouseClick(screen.short_button, Qt.MouseButton.LeftButton)
        assert screen.reason_buttons["damaged"].text().endswith("破损")
        shot(screen, "zh_CN_short")
        qtbot.mouseClick(screen.reason_cancel, Qt.MouseButton.LeftButton)
        while screen.pages.currentWidget() is screen.step_page:
            pick_current(screen)
        assert screen.summary_title.text().startswith("✔ 批次")
        shot(screen, "zh_CN_summary")
        # Switching back to English re-translates the screen in place.
        translations.use("en")
        QApplication.processEvents()
        assert screen.next_button.text() == "▶ Next batch"
    finally:
        translations.clear()
