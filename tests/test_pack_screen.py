"""The Pack tab with real Qt widgets (offscreen), a real station database and print worker.

Flows: complete order, wrong item, over-scan, close while under (blocked), supervisor
override, two cartons; screenshots go to /work/screens/pack when that folder can be made.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from app.persistence.models import Role
from app.services.session import UserSession
from drivers.scanners.base import RawScan
from tests.pack_helpers import (
    big_order,
    find_order,
    give_sscc_range,
    order_units,
    product_not_on,
    record_short_pick,
    set_dims,
)

SCREENS = Path(os.environ.get("WS_SCREENS_DIR", "/work/screens/pack"))


def raw(text: str) -> RawScan:
    return RawScan(data=text.encode(), timestamp=time.monotonic(), source="test")


def shot(widget, name: str) -> None:
    try:
        SCREENS.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    widget.grab().save(str(SCREENS / f"{name}.png"))


@pytest.fixture
def ctx(core, qtbot):
    from ui.context import StationContext
    from ui.printers.part import printing_for

    give_sscc_range(core)
    context = StationContext(core)
    context.session.set(UserSession(4, "Tom Baker", Role.PACKER, "USR-1004", "en"))
    printing = printing_for(context)
    printing.start()
    yield context
    printing.stop()
    assert not printing.worker.running


@pytest.fixture
def screen(ctx, qtbot):
    from ui import theme
    from ui.pack.screen import PackScreen

    theme.apply(qtbot_app())
    s = PackScreen(ctx)
    qtbot.addWidget(s)
    s.resize(1280, 720)
    s.show()
    yield s
    s.shutdown()


def qtbot_app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def feedback(ctx, qtbot):
    errors: list[str] = []
    oks: list[str] = []
    ctx.feedback.error.connect(errors.append)
    ctx.feedback.success.connect(oks.append)
    return errors, oks


def scan_all(screen, units, skip_last: bool = False) -> None:
    for i, u in enumerate(units):
        for k in range(u.quantity):
            if skip_last and i == len(units) - 1 and k == u.quantity - 1:
                return
            screen.handle_scan(raw(u.gtin))


def advice_shown(screen, qtbot) -> str:
    """Wait for the pack screen's advice worker to deliver; the panel's text."""
    qtbot.waitUntil(lambda: screen.advice_current, timeout=10_000)
    return screen.suggestion_label.text()


def test_complete_order_prints_its_label(core, ctx, screen, qtbot) -> None:
    errors, _ = feedback(ctx, qtbot)
    number = find_order(core, min_lines=2)
    units = order_units(core, number)
    shot(screen, "0-idle")
    screen.handle_scan(raw(number))
    assert screen.pages.currentWidget() is screen.pack_page
    advice_shown(screen, qtbot)
    assert "★" in screen.box_choice.currentText()  # the suggestion is shown before packing
    assert screen.suggestion_label.text()
    scan_all(screen, units[:1])
    advice_shown(screen, qtbot)
    shot(screen, "1-in-progress")
    scan_all(screen, units[1:])
    assert screen.state.complete
    assert screen.lines.item(0, 0).text() == "✔"
    screen.finish_button.click()
    assert screen.pages.currentWidget() is screen.done_page
    (shipment_id,) = screen.done_list.rows
    qtbot.waitUntil(
        lambda: "printed" in screen.done_list.status_text(shipment_id).lower(), timeout=20000
    )
    assert errors == []
    shot(screen, "3-done")
    assert list((core.data_dir / "labels").glob("*.pdf"))


def test_wrong_item_is_refused_with_its_name(core, ctx, screen, qtbot) -> None:
    errors, _ = feedback(ctx, qtbot)
    number = find_order(core)
    stranger = product_not_on(core, number)
    screen.handle_scan(raw(number))
    screen.handle_scan(raw(stranger.gtin))
    assert len(errors) == 1 and stranger.name in errors[0]
    assert screen.message.property("kind") == "bad" and stranger.name in screen.message.text()
    assert screen.state.units_packed == 0
    shot(screen, "2-error-wrong-item")


def test_over_scan_is_refused(core, ctx, screen, qtbot) -> None:
    errors, _ = feedback(ctx, qtbot)
    number = find_order(core)
    u = order_units(core, number)[0]
    screen.handle_scan(raw(number))
    for _ in range(u.quantity + 1):
        screen.handle_scan(raw(u.gtin))
    assert len(errors) == 1 and u.name in errors[0]
    assert screen.state.lines[0].packed == u.quantity
    assert screen.lines.item(0, 4).text() == str(u.quantity)


def test_close_while_under_is_blocked_then_supervisor_overrides(core, ctx, screen, qtbot) -> None:
    errors, _ = feedback(ctx, qtbot)
    number = find_order(core, min_lines=2)
    units = order_units(core, number)
    screen.handle_scan(raw(number))
    scan_all(screen, units, skip_last=True)
    screen.finish_button.click()
    assert errors and "missing" in errors[-1]
    dialog = screen.override_dialog
    assert dialog is not None and dialog.isVisible()
    assert screen.pages.currentWidget() is screen.pack_page  # still open, nothing shipped
    shot(dialog, "4-override-dialog")
    # A wrong PIN keeps the dialog open with the reason.
    screen.handle_scan(raw("USR-1006"))  # the supervisor scans their badge
    assert dialog.badge.text() == "USR-1006"
    dialog.pin.setText("0000")
    dialog.reason_buttons[1].click()
    dialog.ok_button.click()
    assert screen.checking and dialog.checking  # the PIN is checked on the worker thread
    qtbot.waitUntil(lambda: not screen.checking, timeout=10_000)
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)
    assert dialog.pin.text() == ""  # typed again
    dialog.pin.setText("1234")
    reason = dialog.reason_buttons[1].text()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not screen.checking, timeout=10_000)
    assert screen.override_dialog is None  # accepted and let go
    assert screen.pages.currentWidget() is screen.done_page
    from sqlalchemy import select

    from app.persistence.models import AuditEntry

    with core.uow() as uow:
        entry = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "pack.short_close")
        ).one()
        assert entry.detail["reason"] == reason


def test_two_cartons(core, ctx, screen, qtbot) -> None:
    number = find_order(core, min_lines=2)
    units = order_units(core, number)
    screen.handle_scan(raw(number))
    scan_all(screen, units[:1])
    assert screen.next_button.isEnabled()
    screen.next_button.click()
    assert screen.carton_title.text().endswith("2")
    assert screen.state.open_carton.units == 0
    scan_all(screen, units[1:])
    screen.finish_button.click()
    assert screen.pages.currentWidget() is screen.done_page
    assert len(screen.done_list.rows) == 2
    qtbot.waitUntil(
        lambda: all(
            "printed" in screen.done_list.status_text(s).lower() for s in screen.done_list.rows
        ),
        timeout=20000,
    )
    # Reprint from the history puts a new job in the queue.
    first = min(screen.done_list.rows)
    screen.done_list.reprint_buttons[first].click()
    qtbot.waitUntil(lambda: "printed" in screen.done_list.status_text(first).lower(), timeout=20000)
    assert len(list((core.data_dir / "labels").glob("*.pdf"))) == 3


def test_carton_panel_follows_what_is_packed(core, ctx, screen, qtbot) -> None:
    """The walk: all three units in the XL carton and the panel still said "Suggested: XL —
    the rest needs about 2 cartons"."""
    number = find_order(core, min_lines=2)
    units = order_units(core, number)
    set_dims(core, units[0].sku, (700, 130, 130))  # longer than any box, by the heuristic
    screen.handle_scan(raw(number))
    first = advice_shown(screen, qtbot)
    assert "This carton (XL), then" in first and "more carton" in first
    assert "★" in screen.box_choice.currentText()  # the panel names the box in use
    scan_all(screen, units)
    text = advice_shown(screen, qtbot)
    assert text == "✔ Nothing left to pack: everything is in this carton."
    assert "carton" not in text.replace("this carton", "")  # no cartons asked for
    assert "★" in screen.box_choice.currentText()


