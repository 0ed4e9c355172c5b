"""Small read-only facts for the station's status bar."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from app.persistence.models import OutboxEvent, OutboxStatus
from app.persistence.unit_of_work import UnitOfWork


def pending_event_count(uow_factory: Callable[[], UnitOfWork]) -> int:
    """Outbox events not yet accepted by the server (what a network outage has queued up)."""
    with uow_factory() as uow:
        count = uow.session.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(OutboxEvent.status == OutboxStatus.PENDING)
        )
        return int(count or 0)
