"""The outbox event contract between stations and the server: types and payload fields.

Station services write events with ``uow.add_event(TYPE, payload)``; the server applies them
(``server/services/station_events.py``). Payloads name things by their **natural keys** — order
number, line number, SKU, bin code, badge — never by station-local database ids, because the
station's ids mean nothing on the server. The unit of work adds ``station_id`` itself.

Canonical payloads (``?`` = optional; extra fields are kept but ignored by the server):

``pick.confirmed``  units taken from a bin for an order line (a fact, applied as a delta)
    {"order": "SO-100001", "line_no": 1, "sku": "SKU-10001", "location": "A-01-03-1-1",
     "quantity": 2, "lot"?: "L12345", "batch"?: "PB-000001", "sequence"?: 3,
     "tote"?: "TOTE-0001", "user"?: "USR-1001"}
``pick.short``      the bin did not hold enough; ``quantity`` is the SHORT amount only (units
                    actually taken go in their own ``pick.confirmed``)
    {"order", "line_no", "sku", "location", "quantity", "reason"?: "empty_bin", "batch"?,
     "sequence"?, "user"?}
``pick.skipped``    the picker postponed a step (no stock change)
    {"order", "line_no", "location", "batch"?, "sequence"?, "user"?}
``batch.started`` / ``batch.completed``   {"batch": "PB-000001", "user"?}
``pack.scanned``    units put into a carton
    {"order", "sku", "quantity", "carton": 1, "line_no"?, "lot"?, "user"?}
``carton.closed``   {"order", "carton": 1, "box_type"?, "weight_g"?, "sscc"?, "user"?,
                     "order_complete"?: true, "short_close"?: {"supervisor", "reason"},
                     "short_picked"?: [{"line_no", "sku", "ordered", "short"}]}
                    (``short_picked``: lines shipped short because picking was short)
``label.printed``   {"order", "carton": 1, "sscc": "006141410000000017", "carrier"?,
                     "service"?, "user"?}
``stock.counted``   a physical count of one bin (the server adjusts on hand to it)
    {"location", "sku", "quantity", "lot"?, "user"?}
``user.saved``      a user added or changed at a station without a server session; the server
                    holds it until an admin approves or rejects it (outcome ``rejected`` with
                    ``detail.held``), and the decision comes back in the pull (``user_changes``)
    {"badge_code", "badge_before": null for a new user, "name", "role", "language",
     "active", "pin_hash": the scrypt hash when the PIN changed, else null — never the PIN,
     "user"?: the admin's badge, "user_name"?}
                    Stored copies lose the hash once it is no longer needed: ``""`` (not null,
                    which says "unchanged") in the station's outbox once the server answered,
                    and on the server once the change is decided or superseded.

Unknown types are acknowledged as ``ignored`` (never retried); a fact the server cannot apply
(order cancelled meanwhile, unknown SKU) comes back ``rejected`` with a reason and becomes an
exception record for supervisors.
"""

from __future__ import annotations

from typing import Any, Final

PICK_CONFIRMED: Final = "pick.confirmed"
PICK_SHORT: Final = "pick.short"
PICK_SKIPPED: Final = "pick.skipped"
BATCH_STARTED: Final = "batch.started"
BATCH_COMPLETED: Final = "batch.completed"
PACK_SCANNED: Final = "pack.scanned"
CARTON_CLOSED: Final = "carton.closed"
LABEL_PRINTED: Final = "label.printed"
STOCK_COUNTED: Final = "stock.counted"
USER_SAVED: Final = "user.saved"
# A stored user.saved payload's pin_hash once it is no longer needed (null means "unchanged").
PIN_HASH_REMOVED: Final = ""

KNOWN_TYPES: Final = frozenset(
    {
        PICK_CONFIRMED,
        PICK_SHORT,
        PICK_SKIPPED,
        BATCH_STARTED,
        BATCH_COMPLETED,
        PACK_SCANNED,
        CARTON_CLOSED,
        LABEL_PRINTED,
        STOCK_COUNTED,
        USER_SAVED,
    }
)

# Per-event outcome reported by the server and stored in ``OutboxEvent.result``.
APPLIED: Final = "applied"
REJECTED: Final = "rejected"
IGNORED: Final = "ignored"


def pick_confirmed(
    order: str,
    line_no: int,
    sku: str,
    location: str,
    quantity: int,
    *,
    lot: str | None = None,
    batch: str | None = None,
    sequence: int | None = None,
    tote: str | None = None,
    user: str | None = None,
) -> dict[str, Any]:
    """Build a ``pick.confirmed`` payload (a helper, so field names cannot drift)."""
    return _clean(
        order=order,
        line_no=line_no,
        sku=sku,
        location=location,
        quantity=quantity,
        lot=lot,
        batch=batch,
        sequence=sequence,
        tote=tote,
        user=user,
    )


def pick_short(
    order: str,
    line_no: int,
    sku: str,
    location: str,
    quantity: int,
    *,
    reason: str | None = None,
    batch: str | None = None,
    sequence: int | None = None,
    user: str | None = None,
) -> dict[str, Any]:
    return _clean(
        order=order,
        line_no=line_no,
        sku=sku,
        location=location,
        quantity=quantity,
        reason=reason,
        batch=batch,
        sequence=sequence,
        user=user,
    )


def pack_scanned(
    order: str,
    sku: str,
    quantity: int,
    carton: int,
    *,
    line_no: int | None = None,
    lot: str | None = None,
    user: str | None = None,
) -> dict[str, Any]:
    return _clean(
        order=order, sku=sku, quantity=quantity, carton=carton, line_no=line_no, lot=lot, user=user
    )


def user_saved(
    *,
    badge_code: str,
    badge_before: str | None,
    name: str,
    role: str,
    language: str | None,
    active: bool,
    pin_hash: str | None,
    user: str | None = None,
    user_name: str | None = None,
) -> dict[str, Any]:
    """Build a ``user.saved`` payload. ``badge_before`` and ``pin_hash`` stay in it as null:
    they say "a new user" and "the PIN did not change"."""
    return {
        "badge_code": badge_code,
        "badge_before": badge_before,
        "name": name,
        "role": role,
        "language": language,
        "active": active,
        "pin_hash": pin_hash,
        **_clean(user=user, user_name=user_name),
    }


def _clean(**fields: Any) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None}