def test_a_chosen_box_that_holds_the_rest_is_not_contradicted(core, ctx, screen, qtbot) -> None:
    number = find_order(core, min_lines=2)
    screen.handle_scan(raw(number))
    assert advice_shown(screen, qtbot).startswith("Box ")
    screen._box_chosen(screen.box_choice.findData("XL"))
    assert screen.state.open_carton.box_code == "XL"
    assert advice_shown(screen, qtbot).startswith("Box XL holds everything left")
    assert "★" in screen.box_choice.currentText() and "XL" in screen.box_choice.currentText()


def test_short_picked_lines_say_so_and_close_without_a_supervisor(core, ctx, screen, qtbot) -> None:
    """The walk: a line shorted at picking read "Expected 0 ✔", like a packed line."""
    errors, _ = feedback(ctx, qtbot)
    number = find_order(core, min_lines=2, min_line_qty=2)
    units = order_units(core, number)
    longest = max(units, key=lambda u: u.quantity)
    other = next(u for u in units if u is not longest)
    record_short_pick(core, number, longest.sku, 1)
    record_short_pick(core, number, other.sku, other.quantity)
    screen.handle_scan(raw(number))
    rows = {screen.state.lines[r].sku: r for r in range(len(screen.state.lines))}
    partly, wholly = rows[longest.sku], rows[other.sku]
    n = longest.quantity
    assert screen.lines.item(partly, 1).text().endswith(f"▲ {n - 1} of {n} — 1 short at picking")
    assert screen.lines.item(partly, 3).text() == str(n - 1)
    assert screen.lines.item(wholly, 0).text() == "▲"  # not ✔: nothing was packed
    q = other.quantity
    assert screen.lines.item(wholly, 1).text().endswith(f"▲ 0 of {q} — {q} short at picking")
    assert screen.message.property("kind") == "warn"
    assert "short at picking" in screen.message.text()
    shot(screen, "5-short-lines")
    for u in units:
        line = screen.state.lines[rows[u.sku]]
        for _ in range(line.expected):
            screen.handle_scan(raw(u.gtin))
    assert screen.state.complete
    assert screen.message.text() == "✔ All picked items packed: close the carton."
    assert screen.lines.item(partly, 0).text() == "✔"
    screen.finish_button.click()
    assert screen.override_dialog is None  # a recorded shortage needs no supervisor
    assert screen.pages.currentWidget() is screen.done_page
    assert errors == []
    short = 1 + q
    items = "1 item" if short == 1 else f"{short} items"
    assert screen.message.text() == (
        f"✔ Order {number} packed · ▲ {items} short at picking, noted on the label"
    )


