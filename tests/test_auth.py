"""The login service on a real station database (no Qt): badge, PIN, lock-out, audit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.bootstrap import StationCore
from app.persistence.models import AuditEntry, Role, User
from app.pins import hash_pin
from app.services.auth import AuthService, LoginFailure, LoginFailureReason, LoginPolicy
from app.services.session import UserSession


class FakeClock:
    """Steps time forward without sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def auth(core: StationCore, clock: FakeClock) -> AuthService:
    return AuthService(core.uow, LoginPolicy(5, timedelta(minutes=10)), clock)


def _user_id(core: StationCore, badge: str) -> int:
    with core.uow() as uow:
        user = uow.session.scalar(select(User).where(User.badge_code == badge))
        assert user is not None
        return user.id


def _audit(core: StationCore) -> list[tuple[str, int | None, dict[str, object]]]:
    with core.uow() as uow:
        rows = uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [(r.action, r.user_id, r.detail) for r in rows]


def test_badge_login_returns_the_session_and_is_audited(
    core: StationCore, auth: AuthService
) -> None:
    result = auth.login_with_badge(" usr-1001\n")
    assert isinstance(result, UserSession)
    assert (result.name, result.role, result.badge_code) == ("Li Wei", Role.PICKER, "USR-1001")
    assert result.tabs == ("pick",)
    assert _audit(core) == [("login", result.user_id, {"method": "badge"})]


def test_unknown_badge_is_refused_and_audited(core: StationCore, auth: AuthService) -> None:
    result = auth.login_with_badge("USR-9999")
    assert result == LoginFailure(LoginFailureReason.UNKNOWN_BADGE)
    assert _audit(core) == [("login_failed", None, {"method": "badge", "reason": "unknown_badge"})]


def test_pin_login(core: StationCore, auth: AuthService) -> None:
    admin = _user_id(core, "USR-1008")
    result = auth.login_with_pin(admin, "1234")
    assert isinstance(result, UserSession)
    assert result.role is Role.ADMIN
    assert result.tabs == ("pick", "pack", "dashboard", "admin")
    assert _audit(core)[-1] == ("login", admin, {"method": "pin"})


def test_wrong_pin_is_counted_and_a_good_pin_resets_the_count(
    core: StationCore, auth: AuthService
) -> None:
    uid = _user_id(core, "USR-1002")
    first = auth.login_with_pin(uid, "0000")
    second = auth.login_with_pin(uid, "1111")
    assert isinstance(first, LoginFailure) and isinstance(second, LoginFailure)
    assert (first.reason, first.attempts_left) == (LoginFailureReason.WRONG_PIN, 4)
    assert second.attempts_left == 3
    assert "Anna Schmidt" in second.message
    assert isinstance(auth.login_with_pin(uid, "1234"), UserSession)
    with core.uow() as uow:
        assert uow.session.get(User, uid).failed_attempts == 0  # type: ignore[union-attr]
    assert [a[0] for a in _audit(core)] == ["login_failed", "login_failed", "login"]


def test_empty_pin_is_not_counted(core: StationCore, auth: AuthService) -> None:
    uid = _user_id(core, "USR-1002")
    result = auth.login_with_pin(uid, "")
    assert isinstance(result, LoginFailure) and result.reason is LoginFailureReason.EMPTY_PIN
    with core.uow() as uow:
        assert uow.session.get(User, uid).failed_attempts == 0  # type: ignore[union-attr]


def test_lock_out_after_five_failures_until_the_time_runs_out(
    core: StationCore, auth: AuthService, clock: FakeClock
) -> None:
    uid = _user_id(core, "USR-1003")
    results = [auth.login_with_pin(uid, "9999") for _ in range(5)]
    assert [r.attempts_left for r in results if isinstance(r, LoginFailure)] == [4, 3, 2, 1, 0]
    last = results[-1]
    assert isinstance(last, LoginFailure) and last.reason is LoginFailureReason.LOCKED_OUT
    assert last.locked_until == clock.now + timedelta(minutes=10)

    # Locked: even the right PIN and the badge are refused, and nothing more is counted.
    for attempt in (
        lambda: auth.login_with_pin(uid, "1234"),
        lambda: auth.login_with_badge("USR-1003"),
    ):
        refused = attempt()
        assert isinstance(refused, LoginFailure)
        assert refused.reason is LoginFailureReason.LOCKED_OUT
        assert refused.locked_until == last.locked_until
    assert [u.locked for u in auth.active_users() if u.user_id == uid] == [True]

    actions = [a[0] for a in _audit(core)]
    assert actions == ["login_failed"] * 5 + ["user_locked_out"] + ["login_failed"] * 2

    clock.now += timedelta(minutes=10, seconds=1)
    assert [u.locked for u in auth.active_users() if u.user_id == uid] == [False]
    again = auth.login_with_pin(uid, "0000")  # a fresh count after the lock ran out
    assert isinstance(again, LoginFailure) and again.attempts_left == 4
    assert isinstance(auth.login_with_pin(uid, "1234"), UserSession)


