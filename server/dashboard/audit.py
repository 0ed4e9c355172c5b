"""The server's audit log: who did what to whom, from which station, and why.

Supervisor actions on exceptions and admin changes to users are written here in the same
transaction as the change itself, so a change without its audit entry cannot exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.dashboard.tables import AuditEntry


@dataclass(frozen=True)
class AuditQuery:
    user: str = ""
    action: str = ""
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500


def record(
    session: Session,
    action: str,
    *,
    actor: str,
    actor_name: str,
    station_id: str | None,
    entity: str | None = None,
    entity_id: str | None = None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(
            actor=actor,
            actor_name=actor_name,
            station_id=station_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            reason=reason,
            detail=detail or {},
        )
    )


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def query(session: Session, q: AuditQuery) -> list[AuditEntry]:
    stmt = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(q.limit)
    if q.user:
        pattern = _like(q.user)
        stmt = stmt.where(
            AuditEntry.actor.ilike(pattern, escape="\\")
            | AuditEntry.actor_name.ilike(pattern, escape="\\")
        )
    if q.action:
        stmt = stmt.where(AuditEntry.action.ilike(_like(q.action), escape="\\"))
    if q.since is not None:
        stmt = stmt.where(AuditEntry.at >= q.since)
    if q.until is not None:
        stmt = stmt.where(AuditEntry.at < q.until)
    return list(session.scalars(stmt))
