"""A user's badge changed on the server reaches every station as the same person, end to end
over real HTTP on 127.0.0.1 (real uvicorn, SQLite and PostgreSQL server databases, two real
station databases from ``tests.test_user_changes``).

Stations used to match pulled users by badge code: a new badge arrived as a second user and
the old badge kept logging in. Now the server's ``uid`` travels with each user, the station's
row is renamed (its audit and pick history stays with it), and the old badge is refused with
"replaced". An existing station database gets the column by migration and learns every
identity with one full user list; a duplicate the old matching had left is disabled.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.admin import users
from app.bootstrap import StationCore, open_core, station_db_path
from app.config import StationConfig
from app.persistence import migration_tools, schema
from app.persistence.db import make_engine, sqlite_url
from app.persistence.models import AuditEntry, PickAction, PickBatch, RetiredBadge, SyncState, User
from app.services.auth import AuthService, LoginFailure, LoginFailureReason
from app.services.session import UserSession
from app.sync.claim import server_claim_source
from app.sync.client import SyncClient
from app.sync.engine import CURSOR_KEY, USERS_REFRESH_KEY, SyncEngine
from drivers.scanners.base import RawScan
from server import models as m
from tests import test_user_changes
from tests.server_fixtures import BACKENDS, fresh_db, running_server
from tests.test_user_changes import PIN, Site, Station, _new_user

site = test_user_changes.site  # the same two-station site on a real server (a fixture)


def change_badge(site: Site, badge: str, new_badge: str, **fields: object) -> httpx.Response:
    """An admin edits the user on the server (Admin → Users while online does this)."""
    admin = site.sign_in("USR-1008")
    with site.server.factory() as s:
        user = s.scalar(select(m.User).where(m.User.badge_code == badge))
        assert user is not None
        body = {
            "name": user.name,
            "badge_code": new_badge,
            "role": user.role.value,
            "language": user.language,
            "active": user.active,
            **fields,
        }
    response = httpx.put(
        f"{site.server.url}/api/v1/admin/users/{badge}",
        json=body,
        headers={"Authorization": f"Bearer {site.one.token}", "X-WS-User-Session": admin},
    )
    assert response.status_code == 200, response.text
    return response


def server_uid(site: Site, badge: str) -> str:
    with site.server.factory() as s:
        uid = s.scalar(select(m.User.uid).where(m.User.badge_code == badge))
    assert uid is not None
    return str(uid)


def rows_named(station: Station, name: str) -> list[User]:
    with station.core.uow() as u:
        found = list(u.session.scalars(select(User).where(User.name == name)))
        for row in found:
            u.session.expunge(row)
        return found


def pick_one_step(station: Station, badge: str) -> int:
    """Claim a pulled server batch at ``station`` as ``badge`` and confirm its first step."""
    from app.services.picking import PickingService

    station.engine.batch_demand = 1
    station.sync()
    user = station.user(badge)
    assert user is not None
    picking = PickingService(station.core, claim_source=server_claim_source(lambda: None))
    view = picking.claim_next(user.id)
    step = view.current
    assert step is not None
    picking.confirm(view.batch_id, step.task_id, step.remaining, step.lot, step.tote, user.id)
    return view.batch_id


def test_a_badge_changed_on_the_server_renames_the_user_at_the_other_station(site: Site) -> None:
    two = site.two
    person = two.user("USR-1001")
    assert person is not None and person.server_uid == server_uid(site, "USR-1001")
    auth = AuthService(two.core.uow)
    assert isinstance(auth.login_with_badge("USR-1001"), UserSession)
    batch_id = pick_one_step(two, "USR-1001")
    two.sync()  # the pick reaches the server

    response = change_badge(site, "USR-1001", "USR-3001")
    assert response.json()["uid"] == person.server_uid  # the admin screen stores it too

    two.sync()
    (row,) = rows_named(two, person.name)  # one person, not two
    assert row.id == person.id and row.badge_code == "USR-3001" and row.active
    assert two.user("USR-1001") is None
    # The old badge is refused, and says why; the new one logs in as the same row.
    refused = auth.login_with_badge("USR-1001")
    assert isinstance(refused, LoginFailure)
    assert refused.reason is LoginFailureReason.BADGE_REPLACED and refused.user_name == person.name
    assert "replaced" in refused.message
    session = auth.login_with_badge("USR-3001")
    assert isinstance(session, UserSession) and session.user_id == person.id
    # Past records still point at the same row; the refused scan is audited against it.
    with two.core.uow() as u:
        s = u.session
        batch = s.get(PickBatch, batch_id)
        assert batch is not None and batch.user_id == person.id
        assert s.scalar(select(func.count()).where(PickAction.user_id == person.id)) == 1
        logins = list(
            s.scalars(
                select(AuditEntry).where(AuditEntry.user_id == person.id).order_by(AuditEntry.id)
            )
        )
        logins = [e for e in logins if e.action.startswith("login")]
        assert [e.action for e in logins] == ["login", "login_failed", "login"]
        assert logins[1].detail["reason"] == "badge_replaced"
        assert s.get(RetiredBadge, "USR-1001") is not None
    # The station where nobody had used the badge follows too.
    site.one.sync()
    (there,) = rows_named(site.one, person.name)
    assert there.badge_code == "USR-3001" and there.server_uid == person.server_uid
    assert isinstance(AuthService(site.one.core.uow).login_with_badge("USR-1001"), LoginFailure)


def test_the_ui_says_the_badge_was_replaced() -> None:
    from ui.login.messages import failure_text

    text = failure_text(LoginFailure(LoginFailureReason.BADGE_REPLACED, "Anna Schmidt"))
    assert "Anna Schmidt" in text and "replaced" in text and "new badge" in text


def test_swapped_badges_follow_their_people(site: Site) -> None:
    first, second = site.two.user("USR-1001"), site.two.user("USR-1002")
    assert first is not None and second is not None
    # The server refuses a badge that is taken, so a swap goes through a spare code.
    change_badge(site, "USR-1001", "USR-9999")
    change_badge(site, "USR-1002", "USR-1001")
    change_badge(site, "USR-9999", "USR-1002")
    site.two.sync()
    now_first, now_second = site.two.user("USR-1002"), site.two.user("USR-1001")
    assert now_first is not None and now_first.id == first.id and now_first.active
    assert now_second is not None and now_second.id == second.id and now_second.active
    assert len(rows_named(site.two, first.name)) == len(rows_named(site.two, second.name)) == 1
    auth = AuthService(site.two.core.uow)
    logged = auth.login_with_badge("USR-1001")
    assert isinstance(logged, UserSession) and logged.user_id == second.id
    with site.two.core.uow() as u:  # both codes are in use again: neither is "replaced"
        assert u.session.scalar(select(func.count()).select_from(RetiredBadge)) == 0


def test_an_offline_user_approved_then_rebadged_is_one_row_everywhere(site: Site) -> None:
    made = _new_user(site.one, "USR-2001", "Ma Lin")
    site.one.sync()
    (pending,) = site.pending()
    admin = site.sign_in("USR-1008")
    assert site.act(admin, f"exc:{pending.id}", "approve", "new packer").status_code == 200
    uid = server_uid(site, "USR-2001")
    site.one.sync()
    site.two.sync()
    here, there = site.one.user("USR-2001"), site.two.user("USR-2001")
    assert here is not None and here.id == made and here.server_uid == uid  # attached
    assert there is not None and there.server_uid == uid

    change_badge(site, "USR-2001", "USR-2011")
    site.one.sync()
    site.two.sync()
    for station in (site.one, site.two):
        (row,) = rows_named(station, "Ma Lin")
        assert row.badge_code == "USR-2011" and row.server_uid == uid and row.active
        auth = AuthService(station.core.uow)
        refused = auth.login_with_badge("USR-2001")
        assert isinstance(refused, LoginFailure)
        assert refused.reason is LoginFailureReason.BADGE_REPLACED
        assert isinstance(auth.login_with_pin(row.id, PIN), UserSession)
    assert rows_named(site.one, "Ma Lin")[0].id == made


def test_a_badge_changed_before_the_maker_hears_of_the_approval(site: Site) -> None:
    """The approval and a new badge arrive in the same pull: the approved decision names the
    user's uid, so the row made offline is renamed rather than joined by a second one."""
    made = _new_user(site.one, "USR-2021", "Qian Yu")
    site.one.sync()
    (pending,) = site.pending()
    admin = site.sign_in("USR-1008")
    assert site.act(admin, f"exc:{pending.id}", "approve", "ok").status_code == 200
    change_badge(site, "USR-2021", "USR-2022")
    site.one.sync()
    (row,) = rows_named(site.one, "Qian Yu")
    assert row.id == made and row.badge_code == "USR-2022" and row.active
    assert row.server_uid == server_uid(site, "USR-2022")
    assert users.change_states(site.one.core.uow) == {}  # the approval was taken
    refused = AuthService(site.one.core.uow).login_with_badge("USR-2021")
    assert isinstance(refused, LoginFailure)
    assert refused.reason is LoginFailureReason.BADGE_REPLACED


