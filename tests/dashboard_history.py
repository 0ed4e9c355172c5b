"""A small hand-made floor history with known dashboard answers (worked out by hand below).

Period 06:00-14:00 UTC on 2026-11-22 (8 h), "now" 14:00.

Picks (stock_moves kind 'pick'):  st-1/USR-1001: 06h 1+2+3 units, 07h 1+1+1 units;
st-2/USR-1002: 08h 2+2+2+2 units; one pick at 05:59 outside the period.
  -> lines 10, units 17; hourly 06h 3/6, 07h 3/3, 08h 4/8; per hour 1.25 lines, 2.125 units.
Shorts: 2 pick.short in the period (+1 before it) -> short rate 2 / (10 + 2) = 0.1667.
Packed: O1-O5, 5 min after their pick, by USR-1004 at st-2: 06h x4 (06:18, 06:29, 06:40,
06:51), 07h x1 (07:52) -> 5 orders packed, 0.625 per hour.
Cycle time (orders O1..O5, created 06:00 + k min):
  received->allocated 1 min each (60 s), allocated->released 2 min each (120 s),
  released->picked 10, 20, 30, 40, 100 min -> median 1800 s, p90 40 + 0.6 * 60 = 76 min = 4560 s,
  picked->packed 5 min each (300 s), packed->shipped (O1, O2) 10, 20 min -> median 900 s,
  p90 10 + 0.9 * 10 = 19 min = 1140 s. Bottleneck: released->picked.
Backlog: O1, O2 shipped; O3-O5 packed (due 15:30); O6 on hold, priority 2, due 13:00 (late);
O7 backorder due 15:00
(at risk; due bucket 1-4h with O3-O5); O8 received due tomorrow 10:00; O9 cancelled.
  -> open 6, late 1, at risk 1.
Pack errors: USR-1004 SKU-10001 x2, USR-1005 SKU-10002 x1 -> 3. Reprints: 2 (one flagged
label.printed at st-2 of three labels, one label.reprinted at st-1).
Device faults: st-1 x2. Exceptions: one open event_rejected (st-1, O6), one resolved.
"""

from __future__ import annotations

import hashlib
import itertools
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from server import models as m

T0 = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)


@dataclass(frozen=True)
class Expected:
    lines = 10
    units = 17
    hourly = ((6, 3, 6), (7, 3, 3), (8, 4, 8))
    lines_per_hour = 1.25
    units_per_hour = 2.12  # 2.125 rounded to 2 places (banker's rounding in round())
    short_rate = 0.1667
    orders_packed = 5
    medians = (60.0, 120.0, 1800.0, 300.0, 900.0)
    p90s = (60.0, 120.0, 4560.0, 300.0, 1140.0)
    bottleneck = ("released", "picked")
    open_total = 6
    late = 1
    at_risk = 1
    pack_errors = 3
    reprints = 2


_keys = itertools.count(1)


def _event(session: Session, station: str, type_: str, at: datetime, **payload: Any) -> None:
    body = {**payload, "station_id": station}
    session.add(
        m.StationEvent(
            key=str(uuid.uuid4()),
            station_id=station,
            type=type_,
            payload=body,
            payload_hash=hashlib.sha256(repr(sorted(body.items())).encode()).hexdigest(),
            outcome=m.EventOutcome.APPLIED,
            result={},
            received_at=at,
        )
    )


