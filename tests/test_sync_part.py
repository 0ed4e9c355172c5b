"""The sync background part in the real station shell: embedded server + worker, status in the
status bar, a server batch for picking, clean stop (no leaked threads)."""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.bootstrap import StationCore
from app.sync.status import SyncState, SyncStatus
from ui.station import Station, make_app

SCREENS = Path("/work/screens/sync")


def station_with(core: StationCore, **config: Any) -> StationCore:
    return StationCore(
        replace(core.config, language="en", **config),
        core.engine,
        core.session_factory,
        core.data_dir,
    )


def sync_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith(("sync-", "server-"))]


def test_the_station_syncs_with_its_embedded_server(
    core: StationCore, qtbot: Any, sqlite_demo_template: Path
) -> None:
    # A ready demo server database, so the test does not wait for the first-start seeding.
    shutil.copy(sqlite_demo_template, core.data_dir / "server.db")
    st = Station(make_app(), station_with(core), parts=["ui.sync_part:sync_part"])
    qtbot.addWidget(st.window)
    st.window.resize(1280, 800)
    seen: list[SyncStatus] = []
    st.ctx.status.sync_changed.connect(seen.append)  # delivered on the GUI thread
    try:
        st.start_parts()
        qtbot.waitUntil(lambda: any(s.state is SyncState.ONLINE for s in seen), timeout=30_000)
        bar = st.window.status
        assert "online" in bar.server.text().lower()
        assert bar.queue.text().endswith(": 0")
        assert st.ctx.services["sync"].running
        picking = st.ctx.services["picking"]
        user = picking_user(core)
        # A picker badges in: the part claims a batch for them right away.
        from app.persistence.models import Role
        from app.services.session import UserSession

        st.ctx.session.set(UserSession(user, "Li Wei", Role.PICKER, "USR-1001", "en"))
        from app.persistence.models import PickBatch

        def has_batch() -> bool:
            with core.uow() as u:
                return u.session.query(PickBatch).filter_by(origin="server").count() > 0

        qtbot.waitUntil(has_batch, timeout=30_000)
        view = picking.claim_next(user)
        assert view.code.startswith("PB-") and view.current is not None
        SCREENS.mkdir(parents=True, exist_ok=True)
        bar.grab().save(str(SCREENS / "status-bar-online.png"))
    finally:
        st.stop()
    assert sync_threads() == []


def test_a_station_with_a_server_but_no_token_reports_refused(
    core: StationCore, qtbot: Any, monkeypatch: Any
) -> None:
    """No token: the station itself knows the server would refuse it (tests/test_sync_refused.py
    has a real server's refusals); not "offline", since waiting will not help."""
    monkeypatch.setenv("WS_NO_KEYRING", "1")
    monkeypatch.delenv("WS_SERVER_TOKEN", raising=False)
    st = Station(
        make_app(),
        station_with(core, server_url="http://127.0.0.1:9"),
        parts=["ui.sync_part:sync_part"],
    )
    qtbot.addWidget(st.window)
    seen: list[SyncStatus] = []
    st.ctx.status.sync_changed.connect(seen.append)
    try:
        st.start_parts()
        qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
        assert seen[-1].state is SyncState.REFUSED
        assert "token" in (seen[-1].last_error or "")
        assert "refused this station" in st.window.status.server.text()
        SCREENS.mkdir(parents=True, exist_ok=True)
        st.window.status.grab().save(str(SCREENS / "status-bar-refused.png"))
    finally:
        st.stop()
    assert sync_threads() == []


def picking_user(core: StationCore) -> int:
    from sqlalchemy import select

    from app.persistence.models import User

    with core.uow() as u:
        user_id = u.session.scalar(select(User.id).where(User.badge_code == "USR-1001"))
    assert user_id is not None
    return int(user_id)
