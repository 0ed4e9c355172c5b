"""The station shell with real widgets (offscreen) on a real demo database.

Login by badge and by PIN, wrong PINs and the lock-out, disabled users, role gating of tabs,
idle logout, scan routing, and a garbage scan on the login screen that must change nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import func, select, text

from app.bootstrap import StationCore
from app.persistence.models import AuditEntry, User
from app.pins import hash_pin
from drivers.scanners.base import RawScan
from ui import tabs as tabs_module
from ui.context import StationContext
from ui.station import Station, make_app
from ui.tabs import MessagePage

pytestmark = pytest.mark.usefixtures("qapp")
REAL_SCREENS = dict(tabs_module.SCREENS)


def scan(text: str | bytes, **kw: Any) -> RawScan:
    data = text.encode() if isinstance(text, str) else text
    return RawScan(data, time.monotonic(), "test", **kw)


class PlainScreen(QWidget):
    """Stands in for every real tab screen here: these tests are about the shell, and the
    real screens have their own tests (a bug in one must not fail the shell's)."""

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)


@pytest.fixture(autouse=True)
def plain_screens(monkeypatch: pytest.MonkeyPatch) -> None:
    for tab_id in tabs_module.SCREENS:
        monkeypatch.setitem(tabs_module.SCREENS, tab_id, f"{__name__}:PlainScreen")


@pytest.fixture
def station(core: StationCore, qtbot: Any) -> Iterator[Station]:
    """A station with no background parts (tests that want them start them)."""
    st = Station(make_app(), with_config(core), parts=[])
    qtbot.addWidget(st.window)
    st.window.resize(1280, 800)
    st.window.show()
    yield st
    st.stop()
    # The PIN check's worker thread ends with the window.
    assert not [t.name for t in threading.enumerate() if t.name.startswith("login-pin")]


def with_config(core: StationCore, **changes: Any) -> StationCore:
    """The core with config changes; English unless asked (the test machine's locale may vary)."""
    changes.setdefault("language", "en")
    return StationCore(
        replace(core.config, **changes), core.engine, core.session_factory, core.data_dir
    )