def build(session: Session) -> dict[str, m.Order]:
    """Insert the history; the caller commits."""
    session.add_all(
        [m.Station(id="st-1", name="Pick cart 1"), m.Station(id="st-2", name="Bench 2")]
    )
    for badge, name, role in (
        ("USR-1001", "Li Wei", m.Role.PICKER),
        ("USR-1002", "Anna Schmidt", m.Role.PICKER),
        ("USR-1004", "Tom Baker", m.Role.PACKER),
        ("USR-1005", "Wang Fang", m.Role.PACKER),
    ):
        session.add(m.User(name=name, badge_code=badge, pin_hash="!", role=role))
    product = m.Product(sku="SKU-10001", name="Mug")
    location = m.Location(
        code="A-01-01-1-1", zone="A", aisle=1, bay=1, level=1, slot=1, x_m=0, y_m=0
    )
    session.add_all([product, location])
    session.flush()
    stock = m.Stock(location_id=location.id, product_id=product.id, on_hand=1000)
    session.add(stock)
    session.flush()

    def move(at: datetime, station: str, actor: str, units: int) -> None:
        session.add(
            m.StockMove(
                at=at,
                stock_id=stock.id,
                kind="pick",
                quantity=-units,
                station_id=station,
                actor=actor,
            )
        )

    for k, units in enumerate((1, 2, 3)):
        move(T0 + (10 + k) * MIN, "st-1", "USR-1001", units)
    for k in range(3):
        move(T0 + (70 + k) * MIN, "st-1", "USR-1001", 1)
    for k in range(4):
        move(T0 + (130 + k) * MIN, "st-2", "USR-1002", 2)
    move(T0 - MIN, "st-1", "USR-1001", 5)

    orders: dict[str, m.Order] = {}
    spec = {
        "O1": (m.OrderStatus.SHIPPED, 0, NOW + timedelta(hours=3)),
        "O2": (m.OrderStatus.SHIPPED, 0, NOW + timedelta(hours=3)),
        "O3": (m.OrderStatus.PACKED, 0, NOW + 90 * MIN),
        "O4": (m.OrderStatus.PACKED, 0, NOW + 90 * MIN),
        "O5": (m.OrderStatus.PACKED, 0, NOW + 90 * MIN),
        "O6": (m.OrderStatus.ON_HOLD, 2, NOW - 60 * MIN),
        "O7": (m.OrderStatus.BACKORDER, 0, NOW + 60 * MIN),
        "O8": (m.OrderStatus.RECEIVED, 1, NOW + 20 * 60 * MIN),
        "O9": (m.OrderStatus.CANCELLED, 0, NOW - 60 * MIN),
    }
    for i, (key, (status, priority, due)) in enumerate(spec.items()):
        order = m.Order(
            number=f"SO-90000{i + 1}",
            channel="web",
            external_id=f"WEB-{i + 1}",
            customer_name=f"Customer {key}",
            ship_to_name=f"Customer {key}",
            ship_to_line1="Main Street 1",
            ship_to_city="Berlin",
            ship_to_postal_code="10115",
            ship_to_country="DE",
            priority=priority,
            due_at=due,
            status=status,
            held_from=m.OrderStatus.RELEASED if status is m.OrderStatus.ON_HOLD else None,
            hold_reason="address check" if status is m.OrderStatus.ON_HOLD else None,
            payload_hash="0" * 64,
            created_at=T0 + i * MIN,
        )
        session.add(order)
        orders[key] = order
    session.flush()

    def step(
        order: m.Order, to: str, at: datetime, actor: str = "server", station: str | None = None
    ) -> None:
        session.add(
            m.OrderEvent(
                order_id=order.id,
                at=at,
                kind="status",
                to_status=to,
                actor=actor,
                station_id=station,
            )
        )

    picking = (10, 20, 30, 40, 100)
    for i, key in enumerate(("O1", "O2", "O3", "O4", "O5")):
        o = orders[key]
        created = T0 + i * MIN
        step(o, "allocated", created + 1 * MIN)
        step(o, "released", created + 3 * MIN)
        picked = created + (3 + picking[i]) * MIN
        step(o, "picked", picked)
        packed = picked + 5 * MIN
        step(o, "packed", packed, "USR-1004", "st-2")
        if key in ("O1", "O2"):
            step(o, "shipped", packed + (10 if key == "O1" else 20) * MIN)

    for k in range(2):
        _event(
            session,
            "st-1",
            "pick.short",
            T0 + (20 + k) * MIN,
            order="SO-900006",
            sku="SKU-10001",
            quantity=1,
            user="USR-1001",
        )
    _event(
        session, "st-1", "pick.short", T0 - 30 * MIN, order="SO-900006", sku="SKU-10001", quantity=1
    )
    for _ in range(2):
        _event(
            session,
            "st-2",
            "pack.error",
            T0 + 200 * MIN,
            user="USR-1004",
            sku="SKU-10001",
            reason="wrong_item",
        )
    _event(
        session,
        "st-2",
        "pack.error",
        T0 + 210 * MIN,
        user="USR-1005",
        sku="SKU-10002",
        reason="over_scan",
    )
    _event(
        session, "st-2", "label.printed", T0 + 191 * MIN, order="SO-900003", carton=1, reprint=True
    )
    for _ in range(2):
        _event(session, "st-2", "label.printed", T0 + 192 * MIN, order="SO-900004", carton=1)
    _event(session, "st-1", "label.reprinted", T0 + 193 * MIN, order="SO-900004", sscc="0" * 18)
    for _ in range(2):
        _event(
            session, "st-1", "device.fault", T0 + 30 * MIN, device="scanner", message="unplugged"
        )
    session.add(
        m.ExceptionRecord(
            kind="event_rejected",
            message="pick.confirmed for an order on hold",
            station_id="st-1",
            order_id=orders["O6"].id,
            created_at=T0 + 40 * MIN,
        )
    )
    session.add(
        m.ExceptionRecord(
            kind="event_rejected",
            message="old",
            station_id="st-1",
            status="resolved",
            created_at=T0,
        )
    )
    return orders


