"""A station the server refuses (HTTP 401/403: token missing, wrong, revoked or another
station's) says so, with the reason and who can fix it, instead of "offline".

Found by a new user: with a wrong server token the status bar said "Server: offline, working
locally" and the real reason was only in a tooltip, so nobody knew that waiting would not help.
Real server on loopback (uvicorn thread), real HTTP, the real station window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from app.bootstrap import StationCore
from app.persistence.models import Role
from app.services.session import UserSession
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine
from app.sync.status import SyncState, SyncStatus
from app.sync.worker import Backoff, SyncWorker
from tests.printing_fixtures import free_port
from tests.server_fixtures import RunningServer, fresh_db, running_server
from ui.station import Station, make_app

STATION = "station-1"  # the ``core`` fixture's station id
SCREENS = Path("/work/screens/printers-fit")
FAST = Backoff(first_s=0.05, factor=2, max_s=0.2, jitter=0)
REFUSED_EN = (
    "✖ Server refused this station: token unknown or revoked — ask an admin (Admin → Station)"
)


class Reports:
    """The worker's reports, as its callback receives them (on the worker thread)."""

    def __init__(self) -> None:
        self.seen: list[SyncStatus] = []
        self._cond = threading.Condition()

    def __call__(self, status: SyncStatus) -> None:
        with self._cond:
            self.seen.append(status)
            self._cond.notify_all()

    def wait(
        self, predicate: Callable[[list[SyncStatus]], bool], timeout: float = 20
    ) -> SyncStatus:
        with self._cond:
            assert self._cond.wait_for(lambda: bool(self.seen) and predicate(self.seen), timeout), (
                self.seen[-3:]
            )
            return self.seen[-1]


@pytest.fixture
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RunningServer]:
    with running_server(fresh_db(request, "sqlite", tmp_path)) as running:
        yield running


def test_a_wrong_token_is_refused_with_the_reason_and_a_fixed_one_is_used_at_once(
    core: StationCore, server: RunningServer
) -> None:
    token = {"value": "not-a-real-token"}
    reports = Reports()

    def connect() -> SyncEngine:  # reads the token anew on every connect, as the part does
        return SyncEngine(core.uow, SyncClient(server.url, STATION, token["value"], timeout_s=5))

    worker = SyncWorker(core.uow, connect, reports, interval_s=0.1, backoff=FAST)
    worker.start()
    try:
        refused = reports.wait(lambda s: s[-1].state is SyncState.REFUSED)
        assert refused.http_status == 401
        assert refused.last_error == "unknown or revoked token"  # the server's words
        assert refused.detail == "unknown or revoked token" and refused.working_locally
        assert refused.retry_in_s is not None and refused.retry_in_s > 0
        assert "not-a-real-token" not in repr(refused)
        # It keeps trying (with back-off), and stays refused: not "offline".
        first = len(reports.seen)
        reports.wait(lambda s: len(s) >= first + 3)
        assert {s.state for s in reports.seen} == {SyncState.REFUSED}
        # Another station's token: a 403, with its own reason.
        token["value"] = server.token(station="station-2")
        reports.wait(lambda s: s[-1].http_status == 403)
        assert reports.seen[-1].state is SyncState.REFUSED
        assert reports.seen[-1].last_error == "this token belongs to another station"
        # The admin fixes the token: the next connection uses it.
        token["value"] = server.token(station=STATION)
        worker.reconnect()
        online = reports.wait(lambda s: s[-1].state is SyncState.ONLINE)
        assert online.last_error is None and online.http_status is None
    finally:
        worker.stop()
    assert not worker.running


def test_a_closed_port_is_offline_not_refused(core: StationCore) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    reports = Reports()
    worker = SyncWorker(
        core.uow,
        lambda: SyncEngine(core.uow, SyncClient(url, STATION, "any-token", timeout_s=5)),
        reports,
        interval_s=0.1,
        backoff=FAST,
    )
    worker.start()
    try:
        reports.wait(lambda s: len(s) >= 3)
    finally:
        worker.stop()
    assert {s.state for s in reports.seen} == {SyncState.OFFLINE}
    assert all(s.http_status is None for s in reports.seen)
    assert "ConnectError" in (reports.seen[-1].last_error or "")


# --- in the station window ---------------------------------------------------------------------


def station_on(core: StationCore, server_url: str, qtbot: Any) -> Station:
    cfg = replace(core.config, language="en", server_url=server_url)
    st = Station(
        make_app(),
        StationCore(cfg, core.engine, core.session_factory, core.data_dir),
        parts=["ui.sync_part:sync_part"],
    )
    qtbot.addWidget(st.window)
    st.window.show()
    return st


def user_id(core: StationCore, badge: str) -> int:
    from sqlalchemy import select

    from app.persistence.models import User

    with core.uow() as u:
        return int(u.session.scalar(select(User.id).where(User.badge_code == badge)) or 0)


def rect_in(widget: QWidget, parent: QWidget) -> QRect:
    return QRect(widget.mapTo(parent, widget.rect().topLeft()), widget.size())


def sync_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith(("sync-", "pick-claim"))]


