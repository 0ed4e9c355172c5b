"""Who may use the station: login by badge or by user + PIN, with a lock-out against guessing.

A 4-digit PIN has only 10,000 values, so wrong PINs are counted per user and the user is locked
out for a while after ``max_failures`` in a row (the count and the lock live in the ``users``
row, so a restart does not reset them). A disabled user is refused whichever way they log in,
and a locked-out user too: the lock protects the account, not one way into it.

Every login, failed login, lock-out and logout is written to the audit log in the same
transaction as the change it goes with. Results are plain frozen dataclasses; the UI turns the
failure ``reason`` into a translated message, so nothing here is user-facing text except the
English ``message`` used in logs and on the command line.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.config import StationConfig
from app.persistence.models import Role, User, utcnow
from app.persistence.unit_of_work import UnitOfWork
from app.pins import verify_pin
from app.services.session import UserSession
from app.services.user_replicas import replaced_badge_owner

MAX_PIN_LENGTH = 12  # longer input is a mistake (or an attack), never a PIN


class LoginFailureReason(enum.StrEnum):
    UNKNOWN_BADGE = "unknown_badge"
    BADGE_REPLACED = "badge_replaced"  # the user has a new badge; this one no longer works
    UNKNOWN_USER = "unknown_user"
    EMPTY_PIN = "empty_pin"
    WRONG_PIN = "wrong_pin"
    LOCKED_OUT = "locked_out"
    DISABLED = "disabled"


@dataclass(frozen=True)
class LoginFailure:
    """Why a login was refused, with what the person needs to know to act on it."""

    reason: LoginFailureReason
    user_name: str | None = None
    attempts_left: int | None = None  # WRONG_PIN: tries before the lock-out
    locked_until: datetime | None = None  # LOCKED_OUT (and the WRONG_PIN that caused it), UTC

    @property
    def message(self) -> str:
        """English, for logs and the command line; the UI translates from ``reason``."""
        who = self.user_name or "this user"
        match self.reason:
            case LoginFailureReason.UNKNOWN_BADGE:
                return "This badge is not known at this station."
            case LoginFailureReason.BADGE_REPLACED:
                return f"This badge of {who} was replaced by a new one and no longer works."
            case LoginFailureReason.UNKNOWN_USER:
                return "This user is not known at this station."
            case LoginFailureReason.EMPTY_PIN:
                return "Enter your PIN."
            case LoginFailureReason.WRONG_PIN:
                return f"Wrong PIN for {who}; {self.attempts_left} tries left."
            case LoginFailureReason.LOCKED_OUT:
                until = self.locked_until.strftime("%H:%M UTC") if self.locked_until else "later"
                return f"{who} is locked out after too many wrong PINs; try again at {until}."
            case LoginFailureReason.DISABLED:
                return f"{who} is disabled; ask a supervisor."


LoginResult = UserSession | LoginFailure


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=5)

    @classmethod
    def from_config(cls, config: StationConfig) -> LoginPolicy:
        return cls(config.login_max_failures, timedelta(seconds=config.login_lockout_seconds))


@dataclass(frozen=True)
class UserChoice:
    """One button of the PIN login's user picker."""

    user_id: int
    name: str
    role: Role
    locked: bool


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _session_of(user: User) -> UserSession:
    return UserSession(user.id, user.name, user.role, user.badge_code, user.language)


