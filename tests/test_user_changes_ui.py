"""The station's side of user changes and server sessions, with real widgets (offscreen) against
a real server on 127.0.0.1 (uvicorn, SQLite: the server logic is covered on PostgreSQL too in
tests/test_user_changes.py):

- a supervisor or admin who logs in with their PIN has a server session moments later, made
  in the background with the same PIN: the Dashboard and Admin tabs ask for nothing more, and
  logging out ends the session on the server; a badge-only login still asks for the PIN;
- the Dashboard offers Approve and Reject for a user change held from a station, to admins
  only; the Users page says what waits and, after the sync that brings it, what was rejected,
  by whom and why.

Screenshots (English and Chinese) go to /work/screens/users-approve/.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QTableWidget
from sqlalchemy import select, update

from app.admin import users
from app.bootstrap import StationCore
from app.dashboard.client import Credentials, DashboardClient
from app.persistence.models import Role as StationRole
from app.persistence.models import User
from app.pins import hash_pin
from app.services.auth import AuthService
from app.services.session import UserSession
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine
from app.sync.status import SyncState, SyncStatus
from server import models as m
from tests.server_fixtures import RunningServer, fresh_db, running_server
from ui.context import StationContext

SCREENS = Path("/work/screens/users-approve")
STATION = "station-1"  # the ``core`` fixture's station id
PIN = "80469317"  # the admin's and the supervisor's PIN here: unusual, so a leak shows


@pytest.fixture(autouse=True)
def _no_leaked_workers() -> Iterator[None]:
    yield
    prefixes = ("dashboard", "admin-", "login-", "user-session")
    assert [t.name for t in threading.enumerate() if t.name.startswith(prefixes)] == []


@dataclass
class Site:
    server: RunningServer
    token: str
    core: StationCore

    def context(self, session: UserSession | None = None) -> StationContext:
        ctx = StationContext(self.core)
        ctx.services["server_endpoint"] = (self.server.url, self.token)
        if session is not None:
            ctx.session.set(session)
        return ctx

    def client(self, badge: str) -> DashboardClient:
        probe = DashboardClient(self.server.url, lambda: Credentials(self.token, None))
        try:
            secret = probe.sign_in(STATION, badge, PIN)
        finally:
            probe.close()
        return DashboardClient(self.server.url, lambda: Credentials(self.token, secret))

    def live_sessions(self, badge: str) -> int:
        with self.server.factory() as s:
            return len(
                s.scalars(
                    select(m.UserSession)
                    .join(m.User, m.User.id == m.UserSession.user_id)
                    .where(m.User.badge_code == badge, m.UserSession.revoked_at.is_(None))
                ).all()
            )


@pytest.fixture
def site(request: pytest.FixtureRequest, tmp_path: Path, core: StationCore) -> Iterator[Site]:
    url = fresh_db(request, "sqlite", tmp_path)
    pin_hash = hash_pin(PIN)
    badges = ("USR-1006", "USR-1008")
    with core.uow() as u:  # the same PIN on both sides, as a sync would leave it
        u.session.execute(update(User).where(User.badge_code.in_(badges)).values(pin_hash=pin_hash))
        u.commit()
    with running_server(url) as server:
        with server.factory() as s:
            s.execute(update(m.User).where(m.User.badge_code.in_(badges)).values(pin_hash=pin_hash))
            s.commit()
        yield Site(server, server.token(station=STATION), core)


def _login_with_pin(qtbot, ctx: StationContext, name: str, pin: str):
    from ui.login.login_screen import LoginScreen

    auth = AuthService(ctx.core.uow)
    login = LoginScreen(ctx, auth)
    qtbot.addWidget(login)
    login.choose(next(u for u in auth.active_users() if u.name == name))
    for digit in pin:
        login.type_digit(digit)
    login.submit_pin()
    qtbot.waitUntil(lambda: ctx.session.current is not None, timeout=20_000)
    return login


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _round() -> SyncStatus:
    """What the sync worker reports after a round that reached the server."""
    return SyncStatus(SyncState.ONLINE, 0, 0, datetime.now(UTC))


def _save(widget, name: str) -> None:
    if SCREENS.parent.exists():
        SCREENS.mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()  # pending layout requests (a notice that grew a line)
        widget.grab().save(str(SCREENS / name))


def test_a_pin_login_opens_the_server_session_without_a_second_sign_in(
    qtbot, site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    from ui.admin.screen import AdminScreen
    from ui.dashboard.screen import DashboardScreen
    from ui.dashboard.server_session import ServerSessions

    caplog.set_level(logging.DEBUG)
    ctx = site.context()
    sessions = ServerSessions.of(ctx)
    login = _login_with_pin(qtbot, ctx, "Admin", PIN)
    qtbot.waitUntil(lambda: sessions.current() is not None, timeout=20_000)
    assert site.live_sessions("USR-1008") == 1
    dashboard = DashboardScreen(ctx)
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.painted, timeout=20_000):
        dashboard.refresh()
    assert dashboard.sign_in_button.isHidden() and "Live" in dashboard.status.text()
    admin = AdminScreen(ctx)
    qtbot.addWidget(admin)
    assert "Signed in to the server" in admin.sign_in_status.text()
    # Logging out (the button or the idle timer both clear the session) ends it on the server.
    ctx.session.set(None)
    assert sessions.current() is None
    qtbot.waitUntil(lambda: site.live_sessions("USR-1008") == 0, timeout=20_000)
    for part in (dashboard, admin, login, sessions):
        part.shutdown()
    assert PIN not in caplog.text


def test_a_badge_login_still_asks_and_a_picker_gets_no_server_session(qtbot, site: Site) -> None:
    from ui.dashboard.screen import DashboardScreen
    from ui.dashboard.server_session import ServerSessions

    ctx = site.context()
    sessions = ServerSessions.of(ctx)
    result = AuthService(site.core.uow).login_with_badge("USR-1006")
    assert isinstance(result, UserSession)
    ctx.session.set(result)
    assert not sessions.pending and sessions.current() is None
    dashboard = DashboardScreen(ctx)
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.source.refused, timeout=20_000):
        dashboard.refresh()
    assert not dashboard.sign_in_button.isHidden()  # the PIN pad, as before
    dashboard.shutdown()
    ctx.session.set(None)
    # A picker's PIN login asks the server for nothing (their tabs never call it as a person).
    login = _login_with_pin(qtbot, ctx, "Li Wei", "1234")
    assert not sessions.pending and sessions.current() is None
    assert site.live_sessions("USR-1001") == 0
    login.shutdown()
    sessions.shutdown()


def test_the_dashboard_waits_for_the_background_sign_in(qtbot, site: Site) -> None:
    """The tab opened before the server answered the PIN login: it says it is signing in
    (no PIN pad), then shows live figures by itself."""
    from ui.dashboard.screen import DashboardScreen
    from ui.dashboard.server_session import ServerSessions

    ctx = site.context()
    sessions = ServerSessions.of(ctx)
    gate = threading.Event()
    # Holds the sessions' worker (a real slow server would): the sign-in queues behind it.
    sessions._run(gate.wait, lambda _: None, lambda _: None)
    try:
        login = _login_with_pin(qtbot, ctx, "Sara Lopez", PIN)
        assert sessions.pending
        dashboard = DashboardScreen(ctx)
        qtbot.addWidget(dashboard)
        with qtbot.waitSignal(dashboard.source.refused, timeout=20_000):
            dashboard.refresh()
        assert "Signing in to the server" in dashboard.status.text()
        assert dashboard.sign_in_button.isHidden()
        with qtbot.waitSignal(dashboard.painted, timeout=20_000):
            gate.set()
        assert "Live" in dashboard.status.text() and dashboard.sign_in_button.isHidden()
    finally:
        gate.set()
    for part in (dashboard, login, sessions):
        part.shutdown()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_admins_approve_or_reject_and_the_station_says_what_became_of_it(
    qtbot, site: Site, language: str
) -> None:
    from ui.admin.screen import AdminScreen
    from ui.admin.users_page import UsersPage
    from ui.dashboard import reasons
    from ui.dashboard.screen import DashboardScreen
    from ui.i18n import Translations

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations = Translations(app)
    translations.use(language)
    admin_session = UserSession(8, "Admin", StationRole.ADMIN, "USR-1008", "en")
    supervisor = UserSession(6, "Sara Lopez", StationRole.SUPERVISOR, "USR-1006", "en")
    engine = SyncEngine(site.core.uow, SyncClient(site.server.url, STATION, site.token))
    clients: list[DashboardClient] = []
    try:
        engine.run_once()
        for name, badge, role in (
            ("Ma Lin", "USR-2001", "packer"),
            ("Ben Test", "USR-2002", "admin"),
        ):
            users.save_local(
                site.core.uow,
                users.UserDraft(name, badge, role, "zh_CN", pin="4321"),
                user_id=None,
                actor_id=8,
            )
        engine.run_once()  # pushed: both held for an admin

        # The Users page at the station says they wait.
        ctx = site.context(admin_session)
        admin_tab = AdminScreen(ctx)
        qtbot.addWidget(admin_tab)
        admin_tab.resize(1280, 800)
        admin_tab.show()
        qtbot.waitExposed(admin_tab)
        page = admin_tab.show_page("users")
        assert isinstance(page, UsersPage)
        badges = [_cell(page.table, r, 1) for r in range(page.table.rowCount())]
        waiting = _cell(page.table, badges.index("USR-2001"), 4)
        assert waiting.startswith("✔") and "\n▲" in waiting
        assert "2" in page.changes.text() and not page.changes.isHidden()
        _save(admin_tab, f"users-waiting-{language}.png")

        def board(session: UserSession) -> DashboardScreen:
            client = site.client(session.badge_code)
            clients.append(client)
            c = StationContext(site.core)
            c.session.set(session)
            c.services["dashboard_client"] = lambda: client
            screen = DashboardScreen(c)
            qtbot.addWidget(screen)
            screen.resize(1280, 800)
            with qtbot.waitSignal(screen.painted, timeout=20_000):
                screen.refresh()
            screen.sections.setCurrentIndex(5)  # Exceptions
            return screen

        def select(screen: DashboardScreen, badge: str):
            item = next(i for i in screen._items if i.params.get("badge") == badge)
            screen.exception_table.table.selectRow(screen._items.index(item))
            return item

        # A supervisor sees the change, but the buttons are not theirs to press.
        watching = board(supervisor)
        select(watching, "USR-2001")
        assert not watching.action_buttons["approve"].isHidden()
        assert not watching.action_buttons["approve"].isEnabled()
        assert not watching.action_buttons["reject"].isEnabled()
        assert watching.action_status.text().startswith("▲")  # only an admin can
        watching.shutdown()

        deciding = board(admin_session)
        assert deciding.action_buttons["approve"].isHidden()  # nothing selected yet
        item = select(deciding, "USR-2001")
        assert deciding.action_buttons["approve"].isEnabled()
        assert deciding.action_buttons["reject"].isEnabled()
        # Only its two buttons show (seven in one row would not fit a 1024 px screen).
        shown = {a for a, b in deciding.action_buttons.items() if not b.isHidden()}
        assert shown == {"approve", "reject"}
        deciding.resize(1024, 768)
        assert "USR-2001" in _cell(deciding.exception_table.table, deciding._items.index(item), 3)
        _save(deciding, f"dashboard-user-change-{language}.png")
        with qtbot.waitSignal(deciding.source.action_done, timeout=20_000):
            deciding.act_on(item, "approve", "new packer, HR confirmed")
        assert "Ma Lin (USR-2001)" in deciding.action_status.text()
        qtbot.waitUntil(
            lambda: all(i.params.get("badge") != "USR-2001" for i in deciding._items),
            timeout=20_000,
        )
        other = select(deciding, "USR-2002")
        with qtbot.waitSignal(deciding.source.action_done, timeout=20_000):
            deciding.act_on(other, "reject", "Wrong person or badge")  # a preset (English)
        deciding.shutdown()

        # The next sync brings both decisions; the page shows them without a tap (read on
        # the page's worker after the round's success).
        engine.run_once()
        ctx.status.sync_changed.emit(_round())
        qtbot.waitUntil(lambda: "USR-2002" in page.changes.text(), timeout=20_000)
        badges = [_cell(page.table, r, 1) for r in range(page.table.rowCount())]
        approved = _cell(page.table, badges.index("USR-2001"), 4)
        rejected = _cell(page.table, badges.index("USR-2002"), 4)
        assert "\n" not in approved and approved.startswith("✔")
        assert rejected.startswith("✖")  # disabled here
        notice = page.changes.text()
        assert "USR-2002" in notice and reasons.translate("Wrong person or badge") in notice
        assert "USR-1008" in notice and "USR-2001" not in notice
        if language == "en":
            assert "rejected by Admin (USR-1008)" in notice and "disabled" in notice
            assert rejected.endswith("✖ Rejected")
        _save(admin_tab, f"users-rejected-{language}.png")
        admin_tab.shutdown()
    finally:
        engine.client.close()
        for client in clients:
            client.close()
        translations.clear()


def test_in_the_embedded_station_a_pin_login_is_enough_and_idle_logout_ends_it(
    qtbot, core: StationCore, sqlite_demo_template: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The whole station as ``make run`` starts it: in-process server, sync part, the window's
    own login pad; the admin types the PIN once and the Dashboard tab is live."""
    import shutil

    from sqlalchemy import create_engine

    from app.persistence.db import sqlite_url
    from ui.dashboard.screen import DashboardScreen
    from ui.dashboard.server_session import ServerSessions
    from ui.station import Station, make_app

    caplog.set_level(logging.DEBUG)
    server_db = core.data_dir / "server.db"
    shutil.copy(sqlite_demo_template, server_db)
    server = create_engine(sqlite_url(server_db))
    pin_hash = hash_pin(PIN)
    with server.begin() as conn:
        conn.execute(
            update(m.User).where(m.User.badge_code == "USR-1008").values(pin_hash=pin_hash)
        )
    with core.uow() as u:
        u.session.execute(
            update(User).where(User.badge_code == "USR-1008").values(pin_hash=pin_hash)
        )
        u.commit()

    def live() -> int:
        with server.connect() as conn:
            return len(
                conn.execute(
                    select(m.UserSession.id).where(m.UserSession.revoked_at.is_(None))
                ).all()
            )

    st = Station(make_app(), core, parts=["ui.sync_part:sync_part"])
    qtbot.addWidget(st.window)
    st.window.resize(1280, 800)
    st.window.show()
    try:
        st.start_parts()
        qtbot.waitUntil(lambda: "server_endpoint" in st.ctx.services, timeout=30_000)
        login = st.window.login
        login.choose(next(u for u in st.auth.active_users() if u.name == "Admin"))
        for digit in PIN:
            login.type_digit(digit)
        login.submit_pin()
        sessions = ServerSessions.of(st.ctx)
        qtbot.waitUntil(lambda: sessions.current() is not None, timeout=30_000)
        assert live() == 1
        assert st.window.tabs.select("dashboard")
        dashboard = st.window.tabs.current_screen()
        assert isinstance(dashboard, DashboardScreen)
        qtbot.waitUntil(lambda: "Live" in dashboard.status.text(), timeout=30_000)
        assert dashboard.sign_in_button.isHidden()
        st.window.log_out("idle")
        qtbot.waitUntil(lambda: live() == 0, timeout=30_000)
    finally:
        st.stop()
        server.dispose()
    assert PIN not in caplog.text


