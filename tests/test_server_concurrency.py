"""No oversell under load: two server processes on one PostgreSQL, 24 sales-channel clients
posting orders for the same few hot SKUs while 4 stations claim batches and pick them, all
over real HTTP on 127.0.0.1. Afterwards the database must add up to the last unit."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.pg_cluster import PgCluster
from tests.server_process import ServerProcess

HOT = ("HOT-1", "HOT-2", "HOT-3")
CLIENTS = 24
ORDERS_PER_CLIENT = 12
STATIONS = 4

pytestmark = pytest.mark.postgres


def load_site(session: Session) -> dict[str, int]:
    """Three hot SKUs in a few bins (two lots with expiry for FEFO), and a calm one."""
    from server.models import Location, Product, Stock
    from server.services import feed

    products = [Product(sku=sku, name=f"Hot item {sku}", length_mm=100, width_mm=100,
                        height_mm=100, weight_g=100) for sku in (*HOT, "CALM-1")]  # fmt: skip
    session.add_all(products)
    bins = []
    for aisle in range(1, 5):
        for bay in range(1, 4):
            bins.append(
                Location(code=f"A-{aisle:02d}-{bay:02d}-1-1", zone="A", aisle=aisle, bay=bay,
                         level=1, slot=1, block=0, offset_m=bay * 1.2, x_m=aisle * 3.0,
                         y_m=1.0 + bay * 1.2, is_pick_face=True, min_quantity=2)
            )  # fmt: skip
    session.add_all(bins)
    session.flush()
    initial: Counter[str] = Counter()
    today = date.today()
    for i, product in enumerate(products):
        for k in range(3):
            qty = 1000 if product.sku == "CALM-1" else 7 + 3 * k
            session.add(
                Stock(location_id=bins[(i * 3 + k) % len(bins)].id, product_id=product.id,
                      lot=f"L{k}" if k < 2 else "", on_hand=qty, reserved=0,
                      expiry=today + timedelta(days=30 * (k + 1)) if k < 2 else None)
            )  # fmt: skip
            initial[product.sku] += qty
    session.flush()
    feed.touch_all(session)
    return dict(initial)


@pytest.fixture
def site(pg_cluster: PgCluster, pg_empty_template: str) -> Iterator[dict[str, Any]]:
    from server.db import make_engine, make_session_factory, transaction
    from server.models import TokenKind
    from server.tokens import create_token

    url = pg_cluster.url(pg_cluster.create_database(template=pg_empty_template))
    engine = make_engine(url)
    factory = make_session_factory(engine)
    initial = transaction(factory, load_site)
    shop = transaction(factory, lambda s: create_token(s, TokenKind.INTEGRATION, "shop").secret)
    stations = {
        f"cc-{i}": transaction(
            factory,
            lambda s, i=i: (
                create_token(s, TokenKind.STATION, f"cc-{i}", station_id=f"cc-{i}").secret
            ),
        )
        for i in range(STATIONS)
    }
    servers = [ServerProcess(url, shop, pool=12), ServerProcess(url, shop, pool=12)]
    try:
        yield {"factory": factory, "initial": initial, "shop": shop, "stations": stations,
               "servers": servers}  # fmt: skip
    finally:
        for s in servers:
            s.stop()
        engine.dispose()


def order_body(rng: random.Random, n: int) -> dict[str, Any]:
    skus = rng.sample(HOT, rng.randint(1, 2)) + (["CALM-1"] if rng.random() < 0.3 else [])
    return {
        "channel": "web",
        "external_id": f"CC-{n}-{uuid.uuid4().hex[:8]}",
        "customer_name": "Load Test",
        "ship_to": {"name": "Load Test", "line1": "Main Street 1", "city": "Berlin",
                    "postal_code": "10115", "country": "DE"},
        "lines": [{"sku": sku, "quantity": rng.randint(1, 3)} for sku in skus],
    }  # fmt: skip


def test_concurrent_allocation_never_oversells(site: dict[str, Any]) -> None:
    servers: list[ServerProcess] = site["servers"]
    statuses: Counter[int] = Counter()
    outcomes: Counter[str] = Counter()
    errors: list[str] = []
    start = threading.Barrier(CLIENTS + STATIONS)
    intake_done = threading.Event()
    lock = threading.Lock()

    def shop_client(i: int) -> None:
        rng = random.Random(i)
        server = servers[i % len(servers)]
        with httpx.Client(
            base_url=server.base, timeout=60, headers={"Authorization": f"Bearer {site['shop']}"}
        ) as c:
            start.wait()
            for n in range(ORDERS_PER_CLIENT):
                body = order_body(rng, i * 1000 + n)
                r = c.post("/api/v1/orders", json=body)
                with lock:
                    statuses[r.status_code] += 1
                    if r.status_code == 201:
                        outcomes[r.json()["status"]] += 1
                    else:
                        errors.append(r.text[:300])
                if n % 4 == 0:  # a retry after a "timeout" must not take the order twice
                    again = c.post("/api/v1/orders", json=body)
                    with lock:
                        statuses[again.status_code] += 1

    def station_client(i: int) -> None:
        station = f"cc-{i}"
        server = servers[(i + 1) % len(servers)]
        token = site["stations"][station]
        with httpx.Client(
            base_url=server.base, timeout=60, headers={"Authorization": f"Bearer {token}"}
        ) as c:
            start.wait()
            idle = 0
            while idle < 3:
                r = c.post(f"/api/v1/stations/{station}/batches/claim")
                batch = r.json().get("batch") if r.status_code == 200 else None
                if batch is None:
                    idle += intake_done.is_set()
                    time.sleep(0.05)
                    continue
                events = [
                    {"key": str(uuid.uuid4()), "type": "pick.confirmed",
                     "payload": {"order": t["order"], "line_no": t["line_no"], "sku": t["sku"],
                                 "location": t["location"], "quantity": t["quantity"],
                                 "lot": t["lot"], "batch": batch["code"],
                                 "sequence": t["sequence"]}}
                    for t in batch["tasks"]
                ]  # fmt: skip
                pushed = c.post(f"/api/v1/stations/{station}/events", json={"events": events})
                with lock:
                    statuses[pushed.status_code] += 1
                    for res in pushed.json().get("results", []):
                        outcomes["pick-" + res["outcome"]] += 1

    threads = [threading.Thread(target=shop_client, args=(i,)) for i in range(CLIENTS)]
    threads += [threading.Thread(target=station_client, args=(i,)) for i in range(STATIONS)]
    for t in threads:
        t.start()
    for t in threads[:CLIENTS]:
        t.join(300)
    intake_done.set()
    for t in threads[CLIENTS:]:
        t.join(300)
    assert not any(t.is_alive() for t in threads)

    assert errors == [] and set(statuses) <= {200, 201}, (statuses, errors[:3])
    assert statuses[201] == CLIENTS * ORDERS_PER_CLIENT
    assert outcomes["backorder"] > 0 and outcomes["released"] > 0  # stock really ran out
    assert outcomes["pick-applied"] > 0 and outcomes["pick-rejected"] == 0
    check_books(site["factory"], site["initial"])


def check_books(factory: Any, initial: dict[str, int]) -> None:
    from server.models import Order, OrderLine, OrderStatus, Product, Reservation, Stock, StockMove

    with factory() as s:
        rows = s.execute(select(Stock, Product.sku).join(Product)).all()
        for stock, _sku in rows:
            assert 0 <= stock.reserved <= stock.on_hand
        held = dict(
            s.execute(
                select(Reservation.stock_id, func.sum(Reservation.quantity)).group_by(
                    Reservation.stock_id
                )
            ).all()
        )
        for stock, _sku in rows:
            assert stock.reserved == int(held.get(stock.id, 0))
        picked = dict(
            s.execute(
                select(Product.sku, func.sum(-StockMove.quantity))
                .join(Stock, Stock.id == StockMove.stock_id)
                .join(Product, Product.id == Stock.product_id)
                .where(StockMove.kind == "pick")
                .group_by(Product.sku)
            ).all()
        )
        for sku, start in initial.items():
            on_hand = sum(st.on_hand for st, k in rows if k == sku)
            reserved = sum(st.reserved for st, k in rows if k == sku)
            shipped = int(picked.get(sku, 0))
            available = on_hand - reserved
            assert reserved + available + shipped == start, sku
        # Every order is either fully held (reserved + picked covers each line) or backordered
        # holding nothing.
        for order in s.scalars(select(Order)):
            lines = s.scalars(select(OrderLine).where(OrderLine.order_id == order.id)).all()
            for line in lines:
                holds = int(
                    s.scalar(
                        select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
                            Reservation.order_line_id == line.id
                        )
                    )
                    or 0
                )
                if order.status == OrderStatus.BACKORDER:
                    assert holds == 0 and line.picked_quantity == 0
                else:
                    assert holds + line.picked_quantity + line.short_quantity == line.quantity


def test_a_real_deadlock_is_retried_until_both_transactions_commit(
    pg_cluster: PgCluster, pg_empty_template: str
) -> None:
    """Two transactions lock two stock rows in opposite orders: PostgreSQL kills one with a
    deadlock error, ``server.db.transaction`` runs it again, and both changes land."""
    from server.db import make_engine, make_session_factory, transaction
    from server.models import Stock

    engine = make_engine(pg_cluster.url(pg_cluster.create_database(template=pg_empty_template)))
    factory = make_session_factory(engine)
    transaction(factory, load_site)
    with factory() as s:
        a, b = s.scalars(select(Stock.id).order_by(Stock.id).limit(2)).all()
        before = {i: s.get_one(Stock, i).on_hand for i in (a, b)}
    both_locked_once = threading.Barrier(2)
    attempts: Counter[str] = Counter()

    def work(first: int, second: int, name: str) -> None:
        def body(session: Session) -> None:
            attempts[name] += 1
            session.get_one(Stock, first, with_for_update=True).on_hand += 1
            session.flush()
            if attempts[name] == 1:
                both_locked_once.wait(10)
            session.get_one(Stock, second, with_for_update=True).on_hand += 1
            session.flush()

        transaction(factory, body)

    threads = [
        threading.Thread(target=work, args=(a, b, "ab")),
        threading.Thread(target=work, args=(b, a, "ba")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    with factory() as s:
        after = {i: s.get_one(Stock, i).on_hand for i in (a, b)}
    engine.dispose()
    assert after == {a: before[a] + 2, b: before[b] + 2}
    assert sorted(attempts.values()) == [1, 2]  # one of them lost the deadlock and ran again