def test_an_offline_badge_change_retires_the_old_code_here(site: Site) -> None:
    person = site.one.user("USR-1002")
    assert person is not None
    users.save_local(
        site.one.core.uow,
        users.UserDraft(person.name, "USR-3002", person.role.value, person.language),
        user_id=person.id,
        actor_id=8,
    )
    refused = AuthService(site.one.core.uow).login_with_badge("USR-1002")
    assert isinstance(refused, LoginFailure)
    assert refused.reason is LoginFailureReason.BADGE_REPLACED


def test_an_admin_at_a_station_changes_a_badge_online(site: Site) -> None:
    """Admin → Users while online: the server answers with the uid; the station stores it on
    the same row and retires the old code at once, and the other station follows."""
    from app.admin.user_gateway import UserGateway
    from app.dashboard.client import Credentials, DashboardClient

    admin = site.sign_in("USR-1008")
    client = DashboardClient(site.server.url, lambda: Credentials(site.one.token, admin))
    try:
        person = site.one.user("USR-1004")
        assert person is not None
        draft = users.UserDraft(person.name, "USR-3004", person.role.value, person.language)
        saved = UserGateway(site.one.core.uow, lambda: client).save(
            draft, user_id=person.id, actor_id=8
        )
    finally:
        client.close()
    assert saved.via == "server" and saved.record.id == person.id
    here = site.one.user("USR-3004")
    assert here is not None and here.id == person.id
    assert here.server_uid == person.server_uid == server_uid(site, "USR-3004")
    refused = AuthService(site.one.core.uow).login_with_badge("USR-1004")
    assert isinstance(refused, LoginFailure)
    assert refused.reason is LoginFailureReason.BADGE_REPLACED
    site.one.sync()  # the feed brings the same change back: still one row
    site.two.sync()
    for station in (site.one, site.two):
        (row,) = rows_named(station, person.name)
        assert row.badge_code == "USR-3004"


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_server_migration_gives_existing_users_distinct_uids(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str
) -> None:
    from alembic import command

    from server import schema as server_schema
    from server.db import make_engine as server_engine

    if backend == "sqlite":
        url = sqlite_url(tmp_path / "old-server.db")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.url(cluster.create_database())
    engine = server_engine(url)
    with engine.begin() as conn:
        command.upgrade(server_schema._config(conn), "a3653bcf9fa8")  # before the uid
        for n in range(3):
            conn.exec_driver_sql(
                "INSERT INTO users (name, badge_code, pin_hash, role, active, failed_attempts,"
                f" updated_at) VALUES ('P{n}', 'USR-500{n}', '!', 'PICKER', true, 0,"
                " CURRENT_TIMESTAMP)"
            )
    server_schema.upgrade(engine)
    with engine.connect() as conn:
        uids = [r[0] for r in conn.exec_driver_sql("SELECT uid FROM users")]
    engine.dispose()
    assert len(uids) == 3 and len(set(uids)) == 3
    assert all(len(u) == 36 and u.count("-") == 4 for u in uids)


