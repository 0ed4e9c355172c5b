"""The sync protocol and security over real HTTP, on SQLite and PostgreSQL: claims, pushes
(exactly once, replays, key reuse), rejections that become exceptions, the change feed, and
who may call what."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from tests.server_fixtures import RunningServer, running_server


@pytest.fixture
def server(server_db: str) -> Iterator[RunningServer]:
    with running_server(server_db) as srv:
        yield srv


def client(server: RunningServer, token: str, **headers: str) -> httpx.Client:
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}", **headers}, timeout=30
    )


def key() -> str:
    return str(uuid.uuid4())


def pick_events(batch: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "key": key(),
            "type": "pick.confirmed",
            "payload": {
                "order": t["order"],
                "line_no": t["line_no"],
                "sku": t["sku"],
                "location": t["location"],
                "quantity": t["quantity"],
                "batch": batch["code"],
                "sequence": t["sequence"],
                "user": "USR-1001",
                "station_id": "st-1",
            },
        }
        for t in batch["tasks"]
    ]


def pull_all(c: httpx.Client, station: str, since: str = "0", limit: int = 2000) -> dict[str, Any]:
    """Pull pages until ``has_more`` is false; the lists of every page joined."""
    merged: dict[str, Any] = {}
    while True:
        page = c.get(
            f"/api/v1/stations/{station}/changes", params={"since": since, "limit": limit}
        ).json()
        for name, value in page.items():
            if isinstance(value, list):
                merged.setdefault(name, []).extend(value)
        since = merged["cursor"] = page["cursor"]
        if not page["has_more"]:
            return merged


def canonical(feed: dict[str, Any]) -> dict[str, Any]:
    return {
        k: sorted(json.dumps(x, sort_keys=True) for x in v) if isinstance(v, list) else v
        for k, v in feed.items()
    }


def stock_of(c: httpx.Client, sku: str) -> dict[str, Any]:
    return dict(c.get("/api/v1/stock", params={"sku": sku}).json())


def test_claim_push_and_replay_apply_each_event_exactly_once(server: RunningServer) -> None:
    with client(server, server.token()) as st:
        batch = st.post("/api/v1/stations/st-1/batches/claim").json()["batch"]
        assert batch["status"] == "claimed" and batch["station_id"] == "st-1"
        sku = batch["tasks"][0]["sku"]
        before = stock_of(st, sku)
        events = pick_events(batch)
        first = st.post("/api/v1/stations/st-1/events", json={"events": events})
        assert first.status_code == 200, first.text
        results = first.json()["results"]
        assert [r["outcome"] for r in results] == ["applied"] * len(events)
        assert not any(r["replayed"] for r in results)
        after = stock_of(st, sku)
        picked = sum(t["quantity"] for t in batch["tasks"] if t["sku"] == sku)
        assert after["on_hand"] == before["on_hand"] - picked
        assert after["reserved"] == before["reserved"] - picked

        # The station never got the answer and sends the whole batch again: nothing changes.
        again = st.post("/api/v1/stations/st-1/events", json={"events": events})
        assert again.status_code == 200
        assert [r["replayed"] for r in again.json()["results"]] == [True] * len(events)
        assert [r["outcome"] for r in again.json()["results"]] == ["applied"] * len(events)
        assert stock_of(st, sku) == after

        order = st.get(f"/api/v1/orders/{batch['tasks'][0]['order']}").json()
        assert order["status"] == "picked"
        picks = [e for e in order["timeline"] if e["kind"] == "pick"]
        assert all(e["actor"] == "USR-1001" and e["station_id"] == "st-1" for e in picks)


def test_same_key_with_another_payload_is_refused_and_nothing_applied(
    server: RunningServer,
) -> None:
    with client(server, server.token()) as st:
        batch = st.post("/api/v1/stations/st-1/batches/claim").json()["batch"]
        events = pick_events(batch)
        assert st.post("/api/v1/stations/st-1/events", json={"events": events[:1]}).is_success
        sku = batch["tasks"][-1]["sku"]
        before = stock_of(st, sku)
        forged = {**events[0], "payload": {**events[0]["payload"], "quantity": 99}}
        r = st.post("/api/v1/stations/st-1/events", json={"events": [*events[1:], forged]})
        assert r.status_code == 422
        detail = r.json()["detail"]
        assert [d["key"] for d in detail] == [events[0]["key"]]
        assert detail[0]["field"] == f"events[{len(events) - 1}].key"
        assert stock_of(st, sku) == before  # the good events of that batch were not applied
        # The same key twice with different payloads inside one batch: refused too.
        k = key()
        twins = [
            {"key": k, "type": "pick.skipped", "payload": {"order": "SO-100001", "line_no": 1}},
            {"key": k, "type": "pick.skipped", "payload": {"order": "SO-100002", "line_no": 1}},
        ]
        assert st.post("/api/v1/stations/st-1/events", json={"events": twins}).status_code == 422
    from server.models import ExceptionRecord

    with server.factory() as session:
        kinds = session.scalars(select(ExceptionRecord.kind)).all()
    assert kinds.count("idempotency_key_reuse") == 2


def test_a_fact_on_a_cancelled_order_is_rejected_and_shown_to_supervisors(
    server: RunningServer,
) -> None:
    with client(server, server.token()) as st:
        batch = st.post("/api/v1/stations/st-1/batches/claim").json()["batch"]
        victim = batch["tasks"][0]["order"]
        login = st.post("/api/v1/stations/st-1/sessions", json={"badge": "USR-1006", "pin": "1234"})
        assert login.status_code == 201, login.text
        supervisor = {"X-WS-User-Session": login.json()["session_token"]}
        r = st.post(
            f"/api/v1/orders/{victim}/cancel",
            json={"reason": "customer called"},
            headers=supervisor,
        )
        assert r.status_code == 200 and r.json() == {"status": "cancelled"}
        sku = batch["tasks"][0]["sku"]
        before = stock_of(st, sku)
        events = [e for e in pick_events(batch) if e["payload"]["order"] == victim]
        results = st.post("/api/v1/stations/st-1/events", json={"events": events}).json()["results"]
        assert {r["outcome"] for r in results} == {"rejected"}
        assert all("cancelled" in r["error"] and r["exception_id"] for r in results)
        assert stock_of(st, sku) == before
        timeline = st.get(f"/api/v1/orders/{victim}").json()["timeline"]
        cancel = next(e for e in timeline if e["to_status"] == "cancelled")
        assert cancel["actor"] == "USR-1006" and cancel["detail"]["reason"] == "customer called"
        assert any(e["kind"] == "exception" for e in timeline)
    from server.models import ExceptionRecord

    with server.factory() as session:
        records = session.scalars(select(ExceptionRecord)).all()
    assert {r.kind for r in records} == {"event_on_cancelled_order"}
    assert all(r.station_id == "st-1" and r.status == "open" for r in records)


def test_unknown_event_types_are_acknowledged_not_retried(server: RunningServer) -> None:
    with client(server, server.token()) as st:
        ev = {"key": key(), "type": "tote.weighed", "payload": {"grams": 5}}
        (result,) = st.post("/api/v1/stations/st-1/events", json={"events": [ev]}).json()["results"]
        assert result["outcome"] == "ignored"


def test_the_change_feed_gives_each_station_its_part(server: RunningServer) -> None:
    with (
        client(server, server.token(station="st-a", zone="A")) as a,
        client(server, server.token(station="st-b", zone="B")) as b,
    ):
        full = pull_all(a, "st-a")
        assert len(full["products"]) == 500 and len(full["locations"]) == 2000
        assert len(full["users"]) == 8
        assert all(u["pin_hash"].startswith("scrypt$") for u in full["users"])
        assert full["stock"] and {s["location"][0] for s in full["stock"]} == {"A"}
        assert len(full["orders"]) == 200
        (rng,) = full["identifier_ranges"]
        cursor = full["cursor"]
        # Other page sizes give the same feed.
        assert canonical(pull_all(a, "st-a", limit=333)) == canonical(full)

        nothing = a.get("/api/v1/stations/st-a/changes", params={"since": cursor}).json()
        assert nothing["cursor"] == cursor and not nothing["orders"]

        batch = b.post("/api/v1/stations/st-b/batches/claim").json()["batch"]
        assert batch is not None
        b.post("/api/v1/stations/st-b/events", json={"events": pick_events(batch)[:1]})
        seen_by_a = a.get("/api/v1/stations/st-a/changes", params={"since": cursor}).json()
        assert {o["number"] for o in seen_by_a["orders"]} >= {batch["tasks"][0]["order"]}
        assert seen_by_a["batches"] == []  # another station's batch
        seen_by_b = pull_all(b, "st-b")
        assert [x["code"] for x in seen_by_b["batches"]] == [batch["code"]]
        (rng_b,) = seen_by_b["identifier_ranges"]
        assert rng_b["first"] > rng["last"] or rng_b["last"] < rng["first"]


def test_two_stations_claiming_at_once_never_get_the_same_batch(server: RunningServer) -> None:
    stations = [f"st-{i}" for i in range(6)]
    tokens = {s: server.token(station=s) for s in stations}
    claimed: dict[str, list[str]] = {s: [] for s in stations}
    barrier = threading.Barrier(len(stations))

    def work(station: str) -> None:
        with client(server, tokens[station]) as c:
            barrier.wait()
            for _ in range(3):
                batch = c.post(f"/api/v1/stations/{station}/batches/claim").json()["batch"]
                if batch:
                    claimed[station].append(batch["code"])

    threads = [threading.Thread(target=work, args=(s,)) for s in stations]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    codes = [c for cs in claimed.values() for c in cs]
    assert len(codes) == len(set(codes)) and len(codes) >= len(stations)
    from server.models import OrderLine, PickBatch, PickTask

    with server.factory() as session:
        owners = dict(session.execute(select(PickBatch.code, PickBatch.station_id)).all())
        lines_in_batches = session.execute(
            select(OrderLine.id, PickTask.batch_id).join(
                PickTask, PickTask.order_line_id == OrderLine.id
            )
        ).all()
    for station, cs in claimed.items():
        assert all(owners[c] == station for c in cs)
    batches_of_line: dict[int, set[int]] = {}
    for line_id, batch_id in lines_in_batches:
        batches_of_line.setdefault(line_id, set()).add(batch_id)
    assert all(len(b) == 1 for b in batches_of_line.values())  # no line in two batches


def test_requests_without_the_right_credentials_are_refused(server: RunningServer) -> None:
    station = server.token(station="st-1")
    revoked = server.token(station="st-9")
    shop = server.token("integration", station=None)
    from server.db import transaction
    from server.models import ApiToken
    from server.tokens import revoke_token

    with server.factory() as session:
        revoked_id = session.scalar(select(ApiToken.id).where(ApiToken.station_id == "st-9"))
    transaction(server.factory, lambda s: revoke_token(s, int(revoked_id or 0)))

    url = server.url
    order = {"channel": "web", "external_id": "X"}
    ev = {"events": [{"key": key(), "type": "pick.skipped", "payload": {}}]}

    def status(method: str, path: str, token: str | None, **kw: Any) -> int:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.request(method, url + path, headers=headers, timeout=10, **kw).status_code

    # No token, a wrong token, a revoked token: 401 everywhere.
    for token in (None, "wss_not-a-real-token", revoked):
        assert status("GET", "/api/v1/stations/st-1/changes", token) == 401
        assert status("POST", "/api/v1/stations/st-1/events", token, json=ev) == 401
        assert status("POST", "/api/v1/orders", token, json=order) == 401
        assert status("GET", "/api/v1/orders/SO-100001", token) == 401
        assert status("GET", "/api/v1/health", token) == 401
    assert status("GET", "/api/v1/health", station) == 200
    # A station token for another station's id: 403.
    assert status("GET", "/api/v1/stations/st-2/changes", station) == 403
    assert status("POST", "/api/v1/stations/st-2/events", station, json=ev) == 403
    assert status("POST", "/api/v1/stations/st-2/batches/claim", station) == 403
    # A station token on an integration endpoint, and the other way round: 403.
    assert status("POST", "/api/v1/orders", station, json=order) == 403
    assert status("POST", "/api/v1/stock/receipts", station, json={}) == 403
    assert status("GET", "/api/v1/stations/st-1/changes", shop) == 403
    assert status("POST", "/api/v1/stations/st-1/events", shop, json=ev) == 403
    # Both may read order status and stock.
    assert status("GET", "/api/v1/orders/SO-100001", station) == 200
    assert status("GET", "/api/v1/orders/SO-100001", shop) == 200


def test_supervisor_actions_need_a_supervisor_signed_in_at_that_station(
    server: RunningServer,
) -> None:
    st1, st2 = server.token(station="st-1"), server.token(station="st-2")
    shop = server.token("integration", station=None)
    with client(server, st1) as c1, client(server, st2) as c2, client(server, shop) as s:
        assert (
            c1.post(
                "/api/v1/stations/st-1/sessions", json={"badge": "USR-1006", "pin": "0000"}
            ).status_code
            == 401
        )
        assert (
            c1.post(
                "/api/v1/stations/st-1/sessions", json={"badge": "USR-0000", "pin": "1234"}
            ).status_code
            == 401
        )
        picker = c1.post(
            "/api/v1/stations/st-1/sessions", json={"badge": "USR-1001", "pin": "1234"}
        )
        boss = c1.post("/api/v1/stations/st-1/sessions", json={"badge": "USR-1007", "pin": "1234"})
        assert picker.json()["role"] == "picker" and boss.json()["role"] == "supervisor"
        hold = "/api/v1/orders/SO-100010/hold"
        body = {"reason": "address check"}
        assert c1.post(hold, json=body).status_code == 401  # nobody signed in
        as_picker = {"X-WS-User-Session": picker.json()["session_token"]}
        as_boss = {"X-WS-User-Session": boss.json()["session_token"]}
        assert c1.post(hold, json=body, headers=as_picker).status_code == 403
        assert c2.post(hold, json=body, headers=as_boss).status_code == 401  # other station
        assert s.post(hold, json=body, headers=as_boss).status_code == 403  # not a station
        assert c1.post(hold, json=body, headers=as_boss).json() == {"status": "on_hold"}
        assert c1.post(hold, json=body, headers=as_boss).status_code == 409
        assert c1.post("/api/v1/orders/SO-100010/release", headers=as_boss).status_code == 200
        assert c1.delete("/api/v1/stations/st-1/sessions", headers=as_boss).status_code == 204
        assert c1.post(hold, json=body, headers=as_boss).status_code == 401  # signed out


def test_wrong_pins_lock_the_badge_on_the_server(server: RunningServer) -> None:
    with client(server, server.token()) as c:
        for _ in range(5):
            r = c.post("/api/v1/stations/st-1/sessions", json={"badge": "USR-1008", "pin": "9999"})
            assert r.status_code == 401
        right = c.post("/api/v1/stations/st-1/sessions", json={"badge": "USR-1008", "pin": "1234"})
        assert right.status_code == 401  # locked out, even with the right PIN


def test_an_order_goes_from_pick_to_shipped_by_station_facts(server: RunningServer) -> None:
    with client(server, server.token()) as st:
        batch = st.post("/api/v1/stations/st-1/batches/claim").json()["batch"]
        number = batch["tasks"][0]["order"]
        mine = [t for t in batch["tasks"] if t["order"] == number]
        picks = [e for e in pick_events(batch) if e["payload"]["order"] == number]
        first = picks[0]["payload"]
        sku, where = first["sku"], first["location"]
        before = stock_of(st, sku)
        undo = {
            "key": key(),
            "type": "pick.undone",
            "payload": {**first, "undoes": picks[0]["key"]},
        }
        results = st.post("/api/v1/stations/st-1/events", json={"events": [picks[0], undo]}).json()[
            "results"
        ]
        assert [r["outcome"] for r in results] == ["applied", "applied"]
        assert stock_of(st, sku) == before  # back in the bin and held for the order again
        redo = {**picks[0], "key": key()}
        events: list[dict[str, Any]] = [redo, *picks[1:]]
        for t in mine:
            events.append(
                {
                    "key": key(),
                    "type": "pack.scanned",
                    "payload": {"order": number, "sku": t["sku"], "quantity": t["quantity"],
                                "carton": 1, "line_no": t["line_no"]},
                }
            )  # fmt: skip
        sscc = "006141410000000017"
        events += [
            {
                "key": key(),
                "type": "carton.closed",
                "payload": {"order": number, "carton": 1, "weight_g": 900, "sscc": sscc,
                            "order_complete": True},
            },
            {
                "key": key(),
                "type": "label.printed",
                "payload": {"order": number, "carton": 1, "sscc": sscc, "carrier": "DHL"},
            },
        ]  # fmt: skip
        results = st.post("/api/v1/stations/st-1/events", json={"events": events}).json()["results"]
        assert {r["outcome"] for r in results} == {"applied"}, results
        status = st.get(f"/api/v1/orders/{number}").json()
        assert status["status"] == "shipped"
        path = [e["to_status"] for e in status["timeline"] if e["kind"] == "status"]
        assert path[-4:] == ["picked", "packing", "packed", "shipped"]
        assert "pick_undone" in [e["kind"] for e in status["timeline"]]
        assert all(ln["packed"] == ln["picked"] == ln["quantity"] for ln in status["lines"])
        on_bin = next(b for b in stock_of(st, sku)["bins"] if b["location"] == where)
        was = next(b for b in before["bins"] if b["location"] == where)
        assert on_bin["on_hand"] == was["on_hand"] - first["quantity"]
        # A carton of another order may not reuse that SSCC; a shipped order takes no facts.
        other = next(o for o in ("SO-100150", "SO-100151") if o != number)
        clash = {
            "key": key(),
            "type": "label.printed",
            "payload": {"order": other, "carton": 1, "sscc": sscc},
        }
        (r,) = st.post("/api/v1/stations/st-1/events", json={"events": [clash]}).json()["results"]
        assert r["outcome"] == "rejected" and "SSCC" in r["error"]
        late = {**clash, "key": key(), "payload": {**clash["payload"], "order": number}}
        (r,) = st.post("/api/v1/stations/st-1/events", json={"events": [late]}).json()["results"]
        assert r["outcome"] == "rejected" and "shipped" in r["error"]


def test_a_large_batch_is_recorded_in_bulk_and_replays(server: RunningServer) -> None:
    """Above 50 rows the server writes events and timelines with COPY on PostgreSQL: every
    byte of a payload must survive it (tabs, newlines, backslashes, Chinese)."""
    tricky = {"note": 'tab\there\nnew line \\ back\\slash 中文 "quoted"', "n": [1, {"x": None}]}
    events = [
        {
            "key": key(),
            "type": "pick.skipped" if i % 2 else "tote.weighed",
            "payload": {
                "order": f"SO-{100001 + i % 150}",
                "line_no": 1,
                "location": "A-01-01-1-1",
                **tricky,
            },
        }
        for i in range(120)
    ]
    with client(server, server.token()) as st:
        first = st.post("/api/v1/stations/st-1/events", json={"events": events}).json()["results"]
        assert [r["outcome"] for r in first] == ["ignored", "applied"] * 60
        again = st.post("/api/v1/stations/st-1/events", json={"events": events}).json()["results"]
        assert all(r["replayed"] for r in again)
        timeline = st.get("/api/v1/orders/SO-100002").json()["timeline"]
        assert any(e["kind"] == "skip" for e in timeline)
    from server.models import StationEvent

    with server.factory() as session:
        stored = {e.key: e for e in session.scalars(select(StationEvent))}
    assert len(stored) == 120
    for ev in events:
        assert stored[ev["key"]].payload == ev["payload"]
        assert stored[ev["key"]].station_id == "st-1"


def test_a_pick_face_below_its_minimum_gets_one_replenishment_task(server: RunningServer) -> None:
    from server.models import Location, Product, ReplenishmentTask, Stock

    with server.factory() as session:
        _stock, loc, product = session.execute(
            select(Stock, Location, Product)
            .join(Location, Location.id == Stock.location_id)
            .join(Product, Product.id == Stock.product_id)
            .where(Location.is_pick_face.is_(True), Stock.reserved == 0, Stock.lot == "")
            .order_by(Stock.id)
            .limit(1)
        ).one()
        face, sku = loc.code, product.sku

    def count(quantity: int) -> None:
        ev = {"key": key(), "type": "stock.counted",
              "payload": {"location": face, "sku": sku, "quantity": quantity}}  # fmt: skip
        (r,) = st.post("/api/v1/stations/st-1/events", json={"events": [ev]}).json()["results"]
        assert r["outcome"] == "applied" and r["detail"]["on_hand"] == quantity

    def tasks() -> list[tuple[str, bool | None]]:
        with server.factory() as session:
            return [
                (t.status, t.open_flag)
                for t in session.scalars(
                    select(ReplenishmentTask).where(ReplenishmentTask.location_id == loc.id)
                )
            ]

    with client(server, server.token()) as st:
        count(3)  # below the face's minimum of 5
        assert tasks() == [("open", True)]
        count(2)  # still below: the open task stands, no second one
        assert tasks() == [("open", True)]
        count(30)  # replenished
        assert tasks() == [("done", None)]
        assert next(b for b in stock_of(st, sku)["bins"] if b["location"] == face)["on_hand"] == 30


def test_a_carton_shipped_short_at_picking_keeps_the_shortage_on_its_timeline(
    server: RunningServer,
) -> None:
    """The pack bench closes an order with lines short at picking without an override; the
    ``carton.closed`` fact names those lines, and the order's timeline keeps them."""
    with client(server, server.token()) as st:
        batch = st.post("/api/v1/stations/st-1/batches/claim").json()["batch"]
        by_order: dict[str, list[dict[str, Any]]] = {}
        for t in batch["tasks"]:
            by_order.setdefault(t["order"], []).append(t)
        number, tasks = next((o, ts) for o, ts in by_order.items() if len(ts) >= 2)
        shorted, picked = tasks[0], tasks[1:]
        events: list[dict[str, Any]] = [
            e for e in pick_events(batch) if e["payload"]["order"] == number
        ][1:]
        events.append(
            {
                "key": key(),
                "type": "pick.short",
                "payload": {"order": number, "line_no": shorted["line_no"],
                            "sku": shorted["sku"], "location": shorted["location"],
                            "quantity": shorted["quantity"], "reason": "empty_bin"},
            }
        )  # fmt: skip
        for t in picked:
            events.append(
                {
                    "key": key(),
                    "type": "pack.scanned",
                    "payload": {"order": number, "sku": t["sku"], "quantity": t["quantity"],
                                "carton": 1, "line_no": t["line_no"]},
                }
            )  # fmt: skip
        short_picked = [
            {"line_no": shorted["line_no"], "sku": shorted["sku"],
             "ordered": shorted["quantity"], "short": shorted["quantity"]}
        ]  # fmt: skip
        events.append(
            {
                "key": key(),
                "type": "carton.closed",
                "payload": {"order": number, "carton": 1, "weight_g": 900,
                            "sscc": "006141410000000024", "order_complete": True,
                            "short_picked": short_picked},
            }
        )  # fmt: skip
        results = st.post("/api/v1/stations/st-1/events", json={"events": events}).json()["results"]
        assert {r["outcome"] for r in results} == {"applied"}, results
        status = st.get(f"/api/v1/orders/{number}").json()
        assert status["status"] == "packed"
        (closed,) = [e for e in status["timeline"] if e["kind"] == "carton_closed"]
        assert closed["detail"]["short_picked"] == short_picked
        assert "short_close" not in closed["detail"]  # not a supervisor's override
