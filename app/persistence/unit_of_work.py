"""Unit of work: one SQLAlchemy session per user action (cosmicpython, chapter 6).

A service opens a unit of work, changes state, records the outbox event of that change in the
same session, and commits once. Leaving the block without commit rolls everything back, so a
state change and its event are never separated.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.persistence.models import AuditEntry, OutboxEvent


class UnitOfWork:
    """Context manager around one session. Use ``with uow_factory() as uow: ...; uow.commit()``."""

    def __init__(self, session_factory: sessionmaker[Session], station_id: str = "") -> None:
        self._session_factory = session_factory
        self.station_id = station_id
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside its 'with' block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._session_factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()  # no-op after commit; undoes anything left uncommitted
        finally:
            self.session.close()
            self._session = None

    def commit(self) -> None:
        self.session.commit()

    def add_event(self, type_: str, payload: dict[str, Any]) -> OutboxEvent:
        """Record an outbox event in this transaction; its idempotency key is made here, once."""
        event = OutboxEvent(
            key=str(uuid.uuid4()),
            type=type_,
            payload={**payload, "station_id": self.station_id},
        )
        self.session.add(event)
        return event

    def audit(
        self,
        action: str,
        *,
        user_id: int | None,
        entity: str | None = None,
        entity_id: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Record who did what, in this transaction."""
        self.session.add(
            AuditEntry(
                user_id=user_id,
                station_id=self.station_id,
                action=action,
                entity=entity,
                entity_id=entity_id,
                detail=detail or {},
            )
        )


UowFactory = Callable[[], UnitOfWork]