def build_demo_shift(session: Session, seed: int = 11) -> None:
    """A busier shift on top of :func:`build`, for screenshots: more picks, packs and orders."""
    import random

    rng = random.Random(seed)
    stock = session.query(m.Stock).first()
    assert stock is not None
    people = ["USR-1001", "USR-1002", "USR-1004", "USR-1005"]
    for k in range(480):
        at = T0 + timedelta(minutes=rng.uniform(0, 8 * 60))
        station = rng.choice(("st-1", "st-2", "st-3"))
        session.add(
            m.StockMove(
                at=at, stock_id=stock.id, kind="pick", quantity=-rng.randint(1, 3),
                station_id=station, actor=rng.choice(people[:2]),
            )
        )  # fmt: skip
        if k % 40 == 0:
            _event(session, station, "pick.short", at, sku="SKU-10001", user=people[k % 2])
    session.add(m.Station(id="st-3", name="Pick cart 3"))
    for i in range(60):
        created = T0 + timedelta(minutes=rng.uniform(0, 8 * 60))
        order = m.Order(
            number=f"SO-91{i:04d}", channel="web", external_id=f"DEMO-{i}",
            customer_name=rng.choice(("王芳", "Anna Schmidt", "李伟", "Oliver Smith")),
            ship_to_name="x", ship_to_line1="x", ship_to_city="x", ship_to_postal_code="1",
            ship_to_country="DE", priority=rng.choice((0, 0, 0, 1, 2)),
            due_at=created + timedelta(hours=rng.choice((2, 4, 8, 24))),
            status=m.OrderStatus.RECEIVED, payload_hash="0" * 64, created_at=created,
        )  # fmt: skip
        session.add(order)
        session.flush()
        t = created
        status = m.OrderStatus.RECEIVED
        for to, (lo, hi) in (
            ("allocated", (1, 5)), ("released", (1, 20)), ("picked", (30, 150)),
            ("packed", (5, 40)), ("shipped", (20, 120)),
        ):  # fmt: skip
            t = t + timedelta(minutes=rng.uniform(lo, hi))
            if t > NOW:
                break
            session.add(
                m.OrderEvent(
                    order_id=order.id, at=t, kind="status", to_status=to,
                    actor=rng.choice(people[2:]) if to == "packed" else "server",
                    station_id="st-2" if to == "packed" else None,
                )
            )  # fmt: skip
            status = m.OrderStatus(to)
        order.status = status
