"""Where a picker's next batch comes from: one small function behind :data:`ClaimSource`.

Today the station forms batches itself from the released orders in its own database
(:func:`claim_from_released_orders`): it allocates each line to bins with stock (first expiry
first, expired lots never), groups orders by seed batching and routes the cart's walk with the
exact router. When the server hands out pick tasks through sync, the sync helper passes its own
source (reading the pulled tasks) to :class:`app.services.picking.PickingService`; everything
after the claim stays the same.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.demo.site import DEMO_LAYOUT
from app.domain.layout import Layout
from app.persistence.models import (
    BatchStatus,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    PickBatch,
    PickTask,
    PickTaskStatus,
    Product,
    StockItem,
    SyncState,
    Tote,
)
from app.routing import Stop
from app.routing.batching import BatchOrder, CartCapacity, next_batch
from app.services.pick_views import PickingError

log = logging.getLogger(__name__)

LAYOUT_KEY = "site_layout"  # sync_state key holding the site's Layout as JSON
CANDIDATE_ORDERS = 60  # the most urgent released orders batching looks at
ACTIVE = (BatchStatus.OPEN, BatchStatus.IN_PROGRESS, BatchStatus.PAUSED)
TO_DO = (PickTaskStatus.OPEN, PickTaskStatus.SKIPPED)


@dataclass(frozen=True)
class ClaimRequest:
    station_id: str
    user_id: int | None
    cart_code: str | None
    first_tote: str | None  # a tote scanned to start: it takes the first order
    capacity: CartCapacity
    today: date


ClaimSource = Callable[[Session, ClaimRequest], int | None]
"""Makes the batch's rows (batch ``IN_PROGRESS``, tasks with walk positions, totes assigned,
orders ``PICKING``) in the caller's session and returns the batch id; ``None`` when there is
no work. May raise :class:`PickingError`. The caller writes the events and commits."""


def station_layout(session: Session) -> Layout:
    """The site layout as last synced; the demo layout until the server has sent one."""
    raw = session.get(SyncState, LAYOUT_KEY)
    if raw is not None:
        try:
            return Layout.from_dict(json.loads(raw.value))
        except (ValueError, TypeError):
            log.exception("the synced site layout is unusable; using the demo layout")
    return DEMO_LAYOUT


def stock_in_use(session: Session) -> dict[tuple[int, int, str | None], int]:
    """Units already promised to open steps of active batches, by (bin, product, lot)."""
    rows = session.execute(
        select(
            PickTask.location_id,
            PickTask.product_id,
            PickTask.lot,
            func.sum(PickTask.quantity - PickTask.picked_quantity),
        )
        .join(PickBatch, PickBatch.id == PickTask.batch_id)
        .where(PickBatch.status.in_(ACTIVE), PickTask.status.in_(TO_DO))
        .group_by(PickTask.location_id, PickTask.product_id, PickTask.lot)
    )
    return {(loc, prod, lot): int(n or 0) for loc, prod, lot, n in rows}


def pickable_stock(session: Session, product_ids: set[int], today: date) -> list[StockItem]:
    """Stock rows at pick faces, not expired, first expiry first (FEFO), then fullest bin."""
    rows = session.scalars(
        select(StockItem)
        .join(Location, Location.id == StockItem.location_id)
        .where(
            StockItem.product_id.in_(product_ids),
            StockItem.quantity > 0,
            Location.is_pick_face.is_(True),
        )
    ).all()
    fresh = [r for r in rows if r.expiry is None or r.expiry >= today]
    return sorted(
        fresh,
        key=lambda r: (r.expiry is None, r.expiry or date.max, -r.quantity, r.location_id),
    )


@dataclass(frozen=True)
class _Allocation:
    line: OrderLine
    stock: StockItem
    quantity: int


def _allocate(
    order: Order,
    stock_by_product: dict[int, list[StockItem]],
    free: dict[tuple[int, int, str | None], int],
) -> list[_Allocation] | None:
    """Bins for every line of ``order``, or None when the station's stock cannot cover it."""
    taken: dict[tuple[int, int, str | None], int] = defaultdict(int)
    out: list[_Allocation] = []
    for line in order.lines:
        need = line.quantity - line.picked_quantity - line.short_quantity
        for row in stock_by_product.get(line.product_id, []):
            if need <= 0:
                break
            key = (row.location_id, row.product_id, row.lot)
            available = free.get(key, row.quantity) - taken[key]
            if available <= 0:
                continue
            q = min(need, available)
            taken[key] += q
            need -= q
            out.append(_Allocation(line, row, q))
        if need > 0:
            return None
    for key, q in taken.items():
        free[key] = free.get(key, 0) - q
    return out


