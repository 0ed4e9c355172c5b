"""Server facts in the supervisor's language: the server sends codes and parameters next to its
English sentence, the station says them in Chinese (real server over HTTP, real widgets
offscreen, the shipped .qm files), and an unknown code falls back to the English sentence."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from PySide6.QtWidgets import QApplication

from app.dashboard.figures import ExceptionItem, TimelineEntry
from app.pins import hash_pin
from server import models as m
from tests.server_fixtures import fresh_db, running_server
from tests.test_dashboard_e2e import SUPERVISOR, Site, _ctx

SCREENS = Path("/work/screens/texts")


@pytest.fixture(autouse=True)
def _no_leaked_workers() -> Iterator[None]:
    import threading

    yield
    assert [t.name for t in threading.enumerate() if t.name.startswith("dashboard")] == []


@dataclasses.dataclass
class Floor:
    site: Site
    short_order: str
    short_sku: str
    short_bin: str


@pytest.fixture
def floor(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Floor]:
    """The demo site after a picker reported a short (bin empty) and a station sent a pick of
    a SKU the server does not know."""
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
        task = batch["tasks"][0]

        def ev(type_: str, **payload: object) -> dict[str, object]:
            return {"key": uuid.uuid4().hex, "type": type_, "payload": payload}

        events = [
            ev("pick.short", order=task["order"], line_no=task["line_no"], sku=task["sku"],
               location=task["location"], quantity=1, reason="empty_bin", user="USR-1001",
               batch=batch["code"]),
            ev("pick.confirmed", order=task["order"], sku="SKU-NOPE", location=task["location"],
               quantity=1, user="USR-1001", batch=batch["code"]),
        ]  # fmt: skip
        pushed = httpx.post(f"{base}/events", json={"events": events}, headers=auth)
        assert pushed.status_code == 200, pushed.text
        assert [r["outcome"] for r in pushed.json()["results"]] == ["applied", "rejected"]
        yield Floor(site, task["order"], task["sku"], task["location"])


def test_the_server_sends_codes_and_parameters_beside_its_english(floor: Floor) -> None:
    client = floor.site.client(floor.site.sign_in("USR-9006"))
    try:
        now = datetime.now(UTC)
        board = client.dashboard(now - timedelta(days=7), now, None)
    finally:
        client.close()
    items = board.exceptions.items
    short = next(i for i in items if i.kind == "short_pick")
    assert short.code == "short_pick"
    assert short.params == {
        "quantity": 1,
        "sku": floor.short_sku,
        "bin": floor.short_bin,
        "order": floor.short_order,
        "reason": "empty_bin",
    }
    assert "(empty_bin)" in short.message  # the English sentence stays for API users
    rejected = next(i for i in items if i.kind == "event_rejected")
    assert (rejected.code, rejected.params["sku"]) == ("unknown_sku", "SKU-NOPE")
    assert rejected.params["event"] == "pick.confirmed"
    assert rejected.message == "unknown SKU 'SKU-NOPE'"
    held = next((i for i in items if i.id.startswith("order:")), None)
    if held is not None:
        assert held.code == held.kind and held.params["order"] == held.order_number


@pytest.fixture
def chinese() -> Iterator[None]:
    from ui.i18n import Translations

    translations = Translations(QApplication.instance())
    assert "dashboard_zh_CN.qm" in translations.use("zh_CN")
    yield
    translations.clear()


def _short_zh(floor: Floor) -> str:
    return f"库位 {floor.short_bin} 的 {floor.short_sku} 缺 1 件（库位空）"


def _rows(panel) -> list[list[str]]:
    t = panel.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_a_chinese_supervisor_reads_exceptions_and_states_in_chinese(
    qtbot, core, floor: Floor, chinese: None
) -> None:
    from ui.dashboard.screen import DashboardScreen

    client = floor.site.client(floor.site.sign_in("USR-9006"))
    screen = DashboardScreen(_ctx(core, SUPERVISOR, client))
    try:
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.period.setCurrentIndex(2)  # 7 days
        with qtbot.waitSignal(screen.painted, timeout=20_000):
            screen.refresh()
        rows = _rows(screen.exception_table)
        short = next(r for r in rows if r[1] == floor.short_order and r[0] == "缺拣")
        assert short[3] == f"订单 {floor.short_order}：" + _short_zh(floor)
        rejected = next(r for r in rows if r[0] == "同步被拒")
        assert rejected[3] == "未知 SKU SKU-NOPE"
        assert not any("empty_bin" in cell or "unknown" in cell for r in rows for cell in r)
        states = [r[0] for r in _rows(screen.by_status)]
        assert states and all(s.isascii() is False for s in states), states
        assert "已下发" in states  # released orders wait on the demo site
        assert "缺拣" in screen.exception_counts.text()
        screen.sections.setCurrentIndex(screen.sections.count() - 2)  # Exceptions
        screen.show()
        _save(screen, "exceptions-zh_CN.png")

        # A code this station does not know (a newer server), and a known code whose
        # parameters do not fit: the server's English sentence, not a crash or a half text.
        board = screen.board
        assert board is not None
        extra = [
            ExceptionItem("exc:901", "pallet_tipped", "Pallet tipped over in aisle 3", "st-2",
                          None, datetime.now(UTC), ["dismiss"], "pallet_tipped", {"aisle": 3}),
            ExceptionItem("exc:902", "short_pick", "2 of SKU-1 short (odd)", "st-2", None,
                          datetime.now(UTC), ["dismiss"], "short_pick", {"sku": "SKU-1"}),
            ExceptionItem("exc:903", "short_pick", "from an old server", "st-2", None,
                          datetime.now(UTC), ["dismiss"]),
        ]  # fmt: skip
        e = dataclasses.replace(board.exceptions, items=[*board.exceptions.items, *extra])
        screen._show(dataclasses.replace(board, exceptions=e), datetime.now(UTC))
        rows = _rows(screen.exception_table)
        assert rows[-3][0] == "pallet tipped" and rows[-3][3] == "Pallet tipped over in aisle 3"
        assert rows[-2][3] == "2 of SKU-1 short (odd)"
        assert rows[-1][3] == "from an old server"
    finally:
        screen.shutdown()
        client.close()


def test_the_order_timeline_reads_in_chinese(qtbot, core, floor: Floor, chinese: None) -> None:
    from ui.dashboard.screen import DashboardScreen

    client = floor.site.client(floor.site.sign_in("USR-9006"))
    screen = DashboardScreen(_ctx(core, SUPERVISOR, client))
    try:
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.sections.setCurrentWidget(screen.lookup)
        screen.lookup.query.setText(floor.short_order)
        with qtbot.waitSignal(screen.source.order_loaded, timeout=20_000):
            screen.lookup.search()
        rows = _rows(screen.lookup.timeline)
        details = {(r[1], r[5]) for r in rows}
        assert ("缺拣", f"库位 {floor.short_bin} 缺 1 × {floor.short_sku}：库位空") in details
        exc = f"订单 {floor.short_order}：" + _short_zh(floor)
        assert {("异常", exc), ("异常", "未知 SKU SKU-NOPE")} <= details
        assert "已下发" in {r[2].split(" → ")[-1] for r in rows}
        screen.show()
        _save(screen, "timeline-zh_CN.png")
    finally:
        screen.shutdown()
        client.close()


def test_timeline_details_fall_back_to_the_raw_facts() -> None:
    from ui.dashboard import texts

    at = datetime.now(UTC)
    odd = TimelineEntry(at, "teleported", None, None, "x", None, {"to": "moon", "n": 2})
    assert texts.timeline_details(odd) == "n: 2, to: moon"
    broken = TimelineEntry(at, "pick", None, None, "x", None, {"sku": "SKU-1"})
    assert texts.timeline_details(broken) == "sku: SKU-1"
    person = TimelineEntry(at, "status", "released", "cancelled", "x", None, {"reason": "dup"})
    assert texts.timeline_details(person) == "Reason: dup"
    old = TimelineEntry(at, "exception", None, None, "x", None, {"kind": "k", "message": "msg"})
    assert texts.timeline_details(old) == "msg"


def _save(widget, name: str) -> None:
    if SCREENS.parent.exists():
        SCREENS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SCREENS / name))
