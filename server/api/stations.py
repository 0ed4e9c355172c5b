"""The sync protocol: a station pushes its outbox and pulls what changed; it claims pick
batches, gets SSCC serial ranges, and signs people in for supervisor actions.

Every endpoint here takes only the calling station's own id (``require_station``).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Path, Query, Response, status
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.admin import users as user_admin
from server.api.deps import Factory, Settings, StationPrincipal
from server.db import read_session, transaction
from server.models import IdentifierRange, Station
from server.schemas import (
    ClaimOut,
    EventBatchIn,
    EventBatchOut,
    EventResultOut,
    LoginIn,
    LoginOut,
    RangeIn,
    RangeOut,
)
from server.services import allocation, feed, identifiers, station_events, user_sessions, waves
from server.services.orders import raise_exception

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1/stations", tags=["stations (sync)"])

StationId = Annotated[str, Path(max_length=40)]


class ChangesOut(BaseModel):
    """Entities changed since the cursor, as snapshots keyed by natural keys."""

    cursor: str = Field(description="pass as ?since= next time")
    has_more: bool = Field(description="true: ask again at once with the new cursor")
    products: list[dict[str, Any]]
    locations: list[dict[str, Any]]
    users: list[dict[str, Any]] = Field(description="with PIN hashes, for offline PIN login")
    stock: list[dict[str, Any]] = Field(description="stock of the station's zone")
    orders: list[dict[str, Any]]
    batches: list[dict[str, Any]] = Field(description="pick batches claimed by this station")
    identifier_ranges: list[dict[str, Any]] = Field(description="this station's SSCC ranges")
    user_changes: list[dict[str, Any]] = Field(
        default_factory=list,
        description="an admin's decisions on user changes this station made offline",
    )
    layout: dict[str, Any] = Field(description="the site's aisle layout, for routing")
    removed: list[dict[str, str]]


def _station(session: Session, station_id: str) -> Station:
    station = session.get(Station, station_id)
    if station is None:  # a live token always has its station; this is a server bug
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no station {station_id}")
    return station


@router.post(
    "/{station_id}/events",
    response_model=EventBatchOut,
    responses={422: {"description": "a key was used before with a different payload"}},
)
def push_events(
    station_id: StationId,
    batch: EventBatchIn,
    principal: StationPrincipal,
    factory: Factory,
    settings: Settings,
) -> EventBatchOut:
    """Apply outbox events exactly once, in order; the result of each (replays included)."""
    if len(batch.events) > settings.max_events_per_push:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"at most {settings.max_events_per_push} events per push",
        )
    incoming = [
        station_events.Incoming(e.key, e.type, e.payload, e.created_at) for e in batch.events
    ]
    try:
        result = transaction(factory, lambda s: station_events.push(s, station_id, incoming))
    except station_events.KeyReuse as exc:
        _record_key_reuse(factory, station_id, exc.keys)
        positions = {e.key: i for i, e in reversed(list(enumerate(batch.events)))}
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            [
                {
                    "field": f"events[{positions[k]}].key",
                    "key": k,
                    "message": "this idempotency key was used before with a different payload",
                }
                for k in exc.keys
            ],
        ) from exc
    if result.restocked_products:
        allocation.retry_backorders(
            factory, product_ids=result.restocked_products, auto_release=settings.auto_release
        )
    return EventBatchOut(
        results=[
            EventResultOut(
                key=o.key,
                outcome=o.outcome,
                error=o.error,
                exception_id=o.exception_id,
                replayed=o.replayed,
                detail=o.detail,
            )
            for o in result.outcomes
        ]
    )


def _record_key_reuse(factory: Factory, station_id: str, keys: list[str]) -> None:
    def work(session: Session) -> None:
        raise_exception(
            session,
            "idempotency_key_reuse",
            f"station {station_id} reused {len(keys)} event key(s) with a different payload",
            station_id=station_id,
            event_key=keys[0],
            detail={"keys": keys},
            params={"station": station_id, "count": len(keys)},
        )

    transaction(factory, work)


@router.get("/{station_id}/changes", response_model=ChangesOut)
def get_changes(
    station_id: StationId,
    principal: StationPrincipal,
    factory: Factory,
    settings: Settings,
    since: Annotated[str, Query(pattern=r"^\d{1,18}$")] = "0",
    limit: Annotated[int | None, Query(ge=1)] = None,
) -> dict[str, Any]:
    """What changed since the cursor; call again while ``has_more``."""
    size = min(limit or settings.max_changes_per_pull, settings.max_changes_per_pull)
    if since == "0":  # a station's first pull: make sure it holds a block of SSCC serials
        with read_session(factory) as session:
            has_range = session.scalar(
                select(IdentifierRange.id).where(IdentifierRange.station_id == station_id).limit(1)
            )
        if has_range is None:
            transaction(
                factory,
                lambda s: identifiers.ensure_range(s, station_id, "sscc", settings.sscc_range_size),
            )
    with read_session(factory) as session:
        station = _station(session, station_id)
        answer = feed.changes_since(session, station, int(since), size).as_json()
    answer["layout"] = dataclasses.asdict(settings.layout)
    return answer


class UsersOut(BaseModel):
    """Every user, as in the change feed."""

    users: list[dict[str, Any]] = Field(description="with uid and PIN hash, as in /changes")


@router.get("/{station_id}/users", response_model=UsersOut)
def get_users(station_id: StationId, principal: StationPrincipal, factory: Factory) -> UsersOut:
    """All users at once: a station that holds users it cannot tie to a server identity yet
    (its database predates the ``uid``) asks once, and then follows badge changes by uid."""
    with read_session(factory) as session:
        return UsersOut(users=user_admin.all_snapshots(session))


@router.post("/{station_id}/batches/claim", response_model=ClaimOut)
def claim_batch(
    station_id: StationId, principal: StationPrincipal, factory: Factory, settings: Settings
) -> ClaimOut:
    """Claim the most urgent open pick batch (never one another station holds)."""

    def work(session: Session) -> dict[str, Any] | None:
        station = _station(session, station_id)
        batch = waves.claim(session, station, layout=settings.layout, cart=settings.cart)
        if batch is None:
            return None
        session.flush()
        return feed.batch_snapshot(session, batch)

    return ClaimOut(batch=transaction(factory, work))


@router.post("/{station_id}/identifier-ranges", response_model=RangeOut, status_code=201)
def new_range(
    station_id: StationId,
    body: RangeIn,
    principal: StationPrincipal,
    factory: Factory,
    settings: Settings,
) -> RangeOut:
    """Another block of serials, when the station's current one runs low."""

    def work(session: Session) -> RangeOut:
        block = identifiers.allocate_range(session, station_id, body.kind, settings.sscc_range_size)
        return RangeOut(kind=block.kind, first=block.first, last=block.last)

    return transaction(factory, work)


@router.post(
    "/{station_id}/sessions",
    response_model=LoginOut,
    status_code=201,
    responses={401: {"description": "badge or PIN not accepted"}},
)
def sign_in(
    station_id: StationId,
    body: LoginIn,
    principal: StationPrincipal,
    factory: Factory,
    settings: Settings,
) -> LoginOut:
    """Sign a person in for supervisor actions (badge + PIN checked by the server)."""
    issued = transaction(
        factory,
        lambda s: user_sessions.login(
            s,
            station_id,
            body.badge,
            body.pin,
            hours=settings.user_session_hours,
            background=body.background,
        ),
    )
    if issued is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "badge or PIN not accepted")
    return LoginOut(
        session_token=issued.secret,
        badge=issued.actor.badge_code,
        name=issued.actor.name,
        role=issued.actor.role.value,
        expires_at=issued.expires_at,
    )


@router.delete("/{station_id}/sessions", status_code=204)
def sign_out(
    station_id: StationId,
    principal: StationPrincipal,
    factory: Factory,
    session_token: Annotated[str, Header(alias="X-WS-User-Session")],
) -> Response:
    transaction(factory, lambda s: user_sessions.logout(s, session_token))
    return Response(status_code=204)
