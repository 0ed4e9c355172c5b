"""The station's side of the outbox: read what is waiting, in order, and record the answers.

Reading and marking are separate short transactions on purpose: the HTTP call happens between
them with no database lock held, so picking and packing never wait for the network. If the
station dies after the server applied a batch but before it was marked here, the next push
sends the same keys again and the server answers with the stored results (exactly once).

A ``user.saved`` event's PIN hash is blanked here once the server has answered it (applied,
held for an admin, or refused): an answered event is never sent again, the hash is in the
user row where login needs it, and a copy kept in the outbox for ever (old PINs too) is only
something to steal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from app.persistence.models import OutboxEvent, OutboxStatus
from app.persistence.unit_of_work import UowFactory
from app.sync.client import EventResult, OutgoingEvent
from app.sync.events import APPLIED, IGNORED, PIN_HASH_REMOVED, USER_SAVED

MAX_ERROR = 500


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def next_batch(uow: UowFactory, limit: int) -> list[OutgoingEvent]:
    """The oldest pending events, in the order they were made."""
    with uow() as u:
        rows = u.session.execute(
            select(OutboxEvent.key, OutboxEvent.type, OutboxEvent.payload, OutboxEvent.created_at)
            .where(OutboxEvent.status == OutboxStatus.PENDING)
            .order_by(OutboxEvent.id)
            .limit(limit)
        ).all()
    return [OutgoingEvent(k, t, p, _aware(c)) for k, t, p, c in rows]


def _status(r: EventResult) -> OutboxStatus:
    if r.outcome in (APPLIED, IGNORED):
        return OutboxStatus.SENT
    if r.detail.get("held"):  # not refused: an admin decides, the answer comes in a pull
        return OutboxStatus.HELD
    return OutboxStatus.REJECTED


def record_results(uow: UowFactory, results: Iterable[EventResult]) -> int:
    """Mark answered events sent (applied, ignored), held for a decision or rejected;
    returns how many rejected."""
    now = datetime.now(UTC)
    rows = []
    rejected = 0
    answered = list(results)
    for r in answered:
        status = _status(r)
        rejected += status is OutboxStatus.REJECTED
        rows.append(
            {
                "k": r.key,
                "new_status": status,
                "new_result": {
                    "outcome": r.outcome,
                    "error": r.error,
                    "exception_id": r.exception_id,
                    "detail": r.detail,
                },
                "new_error": (r.error or "")[:MAX_ERROR] or None,
                "new_sent_at": now,
            }
        )
    if not rows:
        return 0
    table = cast(Table, OutboxEvent.__table__)
    stmt = (
        update(table)
        .where(table.c.key == bindparam("k"))
        .values(
            status=bindparam("new_status"),
            result=bindparam("new_result"),
            last_error=bindparam("new_error"),
            sent_at=bindparam("new_sent_at"),
            attempts=table.c.attempts + 1,
        )
    )
    with uow() as u:
        u.session.connection().execute(stmt, rows)  # one executemany for the whole batch
        _forget_pin_hashes(u.session, [r.key for r in answered])
        u.commit()
    return rejected


def _forget_pin_hashes(session: Session, keys: list[str]) -> None:
    """Blank the PIN hash of the answered ``user.saved`` events among ``keys`` (one indexed
    query per batch; other event types are not touched)."""
    for start in range(0, len(keys), 500):
        for row in session.scalars(
            select(OutboxEvent).where(
                OutboxEvent.key.in_(keys[start : start + 500]), OutboxEvent.type == USER_SAVED
            )
        ):
            if (row.payload or {}).get("pin_hash"):
                row.payload = {**row.payload, "pin_hash": PIN_HASH_REMOVED}
    session.flush()


def mark_rejected(uow: UowFactory, keys: Iterable[str], error: str) -> None:
    """The server will never take these (a key reused with another payload): stop sending."""
    keys = list(keys)
    with uow() as u:
        u.session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.key.in_(keys))
            .values(status=OutboxStatus.REJECTED, last_error=error[:MAX_ERROR])
        )
        _forget_pin_hashes(u.session, keys)
        u.commit()


def note_failure(uow: UowFactory, keys: Iterable[str], error: str) -> None:
    """Count a failed attempt on the events that were in flight (for the admin screen)."""
    with uow() as u:
        u.session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.key.in_(list(keys)))
            .values(attempts=OutboxEvent.attempts + 1, last_error=error[:MAX_ERROR])
        )
        u.commit()


def counts(uow: UowFactory) -> tuple[int, int]:
    """(pending, rejected) events."""
    with uow() as u:
        rows = dict(
            u.session.execute(
                select(OutboxEvent.status, func.count())
                .where(OutboxEvent.status.in_((OutboxStatus.PENDING, OutboxStatus.REJECTED)))
                .group_by(OutboxEvent.status)
            ).all()
        )
    return int(rows.get(OutboxStatus.PENDING, 0)), int(rows.get(OutboxStatus.REJECTED, 0))
