"""Reading the station's audit log with filters, for the admin's audit viewer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.persistence.models import AuditEntry, User
from app.persistence.unit_of_work import UowFactory


@dataclass(frozen=True)
class AuditFilter:
    user: str = ""  # part of a name or badge code
    action: str = ""  # part of the action, e.g. "user." or "exception"
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    who: str
    station_id: str
    action: str
    entity: str
    detail: str
    source: str  # "station" or "server"


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def query_audit(uow: UowFactory, flt: AuditFilter) -> list[AuditRow]:
    """Newest first; filters combine with AND and run in the database."""
    with uow() as u:
        query = (
            select(AuditEntry, User.name, User.badge_code)
            .outerjoin(User, User.id == AuditEntry.user_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(flt.limit)
        )
        if flt.user:
            pattern = _like(flt.user)
            query = query.where(
                User.name.ilike(pattern, escape="\\") | User.badge_code.ilike(pattern, escape="\\")
            )
        if flt.action:
            query = query.where(AuditEntry.action.ilike(_like(flt.action), escape="\\"))
        if flt.since is not None:
            query = query.where(AuditEntry.at >= flt.since)
        if flt.until is not None:
            query = query.where(AuditEntry.at < flt.until)
        rows = []
        for entry, name, badge in u.session.execute(query):
            who = f"{name} ({badge})" if name else "—"
            entity = f"{entry.entity or ''} {entry.entity_id or ''}".strip()
            rows.append(
                AuditRow(
                    at=entry.at,
                    who=who,
                    station_id=entry.station_id or "",
                    action=entry.action,
                    entity=entity,
                    detail=json.dumps(entry.detail, ensure_ascii=False, sort_keys=True)
                    if entry.detail
                    else "",
                    source="station",
                )
            )
        return rows
