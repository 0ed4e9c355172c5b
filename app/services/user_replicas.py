"""The station's rows for the server's users, found by the server's identity, not the badge.

The server is the source of truth for users and names each one by a ``uid`` that never
changes; a badge code changes whenever a badge is reissued. Matching pulled users by badge made
a reissued badge arrive as a second person while the old badge kept logging in, and split one
person's history in two. Here a pulled user is found by its uid first; only a row that has no
server identity yet (made here offline, or the demo site before its first pull) is matched by
badge, and it gets the uid then. A badge change renames the row (its audit and pick history
stays with it) and keeps the old code as a :class:`RetiredBadge`, so scanning it says
"replaced".

Badge codes are unique here as on the server. When the server gives a code to someone while
another row still holds it (two badges swapped, or the other person's own change has not
arrived yet), that row is moved out of the way: disabled, under a placeholder code that is not
a badge (``~<id>:<old code>``) so nobody can log in with it, until its own update names its new
code. Failing closed is the point: a code the server no longer gives that person must not work.

A user changed here offline keeps the local version while that change is queued or held on
the server for an admin (:meth:`UserReplicas.load_open_changes`): a pulled version (the server
changed something else about them, or the one-off full user fetch) must not undo the new PIN
or role here before anyone decided. Only disabling by the server applies at once (security
wins); the server's version comes with the decision (an approval brings the merged user, a
rejection rolls back).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.persistence.chunks import chunks
from app.persistence.models import OutboxEvent, OutboxStatus, RetiredBadge, Role, User, utcnow
from app.sync.events import USER_SAVED

log = logging.getLogger(__name__)

PLACEHOLDER_PREFIX = "~"  # never the start of a badge code (app.domain.codes.BADGE_RE)
NO_PIN = "!"  # never verifies (app.pins): a user whose PIN the server did not send


def placeholder_badge(user: User) -> str:
    return f"{PLACEHOLDER_PREFIX}{user.id}:{user.badge_code}"[:40]


def is_placeholder(badge: str) -> bool:
    return badge.startswith(PLACEHOLDER_PREFIX)


@dataclass(frozen=True)
class OpenChange:
    """The station's own undecided change of a user: what the last one set ``active`` to,
    and whether any of them set a new PIN (else the server's PIN hash may still apply)."""

    active: bool
    pin_changed: bool


def open_user_changes(session: Session) -> list[tuple[str, dict[str, Any]]]:
    """(event key, payload) of this station's ``user.saved`` events not settled yet: not sent,
    or held on the server for an admin's decision; oldest first."""
    rows = session.execute(
        select(OutboxEvent.key, OutboxEvent.payload)
        .where(
            OutboxEvent.type == USER_SAVED,
            OutboxEvent.status.in_((OutboxStatus.PENDING, OutboxStatus.HELD)),
        )
        .order_by(OutboxEvent.id)
    ).all()
    return [(key, payload) for key, payload in rows if isinstance(payload, dict)]


class UserReplicas:
    """Finds, creates and renames user rows in one session; keeps lookups for a pulled page."""

    def __init__(self, session: Session) -> None:
        self.s = session
        self._by_uid: dict[str, User] = {}
        self._by_badge: dict[str, User] = {}
        self._open: dict[str, OpenChange] = {}

    @property
    def open_badges(self) -> set[str]:
        """Badges of the users with a change here still open (after :meth:`load_open_changes`)."""
        return set(self._open)

    def load_open_changes(self, decided: Iterable[str] = ()) -> None:
        """Protect the rows with a ``user.saved`` of this station still queued or held, by
        the badge that change gave them, from :meth:`upsert` (see the module docstring).
        ``decided``: event keys whose decision is being applied now (not protected then)."""
        skip = set(decided)
        rows = open_user_changes(self.s)
        pins: dict[str, bool] = {}
        self._open = {}
        for key, payload in rows:
            if key in skip:
                continue
            badge = str(payload.get("badge_code"))
            before = payload.get("badge_before")
            pin = payload.get("pin_hash") is not None  # "" = blanked after sending: changed
            pins[badge] = pin or pins.get(badge, False) or pins.get(str(before), False)
            if before and before != badge:
                self._open.pop(str(before), None)
            self._open[badge] = OpenChange(bool(payload.get("active", True)), pins[badge])

    def preload(self, uids: Iterable[str], badges: Iterable[str]) -> None:
        """Load the rows a page names with a few IN queries."""
        for chunk in chunks(sorted(set(uids))):
            for user in self.s.scalars(select(User).where(User.server_uid.in_(chunk))):
                self._remember(user)
        for chunk in chunks(sorted(set(badges))):
            for user in self.s.scalars(select(User).where(User.badge_code.in_(chunk))):
                self._remember(user)

    def _remember(self, user: User) -> None:
        if user.server_uid:
            self._by_uid[user.server_uid] = user
        self._by_badge[user.badge_code] = user

    def by_uid(self, uid: str) -> User | None:
        user = self._by_uid.get(uid)
        if user is None or user.server_uid != uid:
            user = self.s.scalar(select(User).where(User.server_uid == uid))
            if user is not None:
                self._remember(user)
        return user

    def by_badge(self, badge: str) -> User | None:
        user = self._by_badge.get(badge)
        if user is None or user.badge_code != badge:
            user = self.s.scalar(select(User).where(User.badge_code == badge))
            if user is not None:
                self._remember(user)
        return user

    def find(self, uid: str | None, badge: str) -> User | None:
        """The row for the server's user ``uid`` (now holding ``badge`` on the server): by
        uid; else a row without a server identity that holds the badge; else None (also when
        the badge is held here by a row that is another server user)."""
        if uid:
            user = self.by_uid(uid)
            if user is not None:
                return user
        user = self.by_badge(badge)
        if user is None:
            return None
        if uid is None or user.server_uid is None:
            return user
        return None

    def attach(self, user: User, uid: str) -> bool:
        """Record that ``user`` is the server's ``uid`` (once; never re-pointed). False when
        the row is another server user already, or another row has that uid."""
        if user.server_uid == uid:
            return True
        if user.server_uid is not None:
            return False
        other = self.by_uid(uid)
        if other is not None and other is not user:
            return False
        user.server_uid = uid
        self._by_uid[uid] = user
        return True

    def assign_badge(self, user: User, badge: str) -> None:
        """Give ``user`` the badge code: move aside a row that still holds it, keep the old
        code as retired (scanning it then says "replaced"), and forget the new code as a
        retired one. Flushes, so that unique codes hold at every step."""
        old = user.badge_code
        if old == badge:
            return
        holder = self.by_badge(badge)
        if holder is not None and holder is not user:
            self._move_aside(holder, badge)
        self._by_badge.pop(old, None)
        user.badge_code = badge
        self._by_badge[badge] = user
        self.s.execute(delete(RetiredBadge).where(RetiredBadge.badge_code == badge))
        if old and not is_placeholder(old) and user.id is not None:
            retired = self.s.get(RetiredBadge, old)
            if retired is None:
                self.s.add(RetiredBadge(badge_code=old, user_id=user.id, retired_at=utcnow()))
            else:
                retired.user_id, retired.retired_at = user.id, utcnow()
            log.info("user %s: badge %s replaced by %s", user.id, old, badge)
        self.s.flush()

    def _move_aside(self, holder: User, badge: str) -> None:
        self._by_badge.pop(badge, None)
        holder.badge_code = placeholder_badge(holder)
        holder.active = False
        holder.updated_at = utcnow()
        self._by_badge[holder.badge_code] = holder
        log.warning(
            "badge %s now belongs to another user on the server: user %s (%s) disabled here "
            "until the server names their new badge",
            badge,
            holder.id,
            holder.name,
        )
        self.s.flush()

    def upsert(self, d: dict[str, Any], *, row: User | None = None) -> User:
        """Make the replica match the server's snapshot ``d`` (``uid`` may be missing from an
        old server: then the badge is the only key, as before). ``row``: the row it is known
        to be (a rollback), else it is found with :meth:`find` or made."""
        uid = d.get("uid") or None
        badge = str(d["badge_code"])
        user = row if row is not None else self.find(uid, badge)
        if user is None:
            holder = self.by_badge(badge)
            if holder is not None:
                self._move_aside(holder, badge)
            user = User(
                name=d["name"],
                badge_code=badge,
                pin_hash=d.get("pin_hash") or NO_PIN,
                role=Role(d["role"]),
                server_uid=uid,
            )
            self.s.add(user)
            self.s.execute(delete(RetiredBadge).where(RetiredBadge.badge_code == badge))
            self.s.flush()
            self._remember(user)
        else:
            if uid and not self.attach(user, uid):
                log.error("user %s is not server user %s; not changed", user.id, uid)
                return user
            pending = self._open.get(user.badge_code)
            if pending is not None:
                self._keep_local(user, d, pending)
                return user
            self.assign_badge(user, badge)
        user.name = d["name"]
        user.role = Role(d["role"])
        user.language = d.get("language")
        user.active = bool(d["active"])
        if d.get("pin_hash"):
            user.pin_hash = d["pin_hash"]
        user.updated_at = utcnow()
        return user

    def _keep_local(self, user: User, d: dict[str, Any], pending: OpenChange) -> None:
        """A pulled version of a user with a change of this station still open: keep the
        local fields; the server's disabling applies at once, its PIN only if the local
        change did not set one."""
        active = pending.active and bool(d["active"])
        if user.active and not active:
            log.warning("user %s (%s) disabled by the server", user.id, user.name)
        user.active = active
        if d.get("pin_hash") and not pending.pin_changed:
            user.pin_hash = d["pin_hash"]
        user.updated_at = utcnow()
        log.info(
            "user %s: a change made here waits for an admin; the server's version waits too",
            user.id,
        )


def replaced_badge_owner(session: Session, badge: str) -> User | None:
    """The user who had ``badge`` before it was replaced (None: never known here)."""
    retired = session.get(RetiredBadge, badge)
    return session.get(User, retired.user_id) if retired is not None else None
