"""The dashboard's figures, computed by the database in a handful of aggregate queries.

Sources (all written by the server when it applies station events, see
``server/services/station_events.py``):

- picks: ``stock_moves`` rows of kind ``pick`` (time, station, actor = badge, signed quantity);
  one row is one confirmed pick line;
- order steps: ``order_events.to_status`` (the first time an order reached each status) and
  ``orders.created_at`` for "received";
- floor facts the server keeps as they were pushed: ``station_events`` of type ``pick.short``,
  ``pack.error`` (payload ``user``, ``sku``, ``reason``), ``label.reprinted`` (or
  ``label.printed`` with ``"reprint": true``) and ``device.fault`` — timed by when the
  server received them;
- ``exceptions`` (open records) and held/backordered ``orders``.

No query returns raw rows to Python for counting: Python only folds a few dozen aggregate rows.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    distinct,
    func,
    literal,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import Session

from app.dashboard.figures import (
    ACTIONS_BY_KIND,
    DEFAULT_ACTIONS,
    FLOW,
    STEPS,
    Backlog,
    CycleStep,
    Dashboard,
    ExceptionItem,
    Exceptions,
    HourPoint,
    KeyCount,
    PriorityRow,
    Quality,
    RateRow,
    Throughput,
    mark_bottleneck,
)
from server.dashboard.sql import epoch_sql, hour_index, percentile_sql
from server.models import (
    ExceptionRecord,
    Order,
    OrderEvent,
    OrderStatus,
    StationEvent,
    StockMove,
    User,
)

CLOSED = (OrderStatus.SHIPPED, OrderStatus.CANCELLED)
DONE_PACKING = (OrderStatus.PACKED, OrderStatus.SHIPPED)
HELD = (OrderStatus.ON_HOLD, OrderStatus.BACKORDER)
OPEN = tuple(s for s in OrderStatus if s not in CLOSED)
DUE_BUCKETS = ("overdue", "0-1h", "1-4h", "4-24h", "later", "none")
MAX_ITEMS = 200


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime
    station: str | None = None

    @classmethod
    def last_hours(cls, hours: float, now: datetime, station: str | None = None) -> Period:
        return cls(now - timedelta(hours=hours), now, station)


def compute(
    session: Session,
    period: Period,
    *,
    now: datetime | None = None,
    risk_window: timedelta = timedelta(hours=2),
) -> Dashboard:
    """Every figure of the dashboard for ``period`` (and ``period.station`` when given)."""
    started = time.perf_counter()
    now = now or datetime.now(UTC)
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # A dozen aggregates answered in milliseconds: starting parallel workers or compiling
        # them with JIT costs more than it saves. (A bigger work_mem is no help: it tips the
        # cycle-time join into hashing every order event instead of using the index.)
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
        session.execute(text("SET LOCAL jit = off"))
    backlog = _backlog(session, now, risk_window)
    throughput = _throughput(session, period, now, dialect)
    cycle = _cycle(session, period, dialect)
    quality = _quality(session, period, throughput.lines)
    exceptions = _exceptions(session, period)
    return Dashboard(
        generated_at=now,
        period_start=period.start,
        period_end=period.end,
        station=period.station,
        backlog=backlog,
        throughput=throughput,
        cycle=cycle,
        quality=quality,
        exceptions=exceptions,
        compute_ms=round((time.perf_counter() - started) * 1000, 1),
    )


# --- backlog -------------------------------------------------------------------------------


def _backlog(session: Session, now: datetime, risk_window: timedelta) -> Backlog:
    due = Order.due_at
    bucket = case(
        (due.is_(None), literal("none")),
        (due < now, literal("overdue")),
        (due < now + timedelta(hours=1), literal("0-1h")),
        (due < now + timedelta(hours=4), literal("1-4h")),
        (due < now + timedelta(hours=24), literal("4-24h")),
        else_=literal("later"),
    ).label("bucket")
    at_risk = case(
        (
            and_(
                due >= now,
                due < now + risk_window,
                Order.status.notin_(DONE_PACKING),
            ),
            1,
        ),
        else_=0,
    )
    rows = session.execute(
        select(Order.status, Order.priority, bucket, func.count(), func.sum(at_risk))
        .where(Order.status.in_(OPEN))  # IN, not NOT IN: lets the status index work
        .group_by(Order.status, Order.priority, bucket)
    ).all()
    by_status: dict[str, int] = defaultdict(int)
    by_due: dict[str, int] = defaultdict(int)
    prio: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for status, priority, bkt, count, risky in rows:
        by_status[str(status.value if hasattr(status, "value") else status)] += count
        by_due[bkt] += count
        prio[priority][0] += count
        if bkt == "overdue":
            prio[priority][1] += count
        prio[priority][2] += int(risky or 0)
    order = {s.value: i for i, s in enumerate(OrderStatus)}
    return Backlog(
        open_total=sum(by_status.values()),
        late=by_due.get("overdue", 0),
        at_risk=sum(v[2] for v in prio.values()),
        by_status=[
            KeyCount(k, by_status[k]) for k in sorted(by_status, key=lambda s: order.get(s, 99))
        ],
        by_priority=[
            PriorityRow(p, *prio[p])
            for p in sorted(prio, reverse=True)  # urgent first
        ],
        by_due=[KeyCount(b, by_due.get(b, 0)) for b in DUE_BUCKETS],
    )


# --- throughput ----------------------------------------------------------------------------


def _picks(period: Period) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        StockMove.kind == "pick",
        StockMove.at >= period.start,
        StockMove.at < period.end,
    ]
    if period.station:
        conditions.append(StockMove.station_id == period.station)
    return conditions


def _packed(period: Period) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        OrderEvent.to_status == OrderStatus.PACKED.value,
        OrderEvent.at >= period.start,
        OrderEvent.at < period.end,
    ]
    if period.station:
        conditions.append(OrderEvent.station_id == period.station)
    return conditions


def _person_names(session: Session, badges: set[str]) -> dict[str, str]:
    if not badges:
        return {}
    rows = session.execute(
        select(User.badge_code, User.name).where(User.badge_code.in_(sorted(badges)))
    ).all()
    return {badge: f"{name} ({badge})" for badge, name in rows}


def _throughput(session: Session, period: Period, now: datetime, dialect: str) -> Throughput:
    # A period still running counts only the hours so far; a past one counts whole.
    end = min(period.end, now) if now > period.start else period.end
    hours = max((end - period.start).total_seconds() / 3600.0, 1 / 60)
    units = func.coalesce(func.sum(func.abs(StockMove.quantity)), 0)
    picks = _by_sets(
        session,
        dialect,
        {
            "hour": hour_index(StockMove.at, dialect),
            "station": StockMove.station_id,
            "person": StockMove.actor,
        },
        [func.count(), units],
        _picks(period),
    )
    packs = _by_sets(
        session,
        dialect,
        {
            "hour": hour_index(OrderEvent.at, dialect),
            "station": OrderEvent.station_id,
            "person": OrderEvent.actor,
        },
        [func.count(distinct(OrderEvent.order_id))],
        _packed(period),
    )

    def table(name: str) -> dict[Any, list[int]]:
        out: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
        for key, lines, u in picks[name]:
            out[key if name == "hour" else key or "—"][0:2] = [int(lines), int(u)]
        for key, packed in packs[name]:
            out[key if name == "hour" else key or "—"][2] = int(packed)
        return out

    hourly = {int(h): v for h, v in table("hour").items()}
    stations = table("station")
    people = table("person")
    names = _person_names(session, set(people))

    def rows(table: dict[str, list[int]], label: dict[str, str]) -> list[RateRow]:
        out = [
            RateRow(
                label.get(k, k),
                v[0],
                v[1],
                v[2],
                round(v[0] / hours, 2),
                round(v[1] / hours, 2),
                round(v[2] / hours, 2),
            )
            for k, v in table.items()
        ]
        return sorted(out, key=lambda r: (-r.lines, -r.orders_packed, r.key))

    return Throughput(
        hours=round(hours, 3),
        lines=sum(v[0] for v in hourly.values()),
        units=sum(v[1] for v in hourly.values()),
        orders_packed=sum(v[2] for v in hourly.values()),
        hourly=[
            HourPoint(datetime.fromtimestamp(h * 3600, UTC), *hourly[h]) for h in sorted(hourly)
        ],
        by_station=rows(stations, {}),
        by_person=rows(people, names),
    )


def _by_sets(
    session: Session,
    dialect: str,
    keys: dict[str, Any],
    measures: list[ColumnElement[Any]],
    where: list[ColumnElement[bool]],
) -> dict[str, list[tuple[Any, ...]]]:
    """The same measures grouped by each key separately: ``{key name: [(key, *measures)]}``.

    PostgreSQL does it in one scan with GROUPING SETS (``grouping(col) = 0`` tells which set a
    row belongs to); SQLite, which has no grouping sets, gets one query per key.
    """
    if dialect != "postgresql":
        return {
            name: [
                tuple(r)
                for r in session.execute(select(col, *measures).where(*where).group_by(col))
            ]
            for name, col in keys.items()
        }
    cols = list(keys.values())
    flags = [func.grouping(c) for c in cols]
    stmt = (
        select(*cols, *flags, *measures)
        .where(*where)
        .group_by(func.grouping_sets(*(tuple_(c) for c in cols)))
    )
    out: dict[str, list[tuple[Any, ...]]] = {name: [] for name in keys}
    n = len(cols)
    for row in session.execute(stmt):
        for i, name in enumerate(keys):
            if row[n + i] == 0:
                out[name].append((row[i], *row[2 * n :]))
    return out


# --- cycle time ----------------------------------------------------------------------------


def _cycle(session: Session, period: Period, dialect: str) -> list[CycleStep]:
    """Median and p90 of each step's duration, over the steps that ended within the period.

    A step's duration is the first time the order reached the later status minus the first time
    it reached the earlier one ("received" is the order's creation).
    """
    later = ", ".join(f"'{to}'" for _, to in STEPS)
    prev = " ".join(f"WHEN '{to}' THEN '{frm}'" for frm, to in STEPS)
    t_b, t_a = epoch_sql("b.t", dialect), epoch_sql("a.t", dialect)
    if dialect == "postgresql":
        # Per touched order, its own few events by index (LATERAL): the plan cannot tip into
        # hashing the whole event table, which it otherwise does on a near-tie of estimates.
        firsts = f"""
            SELECT touched.order_id, f.st, f.t FROM touched CROSS JOIN LATERAL (
                SELECT e.to_status AS st, min(e.at) AS t FROM order_events e
                WHERE e.order_id = touched.order_id AND e.to_status IN ({later})
                GROUP BY e.to_status
            ) f"""
    else:
        firsts = f"""
            SELECT e.order_id, e.to_status AS st, min(e.at) AS t
            FROM order_events e JOIN touched ON touched.order_id = e.order_id
            WHERE e.to_status IN ({later})
            GROUP BY e.order_id, e.to_status"""
    ctes = f"""
        WITH touched AS (
            SELECT DISTINCT order_id FROM order_events
            WHERE at >= :start AND at < :end AND to_status IN ({later})
        ),
        firsts AS (
            {firsts}
            UNION ALL
            SELECT touched.order_id, '{FLOW[0]}',
                   (SELECT o.created_at FROM orders o WHERE o.id = touched.order_id)
            FROM touched
        ),
        durations AS (
            SELECT b.st AS step, ({t_b}) - ({t_a}) AS secs
            FROM firsts b JOIN firsts a
              ON a.order_id = b.order_id AND a.st = CASE b.st {prev} END
            WHERE b.t >= :start AND b.t < :end
        )
    """
    query = ctes + percentile_sql(dialect, "durations", "step", "secs", (0.5, 0.9))
    params = {"start": period.start, "end": period.end}
    found = {
        row.grp: (int(row.n), _num(row.p0), _num(row.p1))
        for row in session.execute(text(query), _bind_times(params, dialect))
    }
    steps = [CycleStep(frm, to, *found.get(to, (0, None, None))) for frm, to in STEPS]
    return mark_bottleneck(steps)


def _num(value: object) -> float | None:
    return None if value is None else round(float(value), 1)  # type: ignore[arg-type]


def _bind_times(params: dict[str, datetime], dialect: str) -> dict[str, object]:
    """Raw SQL bypasses the column type: give SQLite its stored text form of UTC times."""
    if dialect == "postgresql":
        return dict(params)
    return {k: v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") for k, v in params.items()}


# --- quality -------------------------------------------------------------------------------


def _floor_facts(period: Period, type_: str | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        StationEvent.type.in_(("label.printed", "label.reprinted"))
        if type_ is None
        else StationEvent.type == type_,
        StationEvent.received_at >= period.start,
        StationEvent.received_at < period.end,
    ]
    if period.station:
        conditions.append(StationEvent.station_id == period.station)
    return conditions


def _quality(session: Session, period: Period, lines_picked: int) -> Quality:
    short = session.scalar(select(func.count()).where(*_floor_facts(period, "pick.short"))) or 0
    user = StationEvent.payload["user"].as_string()
    sku = StationEvent.payload["sku"].as_string()
    errors_by_person = session.execute(
        select(user, func.count()).where(*_floor_facts(period, "pack.error")).group_by(user)
    ).all()
    errors_by_sku = session.execute(
        select(sku, func.count())
        .where(*_floor_facts(period, "pack.error"))
        .group_by(sku)
        .order_by(func.count().desc())
        .limit(MAX_ITEMS)
    ).all()
    flagged = StationEvent.payload["reprint"].as_boolean()
    reprint = or_(
        StationEvent.type == "label.reprinted",
        and_(StationEvent.type == "label.printed", flagged.is_(True)),
    )
    reprints = session.execute(
        select(StationEvent.station_id, func.count())
        .where(*_floor_facts(period, None), reprint)
        .group_by(StationEvent.station_id)
    ).all()
    names = _person_names(session, {b for b, _ in errors_by_person if b})
    attempted = lines_picked + short
    return Quality(
        lines_picked=lines_picked,
        lines_short=int(short),
        short_rate=round(short / attempted, 4) if attempted else 0.0,
        pack_errors=sum(int(c) for _, c in errors_by_person),
        label_reprints=sum(int(c) for _, c in reprints),
        pack_errors_by_person=sorted(
            (KeyCount(names.get(b or "", b or "—"), int(c)) for b, c in errors_by_person),
            key=lambda k: (-k.count, k.key),
        ),
        pack_errors_by_sku=[KeyCount(s or "—", int(c)) for s, c in errors_by_sku],
        label_reprints_by_station=sorted(
            (KeyCount(s or "—", int(c)) for s, c in reprints), key=lambda k: (-k.count, k.key)
        ),
    )


# --- exceptions ----------------------------------------------------------------------------


def _exceptions(session: Session, period: Period) -> Exceptions:
    open_records = ExceptionRecord.status == "open"
    station_filter = [ExceptionRecord.station_id == period.station] if period.station else []
    counts: dict[str, int] = defaultdict(int)
    for kind, n in session.execute(
        select(ExceptionRecord.kind, func.count())
        .where(open_records, *station_filter)
        .group_by(ExceptionRecord.kind)
    ):
        counts[kind] += int(n)
    for status, n in session.execute(
        select(Order.status, func.count()).where(Order.status.in_(HELD)).group_by(Order.status)
    ):
        counts[str(getattr(status, "value", status))] += int(n)
    faults = session.execute(
        select(StationEvent.station_id, func.count())
        .where(*_floor_facts(period, "device.fault"))
        .group_by(StationEvent.station_id)
    ).all()
    items: list[ExceptionItem] = []
    for record, number in session.execute(
        select(ExceptionRecord, Order.number)
        .outerjoin(Order, Order.id == ExceptionRecord.order_id)
        .where(open_records, *station_filter)
        .order_by(ExceptionRecord.created_at.desc(), ExceptionRecord.id.desc())
        .limit(MAX_ITEMS)
    ):
        items.append(
            ExceptionItem(
                id=f"exc:{record.id}",
                kind=record.kind,
                message=record.message,
                station_id=record.station_id,
                order_number=number,
                created_at=record.created_at,
                actions=list(ACTIONS_BY_KIND.get(record.kind, DEFAULT_ACTIONS)),
                code=str((record.detail or {}).get("code") or ""),
                params=dict((record.detail or {}).get("params") or {}),
            )
        )
    for order in session.scalars(
        select(Order)
        .where(Order.status.in_(HELD))
        .order_by(Order.priority.desc(), Order.due_at)
        .limit(MAX_ITEMS)
    ):
        kind = order.status.value
        items.append(
            ExceptionItem(
                id=f"order:{order.number}",
                kind=kind,
                message=order.hold_reason or kind.replace("_", " "),
                station_id=None,
                order_number=order.number,
                created_at=order.updated_at,
                actions=list(ACTIONS_BY_KIND[kind]),
                code=kind,
                params={"order": order.number, "reason": order.hold_reason or ""},
            )
        )
    return Exceptions(
        by_kind=[KeyCount(k, counts[k]) for k in sorted(counts)],
        device_faults_by_station=[KeyCount(s or "—", int(n)) for s, n in faults],
        items=items,
    )
