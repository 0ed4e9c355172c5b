"""The signed-in person's session on the server, needed for supervisor and admin calls.

The station token proves the device; the server also wants the person (badge + PIN checked
by the server, ``server.services.user_sessions``). A supervisor or admin who logs in at the
station with their PIN gets the server session right then, in the background, with the same
PIN (:meth:`ServerSessions.sign_in_after_login`: the PIN is in hand only at that moment, and
is never kept or logged); after a badge-only login, or when the server could not be reached,
the Dashboard and Admin tabs ask for the PIN once when the server wants it. The session secret
is kept in memory only; logging out (by hand or when idle), or another person logging in,
forgets it and ends it on the server. One :class:`ServerSessions` per station, in
``ctx.services["server_sessions"]``; the main window shuts its worker down at exit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.admin.audit import AuditFilter, AuditRow
from app.admin.token_store import TokenStore
from app.admin.user_gateway import ServerUnavailable
from app.admin.users import ServerUser, UserDraft, has_open_change
from app.dashboard.client import Credentials, DashboardClient, Refused
from app.persistence.models import Role
from app.services.session import UserSession
from ui.context import StationContext
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# Whose tabs (Dashboard, Admin) call the server as a person.
NEEDS_SERVER_SESSION = (Role.SUPERVISOR, Role.ADMIN)
# Ending a session is best effort (it expires on the server anyway), and closing the window
# joins the worker that sends it: an unreachable server must not hold the close for the
# client's usual 8 s. A loopback or LAN server answers a DELETE in milliseconds.
SIGN_OUT_TIMEOUT_S = 1.0


class ChangeOpen(Exception):
    """The background sign-in was not tried: the person has a change here the server has
    not settled, so this station's PIN hash may not be the server's."""


class ServerSessions(QObject):
    signed_in = Signal(int)  # user id: the background sign-in after a PIN login succeeded
    sign_in_failed = Signal(int, str)  # user id, why (server away, PIN not accepted there)

    def __init__(self, ctx: StationContext) -> None:
        super().__init__(ctx.session)
        self._ctx = ctx
        self._secrets: dict[int, str] = {}
        self._pending: set[int] = set()  # user ids with a background sign-in under way
        self._runner: TaskRunner | None = None
        self._closed = False
        # Clients this object made whose requests may be under way: aborted at shutdown so
        # the worker ends at once instead of waiting out the HTTP timeout.
        self._live: set[DashboardClient] = set()
        self._live_lock = threading.Lock()
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
        ended = [v for k, v in self._secrets.items() if k not in keep]
        self._secrets = {k: v for k, v in self._secrets.items() if k in keep}
        self._pending &= keep
        for secret in ended:
            self._sign_out(secret)

    def current(self) -> str | None:
        session = self._ctx.session.current
        return self._secrets.get(session.user_id) if session is not None else None

    @property
    def pending(self) -> bool:
        """A background sign-in for the person logged in is still under way."""
        session = self._ctx.session.current
        return session is not None and session.user_id in self._pending

    def sign_in_after_login(self, session: UserSession, pin: str) -> bool:
        """Right after a PIN login, open the person's server session with the same PIN on a
        worker thread, so the Dashboard and Admin need no second sign-in. Only for the roles
        that use it, and only when a server is known; False when nothing was started. The
        PIN lives in the task until it is sent and is never stored or logged.

        The PIN was checked against this station's hash. While a change of the person made
        here is not settled (queued, or held for an admin) the server's hash may differ, so
        nothing is sent then (:class:`ChangeOpen`; the tabs ask when they need the server).
        Otherwise it goes as a *background* attempt, which the server does not count toward
        its lock-out (``server.services.user_sessions.login``): a station whose copy is out
        of date must not lock the person out there by logging them in here."""
        if self._closed or session.role not in NEEDS_SERVER_SESSION:
            return False
        client = self.client()
        if client is None:
            return False
        station_id, badge, user_id, uow = (
            self._ctx.core.config.station_id,
            session.badge_code,
            session.user_id,
            self._ctx.core.uow,
        )

        def work() -> str:
            try:
                if has_open_change(uow, badge):
                    raise ChangeOpen(f"a change of user {badge} made here is not settled yet")
                return client.sign_in(station_id, badge, pin, background=True)
            finally:
                self.release(client)

        self._pending.add(user_id)
        self._run(
            work,
            lambda secret: self._signed_in(user_id, str(secret)),
            lambda error: self._not_signed_in(user_id, error),
        )
        return True

    def _signed_in(self, user_id: int, secret: str) -> None:
        self._pending.discard(user_id)
        session = self._ctx.session.current
        if session is None or session.user_id != user_id:
            self._sign_out(secret)  # logged out while it ran: end it at once
            return
        self._secrets[user_id] = secret
        self.signed_in.emit(user_id)

    def _not_signed_in(self, user_id: int, error: BaseException) -> None:
        self._pending.discard(user_id)
        log.info("no server session after the PIN login: %s", error)  # never the PIN
        self.sign_in_failed.emit(user_id, str(error))

    def _sign_out(self, secret: str) -> None:
        """End a server session in the background (best effort: it expires anyway), with a
        short timeout so that a close right after a logout is not held by a server that
        does not answer."""
        endpoint = None if self._closed else self.endpoint()
        if endpoint is None:
            return
        url, token = endpoint
        client = self._track(
            DashboardClient(url, lambda: Credentials(token, secret), timeout=SIGN_OUT_TIMEOUT_S)
        )
        station_id = self._ctx.core.config.station_id

        def work() -> None:
            try:
                client.sign_out(station_id)
            finally:
                self.release(client)

        self._run(work, lambda _: None, lambda e: log.info("server sign-out failed: %s", e))

    def _run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        if self._runner is None:
            self._runner = TaskRunner("user-session", self)
        self._runner.submit(work, done, failed)

    def shutdown(self) -> None:
        """Stop the worker (the main window calls this at exit). A session still open on
        the server is not used again: its secret was in this process's memory only."""
        self._closed = True
        with self._live_lock:
            live = list(self._live)
        for client in live:  # a sign-in or sign-out waiting on a silent server ends now
            client.abort()
        if self._runner is not None:
            self._runner.shutdown()
            self._runner = None

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
        return self._track(DashboardClient(url, lambda: Credentials(token, self.current())))

    def _track(self, client: DashboardClient) -> DashboardClient:
        """Remember ``client`` until :meth:`release`; one made after shutdown is aborted
        from the start (its request fails at once)."""
        with self._live_lock:
            self._live.add(client)
            closed = self._closed
        if closed:
            client.abort()
        return client

    def release(self, client: DashboardClient) -> None:
        """Close a client (any thread) and forget it."""
        with self._live_lock:
            self._live.discard(client)
        client.close()

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
            self.release(client)

    def audit(self, flt: AuditFilter) -> list[AuditRow]:
        """The server's audit log for the Audit page (worker thread)."""
        client = self._one_shot()
        try:
            return client.audit(flt)
        finally:
            self.release(client)
