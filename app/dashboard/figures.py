"""The dashboard's figures: frozen dataclasses that travel as JSON from server to station.

The server fills them from SQL aggregates (``server/dashboard/metrics.py``); the station decodes
them with :func:`from_json` and renders them. Times are aware UTC datetimes; durations are
seconds. Keeping one definition for both sides means a new figure cannot drift between them.
"""

from __future__ import annotations

import dataclasses
import itertools
import types
import typing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

T = TypeVar("T")

# The steps of an order's life whose durations the cycle-time figure reports, in flow order.
FLOW: tuple[str, ...] = ("received", "allocated", "released", "picked", "packed", "shipped")
STEPS: tuple[tuple[str, str], ...] = tuple(itertools.pairwise(FLOW))

# Actions a supervisor may take on an exception, by exception kind.
ACTIONS_BY_KIND: dict[str, tuple[str, ...]] = {
    "on_hold": ("release", "cancel"),
    "backorder": ("reallocate", "cancel"),
    "short_pick": ("assign_count", "reallocate", "dismiss"),
    "event_rejected": ("dismiss",),
    "device_fault": ("dismiss",),
    "stock_discrepancy": ("assign_count", "dismiss"),
    "user_change_pending": ("approve", "reject"),  # admins only (server.dashboard.actions)
}
DEFAULT_ACTIONS: tuple[str, ...] = ("dismiss",)


@dataclass(frozen=True)
class KeyCount:
    key: str
    count: int


@dataclass(frozen=True)
class PriorityRow:
    priority: int
    open: int
    late: int
    at_risk: int


@dataclass(frozen=True)
class Backlog:
    open_total: int
    late: int
    at_risk: int
    by_status: list[KeyCount] = field(default_factory=list)
    by_priority: list[PriorityRow] = field(default_factory=list)
    by_due: list[KeyCount] = field(default_factory=list)  # overdue, 0-1h, 1-4h, 4-24h, later, none


@dataclass(frozen=True)
class HourPoint:
    hour: datetime  # start of the hour, UTC
    lines: int
    units: int
    orders_packed: int


@dataclass(frozen=True)
class RateRow:
    """Work of one station or one person over the period, and its rate per hour."""

    key: str
    lines: int
    units: int
    orders_packed: int
    lines_per_hour: float
    units_per_hour: float
    orders_per_hour: float


@dataclass(frozen=True)
class Throughput:
    hours: float
    lines: int
    units: int
    orders_packed: int
    hourly: list[HourPoint] = field(default_factory=list)
    by_station: list[RateRow] = field(default_factory=list)
    by_person: list[RateRow] = field(default_factory=list)


@dataclass(frozen=True)
class CycleStep:
    from_status: str
    to_status: str
    count: int
    median_s: float | None
    p90_s: float | None
    bottleneck: bool = False


@dataclass(frozen=True)
class Quality:
    lines_picked: int
    lines_short: int
    short_rate: float  # short lines / (picked + short lines); 0 when nothing was picked
    pack_errors: int
    label_reprints: int
    pack_errors_by_person: list[KeyCount] = field(default_factory=list)
    pack_errors_by_sku: list[KeyCount] = field(default_factory=list)
    label_reprints_by_station: list[KeyCount] = field(default_factory=list)


@dataclass(frozen=True)
class ExceptionItem:
    """One thing to act on. ``message`` is the server's English sentence (API users, logs,
    and the station's fallback); ``code`` and ``params`` say the same as data, so a station
    can say it in its user's language. An empty ``code`` (a record from before codes) means:
    show ``message``."""

    id: str  # "exc:12" for exception records, "order:SO-100001" for held/backordered orders
    kind: str
    message: str
    station_id: str | None
    order_number: str | None
    created_at: datetime | None
    actions: list[str] = field(default_factory=list)
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Exceptions:
    by_kind: list[KeyCount] = field(default_factory=list)
    device_faults_by_station: list[KeyCount] = field(default_factory=list)
    items: list[ExceptionItem] = field(default_factory=list)


@dataclass(frozen=True)
class Dashboard:
    generated_at: datetime
    period_start: datetime
    period_end: datetime
    station: str | None
    backlog: Backlog
    throughput: Throughput
    cycle: list[CycleStep]
    quality: Quality
    exceptions: Exceptions
    compute_ms: float = 0.0


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    from_status: str | None
    to_status: str | None
    actor: str
    station_id: str | None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OrderSummary:
    number: str
    customer_name: str
    channel: str
    external_id: str
    status: str
    priority: int
    due_at: datetime | None
    created_at: datetime
    hold_reason: str | None
    ssccs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OrderLookup:
    order: OrderSummary
    timeline: list[TimelineEntry] = field(default_factory=list)


@dataclass(frozen=True)
class ActionResult:
    item_id: str
    action: str
    ok: bool
    message: str
    order_status: str | None = None


def mark_bottleneck(steps: list[CycleStep]) -> list[CycleStep]:
    """Flag the step with the longest median (p90 breaks ties): the one to look at first."""
    timed = [s for s in steps if s.median_s is not None]
    if not timed:
        return steps
    worst = max(timed, key=lambda s: (s.median_s or 0.0, s.p90_s or 0.0))
    return [dataclasses.replace(s, bottleneck=s is worst) for s in steps]


# --- JSON ----------------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """Plain JSON-able structure: dataclasses to dicts, datetimes to ISO 8601."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def from_json(cls: type[T], data: Any) -> T:
    """Rebuild ``cls`` from :func:`to_json` output, guided by the type hints."""
    return typing.cast(T, _decode(cls, data))


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(inner[0], data)
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_decode(item, v) for v in data]
    if origin is dict:
        return dict(data)
    if tp is datetime:
        return datetime.fromisoformat(data)
    if tp is float:
        return float(data)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        kwargs = {
            f.name: _decode(hints[f.name], data[f.name])
            for f in dataclasses.fields(tp)
            if f.name in data
        }
        return typing.cast(Any, tp)(**kwargs)
    return data