class AuthService:
    """Login and logout against the station database.

    ``clock`` returns the current UTC time; tests pass a fake clock to step past a lock-out
    instead of sleeping.
    """

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        policy: LoginPolicy | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._uow = uow_factory
        self.policy = policy or LoginPolicy()
        self._clock = clock

    def active_users(self) -> list[UserChoice]:
        """Users who may log in here, by name, for the PIN login's picker."""
        now = self._clock()
        with self._uow() as uow:
            users = uow.session.scalars(
                select(User).where(User.active.is_(True)).order_by(User.name)
            ).all()
            return [
                UserChoice(u.id, u.name, u.role, self._locked_until(u, now) is not None)
                for u in users
            ]

    def login_with_badge(self, badge_code: str) -> LoginResult:
        code = badge_code.strip().upper()
        with self._uow() as uow:
            user = uow.session.scalar(select(User).where(User.badge_code == code))
            if user is None and (owner := replaced_badge_owner(uow.session, code)) is not None:
                # Said plainly (not "unknown"), and audited against the person: an old badge
                # still in use is a lost card or a card kept on purpose.
                uow.audit(
                    "login_failed",
                    user_id=owner.id,
                    entity="badge",
                    entity_id=code[:60],
                    detail={"method": "badge", "reason": LoginFailureReason.BADGE_REPLACED.value},
                )
                uow.commit()
                return LoginFailure(LoginFailureReason.BADGE_REPLACED, owner.name)
            if user is None:
                uow.audit(
                    "login_failed",
                    user_id=None,
                    entity="badge",
                    entity_id=code[:60],
                    detail={"method": "badge", "reason": LoginFailureReason.UNKNOWN_BADGE.value},
                )
                uow.commit()
                return LoginFailure(LoginFailureReason.UNKNOWN_BADGE)
            result = self._refusal(uow, user, "badge") or self._succeed(uow, user, "badge")
            uow.commit()
            return result

    def login_with_pin(self, user_id: int, pin: str) -> LoginResult:
        with self._uow() as uow:
            user = uow.session.get(User, user_id)
            if user is None:
                return LoginFailure(LoginFailureReason.UNKNOWN_USER)
            refusal = self._refusal(uow, user, "pin")
            if refusal is not None:
                uow.commit()
                return refusal
            if not pin:
                return LoginFailure(LoginFailureReason.EMPTY_PIN, user.name)
            if len(pin) <= MAX_PIN_LENGTH and verify_pin(pin, user.pin_hash):
                result: LoginResult = self._succeed(uow, user, "pin")
            else:
                result = self._wrong_pin(uow, user)
            uow.commit()
            return result

    def logout(self, session: UserSession, reason: str = "user") -> None:
        """Record the logout; ``reason`` is ``user`` (the button) or ``idle`` (the timer)."""
        with self._uow() as uow:
            uow.audit(
                "logout",
                user_id=session.user_id,
                entity="user",
                entity_id=str(session.user_id),
                detail={"reason": reason},
            )
            uow.commit()

    # --- steps ----------------------------------------------------------------------------

    def _locked_until(self, user: User, now: datetime) -> datetime | None:
        until = _aware(user.locked_until)
        return until if until is not None and until > now else None

    def _refusal(self, uow: UnitOfWork, user: User, method: str) -> LoginFailure | None:
        """Refuse a disabled or locked-out user (and audit it); clear an expired lock."""
        now = self._clock()
        failure: LoginFailure | None = None
        if not user.active:
            failure = LoginFailure(LoginFailureReason.DISABLED, user.name)
        elif (until := self._locked_until(user, now)) is not None:
            failure = LoginFailure(LoginFailureReason.LOCKED_OUT, user.name, locked_until=until)
        elif user.locked_until is not None:  # the lock has run out: start counting afresh
            user.locked_until = None
            user.failed_attempts = 0
        if failure is not None:
            uow.audit(
                "login_failed",
                user_id=user.id,
                entity="user",
                entity_id=str(user.id),
                detail={"method": method, "reason": failure.reason.value},
            )
        return failure

    def _succeed(self, uow: UnitOfWork, user: User, method: str) -> UserSession:
        user.failed_attempts = 0
        user.locked_until = None
        uow.audit(
            "login",
            user_id=user.id,
            entity="user",
            entity_id=str(user.id),
            detail={"method": method},
        )
        return _session_of(user)

    def _wrong_pin(self, uow: UnitOfWork, user: User) -> LoginFailure:
        user.failed_attempts = (user.failed_attempts or 0) + 1
        left = max(self.policy.max_failures - user.failed_attempts, 0)
        uow.audit(
            "login_failed",
            user_id=user.id,
            entity="user",
            entity_id=str(user.id),
            detail={
                "method": "pin",
                "reason": LoginFailureReason.WRONG_PIN.value,
                "failed_attempts": user.failed_attempts,
            },
        )
        if left > 0:
            return LoginFailure(LoginFailureReason.WRONG_PIN, user.name, attempts_left=left)
        until = self._clock() + self.policy.lockout
        user.locked_until = until
        uow.audit(
            "user_locked_out",
            user_id=user.id,
            entity="user",
            entity_id=str(user.id),
            detail={"until": until.isoformat(), "failed_attempts": user.failed_attempts},
        )
        return LoginFailure(
            LoginFailureReason.LOCKED_OUT, user.name, attempts_left=0, locked_until=until
        )
