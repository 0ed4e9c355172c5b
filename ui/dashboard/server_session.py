"""The signed-in person's session on the server, needed for supervisor and admin calls.

The station token proves the device; the server also wants the person (badge + PIN checked
by the server, ``server.services.user_sessions``). The Dashboard and Admin tabs ask for the PIN
once when the server wants it, keep the session secret in memory only, and forget it when the
person logs out (or another one logs in). One :class:`ServerSessions` per station, in
``ctx.services["server_sessions"]``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.admin.audit import AuditFilter, AuditRow
from app.admin.token_store import TokenStore
from app.admin.user_gateway import ServerUnavailable
from app.admin.users import ServerUser, UserDraft
from app.dashboard.client import Credentials, DashboardClient, Refused
from app.services.session import UserSession
from ui.context import StationContext


class ServerSessions(QObject):
    def __init__(self, ctx: StationContext) -> None:
        super().__init__(ctx.session)
        self._ctx = ctx
        self._secrets: dict[int, str] = {}
        ctx.session.changed.connect(self._on_session)

    @classmethod
    def of(cls, ctx: StationContext) -> ServerSessions:
        found = ctx.services.get("server_sessions")
        if isinstance(found, ServerSessions):
            return found
        made = cls(ctx)
        ctx.services["server_sessions"] = made
        return made

    def _on_session(self, session: UserSession | None) -> None:
        keep = {session.user_id} if session is not None else set()
        self._secrets = {k: v for k, v in self._secrets.items() if k in keep}

    def current(self) -> str | None:
        session = self._ctx.session.current
        return self._secrets.get(session.user_id) if session is not None else None

    def remember(self, user_id: int, secret: str) -> None:
        session = self._ctx.session.current
        if session is not None and session.user_id == user_id:
            self._secrets[user_id] = secret

    def endpoint(self) -> tuple[str, str] | None:
        """The server URL and station token: the configured server, else the embedded one."""
        ctx = self._ctx
        config = ctx.core.config
        if config.server_url:
            token = TokenStore(ctx.core.data_dir, config.station_id).get()
            return (config.server_url, token) if token else None
        published = ctx.services.get("server_endpoint")
        if isinstance(published, tuple) and len(published) == 2:
            return str(published[0]), str(published[1])
        return None

    def client(self) -> DashboardClient | None:
        """A client for the current person, or None when no server is known yet."""
        endpoint = self.endpoint()
        if endpoint is None:
            return None
        url, token = endpoint
        return DashboardClient(url, lambda: Credentials(token, self.current()))

    def _one_shot(self) -> DashboardClient:
        if self.current() is None:
            raise Refused(401, "sign in to the server first")
        client = self.client()
        if client is None:
            raise ServerUnavailable("no server is known yet")
        return client

    def save_user(self, draft: UserDraft, *, badge_before: str | None) -> ServerUser:
        """:class:`~app.admin.user_gateway.UserAdminClient` for the Users page (worker thread)."""
        client = self._one_shot()
        try:
            return client.save_user(draft, badge_before=badge_before)
        finally:
            client.close()

    def audit(self, flt: AuditFilter) -> list[AuditRow]:
        """The server's audit log for the Audit page (worker thread)."""
        client = self._one_shot()
        try:
            return client.audit(flt)
        finally:
            client.close()
