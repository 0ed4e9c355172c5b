"""A liveness check for load balancers and the station's status line (authenticated too)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from server.api.deps import Authenticated, Factory
from server.db import read_session

router = APIRouter(prefix="/api/v1", tags=["health"])


@router.get("/health")
def health(principal: Authenticated, factory: Factory) -> dict[str, str]:
    """The server answers and reaches its database."""
    with read_session(factory) as session:
        session.execute(text("SELECT 1"))
    return {"status": "ok", "client": principal.actor}
