"""Order lookup for customer service: by order number, customer name or carton SSCC."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.dashboard.figures import OrderLookup, OrderSummary, TimelineEntry
from server.models import Carton, Order, OrderEvent

MAX_MATCHES = 50


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(session: Session, query: str) -> list[OrderSummary]:
    """Exact order number or SSCC first; otherwise customer or number containing the text."""
    q = query.strip()
    if not q:
        return []
    digits = q.removeprefix("(00)").removeprefix("00") if q.startswith(("(00)", "00")) else q
    exact = select(Order.id).where(
        or_(
            Order.number == q.upper(),
            Order.id.in_(select(Carton.order_id).where(Carton.sscc.in_([q, digits]))),
        )
    )
    ids = list(session.scalars(exact))
    if not ids:
        pattern = _like(q)
        ids = list(
            session.scalars(
                select(Order.id)
                .where(
                    or_(
                        Order.customer_name.ilike(pattern, escape="\\"),
                        Order.ship_to_name.ilike(pattern, escape="\\"),
                        Order.number.ilike(pattern, escape="\\"),
                        Order.external_id.ilike(pattern, escape="\\"),
                    )
                )
                .order_by(Order.created_at.desc())
                .limit(MAX_MATCHES)
            )
        )
    if not ids:
        return []
    ssccs: dict[int, list[str]] = {}
    for order_id, sscc in session.execute(
        select(Carton.order_id, Carton.sscc)
        .where(Carton.order_id.in_(ids), Carton.sscc.is_not(None))
        .order_by(Carton.sequence)
    ):
        ssccs.setdefault(order_id, []).append(str(sscc))
    rows = session.scalars(select(Order).where(Order.id.in_(ids)).order_by(Order.created_at.desc()))
    return [
        OrderSummary(
            number=o.number,
            customer_name=o.customer_name,
            channel=o.channel,
            external_id=o.external_id,
            status=o.status.value,
            priority=o.priority,
            due_at=o.due_at,
            created_at=o.created_at,
            hold_reason=o.hold_reason,
            ssccs=ssccs.get(o.id, []),
        )
        for o in rows
    ]


def timeline(session: Session, number: str) -> OrderLookup | None:
    found = search(session, number)
    summary = next((s for s in found if s.number == number.strip().upper()), None)
    if summary is None:
        return None
    order_id = session.scalar(select(Order.id).where(Order.number == summary.number))
    events = session.scalars(
        select(OrderEvent)
        .where(OrderEvent.order_id == order_id)
        .order_by(OrderEvent.at, OrderEvent.id)
    )
    return OrderLookup(
        summary,
        [
            TimelineEntry(
                at=e.at,
                kind=e.kind,
                from_status=e.from_status,
                to_status=e.to_status,
                actor=e.actor,
                station_id=e.station_id,
                detail=dict(e.detail or {}),
            )
            for e in events
        ],
    )
