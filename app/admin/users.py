"""User administration on the station's database: plain records in, plain records out.

When the station is online the admin screen sends changes to the server first (the server is
the source of truth for users) and then stores the server's answer here with
:func:`store_record`; offline, :func:`save_local` changes the replica and queues a
``user.saved`` outbox event so the server learns of it on the next sync. Either way the change
is audited. PINs are hashed before they touch a database or an event (``app.pins``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from app.domain.codes import BADGE_RE
from app.persistence.models import OutboxEvent, OutboxStatus, Role, User, utcnow
from app.persistence.unit_of_work import UowFactory
from app.pins import hash_pin
from app.services.user_replicas import UserReplicas, open_user_changes
from app.sync.events import USER_SAVED, user_saved

LANGUAGES = ("en", "zh_CN")
MIN_PIN, MAX_PIN = 4, 8


class UserError(ValueError):
    """A user change cannot be saved; the message says which field and why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class UserRecord:
    id: int
    name: str
    badge_code: str
    role: str
    language: str | None
    active: bool


@dataclass(frozen=True)
class UserDraft:
    """What the admin typed. ``pin`` None keeps the current PIN (required for a new user)."""

    name: str
    badge_code: str
    role: str
    language: str | None
    active: bool = True
    pin: str | None = None


def validate(draft: UserDraft, *, is_new: bool) -> None:
    if not draft.name.strip():
        raise UserError("name", "the name must not be empty")
    if len(draft.name) > 100:
        raise UserError("name", "the name is longer than 100 characters")
    if not BADGE_RE.match(draft.badge_code):
        raise UserError("badge_code", "a badge code looks like USR-1234 (4 to 6 digits)")
    if draft.role not in {r.value for r in Role}:
        raise UserError("role", f"unknown role {draft.role!r}")
    if draft.language not in (None, "", *LANGUAGES):
        raise UserError("language", f"unknown language {draft.language!r}")
    if is_new and not draft.pin:
        raise UserError("pin", "a new user needs a PIN")
    if draft.pin and (not draft.pin.isdigit() or not MIN_PIN <= len(draft.pin) <= MAX_PIN):
        raise UserError("pin", f"the PIN must be {MIN_PIN} to {MAX_PIN} digits")


def _record(user: User) -> UserRecord:
    return UserRecord(
        user.id, user.name, user.badge_code, user.role.value, user.language, user.active
    )


def list_users(uow: UowFactory, *, include_disabled: bool = True) -> list[UserRecord]:
    with uow() as u:
        query = select(User).order_by(User.name)
        if not include_disabled:
            query = query.where(User.active.is_(True))
        return [_record(x) for x in u.session.scalars(query)]


def get_user(uow: UowFactory, user_id: int) -> UserRecord | None:
    with uow() as u:
        user = u.session.get(User, user_id)
        return _record(user) if user else None


def is_active(uow: UowFactory, user_id: int) -> bool:
    """False when the user was disabled or removed (e.g. by a sync): log them out."""
    with uow() as u:
        user = u.session.get(User, user_id)
        return bool(user and user.active)


def _audit_action(is_new: bool, was_active: bool, active: bool) -> str:
    if is_new:
        return "user.created"
    if was_active and not active:
        return "user.disabled"
    if active and not was_active:
        return "user.enabled"
    return "user.updated"


def save_local(
    uow: UowFactory, draft: UserDraft, *, user_id: int | None, actor_id: int | None
) -> UserRecord:
    """Create (``user_id`` None) or change a user here and queue the change for the server."""
    validate(draft, is_new=user_id is None)
    with uow() as u:
        clash = u.session.scalar(select(User).where(User.badge_code == draft.badge_code))
        if clash is not None and clash.id != user_id:
            raise UserError("badge_code", f"badge {draft.badge_code} belongs to {clash.name}")
        badge_before: str | None = None
        if user_id is None:
            user = User(name="", badge_code="", pin_hash="", role=Role.PICKER)
            u.session.add(user)
            was_active = True
        else:
            found = u.session.get(User, user_id)
            if found is None:
                raise UserError("id", f"no user with id {user_id}")
            user = found
            was_active = user.active
            badge_before = user.badge_code
        actor = u.session.get(User, actor_id) if actor_id is not None else None
        user.name = draft.name.strip()
        if user_id is None:
            user.badge_code = draft.badge_code
        else:  # the old code is kept as replaced: scanning it says so
            UserReplicas(u.session).assign_badge(user, draft.badge_code)
        user.role = Role(draft.role)
        user.language = draft.language or None
        user.active = draft.active
        if draft.pin:
            user.pin_hash = hash_pin(draft.pin)
            user.failed_attempts = 0
            user.locked_until = None
        user.updated_at = utcnow()
        u.session.flush()
        action = _audit_action(user_id is None, was_active, draft.active)
        u.audit(
            action,
            user_id=actor_id,
            entity="user",
            entity_id=user.badge_code,
            detail={"name": user.name, "role": user.role.value, "pin_changed": bool(draft.pin)},
        )
        # What the server needs to apply the change once an admin approves it: the whole
        # user by natural keys, the badge it had before (None: a new user), and the PIN only
        # as its scrypt hash, only when it changed (app.sync.events.user_saved).
        u.add_event(
            USER_SAVED,
            user_saved(
                badge_code=user.badge_code,
                badge_before=badge_before,
                name=user.name,
                role=user.role.value,
                language=user.language,
                active=user.active,
                pin_hash=user.pin_hash if draft.pin else None,
                user=actor.badge_code if actor is not None else None,
                user_name=actor.name if actor is not None else None,
            ),
        )
        record = _record(user)
        u.commit()
        return record