def test_lock_survives_a_new_service(core: StationCore, clock: FakeClock) -> None:
    uid = _user_id(core, "USR-1003")
    first = AuthService(core.uow, LoginPolicy(2, timedelta(minutes=1)), clock)
    first.login_with_pin(uid, "0")
    first.login_with_pin(uid, "0")
    restarted = AuthService(core.uow, LoginPolicy(2, timedelta(minutes=1)), clock)
    result = restarted.login_with_pin(uid, "1234")
    assert isinstance(result, LoginFailure) and result.reason is LoginFailureReason.LOCKED_OUT


def test_disabled_user_is_refused_both_ways(core: StationCore, auth: AuthService) -> None:
    uid = _user_id(core, "USR-1004")
    with core.uow() as uow:
        uow.session.get(User, uid).active = False  # type: ignore[union-attr]
        uow.commit()
    for result in (auth.login_with_badge("USR-1004"), auth.login_with_pin(uid, "1234")):
        assert isinstance(result, LoginFailure) and result.reason is LoginFailureReason.DISABLED
    assert uid not in [u.user_id for u in auth.active_users()]
    assert [a[2]["reason"] for a in _audit(core)] == ["disabled", "disabled"]


def test_unknown_user_id(auth: AuthService) -> None:
    result = auth.login_with_pin(987654, "1234")
    assert isinstance(result, LoginFailure) and result.reason is LoginFailureReason.UNKNOWN_USER


def test_overlong_pin_is_wrong_not_hashed(core: StationCore, auth: AuthService) -> None:
    uid = _user_id(core, "USR-1001")
    result = auth.login_with_pin(uid, "1234" * 100)
    assert isinstance(result, LoginFailure) and result.reason is LoginFailureReason.WRONG_PIN


def test_a_pin_hash_keeps_its_own_cost(core: StationCore, auth: AuthService) -> None:
    """The scrypt cost is stored in the hash: a raised cost (or a test's slow hash) still checks."""
    uid = _user_id(core, "USR-1002")
    stored = hash_pin("2468", p=2)
    assert stored.startswith("scrypt$16384$8$2$")
    with core.uow() as uow:
        uow.session.get(User, uid).pin_hash = stored  # type: ignore[union-attr]
        uow.commit()
    wrong = auth.login_with_pin(uid, "1357")
    assert isinstance(wrong, LoginFailure) and wrong.reason is LoginFailureReason.WRONG_PIN
    assert isinstance(auth.login_with_pin(uid, "2468"), UserSession)


def test_active_users_are_listed_by_name(auth: AuthService) -> None:
    users = auth.active_users()
    assert len(users) == 8
    assert [u.name for u in users] == sorted(u.name for u in users)
    assert {u.role for u in users} == set(Role)


def test_logout_is_audited(core: StationCore, auth: AuthService) -> None:
    session = auth.login_with_badge("USR-1005")
    assert isinstance(session, UserSession)
    auth.logout(session, "idle")
    assert _audit(core)[-1] == ("logout", session.user_id, {"reason": "idle"})


def test_policy_from_config() -> None:
    from app.config import StationConfig

    policy = LoginPolicy.from_config(StationConfig(login_max_failures=3, login_lockout_seconds=60))
    assert policy == LoginPolicy(3, timedelta(seconds=60))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("login_max_failures = 0", "login_max_failures"),
        ("login_lockout_seconds = -5", "login_lockout_seconds"),
    ],
)
def test_bad_login_settings_name_their_key(text: str, key: str) -> None:
    from app.config import ConfigError, parse

    with pytest.raises(ConfigError, match=key):
        parse(text)