def test_the_supervisor_pin_is_checked_off_the_gui_thread(core, ctx, screen, qtbot) -> None:
    """scrypt ran on the GUI thread (~50 ms, more under load). Now a timer keeps ticking while
    a deliberately slow hash is checked, and nothing is taken until the answer."""
    from PySide6.QtCore import QTimer

    from app.persistence.models import User
    from app.pins import hash_pin

    with core.uow() as uow:  # 8x the work: a check of ~0.3 s here
        uow.session.get(User, 6).pin_hash = hash_pin("1234", p=8)
        uow.commit()
    errors, _ = feedback(ctx, qtbot)
    number = find_order(core, min_lines=2)
    units = order_units(core, number)
    screen.handle_scan(raw(number))
    scan_all(screen, units, skip_last=True)
    screen.finish_button.click()
    dialog = screen.override_dialog
    assert dialog is not None
    screen.handle_scan(raw("USR-1006"))
    dialog.pin.setText("1234")
    dialog.reason_buttons[0].click()
    ticks: list[bool] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(screen.checking))
    timer.start(5)
    dialog.ok_button.click()
    assert screen.checking and dialog.checking_note.isVisibleTo(dialog)
    assert not dialog.ok_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert not dialog.pin.isEnabled() and not dialog.badge.isEnabled()
    dialog.submitted.emit()  # a second OK starts no second close
    dialog.reject()  # nor does Escape lose the answer
    assert dialog.isVisible()
    errors.clear()
    screen.handle_scan(raw(units[-1].gtin))  # a scan meanwhile is refused, not counted
    assert errors == ["Checking the supervisor's PIN. Scan again in a moment."]
    qtbot.waitUntil(lambda: not screen.checking, timeout=10_000)
    timer.stop()
    assert True in ticks  # the GUI thread ran while the PIN was checked
    assert screen.pages.currentWidget() is screen.done_page
    from sqlalchemy import func, select

    from app.persistence.models import Shipment

    with core.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Shipment)) == 1


