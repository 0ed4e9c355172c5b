"""What the server reports as codes, said in the supervisor's language.

The server sends facts as data (an exception's ``code`` and ``params``, a status, a timeline
entry's ``kind`` and ``detail``) next to an English sentence for API users. These functions
turn the data into the station's language. Every text is a literal
``QCoreApplication.translate("DashboardTexts", ...)`` call, so ``lupdate`` finds it; the tables
are built on each call, so a language switched at run time applies at once.

A code this station does not know (a newer server) falls back to the server's English text,
and a template whose parameters do not fit falls back the same way: never a crash, never a
half-filled sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.dashboard.figures import ExceptionItem, TimelineEntry
from app.persistence.models import Role
from ui.texts import role_name


def status_name(status: str) -> str:
    """An order state as a word (backlog, timeline, lookup); unknown states as sent."""
    names = {
        "received": QCoreApplication.translate("DashboardTexts", "received"),
        "validated": QCoreApplication.translate("DashboardTexts", "validated"),
        "allocated": QCoreApplication.translate("DashboardTexts", "allocated"),
        "released": QCoreApplication.translate("DashboardTexts", "released"),
        "picking": QCoreApplication.translate("DashboardTexts", "picking"),
        "picked": QCoreApplication.translate("DashboardTexts", "picked"),
        "packing": QCoreApplication.translate("DashboardTexts", "packing"),
        "packed": QCoreApplication.translate("DashboardTexts", "packed"),
        "shipped": QCoreApplication.translate("DashboardTexts", "shipped"),
        "on_hold": QCoreApplication.translate("DashboardTexts", "on hold"),
        "backorder": QCoreApplication.translate("DashboardTexts", "backorder"),
        "cancelled": QCoreApplication.translate("DashboardTexts", "cancelled"),
    }
    return names.get(status, status.replace("_", " "))


def short_reason(code: str) -> str:
    """Why a pick was short, as the picker chose it on the pick screen."""
    names = {
        "empty_bin": QCoreApplication.translate("DashboardTexts", "bin empty"),
        "damaged": QCoreApplication.translate("DashboardTexts", "damaged"),
        "not_found": QCoreApplication.translate("DashboardTexts", "not found"),
        "quantity_wrong": QCoreApplication.translate("DashboardTexts", "quantity wrong"),
        "short": QCoreApplication.translate("DashboardTexts", "short"),
    }
    return names.get(code, code.replace("_", " "))


def kind_name(kind: str) -> str:
    """An exception's kind, for the Kind column and the counts line."""
    names = {
        "on_hold": QCoreApplication.translate("DashboardTexts", "On hold"),
        "backorder": QCoreApplication.translate("DashboardTexts", "Backorder"),
        "short_pick": QCoreApplication.translate("DashboardTexts", "Short pick"),
        "event_rejected": QCoreApplication.translate("DashboardTexts", "Sync rejection"),
        "device_fault": QCoreApplication.translate("DashboardTexts", "Device fault"),
        "stock_discrepancy": QCoreApplication.translate("DashboardTexts", "Stock discrepancy"),
        "over_pick": QCoreApplication.translate("DashboardTexts", "Over-pick"),
        "packed_more_than_picked": QCoreApplication.translate(
            "DashboardTexts", "Packed more than picked"
        ),
        "short_close": QCoreApplication.translate("DashboardTexts", "Closed short"),
        "bin_count": QCoreApplication.translate("DashboardTexts", "Bin to count"),
        "cancelled_after_pick": QCoreApplication.translate(
            "DashboardTexts", "Cancelled after picking"
        ),
        "idempotency_key_reuse": QCoreApplication.translate("DashboardTexts", "Event key reused"),
        "event_on_cancelled_order": QCoreApplication.translate(
            "DashboardTexts", "Event for a cancelled order"
        ),
        "event_on_shipped_order": QCoreApplication.translate(
            "DashboardTexts", "Event for a shipped order"
        ),
        "duplicate_sscc": QCoreApplication.translate("DashboardTexts", "Duplicate SSCC"),
        "user_change_pending": QCoreApplication.translate(
            "DashboardTexts", "User change to approve"
        ),
    }
    return names.get(kind, kind.replace("_", " "))


