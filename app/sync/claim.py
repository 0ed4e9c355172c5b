"""A picking claim source that takes batches the server planned and this station claimed.

The server batches released orders into waves and gives each batch to one station only
(``FOR UPDATE SKIP LOCKED``), so two stations never pick the same order. The sync worker claims
on demand and pulls the batch into this station's database; :func:`server_claim_source` then
hands the oldest such batch to the picker, offline too once it has arrived. Plug it into
``PickingService(core, claim_source=server_claim_source(worker.request_batch))``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.persistence.models import (
    BatchStatus,
    Order,
    OrderLine,
    OrderStatus,
    PickBatch,
    PickTaskStatus,
    Tote,
)
from app.services.pick_claim import ClaimRequest, ClaimSource
from app.services.pick_views import PickingError


def take_server_batch(session: Session, request: ClaimRequest) -> int | None:
    """Start the oldest open server batch of this station: totes per order, orders picking."""
    batch = session.scalar(
        select(PickBatch)
        .where(
            PickBatch.origin == "server",
            PickBatch.status == BatchStatus.OPEN,
            PickBatch.station_id == request.station_id,
        )
        .order_by(PickBatch.id)
        .limit(1)
    )
    if batch is None:
        return None
    order_ids: list[int] = []
    lines = {
        ln.id: ln
        for ln in session.scalars(
            select(OrderLine).where(OrderLine.id.in_([t.order_line_id for t in batch.tasks]))
        )
    }
    for task in batch.tasks:
        oid = lines[task.order_line_id].order_id
        if oid not in order_ids:
            order_ids.append(oid)
    free = list(session.scalars(select(Tote).where(Tote.order_id.is_(None)).order_by(Tote.code)))
    if request.first_tote is not None:
        first = next((t for t in free if t.code == request.first_tote), None)
        if first is None:
            raise PickingError("tote_in_use", tote=request.first_tote)
        free.remove(first)
        free.insert(0, first)
    if len(free) < len(order_ids):
        raise PickingError("no_free_totes")
    now = datetime.now(UTC)
    tote_of: dict[int, Tote] = {}
    for oid, tote in zip(order_ids, free, strict=False):
        tote.order_id = oid
        tote_of[oid] = tote
        order = session.get_one(Order, oid)
        if order.status in (OrderStatus.RELEASED, OrderStatus.ALLOCATED):
            order.status = OrderStatus.PICKING
            order.updated_at = now
    for task in batch.tasks:
        task.tote_id = tote_of[lines[task.order_line_id].order_id].id
        if task.status is PickTaskStatus.SKIPPED:
            task.status = PickTaskStatus.OPEN
    batch.status = BatchStatus.IN_PROGRESS
    batch.user_id = request.user_id
    batch.cart_code = request.cart_code
    batch.started_at = now
    session.flush()
    return batch.id


def server_claim_source(request_more: Callable[[], None]) -> ClaimSource:
    """A claim source for ``PickingService``: a pulled server batch, and a request for the
    next one so it is here before the picker asks (``request_more`` is thread-safe)."""

    def claim(session: Session, request: ClaimRequest) -> int | None:
        batch_id = take_server_batch(session, request)
        request_more()
        return batch_id

    return claim