def audit_actions(core: StationCore) -> list[str]:
    with core.uow() as uow:
        return list(uow.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def user_id(core: StationCore, badge: str) -> int:
    with core.uow() as uow:
        return int(uow.session.scalar(select(User.id).where(User.badge_code == badge)) or 0)


def tap_pin(qtbot: Any, station: Station, badge: str, pin: str) -> None:
    """Choose the user (unless the PIN page is open), tap the digits and OK."""
    login = station.window.login
    if login.pages.currentWidget() is not login.pin_page:
        qtbot.mouseClick(
            login.user_buttons[user_id(station.core, badge)], Qt.MouseButton.LeftButton
        )
    for digit in pin:
        qtbot.mouseClick(login.numpad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(login.numpad.keys["ok"], Qt.MouseButton.LeftButton)


def type_pin(qtbot: Any, station: Station, badge: str, pin: str) -> None:
    """Tap the PIN, then wait for the check on the worker thread to answer."""
    tap_pin(qtbot, station, badge, pin)
    qtbot.waitUntil(lambda: not station.window.login.checking)


def tab_titles(station: Station) -> list[str]:
    host = station.window.tabs
    return [host.tabText(i) for i in range(host.count())]


# --- login ---------------------------------------------------------------------------------


def test_badge_scan_logs_in_and_shows_only_the_pick_tab(station: Station, qtbot: Any) -> None:
    with qtbot.waitSignal(station.ctx.session.changed) as changed:
        station.ctx.scans.publish(scan("USR-1002\r"))
    session = changed.args[0]
    assert session.name == "Anna Schmidt"
    assert station.window.pages.currentWidget() is station.window.tabs
    assert station.window.tabs.tab_ids() == ["pick"]
    assert tab_titles(station) == ["Pick"]
    assert "Anna Schmidt" in station.window.status.user.text()
    assert station.window.status.logout.isVisible()
    assert station.window.banner.kind == "ok"
    assert audit_actions(station.core) == ["login"]


def test_pin_login_as_admin_shows_every_tab(station: Station, qtbot: Any) -> None:
    type_pin(qtbot, station, "USR-1008", "1234")
    assert station.ctx.session.current is not None
    assert station.window.tabs.tab_ids() == ["pick", "pack", "dashboard", "admin"]
    assert tab_titles(station) == ["Pick", "Pack", "Dashboard", "Admin"]


@pytest.mark.parametrize(
    ("badge", "tabs"),
    [
        ("USR-1001", ["pick"]),
        ("USR-1004", ["pack"]),
        ("USR-1006", ["pick", "pack", "dashboard"]),
        ("USR-1008", ["pick", "pack", "dashboard", "admin"]),
    ],
)
def test_tabs_follow_the_role(station: Station, qtbot: Any, badge: str, tabs: list[str]) -> None:
    station.ctx.scans.publish(scan(badge))
    qtbot.waitUntil(lambda: station.ctx.session.current is not None)
    assert station.window.tabs.tab_ids() == tabs


def test_wrong_pin_says_how_many_tries_are_left(station: Station, qtbot: Any) -> None:
    login = station.window.login
    with (
        qtbot.waitSignal(station.ctx.feedback.error) as error,
        qtbot.waitSignal(station.sounds.played) as played,
    ):
        type_pin(qtbot, station, "USR-1003", "9999")
    assert station.ctx.session.current is None
    assert "Wrong PIN" in error.args[0] and "4" in error.args[0]
    assert played.args[0] == "error"
    assert login.pages.currentWidget() is login.pin_page  # try again straight away
    assert login.pin_error.isVisibleTo(login) and "4 tries left" in login.pin_error.text()
    assert login.pin_dots.text() == "– – – –"  # the wrong PIN is not left on screen
    assert station.window.banner.kind == "fail"


def test_five_wrong_pins_lock_the_user_out(station: Station, qtbot: Any) -> None:
    login = station.window.login
    for _ in range(5):
        type_pin(qtbot, station, "USR-1003", "0000")
    assert login.pages.currentWidget() is login.choose_page
    assert "locked out" in login.choose_error.text()
    button = login.user_buttons[user_id(station.core, "USR-1003")]
    assert "locked" in button.text()
    type_pin(qtbot, station, "USR-1003", "1234")  # the right PIN no longer helps
    assert station.ctx.session.current is None
    assert "locked out" in login.choose_error.text()
    station.ctx.scans.publish(scan("USR-1003"))  # nor does the badge
    assert station.ctx.session.current is None
    assert audit_actions(station.core).count("user_locked_out") == 1


def test_the_gui_stays_responsive_while_a_pin_is_checked(
    station: Station, qtbot: Any, core: StationCore
) -> None:
    """The check runs on a worker: a timer on the GUI thread keeps ticking meanwhile, and the
    pad says it is checking and takes no more taps, keys or scans until the answer."""
    uid = user_id(core, "USR-1003")
    with core.uow() as uow:  # a deliberately slow hash (8x the work): a check of ~0.3 s here
        uow.session.get(User, uid).pin_hash = hash_pin("1234", p=8)  # type: ignore[union-attr]
        uow.commit()
    login = station.window.login
    ticks_while_checking: list[bool] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks_while_checking.append(login.checking))
    timer.start(5)
    errors: list[str] = []
    station.ctx.feedback.error.connect(errors.append)

    tap_pin(qtbot, station, "USR-1003", "9999")
    assert login.checking
    assert login.pin_checking.isVisibleTo(login) and "Checking" in login.pin_checking.text()
    assert not login.numpad.isEnabled() and not login.back.isEnabled()
    login.type_digit("5")  # what a tap would do, straight past the disabled button
    login.submit_pin()  # a second OK must not start a second check
    qtbot.keyClick(login, Qt.Key.Key_Escape)
    station.ctx.scans.publish(scan("USR-1001"))  # a badge waits too, and is told so
    assert login.pin_dots.text() == "● ● ● ●"
    assert errors == ["Checking the PIN. Scan your badge again in a moment."]

    qtbot.waitUntil(lambda: not login.checking, timeout=10_000)
    timer.stop()
    assert True in ticks_while_checking  # the GUI thread ran while the PIN was checked
    assert station.ctx.session.current is None
    assert "4 tries left" in errors[-1]  # one try counted, not two
    assert login.pages.currentWidget() is login.pin_page
    assert login.pin_dots.text() == "– – – –"
    assert not login.pin_checking.isVisibleTo(login)
    assert login.numpad.isEnabled() and login.back.isEnabled()
    assert audit_actions(core) == ["login_failed"]

    type_pin(qtbot, station, "USR-1003", "1234")  # the slow hash still logs in
    assert station.ctx.session.current is not None
    assert audit_actions(core) == ["login_failed", "login"]


def test_a_pin_check_that_fails_says_so_and_frees_the_pad(
    station: Station, qtbot: Any, core: StationCore
) -> None:
    """A database error on the worker (here: the audit table is gone) is reported, not lost."""
    with core.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_log RENAME TO audit_log_gone"))
    login = station.window.login
    with qtbot.waitSignal(station.ctx.feedback.error) as error:
        tap_pin(qtbot, station, "USR-1003", "1234")
    assert "could not be checked" in error.args[0] and "audit_log" in error.args[0]
    assert not login.checking and login.numpad.isEnabled()
    assert login.pages.currentWidget() is login.pin_page
    assert login.pin_dots.text() == "– – – –"
    assert station.ctx.session.current is None


def test_disabled_user_cannot_log_in(station: Station, qtbot: Any, core: StationCore) -> None:
    uid = user_id(core, "USR-1005")
    with core.uow() as uow:
        uow.session.get(User, uid).active = False  # type: ignore[union-attr]
        uow.commit()
    station.window.login.reset()
    assert uid not in station.window.login.user_buttons
    with qtbot.waitSignal(station.ctx.feedback.error) as error:
        station.ctx.scans.publish(scan("USR-1005"))
    assert "disabled" in error.args[0]
    assert station.ctx.session.current is None


def test_garbage_scan_on_the_login_screen_changes_nothing(
    station: Station, qtbot: Any, core: StationCore
) -> None:
    login = station.window.login
    qtbot.mouseClick(login.user_buttons[user_id(core, "USR-1001")], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(login.numpad.keys["7"], Qt.MouseButton.LeftButton)
    sessions: list[object] = []
    station.ctx.session.changed.connect(sessions.append)
    for garbage, expected in [
        ("hello world", "Unknown code 'hello world'"),
        ("4006381333932", "check digit should be 1"),  # an EAN-13 with a wrong check digit
        ("4006381333931", "product barcode"),  # a valid product, but not a badge
    ]:
        with (
            qtbot.waitSignal(station.ctx.feedback.error) as error,
            qtbot.waitSignal(station.sounds.played) as played,
        ):
            station.ctx.scans.publish(scan(garbage))
        assert expected in error.args[0]
        assert played.args[0] == "error"
    with qtbot.waitSignal(station.ctx.feedback.error) as error:
        station.ctx.scans.publish(scan(b"\xff\xfe", error="bad bytes", error_code="invalid_utf8"))
    assert "unreadable" in error.args[0]
    # Nothing else: no login, no audit entry, the half-typed PIN and the page are as they were.
    assert sessions == []
    assert station.ctx.session.current is None
    assert audit_actions(core) == []
    assert login.pages.currentWidget() is login.pin_page
    assert login.pin_dots.text() == "●"
    assert station.window.banner.kind == "fail"


def test_unknown_badge_is_refused(station: Station, qtbot: Any) -> None:
    with qtbot.waitSignal(station.ctx.feedback.error) as error:
        station.ctx.scans.publish(scan("USR-9999"))
    assert "not known" in error.args[0]
    assert station.ctx.session.current is None


# --- logout --------------------------------------------------------------------------------


def test_logout_button_returns_to_the_login_screen(station: Station, qtbot: Any) -> None:
    station.ctx.scans.publish(scan("USR-1008"))
    qtbot.waitUntil(lambda: station.ctx.session.current is not None)
    qtbot.mouseClick(station.window.status.logout, Qt.MouseButton.LeftButton)
    assert station.ctx.session.current is None
    assert station.window.pages.currentWidget() is station.window.login
    assert station.window.tabs.count() == 0
    assert not station.window.status.logout.isVisibleTo(station.window)
    assert audit_actions(station.core) == ["login", "logout"]


def test_idle_logout(core: StationCore, qtbot: Any) -> None:
    st = Station(make_app(), with_config(core, idle_logout_seconds=1), parts=[])
    qtbot.addWidget(st.window)
    st.window.show()
    try:
        assert not st.window.idle.running  # nobody to log out yet
        st.ctx.scans.publish(scan("USR-1001"))
        assert st.window.idle.running
        qtbot.waitUntil(lambda: st.ctx.session.current is None, timeout=10_000)
        assert st.window.pages.currentWidget() is st.window.login
        assert not st.window.idle.running
        with core.uow() as uow:
            last = uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
            assert last is not None and (last.action, last.detail) == ("logout", {"reason": "idle"})
    finally:
        st.stop()


def test_activity_restarts_the_idle_timer(core: StationCore, qtbot: Any) -> None:
    st = Station(make_app(), with_config(core, idle_logout_seconds=600), parts=[])
    qtbot.addWidget(st.window)
    st.window.show()
    try:
        st.ctx.scans.publish(scan("USR-1001"))
        timer = st.window.idle._timer
        timer.start(50_000)  # pretend most of the time has passed
        qtbot.keyClick(st.window.tabs, Qt.Key.Key_A)
        assert timer.remainingTime() > 500_000
        timer.start(50_000)
        qtbot.mouseClick(st.window.tabs, Qt.MouseButton.LeftButton)
        assert timer.remainingTime() > 500_000
    finally:
        st.stop()


def test_idle_logout_off_when_zero(core: StationCore, qtbot: Any) -> None:
    st = Station(make_app(), with_config(core, idle_logout_seconds=0), parts=[])
    qtbot.addWidget(st.window)
    try:
        st.ctx.scans.publish(scan("USR-1001"))
        assert st.ctx.session.current is not None
        assert not st.window.idle.running
    finally:
        st.stop()


# --- tabs and scan routing -----------------------------------------------------------------


class RecordingScreen(QWidget):
    """A screen as the contract describes it; records what the shell did to it."""

    instances: ClassVar[list[RecordingScreen]] = []

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scans: list[RawScan] = []
        self.calls: list[str] = []
        RecordingScreen.instances.append(self)

    def handle_scan(self, raw: RawScan) -> None:
        self.scans.append(raw)

    def activate(self) -> None:
        self.calls.append("activate")

    def deactivate(self) -> None:
        self.calls.append("deactivate")

    def shutdown(self) -> None:
        self.calls.append("shutdown")


class BrokenScreen(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        raise RuntimeError("printer table missing")


@pytest.fixture
def fake_screens(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    RecordingScreen.instances = []
    monkeypatch.setitem(tabs_module.SCREENS, "pick", f"{__name__}:RecordingScreen")
    monkeypatch.setitem(tabs_module.SCREENS, "pack", f"{__name__}:RecordingScreen")
    monkeypatch.setitem(tabs_module.SCREENS, "dashboard", "ui.no_such_area.screen:Nothing")
    monkeypatch.setitem(tabs_module.SCREENS, "admin", f"{__name__}:BrokenScreen")
    yield


@pytest.mark.usefixtures("fake_screens")
def test_scans_go_to_the_visible_screen_only(station: Station, qtbot: Any) -> None:
    station.ctx.scans.publish(scan("USR-1006"))  # supervisor: pick, pack, dashboard
    host = station.window.tabs
    assert len(RecordingScreen.instances) == 1  # only the visible tab's screen is made
    pick = RecordingScreen.instances[0]
    station.ctx.scans.publish(scan("A-01-01-1-1"))
    assert host.select("pack")
    pack = RecordingScreen.instances[1]
    station.ctx.scans.publish(scan("TOTE-0001"))
    assert [s.data for s in pick.scans] == [b"A-01-01-1-1"]
    assert [s.data for s in pack.scans] == [b"TOTE-0001"]
    assert pick.calls == ["activate", "deactivate"] and pack.calls == ["activate"]

    assert host.select("dashboard")  # a screen not built yet takes no scans
    page = host.current_screen()
    assert isinstance(page, MessagePage) and "not built yet" in page.text.text()
    with qtbot.waitSignal(station.ctx.feedback.error) as error:
        station.ctx.scans.publish(scan("TOTE-0002"))
    assert "does not take scans" in error.args[0]
    assert len(pack.scans) == 1

    station.window.log_out("user")
    assert pick.calls[-1] == "shutdown" and pack.calls[-2:] == ["deactivate", "shutdown"]


@pytest.mark.usefixtures("fake_screens")
def test_a_screen_that_fails_to_start_says_so(station: Station) -> None:
    station.ctx.scans.publish(scan("USR-1008"))
    assert station.window.tabs.select("admin")
    page = station.window.tabs.current_screen()
    assert isinstance(page, MessagePage)
    assert "failed to start" in page.text.text() and "printer table missing" in page.text.text()


def test_a_missing_library_inside_a_screen_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    module = types.ModuleType("ui.fake_area_screen")
    monkeypatch.setitem(sys.modules, "ui.fake_area_screen", module)

    def broken_import(name: str) -> types.ModuleType:
        raise ModuleNotFoundError("No module named 'nolib'", name="nolib")

    monkeypatch.setattr(tabs_module.importlib, "import_module", broken_import)
    monkeypatch.setitem(tabs_module.SCREENS, "pick", "ui.fake_area_screen:X")
    with pytest.raises(ModuleNotFoundError):
        tabs_module.screen_class("pick")


# --- status bar ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FakeSyncStatus:
    """Stands in for the sync worker's status (the sync helper defines the real one)."""

    state: str
    queued: int | None = None
    detail: str = ""


def test_status_bar_shows_station_and_server_state(station: Station) -> None:
    bar = station.window.status
    assert bar.station.text() == station.core.config.station_name
    assert "not logged in" in bar.user.text().lower()
    assert "not connected" in bar.server.text()
    station.ctx.status.sync_changed.emit(FakeSyncStatus("online", 3))
    assert "online" in bar.server.text() and bar.queue.text() == "Queued events: 3"
    station.ctx.status.sync_changed.emit(FakeSyncStatus("offline", None, "connection refused"))
    assert "offline" in bar.server.text() and bar.queue.text() == "Queued events: 3"
    assert bar.server.toolTip() == "connection refused"
    station.ctx.status.sync_changed.emit(FakeSyncStatus("confused"))
    assert "error" in bar.server.text()


@dataclass(frozen=True)
class OnlineFlagStatus:
    online: bool
    pending: int


def test_status_bar_reads_an_online_flag_too(station: Station) -> None:
    bar = station.window.status
    station.ctx.status.sync_changed.emit(OnlineFlagStatus(False, 7))
    assert "offline" in bar.server.text() and bar.queue.text() == "Queued events: 7"
    station.ctx.status.sync_changed.emit(OnlineFlagStatus(True, 0))
    assert "online" in bar.server.text() and bar.queue.text() == "Queued events: 0"


def test_queued_events_are_counted_in_the_background(core: StationCore, qtbot: Any) -> None:
    with core.uow() as uow:
        uow.add_event("test.one", {})
        uow.add_event("test.two", {})
        uow.commit()
    st = Station(make_app(), with_config(core))  # the default parts
    qtbot.addWidget(st.window)
    try:
        with qtbot.waitSignal(st.ctx.status.queued_changed) as counted:
            st.start_parts()
        assert counted.args == [2]
        assert st.window.status.queue.text() == "Queued events: 2"
        assert any(t.name.startswith("queued-count") for t in threading.enumerate())
    finally:
        st.stop()
    assert not any(t.name.startswith("queued-count") for t in threading.enumerate())
    assert st.parts == []


def test_a_part_that_fails_to_start_is_left_out(core: StationCore, qtbot: Any) -> None:
    st = Station(
        make_app(),
        with_config(core),
        parts=["ui.no_such_module:factory", "ui.station:queued_events_part"],
    )
    qtbot.addWidget(st.window)
    try:
        st.start_parts()
        assert len(st.parts) == 1
    finally:
        st.stop()


# --- language ------------------------------------------------------------------------------


def test_chinese_station_and_a_users_own_language(core: StationCore, qtbot: Any) -> None:
    st = Station(make_app(), with_config(core, language="zh_CN"), parts=[])
    qtbot.addWidget(st.window)
    try:
        login = st.window.login
        assert login.scan_title.text() == "扫描工牌登录"
        st.ctx.scans.publish(scan("USR-1002"))  # Anna Schmidt prefers English
        assert tab_titles(st) == ["Pick"]
        st.window.log_out("user")
        assert login.scan_title.text() == "扫描工牌登录"  # the station's language again
        st.ctx.scans.publish(scan("USR-1001"))  # Li Wei: Chinese
        assert tab_titles(st) == ["拣货"]
        assert "拣货员" in st.window.status.user.text()
    finally:
        st.stop()
        st.translations.use("en")


def test_message_labels_wrap_instead_of_clipping(station: Station) -> None:
    for label in (station.window.login.choose_error, station.window.login.pin_error):
        assert isinstance(label, QLabel) and label.wordWrap()


def test_no_login_leaves_the_audit_log_empty(station: Station, core: StationCore) -> None:
    with core.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_every_real_screen_opens_for_an_admin(
    core: StationCore, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real registry (undoing the stand-ins): each tab shows its screen, or says it is not
    built yet, and none fails to start."""
    for tab_id, target in REAL_SCREENS.items():
        monkeypatch.setitem(tabs_module.SCREENS, tab_id, target)
    st = Station(make_app(), with_config(core), parts=[])
    qtbot.addWidget(st.window)
    try:
        st.ctx.scans.publish(scan("USR-1008"))
        for tab_id in ("pick", "pack", "dashboard", "admin"):
            assert st.window.tabs.select(tab_id)
            screen = st.window.tabs.current_screen()
            assert screen is not None
            if isinstance(screen, MessagePage):
                assert "not built yet" in screen.text.text(), screen.text.text()
    finally:
        st.stop()