def _exception_templates() -> dict[str, str]:
    # One literal per text (lupdate reads no concatenations or aliases).
    return {
        "short_pick": QCoreApplication.translate(
            "DashboardTexts", "{quantity} of {sku} short at bin {bin} for {order} ({reason})"
        ),
        "bin_count": QCoreApplication.translate(
            "DashboardTexts", "Bin {bin} had {quantity} fewer {sku} ({reason}): count the bin"
        ),
        "reservation_lost": QCoreApplication.translate(
            "DashboardTexts", "Bin {bin} holds less {sku} than reserved; orders {orders} lost it"
        ),
        "picked_more_than_known": QCoreApplication.translate(
            "DashboardTexts", "{quantity} of {sku} picked from bin {bin}, server knew {known}"
        ),
        "picked_from_empty": QCoreApplication.translate(
            "DashboardTexts", "{quantity} of {sku} picked from bin {bin}, server knew none"
        ),
        "over_pick": QCoreApplication.translate(
            "DashboardTexts", "Line {line} of {order}: {picked} picked of {ordered} ordered"
        ),
        "packed_more_than_picked": QCoreApplication.translate(
            "DashboardTexts", "Line {line} of {order}: {packed} packed, {picked} picked"
        ),
        "short_close": QCoreApplication.translate(
            "DashboardTexts", "Order {order} closed short, approved by {supervisor}: {reason}"
        ),
        "cancelled_after_pick": QCoreApplication.translate(
            "DashboardTexts", "Order {order} cancelled with {quantity} units picked: put back"
        ),
        "idempotency_key_reuse": QCoreApplication.translate(
            "DashboardTexts", "Station {station} reused {count} event keys with other data"
        ),
        "on_hold": QCoreApplication.translate("DashboardTexts", "Order {order} on hold: {reason}"),
        "backorder": QCoreApplication.translate(
            "DashboardTexts", "Order {order} waits for stock: not enough for every line"
        ),
        "event_on_cancelled_order": QCoreApplication.translate(
            "DashboardTexts", "Order {order} was cancelled meanwhile"
        ),
        "event_on_shipped_order": QCoreApplication.translate(
            "DashboardTexts", "Order {order} has already shipped"
        ),
        "duplicate_sscc": QCoreApplication.translate(
            "DashboardTexts", "SSCC {sscc} is already on another carton"
        ),
        "no_order": QCoreApplication.translate("DashboardTexts", "The event names no order"),
        "unknown_order": QCoreApplication.translate("DashboardTexts", "Unknown order {order}"),
        "unknown_sku": QCoreApplication.translate("DashboardTexts", "Unknown SKU {sku}"),
        "unknown_bin": QCoreApplication.translate("DashboardTexts", "Unknown bin {bin}"),
        "unknown_line": QCoreApplication.translate(
            "DashboardTexts", "Order {order} has no line {line}"
        ),
        "line_not_sku": QCoreApplication.translate(
            "DashboardTexts", "Line {line} of order {order} is not SKU {sku}"
        ),
        "sku_not_on_order": QCoreApplication.translate(
            "DashboardTexts", "SKU {sku} is not on order {order}"
        ),
        "no_line_or_sku": QCoreApplication.translate(
            "DashboardTexts", "The event names neither a line nor a SKU"
        ),
        "bad_quantity": QCoreApplication.translate(
            "DashboardTexts", "Not a valid quantity: {quantity}"
        ),
        "unknown_batch": QCoreApplication.translate("DashboardTexts", "Unknown pick batch {batch}"),
        "batch_of_other_station": QCoreApplication.translate(
            "DashboardTexts", "Pick batch {batch} belongs to station {station}"
        ),
        "bad_carton": QCoreApplication.translate(
            "DashboardTexts", "Not a valid carton number: {carton}"
        ),
        "bad_sscc": QCoreApplication.translate(
            "DashboardTexts", "Not a valid SSCC (18 digits): {sscc}"
        ),
        "user_change_pending": QCoreApplication.translate(
            "DashboardTexts",
            "{name} ({badge}, {role}) saved at {station} offline: an admin approves or rejects",
        ),
        "user_change_invalid": QCoreApplication.translate(
            "DashboardTexts", "A user change from a station was refused: {reason}"
        ),
    }


