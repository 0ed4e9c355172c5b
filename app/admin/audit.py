"""Reading the station's audit log with filters, for the admin's audit viewer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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
    """One entry, as English text (``who``, ``entity``, ``detail``: CSV, logs, the fallback)
    and as data a station renders in its own language: the action code, who did it, what it
    was done to (kind, id and, for people, name and badge) and the details as a dict."""

    at: datetime
    who: str
    station_id: str
    action: str
    entity: str
    detail: str
    source: str  # "station" or "server"
    actor_name: str = ""
    actor_badge: str = ""
    entity_kind: str = ""
    entity_id: str = ""
    entity_name: str = ""  # the person an entry is about, where the log knows them
    entity_badge: str = ""
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)


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
        found = list(u.session.execute(query))
        people = _people(u.session, [entry for entry, _, _ in found])
        rows = []
        for entry, name, badge in found:
            who = f"{name} ({badge})" if name else "—"
            entity = f"{entry.entity or ''} {entry.entity_id or ''}".strip()
            detail = dict(entry.detail or {})
            person = people.get(entry.entity_id or "") if entry.entity == "user" else None
            about_name, about_badge = person or (str(detail.get("name") or ""), "")
            rows.append(
                AuditRow(
                    at=entry.at,
                    who=who,
                    station_id=entry.station_id or "",
                    action=entry.action,
                    entity=entity,
                    detail=json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else "",
                    source="station",
                    actor_name=name or "",
                    actor_badge=badge or "",
                    entity_kind=entry.entity or "",
                    entity_id=entry.entity_id or "",
                    entity_name=about_name,
                    entity_badge=about_badge,
                    details=detail,
                )
            )
        return rows


def _people(session: Session, entries: list[AuditEntry]) -> dict[str, tuple[str, str]]:
    """Name and badge of the users entries are about, by the id they were logged under: the
    log names a user by database id (logins) or by badge (user changes)."""
    keys = {e.entity_id for e in entries if e.entity == "user" and e.entity_id}
    if not keys:
        return {}
    ids = [int(k) for k in keys if k.isdigit()]
    users = session.execute(
        select(User.id, User.name, User.badge_code).where(
            User.id.in_(ids) | User.badge_code.in_(keys)
        )
    )
    people: dict[str, tuple[str, str]] = {}
    for user_id, name, badge in users:
        people[str(user_id)] = (name, badge)
        people[badge] = (name, badge)
    return people