@dataclass(frozen=True)
class ChangeState:
    """What became of the last change of a user made here without a server session."""

    badge_code: str
    name: str
    state: str  # "queued" (not sent yet), "held" (an admin decides), "rejected", "refused"
    reason: str = ""  # the admin's why (rejected) or the server's error (refused)
    by: str = ""  # who decided: "Admin (USR-1008)"
    rolled_back: str = ""  # "disabled" or "restored" (rejected)


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment


def change_states(uow: UowFactory) -> dict[str, ChangeState]:
    """Per badge, the state of the latest offline change still worth telling the admin:
    waiting to be sent, waiting for an admin, or rejected (until the user changes again)."""
    out: dict[str, ChangeState] = {}
    with uow() as u:
        rows = u.session.execute(
            select(OutboxEvent.status, OutboxEvent.payload, OutboxEvent.result,
                   OutboxEvent.last_error)
            .where(OutboxEvent.type == USER_SAVED)
            .order_by(OutboxEvent.id)
        ).all()  # fmt: skip
        changed = {
            b: _aware(t) for b, t in u.session.execute(select(User.badge_code, User.updated_at))
        }
    for status, payload, result, error in rows:
        decision = (result or {}).get("decision") or {}
        badge = str(decision.get("badge") or payload.get("badge_code"))
        name = str(payload.get("name") or "")
        if status is OutboxStatus.PENDING:
            out[badge] = ChangeState(badge, name, "queued")
        elif status is OutboxStatus.HELD:
            out[badge] = ChangeState(badge, name, "held")
        elif status is OutboxStatus.REJECTED:
            applied = decision.get("applied_at")
            since = changed.get(badge)
            if applied and since and since > datetime.fromisoformat(applied):
                out.pop(badge, None)  # changed again since: old news
                continue
            by = f"{decision.get('by_name') or ''} ({decision.get('by') or '?'})".strip()
            out[badge] = (
                ChangeState(badge, name, "rejected", str(decision.get("reason") or ""), by,
                            str(decision.get("rolled_back") or ""))
                if decision
                else ChangeState(badge, name, "refused", str(error or ""))
            )  # fmt: skip
        else:
            out.pop(badge, None)
    return out


def has_open_change(uow: UowFactory, badge: str) -> bool:
    """Whether a change of this user made here is still waiting: not sent yet, or held on
    the server for an admin. Until it is settled the user's PIN hash here may differ from
    the server's (``ui.dashboard.server_session`` does not send the PIN there meanwhile)."""
    with uow() as u:
        changes = open_user_changes(u.session)
    return any(badge in (p.get("badge_code"), p.get("badge_before")) for _key, p in changes)


@dataclass(frozen=True)
class ServerUser:
    """A user as the server returns it (the PIN hash only when it changed)."""

    name: str
    badge_code: str
    role: str
    language: str | None
    active: bool
    pin_hash: str | None = None
    updated_at: datetime | None = None
    uid: str | None = None  # the server's identity of the person (None from an old server)


def store_record(
    uow: UowFactory,
    server_user: ServerUser,
    *,
    actor_id: int | None,
    action: str | None = None,
    previous_badge: str | None = None,
) -> UserRecord:
    """Store the server's version of a user in the replica: matched by its uid, else by the
    badge it had here (``previous_badge``), else added. A new badge renames the row and
    retires the old code (:mod:`app.services.user_replicas`)."""
    with uow() as u:
        replicas = UserReplicas(u.session)
        row = replicas.by_uid(server_user.uid) if server_user.uid else None
        if row is None and previous_badge:
            row = replicas.by_badge(previous_badge)
            if (
                row is not None
                and server_user.uid
                and row.server_uid not in (None, server_user.uid)
            ):
                row = None  # another server user holds that badge here: not this one
        user = replicas.upsert(
            {
                "uid": server_user.uid,
                "badge_code": server_user.badge_code,
                "name": server_user.name,
                "role": server_user.role,
                "language": server_user.language,
                "active": server_user.active,
                "pin_hash": server_user.pin_hash,
            },
            row=row,
        )
        user.updated_at = server_user.updated_at or utcnow()
        u.session.flush()
        if action:
            u.audit(
                action,
                user_id=actor_id,
                entity="user",
                entity_id=user.badge_code,
                detail={"name": user.name, "role": user.role.value, "via": "server"},
            )
        record = _record(user)
        u.commit()
        return record
