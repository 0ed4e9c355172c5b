"""Screenshots of the Dashboard (English and Chinese) and the order timeline, from a real server
over HTTP; and a check that the Chinese translation is really applied to the tab."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.pins import hash_pin
from server import models as m
from tests import dashboard_history as h
from tests.server_fixtures import fresh_db, running_server
from tests.test_dashboard_e2e import SUPERVISOR, Site, _ctx

SCREENS = Path("/work/screens/dashboard")


@pytest.fixture(autouse=True)
def _no_leaked_workers() -> Iterator[None]:
    """Every worker thread a screen starts is stopped and joined by its shutdown()."""
    import threading

    yield
    prefixes = ("dashboard", "admin-")
    assert [t.name for t in threading.enumerate() if t.name.startswith(prefixes)] == []


@pytest.fixture
def demo_site(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # The shift ends now, so late and at-risk orders look as they would on the floor.
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    monkeypatch.setattr(h, "NOW", now)
    monkeypatch.setattr(h, "T0", now - timedelta(hours=8))
    url = fresh_db(request, "sqlite", tmp_path, demo=False)
    with running_server(url) as server:
        with server.factory() as s:
            h.build(s)
            h.build_demo_shift(s)
            s.add(m.User(name="Sara Lopez", badge_code="USR-1006", pin_hash=hash_pin("1234"),
                         role=m.Role.SUPERVISOR))  # fmt: skip
            s.commit()
        yield Site(server, server.token(station="st-1"))


def _save(widget, name: str) -> None:
    if SCREENS.parent.exists():
        SCREENS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SCREENS / name))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_dashboard_screens(qtbot, core, demo_site: Site, language: str) -> None:
    from ui.dashboard.screen import DashboardScreen
    from ui.i18n import Translations

    translations = Translations(QApplication.instance())
    translations.use(language)
    client = demo_site.client(demo_site.sign_in("USR-1006"))
    try:
        screen = DashboardScreen(_ctx(core, SUPERVISOR, client))
        screen.period_bounds = lambda: (h.T0, datetime.now(UTC))
        qtbot.addWidget(screen)
        screen.resize(1400, 900)
        screen.show()
        with qtbot.waitSignal(screen.painted, timeout=20_000):
            screen.refresh()
        expected = {"en": "Cycle time", "zh_CN": "周期时间"}[language]
        assert screen.sections.tabText(screen.sections.indexOf(screen.cycle)) == expected
        for i, name in enumerate(
            ("overview", "throughput", "rates", "cycle", "quality", "exceptions")
        ):
            screen.sections.setCurrentIndex(i)
            _save(screen, f"dashboard-{name}-{language}.png")
        screen.sections.setCurrentWidget(screen.lookup)
        screen.lookup.query.setText("SO-900001")
        with qtbot.waitSignal(screen.source.order_loaded, timeout=20_000):
            screen.lookup.search()
        assert screen.lookup.timeline.table.rowCount() == 5
        _save(screen, f"order-timeline-{language}.png")
        screen.shutdown()
    finally:
        client.close()
        translations.clear()


def test_order_timeline_from_real_floor_events(qtbot, core, request, tmp_path) -> None:
    """Claim a batch, push picks (one short), packing and a label through the sync API, then
    look the order up by its SSCC: the timeline shows every step with who, where and when."""
    import uuid

    import httpx

    from app.domain.sscc import make_sscc
    from ui.dashboard.screen import DashboardScreen

    url = fresh_db(request, "sqlite", tmp_path, demo=True)
    with running_server(url) as server:
        with server.factory() as s:
            s.add(m.User(name="Sara Lopez", badge_code="USR-9006", pin_hash=hash_pin("1234"),
                         role=m.Role.SUPERVISOR))  # fmt: skip
            s.commit()
        site = Site(server, server.token(station="st-1"))
        auth = {"Authorization": f"Bearer {site.station_token}"}
        base = f"{server.url}/api/v1/stations/st-1"
        batch = httpx.post(f"{base}/batches/claim", headers=auth).json()["batch"]
        assert batch is not None
        orders = [t["order"] for t in batch["tasks"]]
        order = max(orders, key=orders.count)  # the order with most lines: one goes short
        tasks = [t for t in batch["tasks"] if t["order"] == order]
        assert len(tasks) >= 2

        def ev(type_: str, **payload: object) -> dict[str, object]:
            return {"key": uuid.uuid4().hex, "type": type_, "payload": payload}

        events = []
        for i, t in enumerate(tasks):
            events.append(
                ev(
                    "pick.short" if i == 1 else "pick.confirmed",
                    order=order,
                    line_no=t["line_no"],
                    sku=t["sku"],
                    location=t["location"],
                    quantity=1 if i == 1 else t["quantity"],
                    user="USR-1001",
                    batch=batch["code"],
                )
            )
        sscc = make_sscc(0, "0614141", 1234567)
        for i, t in enumerate(tasks):
            picked = t["quantity"] - (1 if i == 1 else 0)
            if picked:
                events.append(
                    ev("pack.scanned", order=order, sku=t["sku"], quantity=picked, carton=1,
                       user="USR-1004")
                )  # fmt: skip
        events.append(
            ev("carton.closed", order=order, carton=1, box_type="S", weight_g=800, sscc=sscc,
               user="USR-1004")
        )  # fmt: skip
        events.append(
            ev("label.printed", order=order, carton=1, sscc=sscc, carrier="DHL", user="USR-1004")
        )
        pushed = httpx.post(f"{base}/events", json={"events": events}, headers=auth)
        assert pushed.status_code == 200, pushed.text
        client = site.client(site.sign_in("USR-9006"))
        try:
            screen = DashboardScreen(_ctx(core, SUPERVISOR, client))
            qtbot.addWidget(screen)
            screen.resize(1400, 900)
            screen.sections.setCurrentWidget(screen.lookup)
            screen.lookup.query.setText(sscc)
            with qtbot.waitSignal(screen.source.order_loaded, timeout=20_000):
                screen.lookup.search()
            rows = screen.lookup.timeline.table.rowCount()
            what = {screen.lookup.timeline.table.item(r, 1).text() for r in range(rows)}
            assert {"Picked", "Short pick", "Label printed"} <= what
            assert order in screen.lookup.header.text()
            screen.lookup.timeline.table.scrollToBottom()
            _save(screen, "order-timeline-floor-en.png")
            screen.shutdown()
        finally:
            client.close()
