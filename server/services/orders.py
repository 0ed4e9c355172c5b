"""Order intake, order status for customer service, and supervisor actions on orders.

Intake is idempotent on (channel, external id): a channel that retries after a timeout gets
the same order back, and a different order under an id already used is refused (409) rather
than silently merged. The order is validated, created, recorded and allocated in one
transaction, so it never exists half-taken.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.codes import order_number
from server.models import (
    ExceptionRecord,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PickBatch,
    PickTask,
    Product,
    Reservation,
    TaskStatus,
    utcnow,
)
from server.schemas import (
    FieldError,
    OrderIn,
    OrderLineOut,
    OrderOut,
    TimelineEntryOut,
    semantic_errors,
)
from server.services import allocation, timeline
from server.services.waves import touch_batch

ORDER_NUMBER_BASE = 100_000


class IntakeInvalid(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


class IntakeConflict(Exception):
    """The (channel, external id) is taken by a different order."""


class OrderNotFound(Exception):
    pass


class ActionRefused(Exception):
    """A supervisor action that does not fit the order's state; the message says why."""


@dataclass(frozen=True)
class IntakeResult:
    number: str
    status: str
    created: bool


def intake(
    session: Session,
    order_in: OrderIn,
    *,
    actor: str,
    auto_release: bool,
    station_id: str | None = None,
) -> IntakeResult:
    payload_hash = order_in.canonical_hash()
    existing = session.scalar(
        select(Order).where(
            Order.channel == order_in.channel, Order.external_id == order_in.external_id
        )
    )
    if existing is not None:
        if existing.payload_hash != payload_hash:
            raise IntakeConflict(
                f"external_id {order_in.external_id!r} of channel {order_in.channel!r} is "
                f"already order {existing.number} with different contents"
            )
        return IntakeResult(existing.number, existing.status.value, created=False)

    errors = semantic_errors(order_in)
    skus = {line.sku for line in order_in.lines}
    products = {
        p.sku: p.id
        for p in session.execute(select(Product.sku, Product.id).where(Product.sku.in_(skus)))
    }
    for i, line in enumerate(order_in.lines):
        if line.sku not in products:
            errors.append(FieldError(f"lines[{i}].sku", f"unknown SKU {line.sku!r}"))
    if errors:
        raise IntakeInvalid(errors)

    a = order_in.ship_to
    order = Order(
        # A unique placeholder until the id is known: the number is derived from the id.
        number=f"NEW-{uuid.uuid4().hex[:24]}",
        channel=order_in.channel,
        external_id=order_in.external_id,
        customer_name=order_in.customer_name,
        ship_to_name=a.name,
        ship_to_line1=a.line1,
        ship_to_line2=a.line2,
        ship_to_city=a.city,
        ship_to_region=a.region,
        ship_to_postal_code=a.postal_code,
        ship_to_country=a.country,
        ship_to_phone=a.phone,
        priority=order_in.priority,
        due_at=order_in.due_at,
        status=OrderStatus.RECEIVED,
        payload_hash=payload_hash,
    )
    order.lines = [
        OrderLine(line_no=i + 1, product_id=products[line.sku], quantity=line.quantity)
        for i, line in enumerate(order_in.lines)
    ]
    session.add(order)
    session.flush()
    order.number = order_number(ORDER_NUMBER_BASE + order.id)
    return _take_in(session, order, actor=actor, auto_release=auto_release, station_id=station_id)


def _take_in(
    session: Session, order: Order, *, actor: str, auto_release: bool, station_id: str | None
) -> IntakeResult:
    timeline.record(
        session, order, "status", actor=actor, station_id=station_id,
        to_status=OrderStatus.RECEIVED,
    )  # fmt: skip
    timeline.set_status(session, order, OrderStatus.VALIDATED, actor=actor, station_id=station_id)
    allocation.allocate(
        session, order, auto_release=auto_release, actor=actor, station_id=station_id
    )
    timeline.touch_order(session, order)
    return IntakeResult(order.number, order.status.value, created=True)


def take_in_existing(session: Session, order: Order, *, auto_release: bool) -> IntakeResult:
    """For loaders that build the ``Order`` themselves (demo seeding)."""
    return _take_in(session, order, actor="system", auto_release=auto_release, station_id=None)


# --- reading ---------------------------------------------------------------------------------


def view(session: Session, number: str) -> OrderOut:
    order = session.scalar(select(Order).where(Order.number == number))
    if order is None:
        raise OrderNotFound(number)
    held = dict(
        session.execute(
            select(Reservation.order_line_id, func.sum(Reservation.quantity))
            .join(OrderLine, OrderLine.id == Reservation.order_line_id)
            .where(OrderLine.order_id == order.id)
            .group_by(Reservation.order_line_id)
        ).all()
    )
    events = session.scalars(
        select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(OrderEvent.id)
    ).all()
    return OrderOut(
        number=order.number,
        channel=order.channel,
        external_id=order.external_id,
        status=order.status.value,
        hold_reason=order.hold_reason,
        priority=order.priority,
        created_at=order.created_at,
        updated_at=order.updated_at,
        lines=[
            OrderLineOut(
                line_no=ln.line_no,
                sku=ln.product.sku,
                quantity=ln.quantity,
                reserved=int(held.get(ln.id, 0) or 0),
                picked=ln.picked_quantity,
                short=ln.short_quantity,
                packed=ln.packed_quantity,
            )
            for ln in order.lines
        ],
        timeline=[
            TimelineEntryOut(
                at=e.at,
                kind=e.kind,
                from_status=e.from_status,
                to_status=e.to_status,
                actor=e.actor,
                station_id=e.station_id,
                detail=e.detail,
            )
            for e in events
        ],
    )


