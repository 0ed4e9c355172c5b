"""HTTP client for the dashboard and admin endpoints of the central server (blocking; call it
from a worker thread, never the GUI thread).

Supervisor and admin endpoints need two credentials: the station's bearer token (the device)
and the signed-in person's server session (header ``X-WS-User-Session``); the server checks
the person's role. Network trouble and server errors raise :class:`ServerUnavailable` so the
caller can fall back to its last figures; a refusal raises :class:`Refused` with the server's
reason.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpcore
import httpx

from app.admin.audit import AuditFilter, AuditRow
from app.admin.user_gateway import ServerUnavailable
from app.admin.users import ServerUser, UserDraft
from app.dashboard.figures import ActionResult, Dashboard, OrderLookup, OrderSummary, from_json

SESSION_HEADER = "X-WS-User-Session"
TIMEOUT_S = 8.0


class Refused(Exception):
    """The server said no (401/403: not allowed; 404/409/422: not possible) and why.
    ``fields``: on a 422, the request fields the server did not take (``("reason",)``), so
    a screen can name the one the person typed instead of showing the server's list."""

    def __init__(self, status: int, message: str, fields: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.fields = fields


def _validation_errors(detail: object) -> tuple[str, tuple[str, ...]] | None:
    """The server's 422 body (``[{"field", "message", "loc"}, ...]``, server.app) as one line
    ("reason: String should have at most 500 characters") and the fields it names."""
    if not isinstance(detail, list) or not all(isinstance(d, dict) for d in detail):
        return None
    fields: list[str] = []
    lines: list[str] = []
    for d in detail:
        loc = [str(p) for p in d.get("loc") or () if p != "body"]
        field = str(d.get("field") or ".".join(loc))
        fields.append(field)
        lines.append(f"{field}: {d.get('message') or d.get('msg') or 'invalid'}")
    return "; ".join(lines), tuple(fields)


@dataclass(frozen=True)
class Credentials:
    station_token: str
    user_session: str | None


class _AbortableBackend(httpcore.SyncBackend):
    """httpcore's blocking sockets, remembered so that :meth:`abort` can end them from
    another thread. Closing an httpx client does not wake a thread blocked reading from a
    server that accepted and never answers (it waits out the whole timeout); shutting the
    socket down does, at once. After an abort no new connection is made."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._streams: list[httpcore.NetworkStream] = []
        self._aborted = False

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if self._aborted:
            raise httpcore.ConnectError("the client was aborted")
        stream = super().connect_tcp(host, port, timeout, local_address, socket_options)
        with self._lock:
            self._streams = [x for x in self._streams if _open(x)] + [stream]
            aborted = self._aborted
        if aborted:  # aborted while connecting
            _shut(stream)
            raise httpcore.ConnectError("the client was aborted")
        return stream

    def abort(self) -> None:
        with self._lock:
            self._aborted = True
            streams, self._streams = self._streams, []
        for stream in streams:
            _shut(stream)


def _open(stream: httpcore.NetworkStream) -> bool:
    sock = stream.get_extra_info("socket")
    return isinstance(sock, socket.socket) and sock.fileno() != -1


def _shut(stream: httpcore.NetworkStream) -> None:
    sock = stream.get_extra_info("socket")
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):  # already closed, or never connected
            sock.shutdown(socket.SHUT_RDWR)


def _abortable_transport() -> tuple[httpx.HTTPTransport, _AbortableBackend]:
    """httpx's own transport over :class:`_AbortableBackend` (httpx takes no network
    backend, so its connection pool is replaced by one with the same defaults)."""
    backend = _AbortableBackend()
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=100,
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
        network_backend=backend,
    )
    return transport, backend


class DashboardClient:
    def __init__(
        self,
        base_url: str,
        credentials: Callable[[], Credentials],
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = TIMEOUT_S,
    ) -> None:
        self._credentials = credentials
        self._backend: _AbortableBackend | None = None
        if transport is None:
            transport, self._backend = _abortable_transport()
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"), timeout=timeout, transport=transport
        )

    def close(self) -> None:
        self._http.close()

    def abort(self) -> None:
        """From any thread (the GUI thread at shutdown): a request under way fails at once
        with :class:`ServerUnavailable` instead of waiting out its timeout, and no new one
        connects. The worker thread running it can then be joined without waiting."""
        if self._backend is not None:
            self._backend.abort()

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        creds = self._credentials()
        headers = {"Authorization": f"Bearer {creds.station_token}"}
        if creds.user_session:
            headers[SESSION_HEADER] = creds.user_session
        try:
            response = self._http.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            raise ServerUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code >= 500:
            raise ServerUnavailable(f"server error {response.status_code}")
        if response.status_code >= 400:
            try:
                body = response.json()
                detail = body.get("detail", body) if isinstance(body, dict) else body
            except ValueError:
                detail = response.text
            invalid = _validation_errors(detail)
            if invalid is not None:
                raise Refused(response.status_code, *invalid)
            raise Refused(response.status_code, detail if isinstance(detail, str) else str(detail))
        if response.status_code == 204:
            return None
        return response.json()

    def sign_in(self, station_id: str, badge: str, pin: str, *, background: bool = False) -> str:
        """Sign the person in at the server (badge + PIN checked there); returns the session
        secret for ``X-WS-User-Session``. Only the station token is sent with this call.
        ``background``: the station does it by itself after a PIN login there, with the PIN
        checked against the station's copy of the hash; the server does not count a miss
        toward the lock-out (``server.services.user_sessions.login``)."""
        creds = self._credentials()
        body: dict[str, object] = {"badge": badge, "pin": pin}
        if background:
            body["background"] = True
        try:
            response = self._http.post(
                f"/api/v1/stations/{station_id}/sessions",
                json=body,
                headers={"Authorization": f"Bearer {creds.station_token}"},
            )
        except httpx.HTTPError as exc:
            raise ServerUnavailable(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code >= 500:
            raise ServerUnavailable(f"server error {response.status_code}")
        if response.status_code >= 400:
            raise Refused(response.status_code, "badge or PIN not accepted by the server")
        return str(response.json()["session_token"])

    def sign_out(self, station_id: str) -> None:
        """End the person's server session (logout, idle logout): the secret stops working
        at once instead of living out its hours on the server."""
        self._request("DELETE", f"/api/v1/stations/{station_id}/sessions")

    # --- dashboard ---------------------------------------------------------------------

    def dashboard(self, start: datetime, end: datetime, station: str | None = None) -> Dashboard:
        params = {"start": start.isoformat(), "end": end.isoformat()}
        if station:
            params["station"] = station
        return from_json(Dashboard, self._request("GET", "/api/v1/dashboard", params=params))

    def act(
        self, item_id: str, action: str, reason: str, assignee: str | None = None
    ) -> ActionResult:
        body = {"item_id": item_id, "action": action, "reason": reason, "assignee": assignee}
        return from_json(
            ActionResult, self._request("POST", "/api/v1/dashboard/actions", json=body)
        )

    def search_orders(self, query: str) -> list[OrderSummary]:
        data = self._request("GET", "/api/v1/dashboard/orders", params={"q": query})
        return [from_json(OrderSummary, d) for d in data]

    def order(self, number: str) -> OrderLookup:
        return from_json(OrderLookup, self._request("GET", f"/api/v1/dashboard/orders/{number}"))

    # --- admin -------------------------------------------------------------------------

    def save_user(self, draft: UserDraft, *, badge_before: str | None) -> ServerUser:
        body = {
            "name": draft.name,
            "badge_code": draft.badge_code,
            "role": draft.role,
            "language": draft.language,
            "active": draft.active,
            "pin": draft.pin,
        }
        path = f"/api/v1/admin/users/{badge_before or draft.badge_code}"
        data = self._request("PUT", path, json=body)
        return from_json(ServerUser, data)

    def audit(self, flt: AuditFilter) -> list[AuditRow]:
        params: dict[str, Any] = {"user": flt.user, "action": flt.action, "limit": flt.limit}
        if flt.since:
            params["since"] = flt.since.isoformat()
        if flt.until:
            params["until"] = flt.until.isoformat()
        rows = self._request("GET", "/api/v1/admin/audit", params=params)
        return [_audit_row(r) for r in rows]


def _audit_row(r: dict[str, Any]) -> AuditRow:
    """One row of the server's audit log: English text for CSV and the fallback, and the data
    the Admin tab renders in the station's language."""
    user = r.get("entity") == "user"  # named by badge; the server keeps the name in detail
    detail = dict(r.get("detail") or {})
    return AuditRow(
        at=datetime.fromisoformat(r["at"]),
        who=f"{r['actor_name']} ({r['actor']})",
        station_id=r.get("station_id") or "",
        action=r["action"],
        entity=f"{r.get('entity') or ''} {r.get('entity_id') or ''}".strip(),
        detail=(r.get("reason") or "") + (f" {r['detail']}" if r.get("detail") else ""),
        source="server",
        actor_name=r.get("actor_name") or "",
        actor_badge=r.get("actor") or "",
        entity_kind=r.get("entity") or "",
        entity_id=r.get("entity_id") or "",
        entity_name=str(detail.get("name") or "") if user else "",
        entity_badge=(r.get("entity_id") or "") if user else "",
        reason=r.get("reason") or "",
        details=detail,
    )
