"""The Admin tab with real widgets (offscreen): users, station settings, audit, kiosk exit."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow

from app.persistence.models import Role
from app.services.session import UserSession
from ui.context import StationContext

SCREENS = Path("/work/screens/dashboard")


@pytest.fixture(autouse=True)
def _no_leaked_workers() -> Iterator[None]:
    """Every worker thread a screen starts is stopped and joined by its shutdown()."""
    import threading

    yield
    prefixes = ("dashboard", "admin-")
    assert [t.name for t in threading.enumerate() if t.name.startswith(prefixes)] == []


@pytest.fixture
def ctx(core) -> StationContext:
    c = StationContext(core)
    c.session.set(UserSession(8, "Admin", Role.ADMIN, "USR-1008", "en"))
    return c


@pytest.fixture
def admin(qtbot, ctx):
    from ui.admin.screen import AdminScreen

    screen = AdminScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    yield screen
    screen.shutdown()


def test_users_page_adds_and_disables_a_user(qtbot, admin, ctx) -> None:
    page = admin.show_page("users")
    page.new_user()
    page.name.setText("Ma Lin")
    page.badge.setText("usr-2001")
    page.pin.setText("4321")
    page.role.setCurrentIndex(1)  # packer
    with qtbot.waitSignal(page.saved, timeout=10_000) as saved:
        page.save()
    assert saved.args[0].via == "station"  # no server configured
    assert "this station only" in page.status.text()
    badges = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]
    assert "USR-2001" in badges
    page.active.setChecked(False)
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save()
    row = [page.table.item(r, 1).text() for r in range(page.table.rowCount())].index("USR-2001")
    assert "Disabled" in page.table.item(row, 4).text()
    if SCREENS.parent.exists():
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.table.selectRow(row)
        admin.grab().save(str(SCREENS / "admin-users.png"))


def test_bad_pin_is_refused_with_a_specific_message(qtbot, admin, ctx) -> None:
    page = admin.show_page("users")
    page.new_user()
    page.name.setText("X")
    page.badge.setText("USR-2002")
    page.pin.setText("12")
    errors: list[str] = []
    ctx.feedback.error.connect(errors.append)
    page.save()
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert "PIN" in errors[0] and "4 to 8 digits" in errors[0]


def test_badge_cards_print_to_pdf(qtbot, admin, ctx) -> None:
    page = admin.show_page("users")
    with qtbot.waitSignal(page.cards_written, timeout=20_000) as done:
        page.print_cards()
    assert Path(done.args[0]).read_bytes().startswith(b"%PDF")
    assert pdf_badges(done.args[0]) == {
        page.table.item(r, 1).text() for r in range(page.table.rowCount())
    }


def pdf_badges(path: str) -> set[str]:
    """The badge codes printed on the cards (each card writes its code under the bars)."""
    import re

    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    return set(re.findall(r"USR-\d{4}", text))


def test_badge_cards_for_the_selected_users_only(qtbot, admin, ctx) -> None:
    """A new user walked in: saving Ola and printing gave all eight cards, not Ola's."""
    page = admin.show_page("users")
    assert not page.cards_button.isEnabled()  # nothing selected: nothing to print
    page.new_user()
    page.name.setText("Ola Nordmann")
    page.badge.setText("USR-1009")
    page.pin.setText("4321")
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save()
    assert [r.badge_code for r in page.selected_records()] == ["USR-1009"]  # still selected
    assert page.cards_button.isEnabled()
    with qtbot.waitSignal(page.cards_written, timeout=20_000) as done:
        page.cards_button.click()
    assert pdf_badges(done.args[0]) == {"USR-1009"}
    assert "Ola Nordmann" in page.status.text()
    # Two chosen rows (Ctrl+click on a desk screen): exactly those two cards.
    badges = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]
    page.table.clearSelection()
    for code in ("USR-1004", "USR-1006"):
        index = page.table.model().index(badges.index(code), 0)
        page.table.selectionModel().select(
            index,
            page.table.selectionModel().SelectionFlag.Select
            | page.table.selectionModel().SelectionFlag.Rows,
        )
    with qtbot.waitSignal(page.cards_written, timeout=20_000) as done:
        page.print_selected_cards()
    assert pdf_badges(done.args[0]) == {"USR-1004", "USR-1006"}
    assert "2 badge cards" in page.status.text()


@pytest.mark.filterwarnings("error::RuntimeWarning")  # also a failed disconnect at shutdown
def test_missing_device_pages_say_so(admin) -> None:
    import importlib.util

    for key, module in (("scanners", "ui.scanners"), ("printers", "ui.printers")):
        page = admin.show_page(key)
        if importlib.util.find_spec(module) is None:
            assert page.findChild(QLabel, "unavailable") is not None


