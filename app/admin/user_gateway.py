"""Where a user change goes: to the server first when online, else the station's replica.

The server is the source of truth for users; a change made offline is applied here and queued
as a ``user.saved`` outbox event, so it still reaches the server on the next sync. The result
says which path was taken so the admin screen can tell the admin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.admin import users
from app.admin.users import ServerUser, UserDraft, UserRecord
from app.persistence.unit_of_work import UowFactory


class ServerUnavailable(Exception):
    """The server could not be reached (network down, timeout, 5xx): fall back to offline."""


class UserAdminClient(Protocol):
    def save_user(self, draft: UserDraft, *, badge_before: str | None) -> ServerUser: ...


@dataclass(frozen=True)
class SaveResult:
    record: UserRecord
    via: str  # "server" or "station"


class UserGateway:
    def __init__(
        self, uow: UowFactory, client: Callable[[], UserAdminClient | None] = lambda: None
    ) -> None:
        self._uow = uow
        self._client = client

    def list(self) -> list[UserRecord]:
        return users.list_users(self._uow)

    def save(self, draft: UserDraft, *, user_id: int | None, actor_id: int | None) -> SaveResult:
        """Blocking (network, PIN hashing): call it from a worker thread."""
        users.validate(draft, is_new=user_id is None)
        client = self._client()
        if client is not None:
            before = users.get_user(self._uow, user_id) if user_id is not None else None
            try:
                server_user = client.save_user(
                    draft, badge_before=before.badge_code if before else None
                )
            except ServerUnavailable:
                pass
            else:
                action = "user.created" if user_id is None else "user.updated"
                if before is not None and before.active and not draft.active:
                    action = "user.disabled"
                record = users.store_record(
                    self._uow,
                    server_user,
                    actor_id=actor_id,
                    action=action,
                    previous_badge=before.badge_code if before else None,
                )
                return SaveResult(record, "server")
        record = users.save_local(self._uow, draft, user_id=user_id, actor_id=actor_id)
        return SaveResult(record, "station")