@pytest.mark.parametrize(
    ("size", "badge", "language"),
    [
        ((1280, 800), "USR-1002", "en"),
        ((1280, 800), "USR-1001", "zh_CN"),
        ((1024, 768), "USR-1002", "en"),
    ],
)
def test_the_station_says_the_server_refused_it_and_picking_says_why(
    core: StationCore,
    server: RunningServer,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    badge: str,
    language: str,
) -> None:
    monkeypatch.setenv("WS_NO_KEYRING", "1")
    monkeypatch.setenv("WS_SERVER_TOKEN", "not-a-real-token")
    st = station_on(core, server.url, qtbot)
    st.window.resize(*size)
    try:
        bar = st.window.status
        st.start_parts()
        qtbot.waitUntil(lambda: bar.sync_state == "refused", timeout=20_000)
        assert st.ctx.services["sync"].running  # still trying, with back-off
        name = "Anna Schmidt" if language == "en" else "Li Wei"
        st.ctx.session.set(UserSession(user_id(core, badge), name, Role.PICKER, badge, language))
        qtbot.wait(50)
        SCREENS.mkdir(parents=True, exist_ok=True)
        st.window.grab().save(str(SCREENS / f"status_refused_{size[0]}x{size[1]}_{language}.png"))
        if language == "en":
            assert bar.server.text() == REFUSED_EN
        else:
            assert bar.server.text().startswith("✖ 服务器拒绝了本工作站：令牌未知或已被吊销")
            assert "管理 → 工作站" in bar.server.text()
        assert "offline" not in bar.server.text()
        # The whole sentence shows (it wraps), the bar keeps its height, nothing overlaps.
        server_label = bar.server
        assert server_label.height() >= server_label.heightForWidth(server_label.width())
        assert bar.height() == bar.logout.height() + 12  # as tall as its button, no taller
        parts = [bar.station, bar.user, bar.server, bar.queue, bar.logout]
        for widget in parts:
            assert bar.rect().contains(rect_in(widget, bar)), widget
        for a, b in combinations(parts, 2):
            assert not rect_in(a, bar).intersects(rect_in(b, bar)), (a, b)
        assert bar.logout.height() >= 64
        if language != "en":
            return
        # Picking works locally but has no server batch: it says why, and who can fix it.
        errors: list[str] = []
        st.ctx.feedback.error.connect(errors.append)
        screen = st.window.tabs.current_screen()
        qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
        assert REFUSED_EN.removeprefix("✖ ") in errors[-1]
        assert screen.start_button.isEnabled() and not screen.claiming
        qtbot.wait(50)
        st.window.grab().save(str(SCREENS / f"pick_refused_{size[0]}x{size[1]}_en.png"))
        # The long sentence is read whole: the banner grows, the message line's type shrinks.
        banner = st.window.banner
        assert banner.isVisible() and banner.text.text() in errors[-1]
        assert banner.text.height() >= banner.text.heightForWidth(banner.text.width())
        message = screen.message
        assert message.height() == 64
        assert message.heightForWidth(message.width()) <= message.height()
    finally:
        st.stop()
    assert sync_threads() == []


def test_a_station_without_a_token_is_refused_and_one_on_a_closed_port_is_offline(
    core: StationCore, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WS_NO_KEYRING", "1")
    monkeypatch.delenv("WS_SERVER_TOKEN", raising=False)
    st = station_on(core, f"http://127.0.0.1:{free_port()}", qtbot)
    try:
        st.start_parts()
        bar = st.window.status
        qtbot.waitUntil(lambda: bar.sync_state == "refused", timeout=20_000)
        assert "no server token is set" in bar.server.text()
    finally:
        st.stop()
    monkeypatch.setenv("WS_SERVER_TOKEN", "some-token")
    st = station_on(core, f"http://127.0.0.1:{free_port()}", qtbot)
    try:
        st.start_parts()
        bar = st.window.status
        qtbot.waitUntil(lambda: bar.sync_state == "offline", timeout=20_000)
        assert bar.server.text() == "○ Server: offline, working locally"
    finally:
        st.stop()
    assert sync_threads() == []


def test_the_dashboard_says_its_figures_are_not_live_and_why(core: StationCore, qtbot: Any) -> None:
    """The dashboard's sync handler, given the worker's own status objects."""
    cfg = replace(core.config, language="en")
    st = Station(
        make_app(), StationCore(cfg, core.engine, core.session_factory, core.data_dir), parts=[]
    )
    st.ctx.services["dashboard_client"] = lambda: None  # no server for its own figures
    qtbot.addWidget(st.window)
    st.window.show()
    try:
        st.ctx.session.set(UserSession(6, "Sara Lopez", Role.SUPERVISOR, "USR-1006", "en"))
        assert st.window.tabs.select("dashboard")
        dashboard: Any = st.window.tabs.current_screen()
        qtbot.wait(50)
        st.ctx.status.sync_changed.emit(
            SyncStatus(SyncState.REFUSED, 2, last_error="unknown or revoked token", http_status=401)
        )
        qtbot.waitUntil(lambda: "refused" in dashboard.status.text())
        assert REFUSED_EN.removeprefix("✖ ") in dashboard.status.text()
        assert dashboard.online is False
        st.window.resize(1280, 800)
        qtbot.wait(50)
        SCREENS.mkdir(parents=True, exist_ok=True)
        st.window.grab().save(str(SCREENS / "dashboard_refused_1280x800_en.png"))
        st.ctx.status.sync_changed.emit(SyncStatus(SyncState.ONLINE, 0))
        st.ctx.status.sync_changed.emit(
            SyncStatus(SyncState.REFUSED, 2, last_error="a bearer token is required")
        )
        qtbot.waitUntil(lambda: "no token was sent" in dashboard.status.text())
    finally:
        st.stop()