def test_station_settings_save_token_outside_config(admin, ctx, monkeypatch) -> None:
    monkeypatch.setenv("WS_NO_KEYRING", "1")
    page = admin.show_page("station")
    page.station_name.setText("Pack bench 2")
    page.token.setText("tok-abcdef-123456")
    page.save()
    assert "saved" in page.status.text()
    config_text = Path(os.environ["WS_CONFIG"]).read_text()
    assert "Pack bench 2" in config_text
    assert "tok-abcdef" not in config_text
    assert page.token.text() == ""
    assert "3456" in page.token.placeholderText()
    assert "readable only by this user" in page.token_where.text()
    page.volume.setValue(100)
    page.station_id.setText("")
    page.save()
    assert "station_id" in page.status.text()


def test_audit_page_filters(admin, ctx) -> None:
    with ctx.core.uow() as uow:
        uow.audit("exception.release", user_id=6, entity="order", entity_id="SO-100001")
        uow.audit("user.updated", user_id=8, entity="user", entity_id="USR-1001")
        uow.commit()
    page = admin.show_page("audit")
    page.action.setText("exception")
    page.search()
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text().startswith("Sara Lopez")
    page.action.setText("")
    page.user.setText("USR-1008")
    page.search()
    assert page.table.rowCount() == 1 and page.table.item(0, 3).text() == "User changed"
    assert page.table.item(0, 3).toolTip() == "user.updated"
    page.export()
    exported = next((ctx.core.data_dir / "exports").glob("audit-log-*.csv"))
    assert "User changed" in exported.read_text(encoding="utf-8-sig")


def test_kiosk_exit_needs_an_admin_pin(qtbot, ctx) -> None:
    from ui.admin.kiosk import KioskGuard

    window = QMainWindow()
    qtbot.addWidget(window)
    guard = KioskGuard(ctx, window)
    guard.apply(True)
    assert window.isFullScreen()
    window.close()
    assert window.isVisible()  # plain close refused
    dialog = guard.request_exit()
    assert dialog is not None

    def enter(pin: str) -> None:
        dialog.field.setText(pin)
        dialog.try_accept()
        assert dialog.checking  # on the worker thread; the answer comes by signal
        qtbot.waitUntil(lambda: not guard.checking, timeout=10_000)

    enter("1001")  # a wrong PIN
    assert window.isVisible() and dialog.isVisible()
    assert "Wrong PIN" in dialog.error.text() and dialog.field.text() == ""
    # A supervisor's PIN (same demo PIN, but not an admin) must not work: disable the admin.
    from app.admin import users

    users.save_local(
        ctx.core.uow,
        users.UserDraft("Admin", "USR-1008", "admin", "en", active=False),
        user_id=8,
        actor_id=8,
    )
    enter("1234")
    assert window.isVisible()
    users.save_local(
        ctx.core.uow,
        users.UserDraft("Admin", "USR-1008", "admin", "en", active=True),
        user_id=8,
        actor_id=8,
    )
    enter("1234")
    assert not window.isVisible()
    from app.admin.audit import AuditFilter, query_audit

    assert query_audit(ctx.core.uow, AuditFilter(action="kiosk.exit"))[0].who.startswith("Admin")


