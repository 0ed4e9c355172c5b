"""The Dashboard and Admin tabs against a real server over HTTP on 127.0.0.1 (real uvicorn,
real database — SQLite and PostgreSQL), with real widgets offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app.admin.user_gateway import UserGateway
from app.dashboard.client import Credentials, DashboardClient
from app.persistence.models import Role as StationRole
from app.pins import hash_pin
from app.services.session import TABS_BY_ROLE, UserSession
from server import models as m
from server.dashboard.tables import AuditEntry
from tests import dashboard_history as h
from tests.server_fixtures import BACKENDS, RunningServer, fresh_db, running_server
from ui.context import StationContext

SCREENS = Path("/work/screens/dashboard")


@dataclass
class Site:
    server: RunningServer
    station_token: str

    def sign_in(self, badge: str, pin: str = "1234") -> str:
        response = httpx.post(
            f"{self.server.url}/api/v1/stations/st-1/sessions",
            json={"badge": badge, "pin": pin},
            headers={"Authorization": f"Bearer {self.station_token}"},
        )
        response.raise_for_status()
        return str(response.json()["session_token"])

    def client(self, session_token: str | None) -> DashboardClient:
        return DashboardClient(
            self.server.url, lambda: Credentials(self.station_token, session_token)
        )

    def get(self, path: str, session_token: str | None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.station_token}"}
        if session_token:
            headers["X-WS-User-Session"] = session_token
        return httpx.get(f"{self.server.url}{path}", headers=headers)


@pytest.fixture(autouse=True)
def _no_leaked_workers() -> Iterator[None]:
    """Every worker thread a screen starts is stopped and joined by its shutdown()."""
    import threading

    yield
    prefixes = ("dashboard", "admin-")
    assert [t.name for t in threading.enumerate() if t.name.startswith(prefixes)] == []


@pytest.fixture(params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    url = fresh_db(request, request.param, tmp_path, demo=False)
    with running_server(url) as server:
        with server.factory() as s:
            h.build(s)
            for name, badge, role in (
                ("Sara Lopez", "USR-1006", m.Role.SUPERVISOR),
                ("Admin", "USR-1008", m.Role.ADMIN),
                ("Zhang Min", "USR-1003", m.Role.PICKER),
            ):
                s.add(m.User(name=name, badge_code=badge, pin_hash=hash_pin("1234"), role=role))
            s.commit()
        yield Site(server, server.token(station="st-1"))


def _ctx(core, session: UserSession, client: DashboardClient) -> StationContext:
    ctx = StationContext(core)
    ctx.session.set(session)
    ctx.services["dashboard_client"] = lambda: client
    return ctx


SUPERVISOR = UserSession(6, "Sara Lopez", StationRole.SUPERVISOR, "USR-1006", "en")
ADMIN = UserSession(8, "Admin", StationRole.ADMIN, "USR-1008", "en")
PICKER = UserSession(3, "Zhang Min", StationRole.PICKER, "USR-1003", "zh_CN")


@pytest.fixture
def dashboard(qtbot, core, site: Site):
    from ui.dashboard.screen import DashboardScreen

    client = site.client(site.sign_in("USR-1006"))
    screen = DashboardScreen(_ctx(core, SUPERVISOR, client))
    screen.period_bounds = lambda: (h.T0, h.NOW)  # the hand-made history's shift
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    yield screen
    screen.shutdown()
    client.close()


def _cell(panel, row: int, col: int) -> str:
    return panel.table.item(row, col).text()


def test_dashboard_shows_the_known_figures(qtbot, dashboard) -> None:
    with qtbot.waitSignal(dashboard.painted, timeout=20_000):
        dashboard.refresh()
    assert "Live" in dashboard.status.text()
    rows = {_cell(dashboard.per_station, r, 0): r for r in range(2)}
    assert _cell(dashboard.per_station, rows["st-1"], 1) == "6"  # lines
    assert _cell(dashboard.per_station, rows["st-1"], 2) == "9"  # units
    assert _cell(dashboard.per_station, rows["st-1"], 4) == "0.75"  # lines per hour
    cycle = dashboard.cycle.table_panel
    picked = next(r for r in range(5) if _cell(cycle, r, 0).startswith("released"))
    assert (_cell(cycle, picked, 2), _cell(cycle, picked, 3)) == ("30 min", "1 h 16 min")
    assert "BOTTLENECK" in _cell(cycle, picked, 5)
    assert [r for r in range(5) if "BOTTLENECK" in _cell(cycle, r, 5)] == [picked]
    assert "released → picked" in dashboard.cycle.bottleneck.text()
    assert dashboard.cards["short"].value.text() == "▲ 16.7 %"
    assert "2 of 12 lines" in dashboard.quality_summary.text()
    assert dashboard.chart.points[0].lines == 3
    path = dashboard.per_station.export()
    assert "st-1" in path.read_text(encoding="utf-8-sig")


def test_release_on_hold_changes_the_server_and_is_audited(qtbot, dashboard, site) -> None:
    with qtbot.waitSignal(dashboard.painted, timeout=20_000):
        dashboard.refresh()
    held = next(i for i in dashboard._items if i.id == "order:SO-900006")
    dashboard.exception_table.table.selectRow(dashboard._items.index(held))
    assert dashboard.action_buttons["release"].isEnabled()
    assert not dashboard.action_buttons["reallocate"].isEnabled()
    with qtbot.waitSignal(dashboard.source.action_done, timeout=20_000) as done:
        dashboard.act_on(held, "release", "address confirmed by phone")
    assert done.args[0].order_status == "released"
    with site.server.factory() as s:
        order = s.scalar(select(m.Order).where(m.Order.number == "SO-900006"))
        assert order.status == m.OrderStatus.RELEASED and order.hold_reason is None
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "exception.release"))
        assert (entry.actor, entry.actor_name, entry.station_id) == (
            "USR-1006",
            "Sara Lopez",
            "st-1",
        )
        assert entry.reason == "address confirmed by phone" and entry.entity_id == "SO-900006"
    # ...and an admin sees it through the audit endpoint.
    admin = site.client(site.sign_in("USR-1008"))
    from app.admin.audit import AuditFilter

    rows = admin.audit(AuditFilter(action="exception."))
    admin.close()
    assert rows[0].who == "Sara Lopez (USR-1006)" and "address confirmed" in rows[0].detail
    # The refreshed list no longer offers the released order.
    qtbot.waitUntil(
        lambda: all(i.id != "order:SO-900006" for i in dashboard._items), timeout=20_000
    )


def test_a_picker_token_cannot_call_dashboard_or_admin_endpoints(site) -> None:
    picker = site.sign_in("USR-1003")
    supervisor = site.sign_in("USR-1006")
    for path in ("/api/v1/dashboard", "/api/v1/dashboard/orders?q=SO", "/api/v1/admin/audit"):
        assert site.get(path, picker).status_code == 403, path
        assert site.get(path, None).status_code == 401, path
    assert site.get("/api/v1/dashboard", supervisor).status_code == 200
    assert site.get("/api/v1/admin/audit", supervisor).status_code == 403  # admin only
    body = {"item_id": "order:SO-900006", "action": "release", "reason": "x"}
    headers = {"Authorization": f"Bearer {site.station_token}", "X-WS-User-Session": picker}
    response = httpx.post(f"{site.server.url}/api/v1/dashboard/actions", json=body, headers=headers)
    assert response.status_code == 403
    user = {"name": "X", "badge_code": "USR-4444", "role": "admin", "pin": "1234"}
    response = httpx.put(
        f"{site.server.url}/api/v1/admin/users/USR-4444", json=user, headers=headers
    )
    assert response.status_code == 403
    with site.server.factory() as s:
        assert s.scalar(select(m.User).where(m.User.badge_code == "USR-4444")) is None
        assert (
            s.scalar(select(m.Order.status).where(m.Order.number == "SO-900006"))
            == m.OrderStatus.ON_HOLD
        )


def test_a_picker_badge_cannot_open_dashboard_or_admin(qtbot, core) -> None:
    from ui.admin.screen import AdminScreen
    from ui.dashboard.screen import DashboardScreen

    assert "dashboard" not in TABS_BY_ROLE[StationRole.PICKER]
    assert "admin" not in TABS_BY_ROLE[StationRole.PICKER]
    ctx = StationContext(core)
    ctx.session.set(PICKER)
    for cls in (DashboardScreen, AdminScreen):
        screen = cls(ctx)
        qtbot.addWidget(screen)
        assert screen.allowed is False
        assert screen.findChild(type(screen.findChild(object, "denied")), "denied") is not None
        screen.shutdown()


def test_disabling_a_user_goes_through_the_server(qtbot, core, site) -> None:
    from ui.admin.screen import AdminScreen

    picker_session = site.sign_in("USR-1003")
    admin_client = site.client(site.sign_in("USR-1008"))
    ctx = _ctx(core, ADMIN, admin_client)
    ctx.services["user_gateway"] = UserGateway(core.uow, lambda: admin_client)
    screen = AdminScreen(ctx)
    qtbot.addWidget(screen)
    page = screen.show_page("users")
    row = [page.table.item(r, 1).text() for r in range(page.table.rowCount())].index("USR-1003")
    page.table.selectRow(row)
    page.active.setChecked(False)
    with qtbot.waitSignal(page.saved, timeout=20_000) as saved:
        page.save()
    assert saved.args[0].via == "server"
    assert "server" in page.status.text()
    with site.server.factory() as s:
        assert s.scalar(select(m.User.active).where(m.User.badge_code == "USR-1003")) is False
        assert (
            s.scalar(select(AuditEntry.action).where(AuditEntry.entity_id == "USR-1003"))
            == "user.disabled"
        )
    assert site.get("/api/v1/dashboard", picker_session).status_code == 401  # logged out
    row = [page.table.item(r, 1).text() for r in range(page.table.rowCount())].index("USR-1003")
    assert "Disabled" in page.table.item(row, 4).text()
    screen.shutdown()
    admin_client.close()


def test_offline_dashboard_keeps_the_last_figures_with_their_time(qtbot, core, site) -> None:
    from ui.dashboard.screen import DashboardScreen

    client = site.client(site.sign_in("USR-1006"))
    ctx = _ctx(core, SUPERVISOR, client)
    screen = DashboardScreen(ctx)
    screen.period_bounds = lambda: (h.T0, h.NOW)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.painted, timeout=20_000):
        screen.refresh()
    screen.shutdown()
    client.close()
    # The server goes away: a new screen (after a restart) shows the cached figures, offline.
    dead = DashboardClient("http://127.0.0.1:9", lambda: Credentials("x", "y"), timeout=1.0)
    ctx.services["dashboard_client"] = lambda: dead
    screen = DashboardScreen(ctx)
    screen.period_bounds = lambda: (h.T0, h.NOW)
    qtbot.addWidget(screen)
    assert screen.board is not None and screen.board.throughput.lines == 10
    with qtbot.waitSignal(screen.source.offline, timeout=20_000):
        screen.refresh()
    text = screen.status.text()
    assert "Offline" in text and "showing figures from" in text and text.startswith("✖")
    screen.shutdown()
    dead.close()


def test_supervisor_signs_in_to_the_server_once_from_the_tab(qtbot, core, site) -> None:
    """No session yet: the server answers 401, the tab asks for the PIN, then shows figures."""
    from ui.dashboard.screen import DashboardScreen

    ctx = StationContext(core)
    ctx.session.set(SUPERVISOR)
    ctx.services["server_endpoint"] = (site.server.url, site.station_token)
    core.config.station_id = "st-1"
    screen = DashboardScreen(ctx)
    screen.period_bounds = lambda: (h.T0, h.NOW)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.source.refused, timeout=20_000):
        screen.refresh()
    assert not screen.sign_in_button.isHidden()
    dialog = screen.request_sign_in()
    dialog.field.setText("9999")
    with qtbot.waitSignal(screen.source.refused, timeout=20_000):  # wrong PIN: still refused
        dialog.try_accept()
        qtbot.waitUntil(lambda: "not accepted" in screen.status.text(), timeout=20_000)
        screen.refresh()
    dialog = screen.request_sign_in()
    dialog.field.setText("1234")
    with qtbot.waitSignal(screen.painted, timeout=20_000):
        dialog.try_accept()
    assert screen.sign_in_button.isHidden() and "Live" in screen.status.text()
    # Logging out forgets the server session.
    ctx.session.set(None)
    assert ctx.services["server_sessions"].current() is None
    screen.shutdown()


def test_admin_reads_the_server_audit_log_after_signing_in(qtbot, core, site) -> None:
    from ui.admin.screen import AdminScreen

    ctx = StationContext(core)
    ctx.session.set(ADMIN)
    ctx.services["server_endpoint"] = (site.server.url, site.station_token)
    core.config.station_id = "st-1"
    screen = AdminScreen(ctx)
    qtbot.addWidget(screen)
    dialog = screen.request_sign_in()
    dialog.field.setText("1234")
    dialog.try_accept()
    qtbot.waitUntil(lambda: "Signed in" in screen.sign_in_status.text(), timeout=20_000)
    users = screen.show_page("users")
    users.new_user()
    users.name.setText("Ma Lin")
    users.badge.setText("USR-2001")
    users.pin.setText("4321")
    with qtbot.waitSignal(users.saved, timeout=20_000) as saved:
        users.save()
    assert saved.args[0].via == "server"
    audit = screen.show_page("audit")
    audit.source.setCurrentIndex(1)  # server
    audit.user.setText("USR-1008")
    audit.search()
    qtbot.waitUntil(lambda: audit.table.rowCount() >= 1, timeout=20_000)
    assert audit.table.item(0, 3).text() == "User created"
    assert audit.table.item(0, 4).text() == "Admin created user Ma Lin (USR-2001)"
    screen.shutdown()


def test_pushed_device_faults_are_counted_per_station(site) -> None:
    import uuid

    body = {
        "events": [
            {
                "key": uuid.uuid4().hex,
                "type": "device.fault",
                "payload": {"device": "scanner", "state": "reconnecting", "code": "unplugged"},
            }
        ]
    }
    auth = {"Authorization": f"Bearer {site.station_token}"}
    pushed = httpx.post(f"{site.server.url}/api/v1/stations/st-1/events", json=body, headers=auth)
    assert pushed.status_code == 200, pushed.text
    client = site.client(site.sign_in("USR-1006"))
    try:
        from datetime import UTC, datetime, timedelta

        now = datetime.now(UTC)
        board = client.dashboard(now - timedelta(hours=1), now + timedelta(minutes=1))
    finally:
        client.close()
    assert [(k.key, k.count) for k in board.exceptions.device_faults_by_station] == [("st-1", 1)]