def _free_totes(session: Session, request: ClaimRequest) -> list[Tote]:
    totes = list(session.scalars(select(Tote).where(Tote.order_id.is_(None)).order_by(Tote.code)))
    if request.first_tote is not None:
        first = session.scalar(select(Tote).where(Tote.code == request.first_tote))
        if first is None:
            raise PickingError("unknown_tote", tote=request.first_tote)
        if first.order_id is not None:
            raise PickingError("tote_in_use", tote=request.first_tote)
        totes.remove(first)
        totes.insert(0, first)
    if not totes:
        raise PickingError("no_free_totes")
    return totes


def claim_from_released_orders(session: Session, request: ClaimRequest) -> int | None:
    """Form, route and claim the next batch from this station's released orders."""
    layout = station_layout(session)
    orders = list(
        session.scalars(
            select(Order)
            .where(Order.status == OrderStatus.RELEASED)
            .order_by(Order.priority.desc(), Order.due_at, Order.number)
            .limit(CANDIDATE_ORDERS)
        )
    )
    if not orders:
        return None
    totes = _free_totes(session, request)
    stock = pickable_stock(
        session, {ln.product_id for o in orders for ln in o.lines}, request.today
    )
    stock_by_product: dict[int, list[StockItem]] = defaultdict(list)
    for row in stock:
        stock_by_product[row.product_id].append(row)
    in_use = stock_in_use(session)
    free = {
        (r.location_id, r.product_id, r.lot): r.quantity
        - in_use.get((r.location_id, r.product_id, r.lot), 0)
        for r in stock
    }
    locations = {
        loc.id: loc
        for loc in session.scalars(
            select(Location).where(Location.id.in_({r.location_id for r in stock}))
        )
    }
    products = {
        p.id: p for p in session.scalars(select(Product).where(Product.id.in_(stock_by_product)))
    }
    allocations: dict[str, list[_Allocation]] = {}
    candidates: list[BatchOrder] = []
    for order in orders:
        plan = _allocate(order, stock_by_product, free)
        if plan is None:
            log.info("order %s is not fully in stock here; left for later", order.number)
            continue
        allocations[order.number] = plan
        stops = []
        litres = 0.0
        for a in plan:
            loc = locations[a.stock.location_id]
            pos = layout.locate(loc.x_m, loc.y_m)
            stops.append(Stop(loc.code, pos.aisle, pos.block, pos.offset_m))
            p = products[a.stock.product_id]
            litres += p.length_mm * p.width_mm * p.height_mm / 1e6 * a.quantity
        candidates.append(
            BatchOrder(order.number, tuple(stops), litres, order.priority, order.due_at)
        )
    if not candidates:
        return None
    capacity = request.capacity
    if len(totes) < capacity.totes:
        capacity = CartCapacity(len(totes), capacity.tote_volume_l, capacity.volume_l)
    batch_plan = next_batch(layout, candidates, capacity)
    assert batch_plan is not None

    number = (session.scalar(select(func.max(PickBatch.id))) or 0) + 1
    now = datetime.now(UTC)
    batch = PickBatch(
        code=f"PB-{request.station_id}-{number:05d}",
        status=BatchStatus.IN_PROGRESS,
        station_id=request.station_id,
        user_id=request.user_id,
        cart_code=request.cart_code,
        origin="station",
        route_distance_m=batch_plan.route.distance_m,
        started_at=now,
    )
    session.add(batch)
    by_order = {o.number: o for o in orders}
    tote_of: dict[str, Tote] = {}
    for tote, number_ in zip(totes, batch_plan.orders, strict=False):
        order = by_order[number_]
        tote.order_id = order.id
        tote_of[number_] = tote
        order.status = OrderStatus.PICKING
        order.updated_at = now
    walk = {code: i for i, code in enumerate(batch_plan.route.order)}
    cart_slot = {number_: i for i, number_ in enumerate(batch_plan.orders)}
    planned = [(number_, a) for number_ in batch_plan.orders for a in allocations[number_]]
    planned.sort(
        key=lambda item: (
            walk[locations[item[1].stock.location_id].code],
            cart_slot[item[0]],
            item[1].line.line_no,
        )
    )
    for seq, (number_, a) in enumerate(planned, start=1):
        batch.tasks.append(
            PickTask(
                order_line_id=a.line.id,
                location_id=a.stock.location_id,
                product_id=a.stock.product_id,
                tote_id=tote_of[number_].id,
                sequence=seq,
                walk_position=float(seq),
                quantity=a.quantity,
                lot=a.stock.lot,
                status=PickTaskStatus.OPEN,
            )
        )
    session.flush()
    return batch.id
