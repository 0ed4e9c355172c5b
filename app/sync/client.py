"""The station's HTTP client for the sync protocol (blocking: used on the sync worker thread).

Transport trouble, timeouts and 5xx/429 answers raise :class:`ServerUnavailable` — the worker
backs off and tries again later. Any other refusal raises :class:`ServerRefused` with the
server's reason; the one refusal the worker can act on, an idempotency key reused with a
different payload, raises :class:`KeyConflict` naming the keys. The token is sent in a header
only and never appears in an exception message.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

API = "/api/v1"


class ServerUnavailable(Exception):
    """Network down, server down or overloaded: try again later."""


# The server's answers that refuse the station itself (its token), not one request.
STATION_REFUSED = (401, 403)
# Said when the station has a server URL but no token to send (as a 401 would).
NO_TOKEN = "no server token is set on this station"


class ServerRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.reason = message  # the server's own words (``detail``), for screens

    @property
    def refuses_station(self) -> bool:
        """401/403: no request from this station will pass until its token is fixed."""
        return self.status in STATION_REFUSED


class KeyConflict(ServerRefused):
    def __init__(self, keys: list[str]) -> None:
        super().__init__(422, f"idempotency keys reused with another payload: {', '.join(keys)}")
        self.keys = keys


@dataclass(frozen=True)
class OutgoingEvent:
    key: str
    type: str
    payload: dict[str, Any]
    created_at: datetime | None


@dataclass(frozen=True)
class EventResult:
    key: str
    outcome: str  # applied, rejected, ignored
    error: str | None
    exception_id: int | None
    replayed: bool
    detail: dict[str, Any]


class SyncClient:
    def __init__(
        self,
        base_url: str,
        station_id: str,
        token: str,
        *,
        timeout_s: float = 15.0,
        verify: bool | str = True,
    ) -> None:
        """``verify``: True (system CAs), or the path of a CA bundle / the server's own
        certificate for a site with its own CA."""
        self.station_id = station_id
        tls: bool | ssl.SSLContext = (
            ssl.create_default_context(cafile=verify) if isinstance(verify, str) else verify
        )
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout_s,
            verify=tls,
        )

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(
                method, f"{API}/stations/{self.station_id}{path}", **kwargs
            )
        except httpx.HTTPError as exc:
            raise ServerUnavailable(f"{type(exc).__name__}: {exc}") from None
        if response.status_code >= 500 or response.status_code == 429:
            raise ServerUnavailable(f"server answered {response.status_code}")
        return response

    @staticmethod
    def _refused(response: httpx.Response) -> ServerRefused:
        try:
            detail = response.json().get("detail", "")
        except ValueError:
            detail = response.text[:200]
        return ServerRefused(response.status_code, str(detail)[:500])

    def push(self, events: list[OutgoingEvent]) -> list[EventResult]:
        body = {
            "events": [
                {
                    "key": e.key,
                    "type": e.type,
                    "payload": e.payload,
                    **({"created_at": e.created_at.isoformat()} if e.created_at else {}),
                }
                for e in events
            ]
        }
        response = self._call("POST", "/events", json=body)
        if response.status_code == 422:
            detail = response.json().get("detail")
            if isinstance(detail, list) and detail and all("key" in d for d in detail):
                raise KeyConflict([str(d["key"]) for d in detail])
        if response.status_code != 200:
            raise self._refused(response)
        return [
            EventResult(
                r["key"],
                r["outcome"],
                r.get("error"),
                r.get("exception_id"),
                bool(r.get("replayed")),
                r.get("detail") or {},
            )
            for r in response.json()["results"]
        ]

    def pull(self, since: str, limit: int | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"since": since}
        if limit:
            params["limit"] = limit
        response = self._call("GET", "/changes", params=params)
        if response.status_code != 200:
            raise self._refused(response)
        data: dict[str, Any] = response.json()
        return data

    def users(self) -> list[dict[str, Any]] | None:
        """Every user with its uid (``GET .../users``); None from a server too old to have it."""
        response = self._call("GET", "/users")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise self._refused(response)
        found: list[dict[str, Any]] = response.json()["users"]
        return found

    def claim_batch(self) -> dict[str, Any] | None:
        response = self._call("POST", "/batches/claim")
        if response.status_code != 200:
            raise self._refused(response)
        batch: dict[str, Any] | None = response.json().get("batch")
        return batch

    def new_range(self, kind: str = "sscc") -> dict[str, Any]:
        response = self._call("POST", "/identifier-ranges", json={"kind": kind})
        if response.status_code != 201:
            raise self._refused(response)
        data: dict[str, Any] = response.json()
        return data