# Parameters that hold a short-pick reason code rather than a person's words.
_REASON_CODED = frozenset({"short_pick", "bin_count"})


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("DashboardTexts", "yes")
        return QCoreApplication.translate("DashboardTexts", "no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return "—" if value is None or value == "" else str(value)


def _fill(template: str, params: Mapping[str, Any]) -> str | None:
    try:
        return template.format(**{k: _plain(v) for k, v in params.items()})
    except (KeyError, IndexError, ValueError):
        return None


def exception_text_of(code: str, params: Mapping[str, Any], message: str) -> str:
    """The sentence for an exception ``code`` with ``params``; ``message`` when unknown."""
    template = _exception_templates().get(code)
    if template is None:
        return message
    values = dict(params)
    if code in _REASON_CODED:
        values["reason"] = short_reason(str(values.get("reason") or "short"))
    if code == "user_change_pending" and values.get("role") in {r.value for r in Role}:
        values["role"] = role_name(Role(values["role"]))
    if code == "on_hold" and not values.get("reason"):
        template = QCoreApplication.translate("DashboardTexts", "Order {order} is on hold")
    return _fill(template, values) or message


def exception_text(item: ExceptionItem) -> str:
    """What happened, for the exceptions list."""
    return exception_text_of(item.code, item.params, item.message)


# --- order timeline --------------------------------------------------------------------------


def timeline_kind(kind: str) -> str:
    """The What column of an order's timeline."""
    names = {
        "status": QCoreApplication.translate("DashboardTexts", "Status change"),
        "batched": QCoreApplication.translate("DashboardTexts", "Put in a pick batch"),
        "claimed": QCoreApplication.translate("DashboardTexts", "Batch taken by a station"),
        "pick": QCoreApplication.translate("DashboardTexts", "Picked"),
        "short": QCoreApplication.translate("DashboardTexts", "Short pick"),
        "skip": QCoreApplication.translate("DashboardTexts", "Skipped"),
        "pick_undone": QCoreApplication.translate("DashboardTexts", "Pick taken back"),
        "rerouted": QCoreApplication.translate("DashboardTexts", "Taken from other bins"),
        "pack": QCoreApplication.translate("DashboardTexts", "Packed item"),
        "carton_closed": QCoreApplication.translate("DashboardTexts", "Carton closed"),
        "label": QCoreApplication.translate("DashboardTexts", "Label printed"),
        "exception": QCoreApplication.translate("DashboardTexts", "Exception"),
    }
    return names.get(kind, kind.replace("_", " "))


def actor_name(actor: str) -> str:
    """Who made a timeline entry: a badge as sent, the server itself and stations in words."""
    if actor == "system":
        return QCoreApplication.translate("DashboardTexts", "system")
    if actor.startswith("station:"):
        return QCoreApplication.translate("DashboardTexts", "station {station}").format(
            station=actor.removeprefix("station:")
        )
    return actor


def _status_reason(detail: Mapping[str, Any]) -> str:
    codes = {
        "no_stock": QCoreApplication.translate("DashboardTexts", "not enough stock for every line"),
        "pick_undone": QCoreApplication.translate("DashboardTexts", "a pick was taken back"),
    }
    known = codes.get(str(detail.get("code") or ""))
    if known is not None:
        return known
    reason = detail.get("reason")
    if not reason:
        return ""
    # A person's own words (a supervisor's cancel or hold reason): shown as written.
    return QCoreApplication.translate("DashboardTexts", "Reason: {reason}").format(
        reason=_plain(reason)
    )


def _moved_to(value: Any) -> str:
    if isinstance(value, list):
        parts = []
        for v in value:
            if isinstance(v, dict):
                parts.append(f"{_plain(v.get('location'))} ({_plain(v.get('quantity'))})")
            else:
                parts.append(_plain(v))
        return ", ".join(parts)
    return _plain(value)


def _timeline_templates() -> dict[str, str]:
    return {
        "batched": QCoreApplication.translate("DashboardTexts", "Batch {batch}, tote {tote}"),
        "claimed": QCoreApplication.translate("DashboardTexts", "Batch {batch}"),
        "pick": QCoreApplication.translate(
            "DashboardTexts", "{quantity} × {sku} from bin {location}"
        ),
        "short": QCoreApplication.translate(
            "DashboardTexts", "{quantity} × {sku} short at bin {location}: {reason}"
        ),
        "skip": QCoreApplication.translate("DashboardTexts", "Line {line_no} at bin {location}"),
        "pick_undone": QCoreApplication.translate(
            "DashboardTexts", "{quantity} × {sku} back to bin {location}"
        ),
        "rerouted": QCoreApplication.translate(
            "DashboardTexts", "{quantity} × {sku}: bin {from} was short, taken from {to}"
        ),
        "pack": QCoreApplication.translate(
            "DashboardTexts", "{quantity} × {sku} into carton {carton}"
        ),
        "carton_closed": QCoreApplication.translate(
            "DashboardTexts", "Carton {carton}, SSCC {sscc}, {weight_g} g"
        ),
        "label": QCoreApplication.translate(
            "DashboardTexts", "Carton {carton}, SSCC {sscc}, {carrier}"
        ),
    }


def _generic(detail: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}: {_plain(v)}" for k, v in sorted(detail.items()))


def timeline_details(entry: TimelineEntry) -> str:
    """The Details column: the entry's facts as a sentence in the station's language."""
    d = dict(entry.detail)
    if entry.kind == "status":
        return _status_reason(d)
    if entry.kind == "exception":
        return exception_text_of(
            str(d.get("code") or ""),
            d.get("params") or {},
            str(d.get("message") or _generic(d)),
        )
    template = _timeline_templates().get(entry.kind)
    if template is None:
        return _generic(d)
    if entry.kind == "short":
        d["reason"] = short_reason(str(d.get("reason") or "short"))
    if entry.kind == "rerouted":
        d["to"] = _moved_to(d.get("to"))
    text = _fill(template, d)
    if text is None:
        return _generic(entry.detail)
    extra = []
    if entry.kind == "pick" and d.get("tote"):
        extra.append(
            QCoreApplication.translate("DashboardTexts", "into tote {tote}").format(
                tote=_plain(d["tote"])
            )
        )
    if entry.kind == "carton_closed":
        if d.get("order_complete"):
            extra.append(QCoreApplication.translate("DashboardTexts", "order complete"))
        if d.get("short_close"):
            extra.append(QCoreApplication.translate("DashboardTexts", "closed short"))
    return "; ".join([text, *extra]) if extra else text
