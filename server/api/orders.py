"""Order intake from sales channels, order status for customer service, supervisor actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Response, status
from sqlalchemy.orm import Session

from server.api.deps import (
    AnyPrincipal,
    Factory,
    IntegrationPrincipal,
    Settings,
    SupervisorActor,
)
from server.db import read_session, transaction
from server.schemas import OrderAccepted, OrderIn, OrderOut, ReasonIn
from server.services import orders as service

router = APIRouter(prefix="/api/v1/orders", tags=["orders"])

OrderNumber = Annotated[str, Path(max_length=30, examples=["SO-100001"])]


def _invalid(exc: service.IntakeInvalid) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, [e.as_dict() for e in exc.errors])


# One order is small; a channel that sends megabytes is broken or hostile.
MAX_ORDER_BYTES = 256 * 1024


@router.post(
    "",
    response_model=OrderAccepted,
    status_code=status.HTTP_201_CREATED,
    max_body_size=MAX_ORDER_BYTES,
    responses={
        200: {"description": "the same order was already taken (a replay)"},
        409: {"description": "this external id already names a different order"},
        413: {"description": "the order is larger than the limit"},
        422: {"description": "bad fields; each error names its field"},
    },
)
def post_order(
    order_in: OrderIn,
    principal: IntegrationPrincipal,
    factory: Factory,
    settings: Settings,
    response: Response,
) -> OrderAccepted:
    """Take an order from a sales channel; idempotent on (channel, external_id)."""
    try:
        result = transaction(
            factory,
            lambda s: service.intake(
                s, order_in, actor=principal.actor, auto_release=settings.auto_release
            ),
        )
    except service.IntakeInvalid as exc:
        raise _invalid(exc) from exc
    except service.IntakeConflict as exc:
        raise HTTPException(
            status.HTTP_409_CONFLICT, [{"field": "external_id", "message": str(exc)}]
        ) from exc
    if not result.created:
        response.status_code = status.HTTP_200_OK
    return OrderAccepted(number=result.number, status=result.status, created=result.created)


@router.get("/{number}", response_model=OrderOut, responses={404: {"description": "no such order"}})
def get_order(number: OrderNumber, principal: AnyPrincipal, factory: Factory) -> OrderOut:
    """The order's status, lines and timeline (every change with time, actor and station)."""
    with read_session(factory) as session:
        try:
            return service.view(session, number)
        except service.OrderNotFound as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no order {number}") from exc


def _action(factory: Factory, work: Callable[[Session], str]) -> dict[str, str]:
    try:
        new_status = transaction(factory, work)
    except service.OrderNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no order {exc}") from exc
    except service.ActionRefused as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"status": str(new_status)}


@router.post("/{number}/cancel")
def cancel_order(
    number: OrderNumber, body: ReasonIn, actor: SupervisorActor, factory: Factory
) -> dict[str, str]:
    """Supervisor: cancel an order (reservations released, open pick tasks cancelled)."""
    return _action(
        factory,
        lambda s: service.cancel(
            s, number, body.reason, actor=actor.badge_code, station_id=actor.station_id
        ),
    )


@router.post("/{number}/hold")
def hold_order(
    number: OrderNumber, body: ReasonIn, actor: SupervisorActor, factory: Factory
) -> dict[str, str]:
    """Supervisor: put an order on hold (e.g. payment failed, address invalid)."""
    return _action(
        factory,
        lambda s: service.hold(
            s, number, body.reason, actor=actor.badge_code, station_id=actor.station_id
        ),
    )


@router.post("/{number}/release")
def release_order(
    number: OrderNumber, actor: SupervisorActor, factory: Factory, settings: Settings
) -> dict[str, str]:
    """Supervisor: release a hold; the order resumes where it was (or is allocated again)."""
    return _action(
        factory,
        lambda s: service.release_hold(
            s,
            number,
            actor=actor.badge_code,
            station_id=actor.station_id,
            auto_release=settings.auto_release,
        ),
    )
