"""Reserve stock for orders at specific bins, without ever overselling.

Each reservation is one conditional update, ``reserved = reserved + q WHERE on_hand - reserved
>= q``: the database checks and changes in one step under the row lock, so two concurrent
allocations can never both take the last unit (DESIGN.md §4); CHECK constraints on ``stock``
are the backstop. An order is reserved completely or not at all (a savepoint undoes a partial
reservation): one that cannot be fully reserved waits in backorder and is tried again when
stock arrives, in priority order.

Which bins: FEFO for lot-tracked goods (expired lots are never allocated), then pick faces
before reserve levels, then the bin nearest the start of the pick path (the depot on the front
cross-aisle, by floor distance).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from server import changes
from server.db import transaction
from server.models import Location, Order, OrderLine, OrderStatus, Reservation, Stock, utcnow
from server.services import timeline

log = logging.getLogger(__name__)

SYSTEM = "system"


def stock_scope(zone: str) -> str:
    return changes.zone_scope(zone)


def touch_stock(session: Session, stock_id: int, zone: str) -> None:
    changes.touch(session, "stock", str(stock_id), stock_scope(zone))


def _candidates(session: Session, product_id: int, today: date) -> list[tuple[int, int, str]]:
    """(stock id, available, zone) in the order bins should be used."""
    available = Stock.on_hand - Stock.reserved
    rows = session.execute(
        select(Stock.id, available, Location.zone)
        .join(Location, Location.id == Stock.location_id)
        .where(
            Stock.product_id == product_id,
            available > 0,
            or_(Stock.expiry.is_(None), Stock.expiry >= today),
        )
        .order_by(
            Stock.expiry.is_(None),  # dated lots first (FEFO)...
            Stock.expiry,  # ...earliest expiry first
            Location.is_pick_face.desc(),
            Location.x_m + Location.y_m,
            Stock.id,
        )
    ).all()
    return [(int(r[0]), int(r[1]), str(r[2])) for r in rows]


def _reserve_at(session: Session, stock_id: int, want: int) -> int:
    """Reserve up to ``want`` at one stock row; returns how many it got (0 if none left)."""
    take = want
    while take > 0:
        result = session.execute(
            update(Stock)
            .where(Stock.id == stock_id, Stock.on_hand - Stock.reserved >= take)
            .values(reserved=Stock.reserved + take, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            return take
        # Lost a race for this bin: see what is left now and try for that.
        left = session.scalar(select(Stock.on_hand - Stock.reserved).where(Stock.id == stock_id))
        take = min(want, int(left or 0))
    return 0


def _reserve_line(session: Session, line: OrderLine, today: date) -> bool:
    need = line.quantity - line.picked_quantity - line.short_quantity - _held(session, line)
    for stock_id, available, zone in _candidates(session, line.product_id, today):
        if need <= 0:
            break
        got = _reserve_at(session, stock_id, min(need, available))
        if got:
            session.add(Reservation(order_line_id=line.id, stock_id=stock_id, quantity=got))
            touch_stock(session, stock_id, zone)
            need -= got
    return need <= 0


def _held(session: Session, line: OrderLine) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
            Reservation.order_line_id == line.id
        )
    )
    return int(total or 0)


def try_reserve(session: Session, order: Order, today: date | None = None) -> bool:
    """Reserve every line of ``order`` or nothing. Lines go in product order, so concurrent
    allocations lock shared rows in the same order and deadlock less."""
    today = today or utcnow().date()
    touched = changes.snapshot(session)
    savepoint = session.begin_nested()
    try:
        ok = all(
            _reserve_line(session, line, today)
            for line in sorted(order.lines, key=lambda ln: ln.product_id)
        )
    except BaseException:
        savepoint.rollback()
        raise
    if ok:
        savepoint.commit()
    else:
        savepoint.rollback()
        changes.restore(session, touched)  # the undone reservations changed nothing
    return ok


def allocate(
    session: Session,
    order: Order,
    *,
    auto_release: bool,
    actor: str = SYSTEM,
    station_id: str | None = None,
) -> OrderStatus:
    """Reserve for a validated (or backordered) order and move it on; returns the new status."""
    if try_reserve(session, order):
        timeline.set_status(
            session, order, OrderStatus.ALLOCATED, actor=actor, station_id=station_id
        )
        if auto_release:
            timeline.set_status(
                session, order, OrderStatus.RELEASED, actor=actor, station_id=station_id
            )
    else:
        timeline.set_status(
            session,
            order,
            OrderStatus.BACKORDER,
            actor=actor,
            station_id=station_id,
            detail={"reason": "not enough available stock for every line", "code": "no_stock"},
        )
    return order.status


def release_reservations(session: Session, line_ids: Iterable[int]) -> None:
    """Give back whatever these lines still hold (cancellation, hold, reallocation)."""
    ids = list(line_ids)
    if not ids:
        return
    held = session.scalars(
        select(Reservation)
        .where(Reservation.order_line_id.in_(ids), Reservation.quantity > 0)
        .order_by(Reservation.stock_id)
    ).all()
    for res in held:
        stock = session.get(Stock, res.stock_id, with_for_update=True)
        assert stock is not None
        stock.reserved -= res.quantity
        stock.updated_at = utcnow()
        res.quantity = 0
        touch_stock(session, stock.id, stock.location.zone)


def retry_backorders(
    factory: sessionmaker[Session],
    *,
    product_ids: Iterable[int] | None = None,
    auto_release: bool = True,
) -> list[str]:
    """Try every backordered order again (those needing these products, if given), best
    priority and oldest first, each in its own transaction. Returns the numbers now reserved."""

    def find(session: Session) -> list[int]:
        query = select(Order.id).where(Order.status == OrderStatus.BACKORDER)
        if product_ids is not None:
            wanted = list(product_ids)
            if not wanted:
                return []
            query = query.where(
                Order.id.in_(select(OrderLine.order_id).where(OrderLine.product_id.in_(wanted)))
            )
        query = query.order_by(Order.priority.desc(), Order.created_at, Order.id)
        return list(session.scalars(query))

    done: list[str] = []
    for order_id in transaction(factory, find):

        def attempt(session: Session, order_id: int = order_id) -> str | None:
            order = session.get(Order, order_id, with_for_update=True)
            if order is None or order.status != OrderStatus.BACKORDER:
                return None
            status = allocate(session, order, auto_release=auto_release)
            return order.number if status != OrderStatus.BACKORDER else None

        number = transaction(factory, attempt)
        if number:
            done.append(number)
    if done:
        log.info("%d backordered orders reserved", len(done))
    return done
