"""Users on the server, the source of truth: create, edit, disable — audited, and published
on the change feed so every station's replica follows on its next sync. Disabling a user also
revokes their server sessions, so they are logged out everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.admin.users import UserDraft, UserError, validate
from app.pins import hash_pin
from server import changes
from server.dashboard import audit
from server.models import Role, User, UserSession, utcnow
from server.services.user_sessions import Actor


@dataclass(frozen=True)
class SavedUser:
    name: str
    badge_code: str
    role: str
    language: str | None
    active: bool
    pin_hash: str | None  # only when the PIN changed: the station needs it to check offline


def save(session: Session, badge_before: str, draft: UserDraft, who: Actor) -> SavedUser:
    """Create (unknown ``badge_before``) or change a user; the caller commits."""
    user = session.scalar(select(User).where(User.badge_code == badge_before).with_for_update())
    validate(draft, is_new=user is None)
    clash = session.scalar(select(User).where(User.badge_code == draft.badge_code))
    if clash is not None and clash is not user:
        raise UserError("badge_code", f"badge {draft.badge_code} belongs to {clash.name}")
    if user is None:
        user = User(
            name=draft.name, badge_code=draft.badge_code, pin_hash="!", role=Role(draft.role)
        )
        session.add(user)
        action = "user.created"
        was_active = True
    else:
        was_active = user.active
        action = "user.disabled" if was_active and not draft.active else "user.updated"
    user.name = draft.name.strip()
    user.badge_code = draft.badge_code
    user.role = Role(draft.role)
    user.language = draft.language or None
    user.active = draft.active
    user.updated_at = utcnow()
    if draft.pin:
        user.pin_hash = hash_pin(draft.pin)
        user.failed_attempts = 0
        user.locked_until = None
    session.flush()
    if not user.active:
        session.execute(
            update(UserSession)
            .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
    changes.touch(session, "user", user.badge_code)
    if badge_before != user.badge_code:
        changes.touch(session, "user", badge_before)
    audit.record(
        session,
        action,
        actor=who.badge_code,
        actor_name=who.name,
        station_id=who.station_id,
        entity="user",
        entity_id=user.badge_code,
        detail={
            "name": user.name,
            "role": user.role.value,
            "active": user.active,
            "pin_changed": bool(draft.pin),
        },
    )
    return SavedUser(
        user.name,
        user.badge_code,
        user.role.value,
        user.language,
        user.active,
        user.pin_hash if draft.pin else None,
    )