# --- a station database from before the uid -------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_old_station_database_learns_every_identity_and_drops_a_duplicate(
    request: pytest.FixtureRequest, tmp_path: Path, demo_db_template: Path, backend: str
) -> None:
    """A station that synced with the old code: the server changed USR-1003's badge to
    USR-3003, which the station had added as a second user while keeping the old one. After
    the upgrade the station fetches every user once: each row gets its server identity, the
    duplicate's old badge stops working, and nothing else changes."""
    url = fresh_db(request, backend, tmp_path)
    data = tmp_path / "old-station"
    data.mkdir()
    path = station_db_path(data)
    shutil.copy(demo_db_template, path)
    engine = make_engine(sqlite_url(path))
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(migration_tools.alembic_config(schema.MIGRATIONS, conn), "c1ead5d75400")
    with running_server(url) as server:
        with server.factory() as s:
            person = s.scalar(select(m.User).where(m.User.badge_code == "USR-1003"))
            assert person is not None
            person.badge_code = "USR-3003"
            s.commit()
            from server import changes

            cursor = changes.current(s)
        with engine.begin() as conn:  # what the old matching left behind
            old_id = conn.exec_driver_sql(
                "SELECT id FROM users WHERE badge_code = 'USR-1003'"
            ).scalar_one()
            conn.exec_driver_sql(
                "INSERT INTO users (name, badge_code, pin_hash, role, language, active,"
                " failed_attempts, updated_at) SELECT name, 'USR-3003', pin_hash, role,"
                " language, 1, 0, updated_at FROM users WHERE id = ?",
                (old_id,),
            )
            conn.exec_driver_sql(
                "INSERT INTO sync_state (key, value) VALUES (?, ?)", (CURSOR_KEY, str(cursor))
            )
        engine.dispose()

        core = open_core(StationConfig(station_id="st-old"), data, seed_demo=False)  # migrates
        sync = SyncEngine(
            core.uow,
            SyncClient(server.url, "st-old", server.token(station="st-old"), timeout_s=10),
        )
        try:
            with core.uow() as u:
                assert u.session.get(SyncState, USERS_REFRESH_KEY) is not None
                assert (
                    u.session.scalar(select(func.count()).where(User.server_uid.is_not(None))) == 0
                )
            report = sync.run_once()
            assert report.pulled >= 8
            with core.uow() as u, server.factory() as s:
                ours = {
                    x.badge_code: (x.id, x.server_uid, x.active)
                    for x in u.session.scalars(select(User))
                }
                theirs = {x.badge_code: x.uid for x in s.scalars(select(m.User))}
                assert u.session.get(SyncState, USERS_REFRESH_KEY) is None  # once
            assert {b: ours[b][1] for b in theirs} == theirs
            assert ours["USR-1003"] == (old_id, None, False)
            assert all(active for b, (_i, _u, active) in ours.items() if b != "USR-1003")
            refused = AuthService(core.uow).login_with_badge("USR-1003")
            assert isinstance(refused, LoginFailure)
            assert refused.reason is LoginFailureReason.DISABLED
            assert isinstance(AuthService(core.uow).login_with_badge("USR-3003"), UserSession)
            sync.run_once()  # nothing more to do
        finally:
            sync.client.close()
            core.close()


