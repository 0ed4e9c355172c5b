"""Users on the server, the source of truth: create, edit, disable — audited, and published
on the change feed so every station's replica follows on its next sync. Disabling a user also
revokes their server sessions, so they are logged out everywhere.

A user changed at a station without a server session arrives as a ``user.saved`` event and is
*held* (an exception of kind :data:`PENDING_KIND`): only an admin may approve it (the change
is applied here and reaches every station) or reject it (the station that made it rolls the
user back). Either decision goes back to that station on its change feed
(:data:`DECISION_KIND`). The PIN travels as its scrypt hash only; it is kept in the pushed
event, never in the exception that screens are shown, and only as long as approval may still
need it (:func:`forget_pin_hashes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.admin.users import UserDraft, UserError, validate
from app.domain.codes import BADGE_RE
from app.pins import hash_pin, is_scrypt_hash
from app.sync.events import PIN_HASH_REMOVED
from server import changes
from server.dashboard import audit
from server.models import ExceptionRecord, Role, StationEvent, User, UserSession, utcnow
from server.services.user_sessions import Actor

PENDING_KIND = "user_change_pending"  # the exception kind of a held station change
DECISION_KIND = "user_change"  # change-feed kind: an admin's decision, for that station only


@dataclass(frozen=True)
class SavedUser:
    uid: str  # the identity stations match on (server.models.User.uid)
    name: str
    badge_code: str
    role: str
    language: str | None
    active: bool
    pin_hash: str | None  # only when the PIN changed: the station needs it to check offline


class ChangeInvalid(ValueError):
    """A station's user change that could never be applied (bad field, bad PIN hash)."""


class ChangeConflict(ValueError):
    """A held change that cannot be applied now (badge taken, user gone); the admin may
    reject it instead."""