# --- supervisor actions ----------------------------------------------------------------------


def _locked_order(session: Session, number: str) -> Order:
    order = session.scalar(select(Order).where(Order.number == number).with_for_update())
    if order is None:
        raise OrderNotFound(number)
    return order


def cancel(session: Session, number: str, reason: str, *, actor: str, station_id: str) -> str:
    order = _locked_order(session, number)
    if order.status in timeline.TERMINAL:
        raise ActionRefused(f"order {number} is {order.status.value}; it cannot be cancelled")
    allocation.release_reservations(session, [ln.id for ln in order.lines])
    _cancel_open_tasks(session, order)
    picked = sum(ln.picked_quantity for ln in order.lines)
    timeline.set_status(
        session, order, OrderStatus.CANCELLED, actor=actor, station_id=station_id,
        detail={"reason": reason},
    )  # fmt: skip
    order.held_from = None
    if picked:
        raise_exception(
            session,
            "cancelled_after_pick",
            f"order {number} was cancelled with {picked} units already picked: put them back",
            order=order,
            station_id=station_id,
            detail={"picked_units": picked, "reason": reason},
            params={"order": number, "quantity": picked},
        )
    return order.status.value


def _cancel_open_tasks(session: Session, order: Order) -> None:
    tasks = session.scalars(
        select(PickTask)
        .join(OrderLine, OrderLine.id == PickTask.order_line_id)
        .where(OrderLine.order_id == order.id, PickTask.status == TaskStatus.OPEN)
    ).all()
    batch_ids = set()
    for task in tasks:
        task.status = TaskStatus.CANCELLED
        task.updated_at = utcnow()
        batch_ids.add(task.batch_id)
    for batch_id in batch_ids:
        batch = session.get(PickBatch, batch_id)
        if batch is not None:
            touch_batch(session, batch)


def hold(session: Session, number: str, reason: str, *, actor: str, station_id: str) -> str:
    order = _locked_order(session, number)
    if order.status in timeline.TERMINAL or order.status == OrderStatus.ON_HOLD:
        raise ActionRefused(f"order {number} is {order.status.value}; it cannot be put on hold")
    order.held_from = order.status
    order.hold_reason = reason
    timeline.set_status(
        session, order, OrderStatus.ON_HOLD, actor=actor, station_id=station_id,
        detail={"reason": reason},
    )  # fmt: skip
    return order.status.value


def release_hold(
    session: Session, number: str, *, actor: str, station_id: str, auto_release: bool
) -> str:
    order = _locked_order(session, number)
    if order.status != OrderStatus.ON_HOLD:
        raise ActionRefused(f"order {number} is {order.status.value}, not on hold")
    resume = order.held_from or OrderStatus.VALIDATED
    order.held_from = None
    order.hold_reason = None
    if resume in (OrderStatus.RECEIVED, OrderStatus.VALIDATED, OrderStatus.BACKORDER):
        timeline.set_status(
            session, order, OrderStatus.VALIDATED, actor=actor, station_id=station_id
        )
        allocation.allocate(
            session, order, auto_release=auto_release, actor=actor, station_id=station_id
        )
    else:
        timeline.set_status(session, order, resume, actor=actor, station_id=station_id)
    return order.status.value


def raise_exception(
    session: Session,
    kind: str,
    message: str,
    *,
    order: Order | None = None,
    station_id: str | None = None,
    event_key: str | None = None,
    detail: dict[str, Any] | None = None,
    code: str | None = None,
    params: dict[str, Any] | None = None,
) -> ExceptionRecord:
    """Open an exception for a supervisor.

    ``message`` is English for API users and logs; ``code`` (default: the kind) and
    ``params`` (order numbers, SKUs, bins, quantities, reason codes) are what stations
    translate, so a Chinese supervisor reads the same fact in Chinese. Both are kept in the
    record's detail and in the order's timeline entry."""
    text = {"code": code or kind, "params": dict(params or {})}
    record = ExceptionRecord(
        kind=kind,
        message=message,
        order_id=order.id if order else None,
        station_id=station_id,
        event_key=event_key,
        detail={**(detail or {}), **text},
    )
    session.add(record)
    session.flush()
    if order is not None:
        timeline.record(
            session, order, "exception", actor="system", station_id=station_id,
            detail={"exception_id": record.id, "kind": kind, "message": message, **text},
        )  # fmt: skip
    return record
