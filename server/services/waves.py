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

from server import changes
from server.models import (
    BatchStatus,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    PickBatch,
    PickTask,
    Reservation,
    Station,
    Stock,
    utcnow,
)
from server.services import timeline
from server.services.wave_planning import PlanOrder, PlanStop, plan_batches, route_stops

UNASSIGNED = "pool"  # scope of batches no station has claimed: sent to nobody
BUILD_WINDOW_BATCHES = 4  # a claim that finds no open batch plans this many batches' orders


def batch_code(batch_id: int) -> str:
    return f"PB-{batch_id:06d}"


def touch_batch(session: Session, batch: PickBatch) -> None:
    scope = changes.station_scope(batch.station_id) if batch.station_id else UNASSIGNED
    changes.touch(session, "batch", str(batch.id), scope)


def build_waves(session: Session, *, max_orders: int, limit_orders: int = 200) -> list[int]:
    """Batch released orders that are in no batch yet; returns the new batch ids."""
    orders = session.scalars(
        select(Order)
        .where(Order.status == OrderStatus.RELEASED, Order.batch_id.is_(None))
        .order_by(Order.priority.desc(), Order.due_at, Order.id)
        .limit(limit_orders)
        .with_for_update(skip_locked=True)
    ).all()
    if not orders:
        return []
    by_id = {o.id: o for o in orders}
    rows = session.execute(
        select(Reservation, OrderLine.order_id, Location, Stock.lot)
        .join(OrderLine, OrderLine.id == Reservation.order_line_id)
        .join(Stock, Stock.id == Reservation.stock_id)
        .join(Location, Location.id == Stock.location_id)
        .where(OrderLine.order_id.in_(list(by_id)), Reservation.quantity > 0)
        .order_by(Reservation.id)
    ).all()
    stops: dict[int, list[PlanStop]] = defaultdict(list)
    info: dict[int, tuple[Reservation, Location, str]] = {}
    for res, order_id, loc, lot in rows:
        stops[order_id].append(
            PlanStop(res.id, loc.code, loc.aisle - 1, loc.block, loc.offset_m, loc.x_m, loc.y_m)
        )
        info[res.id] = (res, loc, lot)
    plan = [PlanOrder(o.id, o.priority, tuple(stops[o.id])) for o in orders if stops.get(o.id)]
    created: list[int] = []
    for group in plan_batches(plan, max_orders):
        group_stops = [s for oid in group for s in stops[oid]]
        sequence, distance = route_stops(group_stops)
        zones = {info[ref][1].zone for ref in sequence}
        batch = PickBatch(
            code=f"NEW-{uuid.uuid4().hex[:20]}",
            status=BatchStatus.OPEN,
            zone=zones.pop() if len(zones) == 1 else None,
            priority=max(by_id[oid].priority for oid in group),
            route_distance_m=distance,
        )
        session.add(batch)
        session.flush()
        batch.code = batch_code(batch.id)
        for n, ref in enumerate(sequence, start=1):
            res, loc, lot = info[ref]
            line = session.get(OrderLine, res.order_line_id)
            assert line is not None
            batch.tasks.append(
                PickTask(
                    sequence=n,
                    order_line_id=res.order_line_id,
                    reservation_id=res.id,
                    location_id=loc.id,
                    product_id=line.product_id,
                    lot=lot,
                    quantity=res.quantity,
                )
            )
        for oid in group:
            by_id[oid].batch_id = batch.id
            timeline.record(
                session, by_id[oid], "batched", actor="system", detail={"batch": batch.code}
            )
        touch_batch(session, batch)
        created.append(batch.id)
    return created


def claim(session: Session, station: Station, *, max_orders: int) -> PickBatch | None:
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
        session, max_orders=max_orders, limit_orders=max_orders * BUILD_WINDOW_BATCHES
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
