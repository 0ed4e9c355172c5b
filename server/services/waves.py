"""Waves: released orders become cluster-pick batches, and stations claim them one at a time.

Building and claiming both use ``FOR UPDATE SKIP LOCKED`` on PostgreSQL: two server processes
building waves at once take disjoint orders, and two stations claiming at once get different
batches — neither waits for the other. (SQLite runs one writer at a time anyway.)
"""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.layout import Layout
from app.routing import Stop
from app.routing.batching import BatchOrder, CartCapacity, plan_batches
from server import changes
from server.models import (
    BatchStatus,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    PickBatch,
    PickTask,
    Product,
    Reservation,
    Station,
    Stock,
    utcnow,
)
from server.services import timeline

UNASSIGNED = "pool"  # scope of batches no station has claimed: sent to nobody
BUILD_WINDOW_BATCHES = 4  # a claim that finds no open batch plans this many batches' orders


def batch_code(batch_id: int) -> str:
    return f"PB-{batch_id:06d}"


def touch_batch(session: Session, batch: PickBatch) -> None:
    scope = changes.station_scope(batch.station_id) if batch.station_id else UNASSIGNED
    changes.touch(session, "batch", str(batch.id), scope)


def _volume_l(product: Product, quantity: int) -> float:
    return product.length_mm * product.width_mm * product.height_mm / 1e6 * quantity


def build_waves(
    session: Session, *, layout: Layout, cart: CartCapacity, limit_orders: int = 200
) -> list[int]:
    """Batch released orders that are in no batch yet; returns the new batch ids.

    Batching and routing are the picking area's (``app.routing``): seed batching by added
    walk length under the cart's tote and volume limits, and the exact route for each batch.
    """
    orders = session.scalars(
        select(Order)
        .where(Order.status == OrderStatus.RELEASED, Order.batch_id.is_(None))
        .order_by(Order.priority.desc(), Order.due_at, Order.id)
        .limit(limit_orders)
        .with_for_update(skip_locked=True)
    ).all()
    if not orders:
        return []
    by_number = {o.number: o for o in orders}
    rows = session.execute(
        select(Reservation, OrderLine, Location, Stock.lot, Product)
        .join(OrderLine, OrderLine.id == Reservation.order_line_id)
        .join(Stock, Stock.id == Reservation.stock_id)
        .join(Location, Location.id == Stock.location_id)
        .join(Product, Product.id == Stock.product_id)
        .where(OrderLine.order_id.in_([o.id for o in orders]), Reservation.quantity > 0)
        .order_by(Reservation.id)
    ).all()
    picks: dict[int, list[tuple[Reservation, OrderLine, Location, str]]] = defaultdict(list)
    stops: dict[int, list[Stop]] = defaultdict(list)
    volume: dict[int, float] = defaultdict(float)
    for res, line, loc, lot, product in rows:
        picks[line.order_id].append((res, line, loc, lot))
        pos = layout.locate(loc.x_m, loc.y_m)
        stops[line.order_id].append(Stop(loc.code, pos.aisle, pos.block, pos.offset_m))
        volume[line.order_id] += _volume_l(product, res.quantity)
    candidates = [
        BatchOrder(o.number, tuple(stops[o.id]), volume[o.id], o.priority, o.due_at)
        for o in orders
        if picks.get(o.id)
    ]
    created: list[int] = []
    for plan in plan_batches(layout, candidates, cart):
        members = [by_number[n] for n in plan.orders]
        walk = {code: i for i, code in enumerate(plan.route.order)}
        slot = {o.id: i for i, o in enumerate(members)}
        ordered = sorted(
            (p for o in members for p in picks[o.id]),
            key=lambda p: (walk[p[2].code], slot[p[1].order_id], p[1].line_no),
        )
        zones = {p[2].zone for p in ordered}
        batch = PickBatch(
            code=f"NEW-{uuid.uuid4().hex[:20]}",
            status=BatchStatus.OPEN,
            zone=zones.pop() if len(zones) == 1 else None,
            priority=max(o.priority for o in members),
            route_distance_m=plan.route.distance_m,
        )
        session.add(batch)
        session.flush()
        batch.code = batch_code(batch.id)
        for n, (res, line, loc, lot) in enumerate(ordered, start=1):
            batch.tasks.append(
                PickTask(
                    sequence=n,
                    order_line_id=line.id,
                    reservation_id=res.id,
                    location_id=loc.id,
                    product_id=line.product_id,
                    lot=lot,
                    quantity=res.quantity,
                )
            )
        for order in members:
            order.batch_id = batch.id
            timeline.record(
                session, order, "batched", actor="system",
                detail={"batch": batch.code, "tote": slot[order.id] + 1},
            )  # fmt: skip
        touch_batch(session, batch)
        created.append(batch.id)
    return created


def claim(
    session: Session, station: Station, *, layout: Layout, cart: CartCapacity
) -> PickBatch | None:
    """Give the station the most urgent open batch (building waves first when none is open)."""
    query = (
        select(PickBatch)
        .where(PickBatch.status == BatchStatus.OPEN)
        .order_by(PickBatch.priority.desc(), PickBatch.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if station.zone:
        query = query.where(or_(PickBatch.zone == station.zone, PickBatch.zone.is_(None)))
    batch = session.scalar(query)
    # Build from a small window of orders: stations claiming at the same moment then each
    # build from their own (SKIP LOCKED) orders instead of one locking the whole backlog.
    if batch is None and build_waves(
        session, layout=layout, cart=cart, limit_orders=cart.totes * BUILD_WINDOW_BATCHES
    ):
        batch = session.scalar(query)
    if batch is None:
        return None
    batch.status = BatchStatus.CLAIMED
    batch.station_id = station.id
    batch.claimed_at = utcnow()
    actor = f"station:{station.id}"
    for order in session.scalars(select(Order).where(Order.batch_id == batch.id)):
        timeline.record(
            session, order, "claimed", actor=actor, station_id=station.id,
            detail={"batch": batch.code},
        )  # fmt: skip
        timeline.advance(session, order, OrderStatus.PICKING, actor=actor, station_id=station.id)
    touch_batch(session, batch)
    return batch