# --- the login screen ----------------------------------------------------------------------


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_login_screen_says_the_scanned_badge_was_replaced(
    core: StationCore, qtbot: Any, language: str
) -> None:
    """The real window: the old badge gets the error sound's signal and the replaced message
    in the station's language, and nobody is logged in."""
    from ui.station import Station as Kiosk
    from ui.station import make_app

    person = _station_user(core, "USR-1001")
    users.save_local(
        core.uow,
        users.UserDraft(person.name, "USR-3001", person.role.value, person.language),
        user_id=person.id,
        actor_id=8,
    )
    config = replace(core.config, language=language)
    kiosk = Kiosk(
        make_app(), StationCore(config, core.engine, core.session_factory, core.data_dir), parts=[]
    )
    qtbot.addWidget(kiosk.window)
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    try:
        with qtbot.waitSignal(kiosk.ctx.feedback.error) as error:
            kiosk.ctx.scans.publish(RawScan(b"USR-1001", time.monotonic(), "test"))
        message = str(error.args[0])
        assert person.name in message
        assert ("replaced" in message) if language == "en" else ("新工牌" in message)
        assert kiosk.ctx.session.current is None
        label = _label_with(kiosk.window, message)  # on screen, not only in the banner
        qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
        SCREENS.mkdir(parents=True, exist_ok=True)
        kiosk.window.grab().save(str(SCREENS / f"login_badge_replaced_{language}.png"))
    finally:
        kiosk.stop()


SCREENS = Path("/work/screens/user-identity")


def _station_user(core: StationCore, badge: str) -> User:
    with core.uow() as u:
        found = u.session.scalar(select(User).where(User.badge_code == badge))
        assert found is not None
        u.session.expunge(found)
        return found


def _label_with(widget: Any, text: str) -> Any:
    """The login screen's own error line (the banner is the other label with the text)."""
    from PySide6.QtWidgets import QLabel

    from ui.login.login_screen import LoginScreen

    (screen,) = widget.findChildren(LoginScreen)
    (label,) = [x for x in screen.findChildren(QLabel) if text in x.text() and x.isVisible()]
    return label
