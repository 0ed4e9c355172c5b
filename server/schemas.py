"""The shapes of what comes in and goes out over HTTP (pydantic), and field-error reporting.

Intake is strict: unknown fields are refused, quantities must be real integers (``"2"`` is not
2), and every error names its field the way a channel's developer would write it
(``ship_to.postal_code``, ``lines[2].sku``) so they can fix their side without guessing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt

MAX_ORDER_LINES = 500


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


def dotted(loc: Sequence[str | int]) -> str:
    """``("body", "lines", 2, "sku")`` → ``lines[2].sku``."""
    out = ""
    for part in loc:
        if part in ("body", "query", "path") and not out:
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "body"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ShipToIn(_Strict):
    name: str = Field(min_length=1, max_length=120)
    line1: str = Field(min_length=1, max_length=200)
    line2: str | None = Field(default=None, max_length=200)
    city: str = Field(min_length=1, max_length=100)
    region: str | None = Field(default=None, max_length=100)
    postal_code: str = Field(min_length=1, max_length=20)
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2, e.g. DE")
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9][0-9 ()/-]{3,38}$")


class OrderLineIn(_Strict):
    sku: str = Field(min_length=1, max_length=40)
    quantity: StrictInt = Field(gt=0, le=100_000)


class OrderIn(_Strict):
    channel: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,29}$", examples=["web"])
    external_id: str = Field(
        min_length=1, max_length=60, pattern=r"^[!-~]+$", examples=["WEB-700123"]
    )
    customer_name: str = Field(min_length=1, max_length=120)
    ship_to: ShipToIn
    lines: list[OrderLineIn] = Field(min_length=1, max_length=MAX_ORDER_LINES)
    priority: StrictInt = Field(default=0, ge=0, le=2)
    due_at: AwareDatetime | None = None

    def canonical_hash(self) -> str:
        """Same order, same hash: how a replay is told from a different order."""
        data = self.model_dump(mode="json")
        text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


# Postal code shapes for the countries the site ships to most; others need only be non-empty.
POSTAL_CODES = {
    "DE": r"\d{5}",
    "FR": r"\d{5}",
    "US": r"\d{5}(-\d{4})?",
    "CN": r"\d{6}",
    "NL": r"\d{4} ?[A-Z]{2}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}",
    "AT": r"\d{4}",
    "CH": r"\d{4}",
    "IT": r"\d{5}",
    "ES": r"\d{5}",
}


def semantic_errors(order: OrderIn) -> list[FieldError]:
    """Checks beyond one field's type: postal code for the country, duplicate lines."""
    errors: list[FieldError] = []
    pattern = POSTAL_CODES.get(order.ship_to.country)
    if pattern and not re.fullmatch(pattern, order.ship_to.postal_code.upper()):
        errors.append(
            FieldError(
                "ship_to.postal_code",
                f"{order.ship_to.postal_code!r} is not a postal code of {order.ship_to.country}",
            )
        )
    first_seen: dict[str, int] = {}
    for i, line in enumerate(order.lines):
        if line.sku in first_seen:
            errors.append(
                FieldError(
                    f"lines[{i}].sku",
                    f"duplicate line: {line.sku} is already on lines[{first_seen[line.sku]}]",
                )
            )
        else:
            first_seen[line.sku] = i
    return errors


# --- answers ---------------------------------------------------------------------------------


class OrderAccepted(BaseModel):
    number: str
    status: str
    created: bool


class TimelineEntryOut(BaseModel):
    at: datetime
    kind: str
    from_status: str | None
    to_status: str | None
    actor: str
    station_id: str | None
    detail: dict[str, Any]


class OrderLineOut(BaseModel):
    line_no: int
    sku: str
    quantity: int
    reserved: int
    picked: int
    short: int
    packed: int


class OrderOut(BaseModel):
    number: str
    channel: str
    external_id: str
    status: str
    hold_reason: str | None
    priority: int
    created_at: datetime
    updated_at: datetime
    lines: list[OrderLineOut]
    timeline: list[TimelineEntryOut]


class StockRowOut(BaseModel):
    location: str
    zone: str
    sku: str
    lot: str | None
    expiry: date | None
    on_hand: int
    reserved: int
    available: int


class StockOut(BaseModel):
    sku: str
    on_hand: int
    reserved: int
    available: int
    bins: list[StockRowOut]


class ReceiptIn(_Strict):
    location: str = Field(min_length=1, max_length=30)
    sku: str = Field(min_length=1, max_length=40)
    quantity: StrictInt = Field(gt=0, le=1_000_000)
    lot: str | None = Field(default=None, max_length=20)
    expiry: date | None = None


class ReceiptOut(BaseModel):
    location: str
    sku: str
    lot: str | None
    on_hand: int
    backorders_reserved: list[str]


class ReasonIn(_Strict):
    reason: str = Field(min_length=1, max_length=200)


class EventIn(_Strict):
    key: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    type: str = Field(min_length=1, max_length=40)
    payload: dict[str, Any]
    created_at: datetime | None = None


class EventBatchIn(_Strict):
    events: list[EventIn] = Field(min_length=1)


class EventResultOut(BaseModel):
    key: str
    outcome: str
    error: str | None = None
    exception_id: int | None = None
    replayed: bool = False
    detail: dict[str, Any] = Field(default_factory=dict)


class EventBatchOut(BaseModel):
    results: list[EventResultOut]


class LoginIn(_Strict):
    badge: str = Field(min_length=1, max_length=40)
    pin: str = Field(min_length=1, max_length=12)
    # True: the station signs the person in by itself right after a PIN login there; such
    # attempts do not count toward the lock-out (server.services.user_sessions.login).
    background: bool = False


class LoginOut(BaseModel):
    session_token: str
    badge: str
    name: str
    role: str
    expires_at: datetime


class RangeIn(_Strict):
    kind: str = Field(default="sscc", pattern=r"^(sscc)$")


class RangeOut(BaseModel):
    kind: str
    first: int
    last: int


class ClaimOut(BaseModel):
    batch: dict[str, Any] | None
