"""The FastAPI application: ``create_app(settings)`` builds one from settings, nothing global.

Routers live in ``server/api/*.py`` and are listed in :data:`ROUTERS`; a new area (dashboard,
admin) adds its module there and reuses the dependencies of :mod:`server.api.deps`. The engine
is made here and disposed on shutdown; every request opens its own short transaction, so any
number of processes can serve the same database.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.api.orders import MAX_ORDER_BYTES
from server.db import make_engine, make_session_factory
from server.limits import DeclaredBodyLimit
from server.schemas import dotted
from server.settings import ServerSettings

log = logging.getLogger(__name__)

# Modules with a ``router``; each is included in every app.
ROUTERS = (
    "server.api.orders",
    "server.api.stock",
    "server.api.stations",
    "server.api.health",
    "server.api.dashboard",
    "server.api.admin_users",
)

API_DESCRIPTION = """\
Central server of Warehouse Station: order intake from sales channels, stock and reservations,
pick waves, and the sync protocol of the floor stations.

Every call needs `Authorization: Bearer <token>`. Tokens are made with
`python main.py server create-token` and are of two kinds: **integration** (a sales channel:
orders and stock) and **station** (one station's own `/stations/{id}/...` endpoints).
Supervisor actions also need `X-WS-User-Session` from `POST /api/v1/stations/{id}/sessions`.
"""


def create_app(settings: ServerSettings, *, engine: Engine | None = None) -> FastAPI:
    """Build the app. ``engine`` lets a caller share one (the embedded server, tests)."""
    own_engine = engine is None
    engine = engine or make_engine(settings.database_url, pool_size=settings.db_pool_size)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_engine:
            engine.dispose()

    app = FastAPI(
        title="Warehouse Station server",
        version="1",
        description=API_DESCRIPTION,
        lifespan=lifespan,
        max_body_size=settings.max_body_bytes,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    for module_name in ROUTERS:
        app.include_router(importlib.import_module(module_name).router)
    app.add_middleware(
        DeclaredBodyLimit,
        default=settings.max_body_bytes,
        per_route={("POST", "/api/v1/orders"): MAX_ORDER_BYTES},
    )
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    return app


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """422 with one entry per bad field, named as the client wrote it (``lines[2].sku``)."""
    assert isinstance(exc, RequestValidationError)
    errors: list[dict[str, Any]] = []
    for err in exc.errors():
        loc = [p for p in err.get("loc", ()) if isinstance(p, str | int)]
        errors.append({"field": dotted(loc), "message": err.get("msg", "invalid"), "loc": loc})
    return JSONResponse({"detail": errors}, status_code=422)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail: Any = exc.detail
    if exc.status_code == 413 and isinstance(detail, str):
        detail = [{"field": "body", "message": "the request body is larger than allowed"}]
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)
