"""A person proves who they are to the server: badge + PIN, checked here, through a station.

Why: a station token proves the *device*. Floor facts (picks, packs) are trusted on that basis
and attributed to the badge the station names. Supervisor actions (cancel, hold, overrides)
change what other people see, so the server wants the *person*: the station forwards the badge
and PIN once, the server checks the PIN hash and its lock-out counter, and hands back a short-
lived session token bound to that station. Supervisor endpoints need both the station's bearer
token and that session (header ``X-WS-User-Session``), and check the role on the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.pins import verify_pin
from server.models import ROLE_RANK, Role, User, UserSession, utcnow
from server.tokens import SESSION_PREFIX, digest, new_secret

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)


@dataclass(frozen=True)
class Actor:
    """The person behind a supervisor call."""

    user_id: int
    badge_code: str
    name: str
    role: Role
    station_id: str

    def at_least(self, role: Role) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


@dataclass(frozen=True)
class IssuedSession:
    secret: str
    actor: Actor
    expires_at: datetime


def login(
    session: Session,
    station_id: str,
    badge: str,
    pin: str,
    *,
    hours: int,
    background: bool = False,
) -> IssuedSession | None:
    """Check badge and PIN; None when refused (unknown, wrong, disabled or locked: one answer
    for all, so the API is no oracle). Failures are counted, and the caller commits them too,
    so a 4-digit PIN cannot be guessed over the API.

    ``background``: the station sends, unasked, the PIN a person just logged in with there
    (``ui.dashboard.server_session``). That PIN was checked against the *station's* hash, which
    can differ from this one (a PIN change made offline and not yet approved, or made here and
    not yet pulled by the station); counting those misses would lock the person out here after
    a few logins without one wrong PIN typed. So a background attempt never counts toward the
    lock-out. Instead it has a budget of one miss (``User.background_failed_at``) that only a
    successful sign-in (or a new PIN) restores; once spent, background attempts are refused
    without the PIN being checked (same answer, no oracle) and the station asks the person.
    Why this is no way around the lock-out: the endpoint needs the station's token as every
    sign-in does, a locked user is refused first, and a token holder gets at most one checked
    background guess per successful sign-in of the real person, on top of the usual
    MAX_FAILURES per LOCKOUT."""
    now = utcnow()
    user = session.scalar(select(User).where(User.badge_code == badge).with_for_update())
    if user is None or not user.active:
        return None
    if user.locked_until is not None and user.locked_until > now:
        return None
    if background and user.background_failed_at is not None:
        return None  # the budget is spent: not checked, not counted
    if len(pin) > 12 or not verify_pin(pin, user.pin_hash):
        if background:
            user.background_failed_at = now
            return None
        user.failed_attempts += 1
        if user.failed_attempts >= MAX_FAILURES:
            user.locked_until = now + LOCKOUT
            user.failed_attempts = 0
        return None
    user.failed_attempts = 0
    user.locked_until = None
    user.background_failed_at = None
    secret = new_secret(SESSION_PREFIX)
    expires = now + timedelta(hours=hours)
    session.add(
        UserSession(
            token_hash=digest(secret), user_id=user.id, station_id=station_id, expires_at=expires
        )
    )
    actor = Actor(user.id, user.badge_code, user.name, user.role, station_id)
    return IssuedSession(secret, actor, expires)


def resolve(session: Session, secret: str, station_id: str) -> Actor | None:
    """The live session's person, if the session belongs to this station."""
    row = session.execute(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.token_hash == digest(secret))
    ).first()
    if row is None:
        return None
    user_session, user = row
    if (
        user_session.revoked_at is not None
        or user_session.expires_at <= utcnow()
        or user_session.station_id != station_id
        or not user.active
    ):
        return None
    return Actor(user.id, user.badge_code, user.name, user.role, station_id)


def logout(session: Session, secret: str) -> None:
    row = session.scalar(select(UserSession).where(UserSession.token_hash == digest(secret)))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