def test_the_kiosk_pin_is_checked_off_the_gui_thread(qtbot, ctx) -> None:
    """scrypt ran on the GUI thread (~50 ms, more under load). Now a timer keeps ticking while
    a deliberately slow hash is checked, and the pad takes no taps until the answer."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.persistence.models import User
    from app.pins import hash_pin
    from ui.admin.kiosk import KioskGuard

    with ctx.core.uow() as uow:  # 8x the work: a check of ~0.3 s here
        uow.session.get(User, 8).pin_hash = hash_pin("1234", p=8)
        uow.commit()
    window = QMainWindow()
    qtbot.addWidget(window)
    guard = KioskGuard(ctx, window)
    guard.apply(True)
    dialog = guard.request_exit()
    assert dialog is not None
    ticks: list[bool] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(guard.checking))
    timer.start(5)
    dialog.field.setText("1234")
    dialog.try_accept()
    assert guard.checking and "Checking" in dialog.error.text()
    assert not dialog.ok_button.isEnabled() and not dialog.cancel_button.isEnabled()
    assert not any(key.isEnabled() for key in dialog.keys)
    dialog.try_accept()  # a second OK (Enter) starts no second check
    dialog.reject()  # nor does Escape drop the pending answer
    assert dialog.isVisible()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not guard.checking, timeout=10_000)
    timer.stop()
    assert True in ticks  # the GUI thread ran while the PIN was checked
    assert not window.isVisible()  # the right PIN let the admin out
    from app.admin.audit import AuditFilter, query_audit

    assert len(query_audit(ctx.core.uow, AuditFilter(action="kiosk.exit"))) == 1


def test_a_kiosk_pin_check_that_fails_says_so_and_frees_the_pad(qtbot, ctx) -> None:
    from ui.admin.kiosk import KioskGuard

    with ctx.core.engine.begin() as conn:  # the audit table gone: the worker raises
        conn.exec_driver_sql("DROP TABLE audit_log")
    window = QMainWindow()
    qtbot.addWidget(window)
    guard = KioskGuard(ctx, window)
    guard.apply(True)
    errors: list[str] = []
    ctx.feedback.error.connect(errors.append)
    dialog = guard.request_exit()
    assert dialog is not None
    dialog.field.setText("1234")
    dialog.try_accept()
    qtbot.waitUntil(lambda: not guard.checking, timeout=10_000)
    assert window.isVisible() and dialog.isVisible()
    assert errors and "could not be checked" in errors[-1]
    assert "could not be checked" in dialog.error.text() and dialog.ok_button.isEnabled()
    guard.shutdown()


def test_a_user_disabled_elsewhere_is_logged_out_after_the_next_sync(qtbot, ctx) -> None:
    from app.admin import users
    from ui.admin.session_guard import SessionGuard

    ctx.session.set(UserSession(1, "Li Wei", Role.PICKER, "USR-1001", "zh_CN"))
    reasons: list[str] = []
    guard = SessionGuard(ctx, lambda reason: (reasons.append(reason), ctx.session.set(None)))
    ctx.status.sync_changed.emit(object())  # a sync report: still active, nothing happens
    assert reasons == [] and ctx.session.current is not None
    # The sync pulled the server's change: the user is now inactive in the replica.
    users.save_local(
        ctx.core.uow,
        users.UserDraft("Li Wei", "USR-1001", "picker", "zh_CN", active=False),
        user_id=1,
        actor_id=8,
    )
    errors: list[str] = []
    ctx.feedback.error.connect(errors.append)
    ctx.status.sync_changed.emit(object())
    assert reasons == ["disabled"] and ctx.session.current is None
    assert "Li Wei" in errors[0]
    assert guard.check() is False  # nobody logged in any more


def test_device_faults_become_one_event_each(ctx) -> None:
    from sqlalchemy import select

    from app.persistence.models import OutboxEvent
    from drivers.scanners.base import Health, HealthCode, HealthState
    from ui.admin.fault_reporter import FaultReporter

    FaultReporter(ctx)
    unplugged = Health(HealthState.RECONNECTING, "gone", HealthCode.UNPLUGGED)
    for _ in range(3):  # repeated reports of the same fault
        ctx.status.device_changed.emit("scanner", unplugged)
    ctx.status.device_changed.emit("scanner", Health(HealthState.CONNECTED))
    ctx.status.device_changed.emit("scanner", unplugged)
    ctx.status.device_changed.emit("labels", Health(HealthState.ERROR, "paper out"))
    with ctx.core.uow() as u:
        events = u.session.scalars(
            select(OutboxEvent).where(OutboxEvent.type == "device.fault").order_by(OutboxEvent.id)
        ).all()
        payloads = [e.payload for e in events]
    assert [(p["device"], p["state"]) for p in payloads] == [
        ("scanner", "reconnecting"),
        ("scanner", "reconnecting"),
        ("labels", "error"),
    ]
    assert payloads[0]["code"] == "unplugged" and payloads[0]["user"] == "USR-1008"


def test_admin_pages_screenshots(qtbot, admin, ctx, monkeypatch) -> None:
    """Station, audit and kiosk-exit screens as an admin sees them (saved when screens/ exists)."""
    monkeypatch.setenv("WS_NO_KEYRING", "1")
    with ctx.core.uow() as uow:
        uow.audit("exception.release", user_id=6, entity="order", entity_id="SO-100001",
                  detail={"reason": "address confirmed"})  # fmt: skip
        uow.commit()
    station = admin.show_page("station")
    station.token.setText("wss_example-token-1234")
    station.save()
    assert station.token.text() == ""
    admin.show()
    if SCREENS.parent.exists():
        SCREENS.mkdir(parents=True, exist_ok=True)
        admin.grab().save(str(SCREENS / "admin-station.png"))
        audit_page = admin.show_page("audit")
        audit_page.search()
        admin.grab().save(str(SCREENS / "admin-audit.png"))
        from ui.admin.pin_dialog import PinDialog

        dialog = PinDialog("Leave kiosk mode", "Enter an admin PIN to close the station.",
                           lambda pin: False)  # fmt: skip
        qtbot.addWidget(dialog)
        dialog.field.setText("0000")
        dialog.try_accept()
        dialog.resize(480, 640)
        dialog.grab().save(str(SCREENS / "kiosk-exit-pin.png"))
