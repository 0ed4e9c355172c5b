"""What a supervisor can do about an exception: release, cancel, re-allocate, assign a count,
dismiss — and what only an admin can: approve or reject a user change held from a station.
Each action needs a reason and is audited with who and why in its own transaction.

Order changes go through the order services (``server.services.orders``/``allocation``) so
the timeline, reservations and change feed stay right; this module only decides which service
an action on which item means.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dashboard.figures import ACTIONS_BY_KIND, DEFAULT_ACTIONS, ActionResult
from server.admin import users as user_admin
from server.dashboard import audit
from server.models import ExceptionRecord, Order, OrderStatus, Role, utcnow
from server.services import allocation, orders
from server.services.user_sessions import Actor

ORDER_ACTIONS = {"release", "cancel", "reallocate"}


class ActionError(ValueError):
    """The action does not fit the item (wrong kind, already resolved, no reason given)."""


class ActionForbidden(ActionError):
    """The person's role may not take this action (only an admin decides on user changes)."""


USER_CHANGE_ACTIONS = {"approve", "reject"}


def _on_user_change(
    session: Session, record: ExceptionRecord, action: str, reason: str, who: Actor
) -> dict[str, Any]:
    """Approve (apply on the server, every station gets the user) or reject (the station that
    made it rolls it back) a user change held from a station; admins only."""
    if not who.at_least(Role.ADMIN):
        raise ActionForbidden("only an admin may approve or reject a user change")
    try:
        if action == "approve":
            saved = user_admin.approve_change(session, record, who, reason)
            # The uid tells the station that made the change which server user its row is,
            # even when the badge changes again before that station pulls the decision.
            return {"user": saved.badge_code, "uid": saved.uid, "active": saved.active}
        user_admin.reject_change(session, record, who, reason)
    except user_admin.ChangeConflict as exc:
        raise ActionError(f"cannot approve: {exc}; reject the change instead") from exc
    return {"user": (record.detail.get("payload") or {}).get("badge_code")}


def _order(session: Session, number: str) -> Order:
    order = session.scalar(select(Order).where(Order.number == number).with_for_update())
    if order is None:
        raise ActionError(f"no order {number}")
    return order


def _on_order(
    session: Session, order: Order, action: str, reason: str, who: Actor, auto_release: bool
) -> str:
    actor, station = who.badge_code, who.station_id
    try:
        if action == "release":
            return orders.release_hold(
                session, order.number, actor=actor, station_id=station, auto_release=auto_release
            )
        if action == "cancel":
            return orders.cancel(session, order.number, reason, actor=actor, station_id=station)
        if action == "reallocate":
            if order.status != OrderStatus.BACKORDER:
                raise ActionError(f"order {order.number} is {order.status.value}, not backordered")
            allocation.release_reservations(session, [ln.id for ln in order.lines])
            return allocation.allocate(
                session, order, auto_release=auto_release, actor=actor, station_id=station
            ).value
    except (orders.ActionRefused, orders.OrderNotFound) as exc:
        raise ActionError(str(exc)) from exc
    raise ActionError(f"unknown action {action!r}")


def act(
    session: Session,
    item_id: str,
    action: str,
    reason: str,
    who: Actor,
    *,
    assignee: str | None = None,
    auto_release: bool = True,
) -> ActionResult:
    """Apply ``action`` to ``item_id`` (``order:<number>`` or ``exc:<id>``); caller commits."""
    reason = reason.strip()
    if not reason:
        raise ActionError("say why: a reason is required for every action")
    kind, _, ref = item_id.partition(":")
    detail: dict[str, Any] = {}
    status: str | None = None
    if kind == "order":
        order = _order(session, ref)
        allowed = ACTIONS_BY_KIND.get(order.status.value, ())
        if action not in allowed:
            raise ActionError(f"{action} does not apply to an order that is {order.status.value}")
        status = _on_order(session, order, action, reason, who, auto_release)
        entity, entity_id = "order", order.number
    elif kind == "exc" and ref.isdigit():
        record = session.get(ExceptionRecord, int(ref), with_for_update=True)
        if record is None:
            raise ActionError(f"no exception {ref}")
        if record.status != "open":
            raise ActionError(f"exception {ref} is already {record.status}")
        if action not in ACTIONS_BY_KIND.get(record.kind, DEFAULT_ACTIONS):
            raise ActionError(f"{action} does not apply to a {record.kind} exception")
        linked = session.get(Order, record.order_id) if record.order_id else None
        if action in ORDER_ACTIONS:
            if linked is None:
                raise ActionError(f"exception {ref} has no order to {action}")
            status = _on_order(session, linked, action, reason, who, auto_release)
        if action in USER_CHANGE_ACTIONS:
            detail.update(_on_user_change(session, record, action, reason, who))
            detail["by_name"] = who.name
        if action == "assign_count":
            detail["count"] = {
                "location": record.detail.get("location"),
                "sku": record.detail.get("sku"),
                "assignee": assignee,
            }
        record.status = "count_assigned" if action == "assign_count" else "resolved"
        record.resolved_at = utcnow()
        record.resolved_by = who.badge_code
        record.detail = {
            **record.detail,
            "resolution": {"action": action, "reason": reason, **detail},
        }
        entity, entity_id = "exception", ref
    else:
        raise ActionError(f"unknown item {item_id!r}")
    audit.record(
        session,
        f"exception.{action}",
        actor=who.badge_code,
        actor_name=who.name,
        station_id=who.station_id,
        entity=entity,
        entity_id=entity_id,
        reason=reason,
        detail={"item": item_id, "order_status": status, **detail},
    )
    return ActionResult(item_id, action, True, f"{action}: done", status)