def _badges(table: QTableWidget) -> list[str]:
    return [_cell(table, r, 1) for r in range(table.rowCount())]


def _status_of(page, badge: str) -> str:
    return _cell(page.table, _badges(page.table).index(badge), 4)


def _form(page) -> tuple[str, str, str, str, object, bool, str]:
    return (
        page.name.text(),
        page.badge.text(),
        page.pin.text(),
        page.form_title.text(),
        page.role.currentData(),
        page.active.isChecked(),
        page.status.text(),
    )


def test_a_sync_round_keeps_what_the_admin_is_typing_and_reads_off_the_gui_thread(
    qtbot, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Save offline, notice a typo, start fixing it: the round that moves the change from
    "not sent" to "pending" updates the Status cell and the notice only, never the form (it
    used to reselect the row: fields reloaded, the new PIN cleared). The states are read on
    the page's worker, and only after a round that reached the server."""
    from ui.admin import users_page
    from ui.admin.users_page import UsersPage

    reads: list[str] = []  # the thread of each change_states() the page makes (a spy)
    real = users_page.change_states

    def spy(uow):
        reads.append(threading.current_thread().name)
        return real(uow)

    monkeypatch.setattr(users_page, "change_states", spy)
    engine = SyncEngine(site.core.uow, SyncClient(site.server.url, STATION, site.token))
    server_admin = site.client("USR-1008")
    page: UsersPage | None = None
    try:
        engine.run_once()
        ctx = site.context(UserSession(8, "Admin", StationRole.ADMIN, "USR-1008", "en"))
        page = UsersPage(ctx)
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        page.new_user()
        page.name.setText("Ma Lin")
        page.badge.setText("USR-2001")
        page.pin.setText("4321")
        with qtbot.waitSignal(page.saved, timeout=20_000) as saved:
            page.save()
        assert saved.args[0].via == "station"  # no server session: held for an admin there
        assert _status_of(page, "USR-2001").endswith("Not sent")
        assert page.name.text() == "Ma Lin" and "this station only" in page.status.text()
        # The admin notices a typo and starts fixing it: name, a new PIN, another role.
        page.name.setText("Ma Lina")
        page.pin.setText("9876")
        page.role.setCurrentIndex(page.role.findData("supervisor"))
        typed = _form(page)
        # Meanwhile an admin on the server adds someone whose name sorts first: the next
        # pull puts a row above the one being edited.
        server_admin.save_user(
            users.UserDraft("Aaron Abel", "USR-2100", "picker", None, pin="2468"),
            badge_before=None,
        )
        engine.run_once()  # pushed: held for an admin on the server; Aaron pulled
        reads.clear()

        # Rounds that did not reach the server read nothing and change nothing.
        ctx.status.sync_changed.emit(SyncStatus(SyncState.OFFLINE, 0, 0, None, "down"))
        ctx.status.sync_changed.emit(SyncStatus(SyncState.SYNCING, 1, 0, None))
        QApplication.processEvents()
        assert reads == [] and _status_of(page, "USR-2001").endswith("Not sent")

        success = _round()
        ctx.status.sync_changed.emit(success)
        qtbot.waitUntil(lambda: _status_of(page, "USR-2001").endswith("Pending"), timeout=20_000)
        assert reads and all(name.startswith("admin-users") for name in reads), reads
        assert _form(page) == typed  # nothing the admin typed is lost
        assert "1" in page.changes.text()  # the notice: one change waits
        selected = [r.badge_code for r in page.selected_records()]
        assert selected == ["USR-2001"]  # still the row being edited

        count = len(reads)
        ctx.status.sync_changed.emit(success)  # the same success again: no new read
        ctx.status.sync_changed.emit(SyncStatus(SyncState.OFFLINE, 0, 0, success.last_success))
        QApplication.processEvents()
        assert len(reads) == count
        assert "USR-2100" in _badges(page.table)
    finally:
        if page is not None:
            page.shutdown()
        engine.client.close()
        server_admin.close()


def test_a_rejection_updates_an_untouched_form_and_keeps_an_edited_one(qtbot, site: Site) -> None:
    """A rejected new user is disabled by the sync that brings the decision. A form showing
    that user, not edited, follows (a later Save must not enable them again unnoticed); a
    form with edits keeps them and says the user changed meanwhile."""
    from ui.admin.users_page import UsersPage

    engine = SyncEngine(site.core.uow, SyncClient(site.server.url, STATION, site.token))
    client = site.client("USR-1008")

    def reject(badge: str) -> None:
        now = datetime.now(UTC)
        board = client.dashboard(now - timedelta(days=1), now + timedelta(minutes=5))
        item = next(i for i in board.exceptions.items if i.params.get("badge") == badge)
        client.act(item.id, "reject", "Made by mistake")
        engine.run_once()  # the station learns of it and disables the user

    page: UsersPage | None = None
    try:
        engine.run_once()
        for name, badge in (("Ma Lin", "USR-2002"), ("Ben Test", "USR-2003")):
            users.save_local(
                site.core.uow,
                users.UserDraft(name, badge, "packer", "zh_CN", pin="4321"),
                user_id=None,
                actor_id=8,
            )
        engine.run_once()  # both held
        ctx = site.context(UserSession(8, "Admin", StationRole.ADMIN, "USR-1008", "en"))
        page = UsersPage(ctx)
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()

        page.table.selectRow(_badges(page.table).index("USR-2002"))
        assert page.active.isChecked()
        reject("USR-2002")
        ctx.status.sync_changed.emit(_round())
        qtbot.waitUntil(lambda: "Rejected" in _status_of(page, "USR-2002"), timeout=20_000)
        assert _status_of(page, "USR-2002").startswith("✖")  # disabled here
        assert not page.active.isChecked()  # the untouched form shows it too
        assert page.name.text() == "Ma Lin" and page.status.text() == ""

        page.table.selectRow(_badges(page.table).index("USR-2003"))
        page.name.setText("Ben Tester")
        page.pin.setText("5555")
        reject("USR-2003")
        ctx.status.sync_changed.emit(_round())
        qtbot.waitUntil(lambda: "Rejected" in _status_of(page, "USR-2003"), timeout=20_000)
        assert (page.name.text(), page.pin.text()) == ("Ben Tester", "5555")
        assert page.active.isChecked()  # as the admin left it ...
        assert "changed" in page.status.text()  # ... with a word that the user changed
        assert [r.badge_code for r in page.selected_records()] == ["USR-2003"]
    finally:
        if page is not None:
            page.shutdown()
        engine.client.close()
        client.close()


@pytest.fixture
def silent_server() -> Iterator[tuple[str, list[socket.socket]]]:
    """A server that takes connections and never answers (hung, or a half-open link): the
    case where a request waits for its whole timeout. A closed port fails at once."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []

    def take() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(conn)

    taker = threading.Thread(target=take, name="silent-server", daemon=True)
    taker.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    finally:
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        taker.join(5)
        for conn in accepted:
            conn.close()


def _closed_port() -> str:
    with socket.create_server(("127.0.0.1", 0)) as s:
        return f"http://127.0.0.1:{s.getsockname()[1]}"


@pytest.mark.parametrize("where", ["silent", "closed"])
def test_closing_right_after_a_logout_does_not_wait_long_for_the_server_sign_out(
    qtbot, core: StationCore, silent_server, where: str
) -> None:
    """A logout ends the person's server session in the background, best effort (it expires
    on the server anyway). Closing the window (or SIGTERM) right after joins that worker:
    with the server unreachable, the sign-out used the dashboard client's 8 s timeout and
    the close waited for it. Measured loosely, as a behaviour check: well under 8 s."""
    from ui.dashboard.server_session import ServerSessions
    from ui.station import Station, make_app

    url, accepted = silent_server
    if where == "closed":
        url = _closed_port()
    st = Station(make_app(), core, parts=[])
    qtbot.addWidget(st.window)
    st.ctx.services["server_endpoint"] = (url, "a-station-token")
    sessions = ServerSessions.of(st.ctx)
    st.ctx.session.set(UserSession(8, "Admin", StationRole.ADMIN, "USR-1008", "en"))
    sessions.remember(8, "a-session-secret")
    assert sessions.current() == "a-session-secret"
    st.window.log_out("user")  # the sign-out goes out on the sessions' worker
    if where == "silent":
        qtbot.waitUntil(lambda: len(accepted) == 1, timeout=5_000)  # sent, never answered
    started = time.monotonic()
    st.stop()  # what SIGTERM and the window's close do: log out, stop the workers
    took = time.monotonic() - started
    assert took < 3.0, f"closing took {took:.1f} s"


def _left(prefixes: tuple[str, ...]) -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith(prefixes)]


@pytest.mark.parametrize("work", ["dashboard refresh", "background sign-in"])
def test_closing_while_a_request_waits_on_a_silent_server_does_not_wait_for_it(
    qtbot, core: StationCore, silent_server, work: str
) -> None:
    """A Dashboard refresh or the background sign-in after a PIN login, sent to a server
    that accepted and never answers: the worker waits out the client's 8 s timeout, and the
    close joined it. Now the close aborts the request (its socket is shut down from the GUI
    thread), so the worker ends at once. Measured loosely, as a behaviour check."""
    from ui.dashboard.screen import DashboardScreen
    from ui.dashboard.server_session import ServerSessions
    from ui.station import Station, make_app

    url, accepted = silent_server
    st = Station(make_app(), core, parts=[])
    qtbot.addWidget(st.window)
    st.ctx.services["server_endpoint"] = (url, "a-station-token")
    sessions = ServerSessions.of(st.ctx)
    person = UserSession(6, "Supervisor", StationRole.SUPERVISOR, "USR-1006", "en")
    st.ctx.session.set(person)
    if work == "dashboard refresh":
        sessions.remember(6, "a-session-secret")
        assert st.window.tabs.select("dashboard")
        screen = st.window.tabs.current_screen()
        assert isinstance(screen, DashboardScreen)
        qtbot.waitUntil(lambda: screen.source.refreshing, timeout=5_000)
        prefix = "dashboard"
    else:
        assert sessions.sign_in_after_login(person, "1234")
        assert sessions.pending
        prefix = "user-session"
    qtbot.waitUntil(lambda: len(accepted) >= 1, timeout=5_000)  # sent, never answered
    assert _left((prefix,))  # the worker is waiting on it
    started = time.monotonic()
    st.stop()  # what SIGTERM and the window's close do: log out, stop the workers
    took = time.monotonic() - started
    assert took < 3.0, f"closing took {took:.1f} s"
    qtbot.waitUntil(lambda: not _left(("dashboard", "user-session")), timeout=1_000)
