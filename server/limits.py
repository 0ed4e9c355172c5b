"""Refuse a declared oversized body before reading it, with a JSON answer naming the body.

FastAPI's own ``max_body_size`` (set on the app and on the order route) also counts bodies
that arrive chunked, but answers in plain text; this middleware answers the common case — a
``Content-Length`` over the limit — in the API's error format, without reading a byte.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# Bodies up to this size are read and dropped before answering (a client that is still sending
# when the connection closes sees a reset, not our 413); larger ones are cut off at once.
DRAIN_LIMIT = 16 * 1024 * 1024


class DeclaredBodyLimit:
    def __init__(
        self, app: ASGIApp, default: int, per_route: dict[tuple[str, str], int] | None = None
    ) -> None:
        self.app = app
        self.default = default
        self.per_route = per_route or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            limit = self.per_route.get((scope["method"], scope["path"]), self.default)
            for name, value in scope.get("headers", ()):
                if name == b"content-length" and value.isdigit() and int(value) > limit:
                    if int(value) <= DRAIN_LIMIT:
                        await _drain(receive)
                    await _refuse(send, limit)
                    return
        await self.app(scope, receive, send)


async def _drain(receive: Receive) -> None:
    """Read and drop the body, so the client reads our answer instead of a reset."""
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps(
        {"detail": [{"field": "body", "message": f"the request body is over {limit} bytes"}]}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
