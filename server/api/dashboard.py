"""Supervisor endpoints: dashboard figures, exception actions, order lookup, audit log.

Every endpoint needs a station token plus the signed-in person's session with the supervisor
role or higher (``server.api.deps.require_user_role``); a picker's or packer's session is
refused with 403. Figures are computed in the database (``server.dashboard.metrics``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import AwareDatetime, BaseModel, Field

from app.dashboard.figures import to_json
from server.api.deps import AdminActor, Factory, Settings, SupervisorActor
from server.dashboard import actions, audit, lookup
from server.dashboard.metrics import Period, compute
from server.db import read_session, transaction

router = APIRouter(prefix="/api/v1", tags=["dashboard and admin"])

MAX_PERIOD = timedelta(days=92)


@router.get("/dashboard")
def dashboard(
    actor: SupervisorActor,
    factory: Factory,
    start: AwareDatetime | None = None,
    end: AwareDatetime | None = None,
    station: Annotated[str | None, Query(max_length=40)] = None,
) -> dict[str, Any]:
    """Backlog, throughput, cycle time, quality and exceptions for the period (default: the
    last 8 hours)."""
    now = datetime.now(UTC)
    end = end or now
    start = start or end - timedelta(hours=8)
    if not start < end or end - start > MAX_PERIOD:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_ENTITY, "start must be before end, at most 92 days"
        )
    with read_session(factory) as session:
        board = compute(session, Period(start, end, station or None), now=now)
    return to_json(board)


class ActionIn(BaseModel):
    item_id: str = Field(max_length=60, examples=["order:SO-100001", "exc:12"])
    action: str = Field(
        pattern=r"^(release|cancel|reallocate|assign_count|dismiss|approve|reject)$"
    )
    reason: str = Field(min_length=1, max_length=500)
    assignee: str | None = Field(default=None, max_length=40)


@router.post("/dashboard/actions")
def act(
    body: ActionIn, actor: SupervisorActor, factory: Factory, settings: Settings
) -> dict[str, Any]:
    """Act on an exception; recorded in the audit log with who and why. Approving or
    rejecting a user change held from a station needs the admin role (403 otherwise)."""
    try:
        result = transaction(
            factory,
            lambda s: actions.act(
                s,
                body.item_id,
                body.action,
                body.reason,
                actor,
                assignee=body.assignee,
                auto_release=settings.auto_release,
            ),
        )
    except actions.ActionForbidden as exc:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
    except actions.ActionError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return to_json(result)


@router.get("/dashboard/orders")
def search_orders(
    actor: SupervisorActor, factory: Factory, q: Annotated[str, Query(min_length=1, max_length=60)]
) -> list[dict[str, Any]]:
    """Orders by number, customer name or carton SSCC."""
    with read_session(factory) as session:
        return to_json(lookup.search(session, q))


@router.get("/dashboard/orders/{number}")
def order_timeline(actor: SupervisorActor, factory: Factory, number: str) -> dict[str, Any]:
    """One order with its timeline: every status change and floor fact, who, where, when."""
    with read_session(factory) as session:
        found = lookup.timeline(session, number)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no order {number}")
    return to_json(found)


@router.get("/admin/audit")
def audit_log(
    actor: AdminActor,
    factory: Factory,
    user: Annotated[str, Query(max_length=60)] = "",
    action: Annotated[str, Query(max_length=60)] = "",
    since: AwareDatetime | None = None,
    until: AwareDatetime | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[dict[str, Any]]:
    """The server's audit log, newest first, filtered by user, action and time."""
    with read_session(factory) as session:
        rows = audit.query(session, audit.AuditQuery(user, action, since, until, limit))
        return [
            {
                "at": r.at.isoformat(),
                "actor": r.actor,
                "actor_name": r.actor_name,
                "station_id": r.station_id,
                "action": r.action,
                "entity": r.entity,
                "entity_id": r.entity_id,
                "reason": r.reason,
                "detail": r.detail,
            }
            for r in rows
        ]