def spy_on_advice(monkeypatch) -> list[tuple[str, object]]:
    """Record where and for what the carton advice is worked out; it still runs for real."""
    import threading

    from app.services.packing import AdviceRequest

    calls: list[tuple[str, object]] = []
    real = AdviceRequest.compute

    def compute(self):
        calls.append((threading.current_thread().name, self))
        return real(self)

    monkeypatch.setattr(AdviceRequest, "compute", compute)
    return calls


def test_a_scan_into_a_big_order_counts_at_once_and_the_advice_follows(
    core, ctx, screen, qtbot, monkeypatch
) -> None:
    """A B2B order of 200 units: the 3D fit never runs on the GUI thread. The scan's count
    is on screen when the scan returns; the advice comes from the worker afterwards."""
    import threading

    calls = spy_on_advice(monkeypatch)
    number = big_order(core, 200)
    units = order_units(core, number)
    screen.handle_scan(raw(number))
    assert screen.progress.text() == "0 / 200 items"
    assert screen.suggestion_label.text() == "… Working out the box"  # a new carton
    assert not screen.advice_current
    shot(screen, "4-big-order-working")
    first = advice_shown(screen, qtbot)
    assert "then about" in first and "more cartons" in first
    screen.handle_scan(raw(units[0].gtin))
    # Back from the scan: the count is shown, the new advice is not (it needs the event loop
    # to arrive), and the panel still shows the one for this carton before the scan.
    assert screen.progress.text() == "1 / 200 items"
    assert screen.carton_units.text() == "1 item in this carton"
    assert not screen.advice_current and screen.suggestion_label.text() == first
    text = advice_shown(screen, qtbot)
    assert text.startswith("This carton (") and "more cartons" in text
    assert screen.advice is not None and screen.advice.units_left == 199
    gui = threading.current_thread().name
    assert len(calls) == 2 and all(name.startswith("pack-advice") for name, _ in calls), calls
    assert gui not in {name for name, _ in calls}
    shot(screen, "4-big-order")


def test_advice_for_a_state_that_moved_on_is_dropped(core, ctx, screen, qtbot, monkeypatch) -> None:
    """Three quick scans: the advice for the first is worked out but not shown (the state
    moved on), the second's is never worked out, the third's is shown."""
    number = big_order(core, 120)
    units = order_units(core, number)
    screen.handle_scan(raw(number))
    advice_shown(screen, qtbot)
    calls = spy_on_advice(monkeypatch)
    shown: list[object] = []
    real_show = screen._show_advice

    def show(request, advice):  # a spy: records, then shows for real
        shown.append(request)
        real_show(request, advice)

    monkeypatch.setattr(screen, "_show_advice", show)
    requests = []
    for _ in range(3):  # no event loop between them: like scans faster than the fit
        screen.handle_scan(raw(units[0].gtin))
        requests.append(screen.state.advice_request)
    assert screen.progress.text() == "3 / 120 items"
    advice_shown(screen, qtbot)
    assert [request for _, request in calls] == [requests[0], requests[2]]
    assert shown == [requests[2]]  # the first one's advice was dropped
    assert screen.advice is not None and screen.advice.units_left == 117