def _apply(
    session: Session,
    user: User | None,
    draft: UserDraft,
    pin_hash: str | None,
    who: Actor,
    *,
    badge_before: str,
    reason: str = "",
    via: dict[str, Any] | None = None,
) -> SavedUser:
    """Write ``draft`` into ``user`` (a new one when None), publish and audit it."""
    clash = session.scalar(select(User).where(User.badge_code == draft.badge_code))
    if clash is not None and clash is not user:
        raise UserError("badge_code", f"badge {draft.badge_code} belongs to {clash.name}")
    if user is None:
        if not pin_hash:
            raise UserError("pin", "a new user needs a PIN")
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
    if pin_hash:
        user.pin_hash = pin_hash
        user.failed_attempts = 0
        user.locked_until = None
        user.background_failed_at = None  # a new PIN: background sign-ins may try it
    session.flush()
    if not user.active:
        session.execute(
            update(UserSession)
            .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
    # The feed is keyed by id (server.services.feed reads int keys); a new badge code reaches
    # stations as the same user, found there by its uid (app.sync.apply).
    changes.touch(session, "user", str(user.id))
    audit.record(
        session,
        action,
        actor=who.badge_code,
        actor_name=who.name,
        station_id=who.station_id,
        entity="user",
        entity_id=user.badge_code,
        reason=reason,
        detail={
            "name": user.name,
            "role": user.role.value,
            "active": user.active,
            "pin_changed": bool(pin_hash),
            **({"badge_before": badge_before} if badge_before != user.badge_code else {}),
            **(via or {}),
        },
    )
    return SavedUser(
        user.uid, user.name, user.badge_code, user.role.value, user.language, user.active,
        pin_hash,
    )  # fmt: skip


def save(session: Session, badge_before: str, draft: UserDraft, who: Actor) -> SavedUser:
    """Create (unknown ``badge_before``) or change a user; the caller commits."""
    user = session.scalar(select(User).where(User.badge_code == badge_before).with_for_update())
    validate(draft, is_new=user is None)
    pin_hash = hash_pin(draft.pin) if draft.pin else None
    return _apply(session, user, draft, pin_hash, who, badge_before=badge_before)


# --- changes made at a station without a server session -------------------------------------


def station_change(payload: dict[str, Any]) -> dict[str, Any]:
    """The held form of a ``user.saved`` payload: checked fields, no PIN hash (only whether
    it changed). Raises :class:`ChangeInvalid` naming the field."""
    badge_before = payload.get("badge_before")
    if badge_before is not None and not (
        isinstance(badge_before, str) and BADGE_RE.match(badge_before)
    ):
        raise ChangeInvalid(f"badge_before: {badge_before!r} is not a badge code")
    for name, kind in (("badge_code", str), ("name", str), ("role", str), ("active", bool)):
        if not isinstance(payload.get(name), kind):
            raise ChangeInvalid(f"{name}: missing or not a {kind.__name__}")
    language = payload.get("language")
    if language is not None and not isinstance(language, str):
        raise ChangeInvalid("language: not a string")
    draft = UserDraft(
        payload["name"], payload["badge_code"], payload["role"], language, payload["active"]
    )
    try:
        validate(draft, is_new=False)
    except UserError as exc:
        raise ChangeInvalid(f"{exc.field}: {exc}") from exc
    pin_hash = payload.get("pin_hash")
    if pin_hash is not None and not is_scrypt_hash(pin_hash):
        raise ChangeInvalid("pin_hash: not a scrypt hash of the required strength")
    if badge_before is None and pin_hash is None:
        raise ChangeInvalid("pin_hash: a new user needs a PIN")
    return {
        "badge_code": draft.badge_code,
        "badge_before": badge_before,
        "name": draft.name.strip(),
        "role": draft.role,
        "language": draft.language or None,
        "active": draft.active,
        "pin_changed": pin_hash is not None,
        "by": payload.get("user"),
        "by_name": payload.get("user_name"),
    }


def supersede_open_change(
    session: Session, station_id: str, change: dict[str, Any], key: str
) -> list[str]:
    """Close the station's open change of the same user (its badge before this change) and
    take it over: ``change`` gets the first change's ``badge_before`` (so "new user" stays
    new) and ``pin_changed``; returns the event keys of the chain, oldest first."""
    same = change["badge_before"] or change["badge_code"]
    for record in session.scalars(
        select(ExceptionRecord)
        .where(
            ExceptionRecord.kind == PENDING_KIND,
            ExceptionRecord.status == "open",
            ExceptionRecord.station_id == station_id,
        )
        .order_by(ExceptionRecord.id)
        .with_for_update()
    ):
        earlier = record.detail.get("payload") or {}
        if earlier.get("badge_code") != same:
            continue
        record.status = "superseded"
        record.resolved_at = utcnow()
        record.resolved_by = f"station:{station_id}"
        record.detail = {
            **record.detail,
            "resolution": {"action": "superseded", "by_event": key},
        }
        change["badge_before"] = earlier.get("badge_before")
        change["pin_changed"] = bool(change["pin_changed"] or earlier.get("pin_changed"))
        return [*_chain(record), key]
    return [key]


def _chain(record: ExceptionRecord) -> list[str]:
    events = record.detail.get("events")
    if isinstance(events, list) and events:
        return [str(k) for k in events]
    return [record.event_key] if record.event_key else []


def _pin_hash(session: Session, record: ExceptionRecord) -> str | None:
    """The newest PIN hash in the change's events (the station sent it with one of them)."""
    keys = _chain(record)
    payloads = {
        k: p
        for k, p in session.execute(
            select(StationEvent.key, StationEvent.payload).where(StationEvent.key.in_(keys))
        )
    }
    for key in reversed(keys):
        found = (payloads.get(key) or {}).get("pin_hash")
        if found:
            if not is_scrypt_hash(found):  # checked when it came; never store a bad one
                raise ChangeConflict("the PIN hash sent with this change is not valid")
            return str(found)
    return None


def forget_pin_hashes(session: Session, keys: list[str], *, keep_newest: bool = False) -> int:
    """Blank the PIN hash in the stored payloads of these ``user.saved`` events (oldest
    first); with ``keep_newest`` the newest hash among them stays. Returns how many were
    blanked.

    Why: a hash kept in ``station_events`` for ever is a standing offline brute-force target
    (4-8 digit PINs), old PINs included. Approval needs the newest hash of an open change
    (:func:`_pin_hash`) and nothing else does, so it goes once the change is decided
    (approved: the user row has it; rejected: nobody wants it), and the older ones of a chain
    go when a later change supersedes them. The field stays, set to :data:`PIN_HASH_REMOVED`
    (not null, which would say "the PIN did not change"). A replay of the event still gets
    its stored result: the idempotency check compares the separate ``payload_hash`` column,
    taken when the event came (``server.services.station_events.push``)."""
    if not keys:
        return 0
    rows = {
        row.key: row
        for row in session.scalars(select(StationEvent).where(StationEvent.key.in_(keys)))
    }
    ordered = [rows[k] for k in keys if k in rows and (rows[k].payload or {}).get("pin_hash")]
    if keep_newest:
        ordered = ordered[:-1]
    for row in ordered:
        row.payload = {**row.payload, "pin_hash": PIN_HASH_REMOVED}
    return len(ordered)


def _decided(session: Session, record: ExceptionRecord) -> None:
    """Tell the station that made the change, on its next pull; its PIN hashes go."""
    forget_pin_hashes(session, _chain(record))
    if record.station_id:
        changes.touch(
            session, DECISION_KIND, str(record.id), changes.station_scope(record.station_id)
        )


def approve_change(session: Session, record: ExceptionRecord, who: Actor, reason: str) -> SavedUser:
    """Apply a held station change as the admin ``who``; the caller checks the role, marks
    the record resolved and commits. Raises :class:`ChangeConflict` when it cannot apply."""
    change = record.detail.get("payload") or {}
    badge_before = change.get("badge_before")
    draft = UserDraft(
        change["name"], change["badge_code"], change["role"], change.get("language"),
        bool(change["active"]),
    )  # fmt: skip
    pin_hash = _pin_hash(session, record)
    if badge_before is None:
        user = None
        taken = session.scalar(select(User).where(User.badge_code == draft.badge_code))
        if taken is not None:
            raise ChangeConflict(
                f"badge {draft.badge_code} already belongs to {taken.name} on the server"
            )
    else:
        user = session.scalar(select(User).where(User.badge_code == badge_before).with_for_update())
        if user is None:
            raise ChangeConflict(f"user {badge_before} is not on the server")
    try:
        saved = _apply(
            session, user, draft, pin_hash, who,
            badge_before=badge_before or draft.badge_code, reason=reason,
            via={"approved_change_from": record.station_id, "exception": record.id},
        )  # fmt: skip
    except UserError as exc:
        raise ChangeConflict(str(exc)) from exc
    _decided(session, record)
    return saved


def reject_change(session: Session, record: ExceptionRecord, who: Actor, reason: str) -> None:
    """Refuse a held station change: nothing changes here; the station rolls it back."""
    change = record.detail.get("payload") or {}
    audit.record(
        session,
        "user.change_rejected",
        actor=who.badge_code,
        actor_name=who.name,
        station_id=who.station_id,
        entity="user",
        entity_id=str(change.get("badge_code") or ""),
        reason=reason,
        detail={"from_station": record.station_id, "exception": record.id},
    )
    _decided(session, record)


def decision_snapshots(
    session: Session, ids: list[int], station_id: str
) -> list[tuple[int, dict[str, Any]]]:
    """What the station that made each change needs to settle it: the decision, who and
    why, the events it covers, and the server's current version of the user (to roll back
    to; None when the server has no such user)."""
    out = []
    for record in session.scalars(select(ExceptionRecord).where(ExceptionRecord.id.in_(ids))):
        resolution = record.detail.get("resolution") or {}
        action = resolution.get("action")
        if record.station_id != station_id or action not in ("approve", "reject"):
            continue
        change = record.detail.get("payload") or {}
        uid = resolution.get("uid") if action == "approve" else None
        if uid:  # the user the approval made or changed, whatever its badge is now
            user = session.scalar(select(User).where(User.uid == uid))
        else:
            lookup = (change.get("badge_code") if action == "approve" else None) or (
                change.get("badge_before") or change.get("badge_code")
            )
            user = session.scalar(select(User).where(User.badge_code == lookup))
        out.append(
            (
                record.id,
                {
                    "id": record.id,
                    "events": _chain(record),
                    "decision": "approved" if action == "approve" else "rejected",
                    "uid": uid,
                    "badge_code": change.get("badge_code"),
                    "badge_before": change.get("badge_before"),
                    "name": change.get("name"),
                    "reason": resolution.get("reason", ""),
                    "by": record.resolved_by,
                    "by_name": resolution.get("by_name"),
                    "at": record.resolved_at.isoformat() if record.resolved_at else None,
                    "user": None if user is None else snapshot(user),
                },
            )
        )
    return out


def snapshot(user: User) -> dict[str, Any]:
    """A user as stations get it: the uid they match on, and the PIN hash for offline login."""
    return {
        "uid": user.uid,
        "badge_code": user.badge_code,
        "name": user.name,
        "role": user.role.value,
        "language": user.language,
        "active": user.active,
        "pin_hash": user.pin_hash,
    }


def all_snapshots(session: Session) -> list[dict[str, Any]]:
    """Every user, for a station that must learn the uid of each user it already holds."""
    return [snapshot(u) for u in session.scalars(select(User).order_by(User.id))]
