"""Order status changes and the order timeline, in one place so none goes unrecorded.

The normal path runs received → validated → allocated → released → picking → picked →
packing → packed → shipped; on_hold, backorder and cancelled branch off it. Floor facts only
ever move an order *forward* along that path (a late pick event never drags a packed order
back); supervisors move it sideways (hold, cancel) through :mod:`server.services.orders`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from server import changes
from server.models import Order, OrderEvent, OrderStatus, utcnow

PATH = (
    OrderStatus.RECEIVED,
    OrderStatus.VALIDATED,
    OrderStatus.ALLOCATED,
    OrderStatus.RELEASED,
    OrderStatus.PICKING,
    OrderStatus.PICKED,
    OrderStatus.PACKING,
    OrderStatus.PACKED,
    OrderStatus.SHIPPED,
)
RANK = {status: i for i, status in enumerate(PATH)}
TERMINAL = frozenset({OrderStatus.SHIPPED, OrderStatus.CANCELLED})
# When a session holds a list under this key, timeline rows go there (as dicts) for one bulk
# insert by the caller, instead of into the session one by one (station event batches).
BULK_ROWS = "ws_bulk_timeline"


def touch_order(session: Session, order: Order) -> None:
    changes.touch(session, "order", str(order.id))


def record(
    session: Session,
    order: Order,
    kind: str,
    *,
    actor: str,
    station_id: str | None = None,
    detail: dict[str, Any] | None = None,
    from_status: OrderStatus | None = None,
    to_status: OrderStatus | None = None,
    at: datetime | None = None,
) -> None:
    """Add one timeline entry (a fact, or a status change when the statuses are given).

    ``at`` is when it happened on the floor (the station's event time), so cycle times stay
    true even when a station was offline for an hour."""
    row = {
        "order_id": order.id,
        "at": at or utcnow(),
        "kind": kind,
        "from_status": from_status.value if from_status else None,
        "to_status": to_status.value if to_status else None,
        "actor": actor,
        "station_id": station_id,
        "detail": detail or {},
    }
    bulk = session.info.get(BULK_ROWS)
    if bulk is not None:
        bulk.append(row)
    else:
        session.add(OrderEvent(**row))


def set_status(
    session: Session,
    order: Order,
    to: OrderStatus,
    *,
    actor: str,
    station_id: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> bool:
    """Change the status and record it; False when it already was ``to``."""
    if order.status == to:
        return False
    previous = order.status
    order.status = to
    order.updated_at = utcnow()
    record(
        session,
        order,
        "status",
        actor=actor,
        station_id=station_id,
        detail=detail,
        from_status=previous,
        to_status=to,
        at=at,
    )
    touch_order(session, order)
    return True


def advance(
    session: Session,
    order: Order,
    to: OrderStatus,
    *,
    actor: str,
    station_id: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> bool:
    """Move forward along the normal path only; never backwards, never out of a side state.

    An order on hold keeps its hold (the fact is still recorded by the caller) but remembers
    how far the floor got, so releasing the hold resumes there.
    """
    if order.status == OrderStatus.ON_HOLD:
        held = order.held_from
        if held is not None and held in RANK and RANK[to] > RANK[held]:
            order.held_from = to
        return False
    if order.status not in RANK or RANK[to] <= RANK[order.status]:
        return False
    return set_status(session, order, to, actor=actor, station_id=station_id, detail=detail, at=at)
