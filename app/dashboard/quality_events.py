"""Packing mistakes and label reprints as station events, for the dashboard's quality figures.

A refused scan (wrong item, too many, wrong lot) changes nothing in the database, so without
an event the server would never know it happened. Each is recorded as a ``pack.error``
outbox event naming the order, SKU, person and reason; a reprint as ``label.reprinted``. The
server keeps every pushed event (``station_events``); the dashboard counts them per person,
SKU and station (``server/dashboard/metrics.py``).
"""

from __future__ import annotations

from app.persistence.models import Order
from app.persistence.unit_of_work import UowFactory

PACK_ERROR = "pack.error"
LABEL_REPRINTED = "label.reprinted"
# Pack refusals that are a person's mistake (not a missing set-up): code -> reason.
QUALITY_REASONS = {
    "not_on_order": "wrong_item",
    "over_scan": "over_scan",
    "wrong_lot": "wrong_lot",
    "expired_lot": "expired_lot",
}


def record_pack_error(
    uow: UowFactory, order_id: int, code: str, sku: str | None, user: str | None
) -> bool:
    """Queue a ``pack.error`` event when ``code`` is a packing mistake; True if it did."""
    reason = QUALITY_REASONS.get(code)
    if reason is None:
        return False
    with uow() as u:
        order = u.session.get(Order, order_id)
        payload: dict[str, object] = {"reason": reason}
        if order is not None:
            payload["order"] = order.number
        if sku:
            payload["sku"] = sku
        if user:
            payload["user"] = user
        u.add_event(PACK_ERROR, payload)
        u.commit()
    return True


def reprint_payload(order_number: str, sscc: str, user: str | None) -> dict[str, object]:
    payload: dict[str, object] = {"order": order_number, "sscc": sscc}
    if user:
        payload["user"] = user
    return payload


__all__ = ["LABEL_REPRINTED", "PACK_ERROR", "record_pack_error", "reprint_payload"]
