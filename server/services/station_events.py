"""Apply a batch of station outbox events exactly once, in order, in one transaction.

Each event's idempotency key is stored under a unique constraint in the same transaction that
applies it, with the result. A replay (the station never got our answer) finds the key and
gets the stored result; the same key with a different payload is a station bug and is refused
as a whole (422) before anything is applied.

Events are facts from the floor ("picked 3 of SKU X from bin Y for order Z"), applied as
deltas. A fact the server cannot apply — the order was cancelled meanwhile, an unknown SKU —
is not dropped: its result says ``rejected`` with the reason, and an exception record puts it
in front of a supervisor. Handlers check everything first and change state only after, so a
rejected event leaves nothing half-done.

Speed: rows the batch needs are loaded up front, locked in id order (``FOR UPDATE`` on
PostgreSQL, so concurrent pushes and allocations cannot lose each other's updates), the
events are applied in memory, and the changes go out in one flush (DESIGN.md §6: 10,000
queued events in ≤ 5 s).
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy import JSON, Table, and_, any_, bindparam, insert, select, tuple_, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from app.persistence.chunks import chunks
from app.sync import events as ev
from server.admin import users as user_admin
from server.models import (
    BatchStatus,
    Carton,
    EventOutcome,
    Location,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PickBatch,
    PickTask,
    Product,
    ReplenishmentTask,
    Reservation,
    StationEvent,
    Stock,
    StockMove,
    TaskStatus,
    utcnow,
)
from server.services import orders as order_service
from server.services import stock as stock_service
from server.services import timeline
from server.services.allocation import touch_stock
from server.services.waves import touch_batch

COPY_FROM_ROWS = 50  # below this a plain executemany is quicker than setting up a COPY
SSCC_RE = re.compile(r"^\d{18}$")
USER_SAVED = ev.USER_SAVED  # app.admin.users: a user changed at a station while offline
PICK_UNDONE = "pick.undone"  # app.services.picking: the last confirmation taken back
PICK_REROUTED = "pick.rerouted"  # the rest of a step sent to other bins (no stock change)


class _HasId(Protocol):
    id: Any


_Row = TypeVar("_Row", bound=_HasId)


@dataclass(frozen=True)
class Incoming:
    key: str
    type: str
    payload: dict[str, Any]
    created_at: datetime | None = None


@dataclass(frozen=True)
class Outcome:
    key: str
    outcome: str
    error: str | None = None
    exception_id: int | None = None
    replayed: bool = False
    detail: dict[str, Any] = field(default_factory=dict)

    def stored(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "error": self.error,
            "exception_id": self.exception_id,
            "detail": self.detail,
        }


class KeyReuse(Exception):
    """Keys already used for a different payload (or by another station)."""

    def __init__(self, keys: list[str]) -> None:
        super().__init__(", ".join(keys))
        self.keys = keys


SECRET_FIELDS = frozenset({"pin_hash"})


def _shown(payload: dict[str, Any]) -> dict[str, Any]:
    """An event's payload as exception records keep it for supervisors' screens: without
    secrets (a PIN hash stays only in the pushed event, where approval needs it)."""
    return {k: v for k, v in payload.items() if k not in SECRET_FIELDS}


class _Reject(Exception):
    """A fact the server cannot apply: ``message`` in English for the station's log and API
    users, ``code`` and ``params`` for the supervisor's screen to say it in their language."""

    def __init__(
        self,
        message: str,
        kind: str = "event_rejected",
        order: Order | None = None,
        detail: dict[str, Any] | None = None,
        *,
        code: str | None = None,
        params: dict[str, Any] | None = None,
        answer: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.order = order
        self.detail = detail or {}
        self.code = code
        self.params = params or {}
        self.answer = answer or {}  # extra ``detail`` of the station's result (``held``)


def payload_hash(type_: str, payload: dict[str, Any]) -> str:
    text = json.dumps([type_, payload], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class PushResult:
    outcomes: list[Outcome]
    restocked_products: set[int]


def push(session: Session, station_id: str, events: list[Incoming]) -> PushResult:
    """Record and apply ``events`` in order; the caller commits (or retries on a lost race)."""
    hashes = [payload_hash(e.type, e.payload) for e in events]
    stored = {
        row.key: row
        for row in session.scalars(
            select(StationEvent).where(
                one_of(session, StationEvent.key, sorted({e.key for e in events}))
            )
        )
    }
    first_in_batch: dict[str, int] = {}
    bad: list[str] = []
    for i, e in enumerate(events):
        old = stored.get(e.key)
        reused = old is not None and (old.payload_hash != hashes[i] or old.station_id != station_id)
        twin = e.key in first_in_batch and hashes[first_in_batch[e.key]] != hashes[i]
        if reused or twin:
            bad.append(e.key)
        first_in_batch.setdefault(e.key, i)
    if bad:
        raise KeyReuse(sorted(set(bad)))

    fresh = [e for e in events if e.key not in stored]
    session.info[timeline.BULK_ROWS] = []  # timeline rows of this batch, inserted in bulk
    records: list[dict[str, Any]] = []
    applier = _Applier(session, station_id, fresh)
    outcomes: list[Outcome] = []
    done: dict[str, Outcome] = {}
    for i, e in enumerate(events):
        if e.key in stored:
            r = stored[e.key].result
            outcomes.append(
                Outcome(e.key, r["outcome"], r.get("error"), r.get("exception_id"), True,
                        r.get("detail") or {})
            )  # fmt: skip
            continue
        if e.key in done:
            outcomes.append(_replayed(done[e.key]))
            continue
        with session.no_autoflush:  # one flush at the end, not one per lookup
            outcome = applier.apply(e)
        if outcome.outcome == EventOutcome.APPLIED.value:
            applier.applied_keys.add(e.key)
        done[e.key] = outcome
        outcomes.append(outcome)
        records.append(
            {
                "key": e.key,
                "station_id": station_id,
                "type": e.type,
                "payload": e.payload,
                "payload_hash": hashes[i],
                "outcome": EventOutcome(outcome.outcome),
                "result": outcome.stored(),
                "received_at": utcnow(),
            }
        )
    applier.write_back()
    session.flush()
    # Append-only rows go in bulk (no unit-of-work bookkeeping for thousands of them).
    for model, rows in (
        (StationEvent, records),
        (OrderEvent, session.info.pop(timeline.BULK_ROWS, [])),
        (StockMove, applier.moves),
    ):
        if rows:
            bulk_insert(session, cast(Table, model.__table__), rows)
    for keys, keep_newest in applier.pin_hashes_to_forget:  # after the insert: in-batch keys too
        user_admin.forget_pin_hashes(session, keys, keep_newest=keep_newest)
    applier.settle_replenishments()
    return PushResult(outcomes, applier.restocked)


# Columns of the rows a batch locks and changes; written back by ``_Applier.write_back``.
HOT: dict[type, tuple[str, ...]] = {
    Order: ("status", "held_from", "updated_at"),
    OrderLine: ("picked_quantity", "short_quantity", "packed_quantity"),
    Reservation: ("quantity", "picked_quantity"),
    Stock: ("on_hand", "reserved", "updated_at"),
}


def _hot_values(obj: Any) -> tuple[Any, ...]:
    return tuple(getattr(obj, c) for c in HOT[type(obj)])


def update_rows(
    session: Session, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Set ``columns`` of many rows by id: ``(id, value, ...)`` tuples."""
    conn = session.connection()
    processors = [table.c[c].type.bind_processor(conn.dialect) for c in columns]

    def bound(values: tuple[Any, ...]) -> list[Any]:
        out = [values[0]]
        for proc, v in zip(processors, values[1:], strict=True):
            v = v.value if isinstance(v, enum.Enum) else v
            out.append(proc(v) if proc is not None and v is not None else v)
        return out

    if conn.dialect.name != "postgresql":
        stmt = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({c: bindparam(f"_{c}") for c in columns})
        )
        conn.execute(
            stmt, [dict(zip(["_id", *[f"_{c}" for c in columns]], r, strict=True)) for r in rows]
        )
        return
    # One statement, one array per column: psycopg sends arrays in binary, and the query
    # text stays short whatever the number of rows.
    types = ["integer"] + [table.c[c].type.compile(conn.dialect) for c in columns]
    sets = ", ".join(f'"{c}" = v."{c}"' for c in columns)
    names = ", ".join(f'"{c}"' for c in ["id", *columns])
    arrays = ", ".join(f"%s::{t}[]" for t in types)
    by_column = list(zip(*(bound(r) for r in rows), strict=True))
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{table.name}" AS t SET {sets} FROM unnest({arrays}) AS v({names}) '
            "WHERE t.id = v.id",
            [list(col) for col in by_column],
        )


def bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows of one shape: ``COPY`` on PostgreSQL (several times faster than an
    executemany), a Core executemany elsewhere. Inside the session's transaction either way."""
    conn = session.connection()
    if conn.dialect.name != "postgresql" or len(rows) < COPY_FROM_ROWS:
        conn.execute(insert(table), rows)
        return
    names = list(rows[0])
    json_columns = [i for i, n in enumerate(names) if isinstance(table.c[n].type, JSON)]
    enum_columns = [i for i, n in enumerate(names) if isinstance(rows[0][n], enum.Enum)]

    def converted(row: dict[str, Any]) -> list[Any]:
        values = [row[n] for n in names]
        for i in json_columns:
            if values[i] is not None:
                values[i] = json.dumps(values[i], separators=(",", ":"), default=str)
        for i in enum_columns:
            values[i] = values[i].value
        return values

    raw = conn.connection.driver_connection
    assert raw is not None
    columns = ", ".join(f'"{n}"' for n in names)
    with (
        raw.cursor() as cursor,
        cursor.copy(
            f'COPY "{table.name}" ({columns}) FROM STDIN'  # names from our own schema, not input
        ) as copy,
    ):
        for row in rows:
            copy.write_row(converted(row))


def _replayed(o: Outcome) -> Outcome:
    return Outcome(o.key, o.outcome, o.error, o.exception_id, True, o.detail)


# --- the applier -----------------------------------------------------------------------------


class _Applier:
    def __init__(self, session: Session, station_id: str, events: list[Incoming]) -> None:
        self.s = session
        self.station_id = station_id
        self.restocked: set[int] = set()
        self.orders: dict[str, Order] = {}
        self.lines: dict[int, list[OrderLine]] = defaultdict(list)
        self.reservations: dict[int, list[Reservation]] = defaultdict(list)
        self.products: dict[str, Product] = {}
        self.locations: dict[str, Location] = {}
        self.stock: dict[int, Stock] = {}
        self.stock_at: dict[tuple[int, int], list[Stock]] = defaultdict(list)
        self.batches: dict[str, PickBatch] = {}
        self.cartons: dict[tuple[int, int], Carton] = {}
        self.cartons_of: dict[int, list[Carton]] = defaultdict(list)  # by order id
        self.carton_of_sscc: dict[str, Carton] = {}
        self.applied_keys: set[str] = set()  # applied earlier in this batch (not flushed yet)
        self.faces: dict[tuple[int, int], Location] = {}  # pick faces the batch took from
        self.moves: list[dict[str, Any]] = []  # stock ledger rows, inserted in bulk
        # user.saved event chains whose PIN hashes go once the batch's events are stored:
        # (keys oldest first, keep the newest hash) — server.admin.users.forget_pin_hashes
        self.pin_hashes_to_forget: list[tuple[list[str], bool]] = []
        self._prefetch(events)
        self._snapshot = {
            id(obj): _hot_values(obj) for obj in self._hot_objects()
        }  # what the locked rows held, to write back only what changed
        self.handlers: dict[str, Callable[[Incoming], dict[str, Any]]] = {
            ev.PICK_CONFIRMED: self.pick_confirmed,
            ev.PICK_SHORT: self.pick_short,
            ev.PICK_SKIPPED: self.pick_skipped,
            ev.BATCH_STARTED: self.batch_started,
            ev.BATCH_COMPLETED: self.batch_completed,
            ev.PACK_SCANNED: self.pack_scanned,
            ev.CARTON_CLOSED: self.carton_closed,
            ev.LABEL_PRINTED: self.label_printed,
            ev.STOCK_COUNTED: self.stock_counted,
            PICK_UNDONE: self.pick_undone,
            PICK_REROUTED: self.pick_rerouted,
            USER_SAVED: self.user_saved,
        }

    # -- loading ----------------------------------------------------------------------------

    def _prefetch(self, events: list[Incoming]) -> None:
        """Load (and lock, in id order) every row the batch can touch, with few queries."""
        s = self.s
        numbers = {str(e.payload["order"]) for e in events if "order" in e.payload}
        skus = {str(e.payload["sku"]) for e in events if "sku" in e.payload}
        codes = {str(e.payload["location"]) for e in events if "location" in e.payload}
        batch_codes = {str(e.payload["batch"]) for e in events if "batch" in e.payload}
        for chunk in chunks(sorted(skus)):
            for p in s.scalars(select(Product).where(one_of(s, Product.sku, chunk))):
                self.products[p.sku] = p
        for chunk in chunks(sorted(codes)):
            for loc in s.scalars(select(Location).where(one_of(s, Location.code, chunk))):
                self.locations[loc.code] = loc
        order_ids: list[int] = []
        for o in self._locked(Order, Order.number, sorted(numbers)):
            self.orders[o.number] = o
            order_ids.append(o.id)
        line_ids: list[int] = []
        for ln in self._locked(OrderLine, OrderLine.order_id, order_ids):
            self.lines[ln.order_id].append(ln)
            line_ids.append(ln.id)
        stock_ids: set[int] = set()
        for r in self._locked(Reservation, Reservation.order_line_id, line_ids):
            self.reservations[r.order_line_id].append(r)
            stock_ids.add(r.stock_id)
        pairs = {
            (self.locations[str(e.payload["location"])].id, self.products[str(e.payload["sku"])].id)
            for e in events
            if str(e.payload.get("location")) in self.locations
            and str(e.payload.get("sku")) in self.products
        }
        conditions = []
        if stock_ids:
            conditions.append(one_of(s, Stock.id, sorted(stock_ids)))
        if pairs:
            # Bins × products of the batch (a small superset of the pairs, filtered below).
            conditions.append(
                and_(
                    one_of(s, Stock.location_id, sorted({lid for lid, _ in pairs})),
                    one_of(s, Stock.product_id, sorted({pid for _, pid in pairs})),
                )
            )
        for cond in conditions:
            for st in s.scalars(
                select(Stock)
                .where(cond)
                .order_by(Stock.id)
                .with_for_update(of=Stock)
                .execution_options(populate_existing=True)
            ):
                wanted = st.id in stock_ids or (st.location_id, st.product_id) in pairs
                if wanted and st.id not in self.stock:
                    self.stock[st.id] = st
                    self.stock_at[(st.location_id, st.product_id)].append(st)
        for b in self._locked(PickBatch, PickBatch.code, sorted(batch_codes), refresh=False):
            self.batches[b.code] = b
        for c in self._locked(Carton, Carton.order_id, order_ids, refresh=False):
            self.cartons[(c.order_id, c.sequence)] = c
            self.cartons_of[c.order_id].append(c)
        ssccs = sorted({str(e.payload["sscc"]) for e in events if e.payload.get("sscc")})
        for chunk in chunks(ssccs):
            for c in s.scalars(select(Carton).where(one_of(s, Carton.sscc, chunk))):
                self.carton_of_sscc[str(c.sscc)] = c

    def _locked(
        self, model: type[_Row], column: Any, keys: list[Any], *, refresh: bool = True
    ) -> Iterator[_Row]:
        """The rows of ``model`` whose ``column`` is one of ``keys``, locked ``FOR UPDATE``.

        In id order within each chunk, as every push locks them, so that two batches never
        deadlock. ``refresh`` re-reads rows the session already holds: values read before the
        lock may be stale.
        """
        for chunk in chunks(keys):
            stmt = (
                select(model)
                .where(one_of(self.s, column, chunk))
                .order_by(model.id)
                .with_for_update()
            )
            if refresh:
                stmt = stmt.execution_options(populate_existing=True)
            yield from self.s.scalars(stmt)

    # -- dispatch ---------------------------------------------------------------------------

    def apply(self, e: Incoming) -> Outcome:
        handler = self.handlers.get(e.type)
        if handler is None:
            return Outcome(e.key, EventOutcome.IGNORED.value, f"unknown event type {e.type!r}")
        try:
            detail = handler(e)
        except _Reject as rej:
            record = order_service.raise_exception(
                self.s,
                rej.kind,
                str(rej),
                order=rej.order,
                station_id=self.station_id,
                event_key=e.key,
                detail={"type": e.type, "payload": _shown(e.payload), **rej.detail},
                code=rej.code,
                params={"event": e.type, **rej.params},
            )
            return Outcome(
                e.key, EventOutcome.REJECTED.value, str(rej), record.id, detail=rej.answer
            )
        return Outcome(e.key, EventOutcome.APPLIED.value, detail=detail)

    # -- resolving (may reject; never changes state) ----------------------------------------

    def _order(self, p: dict[str, Any], *, live: bool = True) -> Order:
        number = p.get("order")
        if not isinstance(number, str) or not number:
            raise _Reject("the event names no order (field 'order')", code="no_order")
        order = self.orders.get(number)
        if order is None:
            raise _Reject(
                f"unknown order {number!r}", code="unknown_order", params={"order": number}
            )
        if live and order.status == OrderStatus.CANCELLED:
            raise _Reject(
                f"order {number} was cancelled meanwhile", "event_on_cancelled_order", order,
                params={"order": number},
            )  # fmt: skip
        if live and order.status == OrderStatus.SHIPPED:
            raise _Reject(
                f"order {number} has already shipped", "event_on_shipped_order", order,
                params={"order": number},
            )  # fmt: skip
        return order

    def _product(self, p: dict[str, Any], order: Order | None = None) -> Product:
        sku = p.get("sku")
        product = self.products.get(sku) if isinstance(sku, str) else None
        if product is None:
            raise _Reject(
                f"unknown SKU {sku!r}", order=order, code="unknown_sku", params={"sku": str(sku)}
            )
        return product

    def _location(self, p: dict[str, Any], order: Order | None = None) -> Location:
        code = p.get("location")
        loc = self.locations.get(code) if isinstance(code, str) else None
        if loc is None:
            raise _Reject(
                f"unknown bin {code!r}", order=order, code="unknown_bin", params={"bin": str(code)}
            )
        return loc

    def _line(self, order: Order, p: dict[str, Any], product: Product | None) -> OrderLine:
        lines = self.lines.get(order.id, [])
        line_no = p.get("line_no")
        if line_no is not None:
            found = next((ln for ln in lines if ln.line_no == line_no), None)
            if found is None:
                raise _Reject(
                    f"order {order.number} has no line {line_no}", order=order,
                    code="unknown_line", params={"order": order.number, "line": str(line_no)},
                )  # fmt: skip
            if product is not None and found.product_id != product.id:
                raise _Reject(
                    f"line {line_no} of order {order.number} is not SKU {product.sku}", order=order,
                    code="line_not_sku",
                    params={"order": order.number, "line": str(line_no), "sku": product.sku},
                )  # fmt: skip
            return found
        if product is not None:
            found = next((ln for ln in lines if ln.product_id == product.id), None)
            if found is not None:
                return found
            raise _Reject(
                f"SKU {product.sku} is not on order {order.number}", order=order,
                code="sku_not_on_order", params={"sku": product.sku, "order": order.number},
            )  # fmt: skip
        raise _Reject(
            "the event names neither 'line_no' nor 'sku'", order=order, code="no_line_or_sku"
        )

    @staticmethod
    def _quantity(p: dict[str, Any], order: Order | None = None, *, zero_ok: bool = False) -> int:
        q = p.get("quantity")
        if isinstance(q, bool) or not isinstance(q, int) or q < (0 if zero_ok else 1):
            raise _Reject(
                f"bad quantity {q!r}", order=order, code="bad_quantity", params={"quantity": str(q)}
            )
        return q

    def _stock_for(
        self, loc: Location, product: Product, lot: Any, line: OrderLine | None
    ) -> Stock | None:
        rows = self.stock_at.get((loc.id, product.id), [])
        if isinstance(lot, str) and lot:
            return next((r for r in rows if r.lot == lot), None)
        if line is not None:
            held = {r.stock_id for r in self.reservations.get(line.id, []) if r.quantity > 0}
            for r in rows:
                if r.id in held:
                    return r
        with_units = [r for r in rows if r.on_hand > 0]
        candidates = with_units or rows
        return candidates[0] if candidates else None

    def _task(self, p: dict[str, Any], order: Order) -> PickTask | None:
        batch = self.batches.get(str(p.get("batch"))) if p.get("batch") else None
        if batch is None or p.get("sequence") is None:
            return None
        return next((t for t in batch.tasks if t.sequence == p.get("sequence")), None)

    def _actor(self, p: dict[str, Any]) -> str:
        user = p.get("user")
        return str(user)[:60] if user else f"station:{self.station_id}"

    # -- shared changes ---------------------------------------------------------------------

    # Orders go to the change feed when their status changes (``timeline.set_status``), not
    # on every pick or pack count: every station receives every order, so per-fact touches
    # would make each station's pull grow with the whole floor's work. The counts arrive with
    # the next status change (picked, packed, ...), when the next station needs them.
    def _touch(self, order: Order | None = None, stock: Stock | None = None) -> None:
        if order is not None:
            timeline.touch_order(self.s, order)
        if stock is not None:
            touch_stock(self.s, stock.id, stock.location.zone)

    def _release(self, line: OrderLine, amount: int, prefer_stock: int | None = None) -> int:
        """Give back up to ``amount`` of what the line holds (preferring one bin)."""
        held = sorted(
            (r for r in self.reservations.get(line.id, []) if r.quantity > 0),
            key=lambda r: (r.stock_id != prefer_stock, r.id),
        )
        released = 0
        for r in held:
            if released >= amount:
                break
            x = min(r.quantity, amount - released)
            r.quantity -= x
            st = self.stock.get(r.stock_id) or self.s.get(Stock, r.stock_id, with_for_update=True)
            assert st is not None
            st.reserved -= x
            released += x
            self._touch(stock=st)
        return released

    def _shrink_reservations(self, stock: Stock, new_on_hand: int, e: Incoming) -> None:
        """On hand fell below what is reserved there: take the newest reservations back and
        tell a supervisor which orders lost their stock."""
        deficit = stock.reserved - new_on_hand
        victims: list[str] = []
        for r in self.s.scalars(
            select(Reservation)
            .where(Reservation.stock_id == stock.id, Reservation.quantity > 0)
            .order_by(Reservation.id.desc())
            .with_for_update()
        ):
            if deficit <= 0:
                break
            if r.quantity <= 0:  # already given back earlier in this batch
                continue
            x = min(r.quantity, deficit)
            r.quantity -= x
            stock.reserved -= x
            deficit -= x
            line = self.s.get(OrderLine, r.order_line_id)
            if line is not None:
                victims.append(line.order.number)
        order_service.raise_exception(
            self.s,
            "stock_discrepancy",
            f"bin {stock.location.code} holds less {stock.product.sku} than was reserved; "
            f"orders {', '.join(sorted(set(victims))) or '-'} lost their reservation there",
            station_id=self.station_id,
            event_key=e.key,
            detail={"location": stock.location.code, "sku": stock.product.sku, "orders": victims},
            code="reservation_lost",
            params={
                "bin": stock.location.code,
                "sku": stock.product.sku,
                "orders": ", ".join(sorted(set(victims))) or "-",
            },
        )

    def _set_on_hand(self, stock: Stock, new_on_hand: int, e: Incoming) -> int:
        """Set on hand (never below 0) keeping reserved ≤ on hand; returns the change."""
        new_on_hand = max(new_on_hand, 0)
        if stock.reserved > new_on_hand:
            self._shrink_reservations(stock, new_on_hand, e)
        change = new_on_hand - stock.on_hand
        stock.on_hand = new_on_hand
        stock.updated_at = utcnow()
        return change

    def _move(self, row: dict[str, Any]) -> None:
        """A stock ledger row, inserted in bulk with the others after the batch."""
        self.moves.append({"at": utcnow(), "order_line_id": None, **row})

    def _face_check(self, loc: Location, product: Product) -> None:
        """Note the face; :meth:`open_replenishments` acts on it after the batch."""
        if loc.is_pick_face:
            self.faces[(loc.id, product.id)] = loc

    def _hot_objects(self) -> list[Any]:
        objects: list[Any] = list(self.orders.values())
        objects += [ln for lines in self.lines.values() for ln in lines]
        objects += [r for rs in self.reservations.values() for r in rs if r.id is not None]
        objects += list(self.stock.values())
        return objects

    def write_back(self) -> None:
        """Write the changed columns of the locked rows with one statement per table and
        column set (``UPDATE … FROM (VALUES …)`` on PostgreSQL), then let the ORM forget them:
        its flush would send one pipelined UPDATE per row with its own bookkeeping."""
        changed: dict[tuple[type, tuple[str, ...]], list[tuple[Any, ...]]] = defaultdict(list)
        done: list[Any] = []
        for obj in self._hot_objects():
            before = self._snapshot.get(id(obj))
            if before is None:
                continue
            now = _hot_values(obj)
            columns = tuple(
                c for c, a, b in zip(HOT[type(obj)], before, now, strict=True) if a != b
            )
            done.append(obj)
            if columns:
                values = tuple(getattr(obj, c) for c in columns)
                changed[(type(obj), columns)].append((obj.id, *values))
        for (model, columns), rows in changed.items():
            update_rows(self.s, cast(Table, cast(Any, model).__table__), columns, rows)
        for obj in done:
            self.s.expunge(obj)

    def settle_replenishments(self) -> None:
        """After the batch: a face below its minimum gets a task, one back above it has its
        task closed (quantities from memory: the rows are not flushed yet). One query finds
        the open tasks of every face the batch touched."""
        if not self.faces:
            return
        open_tasks: dict[tuple[int, int], list[ReplenishmentTask]] = defaultdict(list)
        for chunk in chunks(sorted(self.faces)):
            for task in self.s.scalars(
                select(ReplenishmentTask).where(
                    ReplenishmentTask.open_flag.is_(True),
                    tuple_(ReplenishmentTask.location_id, ReplenishmentTask.product_id).in_(chunk),
                )
            ):
                open_tasks[(task.location_id, task.product_id)].append(task)
        low: list[tuple[Location, int, int]] = []
        for face, loc in self.faces.items():
            here = sum(st.on_hand for st in self.stock_at.get(face, []))
            if here < loc.min_quantity:
                if not open_tasks.get(face):
                    low.append((loc, face[1], here))
            else:
                for task in open_tasks.get(face, []):
                    task.status = "done"
                    task.open_flag = None
                    task.done_at = utcnow()
        stock_service.open_replenishments(self.s, low)

    def _lines_done(self, order: Order) -> bool:
        return all(
            ln.picked_quantity + ln.short_quantity >= ln.quantity
            for ln in self.lines.get(order.id, [])
        )

    def _finish_batch_if_done(self, batch: PickBatch | None) -> None:
        if batch is None or batch.status in (BatchStatus.DONE, BatchStatus.CANCELLED):
            return
        if all(t.status != TaskStatus.OPEN for t in batch.tasks):
            batch.status = BatchStatus.DONE
            batch.finished_at = utcnow()
        touch_batch(self.s, batch)

    # -- handlers ---------------------------------------------------------------------------

    def pick_confirmed(self, e: Incoming) -> dict[str, Any]:
        p = e.payload
        order = self._order(p)
        product = self._product(p, order)
        line = self._line(order, p, product)
        loc = self._location(p, order)
        q = self._quantity(p, order)
        stock = self._stock_for(loc, product, p.get("lot"), line)
        task = self._task(p, order)
        actor, at = self._actor(p), e.created_at
        # -- checked; from here on only changes --
        detail: dict[str, Any] = {"picked": q}
        if stock is not None:
            self._release(line, q, prefer_stock=stock.id)
            taken = -self._set_on_hand(stock, stock.on_hand - q, e)
            if taken < q:
                order_service.raise_exception(
                    self.s,
                    "stock_discrepancy",
                    f"{q} of {product.sku} picked from {loc.code}, where the server knew only "
                    f"{taken}: count the bin",
                    order=order,
                    station_id=self.station_id,
                    event_key=e.key,
                    detail={"location": loc.code, "sku": product.sku, "picked": q},
                    code="picked_more_than_known",
                    params={"quantity": q, "sku": product.sku, "bin": loc.code, "known": taken},
                )
            if taken:
                self._move(
                    dict(
                        stock_id=stock.id,
                        kind="pick",
                        quantity=-taken,
                        order_line_id=line.id,
                        station_id=self.station_id,
                        actor=actor,
                    )
                )
            held_here = next(
                (r for r in self.reservations.get(line.id, []) if r.stock_id == stock.id), None
            )
            if held_here is not None:
                held_here.picked_quantity += q
            self._touch(stock=stock)
            detail["on_hand"] = stock.on_hand
        else:
            self._release(line, q)
            order_service.raise_exception(
                self.s,
                "stock_discrepancy",
                f"{q} of {product.sku} picked from {loc.code}, where the server knows none",
                order=order,
                station_id=self.station_id,
                event_key=e.key,
                detail={"location": loc.code, "sku": product.sku, "picked": q},
                code="picked_from_empty",
                params={"quantity": q, "sku": product.sku, "bin": loc.code},
            )
        line.picked_quantity += q
        if line.picked_quantity + line.short_quantity > line.quantity:
            order_service.raise_exception(
                self.s,
                "over_pick",
                f"line {line.line_no} of {order.number}: {line.picked_quantity} picked of "
                f"{line.quantity} ordered",
                order=order,
                station_id=self.station_id,
                event_key=e.key,
                params={
                    "line": line.line_no,
                    "order": order.number,
                    "picked": line.picked_quantity,
                    "ordered": line.quantity,
                },
            )
        if task is not None:
            task.picked_quantity += q
            if task.picked_quantity + task.short_quantity >= task.quantity:
                task.status = TaskStatus.PICKED
            task.updated_at = utcnow()
        timeline.record(
            self.s, order, "pick", actor=actor, station_id=self.station_id, at=at,
            detail={"sku": product.sku, "quantity": q, "location": loc.code,
                    "line_no": line.line_no, "tote": p.get("tote")},
        )  # fmt: skip
        self._progress_picking(order, actor, at)
        self._finish_batch_if_done(task.batch if task else None)
        self._face_check(loc, product)
        return detail

    def _progress_picking(self, order: Order, actor: str, at: datetime | None) -> None:
        timeline.advance(
            self.s, order, OrderStatus.PICKING, actor=actor, station_id=self.station_id, at=at
        )
        if self._lines_done(order):
            timeline.advance(
                self.s, order, OrderStatus.PICKED, actor=actor, station_id=self.station_id, at=at
            )

    def pick_short(self, e: Incoming) -> dict[str, Any]:
        p = e.payload
        order = self._order(p)
        product = self._product(p, order)
        line = self._line(order, p, product)
        loc = self._location(p, order)
        q = self._quantity(p, order)
        stock = self._stock_for(loc, product, p.get("lot"), line)
        task = self._task(p, order)
        actor, at = self._actor(p), e.created_at
        # -- checked --
        line.short_quantity += q
        self._release(line, q, prefer_stock=stock.id if stock else None)
        if task is not None:
            task.short_quantity += q
            task.status = TaskStatus.SHORT
            task.updated_at = utcnow()
        reason = str(p.get("reason") or "short")
        record = order_service.raise_exception(
            self.s,
            "short_pick",
            f"{q} of {product.sku} short at {loc.code} for {order.number} ({reason}): "
            "count the bin",
            order=order,
            station_id=self.station_id,
            event_key=e.key,
            detail={"location": loc.code, "sku": product.sku, "short": q, "reason": reason},
            params={
                "quantity": q,
                "sku": product.sku,
                "bin": loc.code,
                "order": order.number,
                "reason": reason,
            },
        )
        timeline.record(
            self.s, order, "short", actor=actor, station_id=self.station_id, at=at,
            detail={"sku": product.sku, "quantity": q, "location": loc.code, "reason": reason,
                    "line_no": line.line_no},
        )  # fmt: skip
        self._progress_picking(order, actor, at)
        self._finish_batch_if_done(task.batch if task else None)
        if stock is not None:
            self._touch(stock=stock)
        return {"short": q, "exception_id": record.id}

    def pick_skipped(self, e: Incoming) -> dict[str, Any]:
        p = e.payload
        order = self._order(p)
        product = self.products.get(str(p.get("sku"))) if p.get("sku") else None
        line = self._line(order, p, product)
        task = self._task(p, order)
        # -- checked --
        if task is not None and task.status == TaskStatus.OPEN:
            task.status = TaskStatus.SKIPPED
            task.updated_at = utcnow()
            touch_batch(self.s, task.batch)
        timeline.record(
            self.s, order, "skip", actor=self._actor(p), station_id=self.station_id,
            at=e.created_at, detail={"line_no": line.line_no, "location": p.get("location")},
        )  # fmt: skip
        return {}

    def _batch(self, p: dict[str, Any]) -> PickBatch:
        batch = self.batches.get(str(p.get("batch")))
        if batch is None:
            raise _Reject(
                f"unknown batch {p.get('batch')!r}",
                code="unknown_batch",
                params={"batch": str(p.get("batch"))},
            )
        if batch.station_id not in (None, self.station_id):
            raise _Reject(
                f"batch {batch.code} belongs to station {batch.station_id}",
                code="batch_of_other_station",
                params={"batch": batch.code, "station": str(batch.station_id)},
            )
        return batch

    def batch_started(self, e: Incoming) -> dict[str, Any]:
        batch = self._batch(e.payload)
        if batch.status in (BatchStatus.OPEN, BatchStatus.CLAIMED):
            batch.status = BatchStatus.IN_PROGRESS
            batch.station_id = self.station_id
            touch_batch(self.s, batch)
        return {}

    def batch_completed(self, e: Incoming) -> dict[str, Any]:
        batch = self._batch(e.payload)
        if batch.status not in (BatchStatus.DONE, BatchStatus.CANCELLED):
            batch.status = BatchStatus.DONE
            batch.finished_at = e.created_at or utcnow()
            touch_batch(self.s, batch)
        return {}

    def _carton(self, order: Order, p: dict[str, Any]) -> tuple[int, Carton | None]:
        seq = p.get("carton", 1)
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
            raise _Reject(
                f"bad carton number {seq!r}", order=order, code="bad_carton",
                params={"carton": str(seq)},
            )  # fmt: skip
        return seq, self.cartons.get((order.id, seq))

    def _new_carton(self, order: Order, seq: int) -> Carton:
        carton = Carton(order_id=order.id, sequence=seq, status="open", units=0)
        self.s.add(carton)
        self.cartons[(order.id, seq)] = carton
        self.cartons_of[order.id].append(carton)
        return carton

    def pack_scanned(self, e: Incoming) -> dict[str, Any]:
        p = e.payload
        order = self._order(p)
        product = self._product(p, order)
        line = self._line(order, p, product)
        q = self._quantity(p, order)
        seq, carton = self._carton(order, p)
        actor, at = self._actor(p), e.created_at
        # -- checked --
        carton = carton or self._new_carton(order, seq)
        carton.units += q
        carton.station_id = self.station_id
        line.packed_quantity += q
        if line.packed_quantity > line.picked_quantity:
            order_service.raise_exception(
                self.s,
                "packed_more_than_picked",
                f"line {line.line_no} of {order.number}: {line.packed_quantity} packed, "
                f"{line.picked_quantity} picked",
                order=order,
                station_id=self.station_id,
                event_key=e.key,
                params={
                    "line": line.line_no,
                    "order": order.number,
                    "packed": line.packed_quantity,
                    "picked": line.picked_quantity,
                },
            )
        timeline.record(
            self.s, order, "pack", actor=actor, station_id=self.station_id, at=at,
            detail={"sku": product.sku, "quantity": q, "carton": seq},
        )  # fmt: skip
        timeline.advance(
            self.s, order, OrderStatus.PACKING, actor=actor, station_id=self.station_id, at=at
        )
        return {"packed": q}

    def _sscc(
        self, p: dict[str, Any], order: Order, carton: Carton | None, required: bool
    ) -> str | None:
        sscc = p.get("sscc")
        if sscc is None and not required:
            return None
        if not isinstance(sscc, str) or not SSCC_RE.match(sscc):
            raise _Reject(
                f"bad SSCC {sscc!r} (18 digits)", order=order, code="bad_sscc",
                params={"sscc": str(sscc)},
            )  # fmt: skip
        if carton is not None and carton.sscc == sscc:
            return sscc
        clash = self.carton_of_sscc.get(sscc)  # every SSCC of the batch was loaded up front
        if clash is not None and clash is not carton:
            raise _Reject(
                f"SSCC {sscc} is already on another carton", "duplicate_sscc", order,
                params={"sscc": sscc},
            )  # fmt: skip
        return sscc

    def carton_closed(self, e: Incoming) -> dict[str, Any]:
        p = e.payload
        order = self._order(p)
        seq, carton = self._carton(order, p)
        sscc = self._sscc(p, order, carton, required=False)
        actor, at = self._actor(p), e.created_at
        # -- checked --
        carton = carton or self._new_carton(order, seq)
        carton.status = "closed"
        carton.closed_at = at or utcnow()
        carton.box_type = str(p["box_type"])[:30] if p.get("box_type") else carton.box_type
        weight = p.get("weight_g")
        if isinstance(weight, int) and not isinstance(weight, bool) and weight >= 0:
            carton.weight_g = weight
        if sscc:
            carton.sscc = sscc
            self.carton_of_sscc[sscc] = carton
        short_close = p.get("short_close")
        short_picked = p.get("short_picked")  # lines shipped short because picking was short
        timeline.record(
            self.s, order, "carton_closed", actor=actor, station_id=self.station_id, at=at,
            detail={"carton": seq, "sscc": sscc, "weight_g": carton.weight_g,
                    "order_complete": bool(p.get("order_complete")),
                    **({"short_close": short_close} if short_close else {}),
                    **({"short_picked": short_picked} if isinstance(short_picked, list) else {})},
        )  # fmt: skip
        if isinstance(short_close, dict):
            order_service.raise_exception(
                self.s,
                "short_close",
                f"order {order.number} was closed short at the pack bench, approved by "
                f"{short_close.get('supervisor')}: {short_close.get('reason')}",
                order=order,
                station_id=self.station_id,
                event_key=e.key,
                detail={"short_close": short_close},
                params={
                    "order": order.number,
                    "supervisor": str(short_close.get("supervisor") or ""),
                    "reason": str(short_close.get("reason") or ""),
                },
            )
        self._progress_packing(order, actor, at, complete=p.get("order_complete") is True)
        return {}

    def _progress_packing(
        self, order: Order, actor: str, at: datetime | None, *, complete: bool = False
    ) -> None:
        """Packed when every picked unit is packed and every carton closed (or the bench
        said the order is complete); shipped when, after that, every carton has its label."""
        lines = self.lines.get(order.id, [])
        cartons = self.cartons_of.get(order.id, [])
        all_closed = bool(cartons) and all(c.status == "closed" for c in cartons)
        packed = all_closed and (
            complete
            or order.status == OrderStatus.PACKED
            or (
                any(ln.picked_quantity for ln in lines)
                and all(ln.packed_quantity >= ln.picked_quantity for ln in lines)
                and self._lines_done(order)
            )
        )
        if packed:
            timeline.advance(
                self.s, order, OrderStatus.PACKED, actor=actor, station_id=self.station_id, at=at
            )
            if all(c.labelled_at is not None for c in cartons):
                timeline.advance(
                    self.s, order, OrderStatus.SHIPPED, actor=actor, station_id=self.station_id,
                    at=at,
                )  # fmt: skip

    def label_printed(self, e: Incoming) -> dict[str, Any]:
        p = e.payload
        order = self._order(p)
        seq, carton = self._carton(order, p)
        sscc = self._sscc(p, order, carton, required=True)
        actor, at = self._actor(p), e.created_at
        # -- checked --
        carton = carton or self._new_carton(order, seq)
        carton.sscc = sscc
        if sscc:
            self.carton_of_sscc[sscc] = carton
        carton.carrier = str(p["carrier"])[:40] if p.get("carrier") else carton.carrier
        carton.service = str(p["service"])[:40] if p.get("service") else carton.service
        carton.labelled_at = at or utcnow()
        timeline.record(
            self.s, order, "label", actor=actor, station_id=self.station_id, at=at,
            detail={"carton": seq, "sscc": sscc, "carrier": carton.carrier},
        )  # fmt: skip
        self._progress_packing(order, actor, at)
        return {}

    def pick_undone(self, e: Incoming) -> dict[str, Any]:
        """A confirmation taken back: the units go back to the bin and are held again."""
        p = e.payload
        order = self._order(p, live=False)
        product = self._product(p, order)
        line = self._line(order, p, product)
        loc = self._location(p, order)
        q = self._quantity(p, order)
        undoes = str(p.get("undoes") or "")
        undone = self.s.scalar(select(StationEvent.outcome).where(StationEvent.key == undoes))
        if undoes not in self.applied_keys and undone != EventOutcome.APPLIED:
            return {"undone": 0, "note": "the confirmation it takes back was not applied"}
        stock = self._stock_for(loc, product, p.get("lot"), line)
        task = self._task(p, order)
        actor, at = self._actor(p), e.created_at
        # -- checked --
        q = min(q, line.picked_quantity)
        line.picked_quantity -= q
        if stock is not None:
            stock.on_hand += q
            stock.updated_at = utcnow()
            self._move(
                dict(
                    stock_id=stock.id,
                    kind="pick_undo",
                    quantity=q,
                    order_line_id=line.id,
                    station_id=self.station_id,
                    actor=actor,
                )
            )
            if order.status not in timeline.TERMINAL:
                held = next(
                    (r for r in self.reservations.get(line.id, []) if r.stock_id == stock.id),
                    None,
                )
                if held is None:
                    held = Reservation(order_line_id=line.id, stock_id=stock.id, quantity=0)
                    self.s.add(held)
                    self.reservations[line.id].append(held)
                held.quantity += q
                held.picked_quantity = max(0, held.picked_quantity - q)
                stock.reserved += q
            self._touch(stock=stock)
        if task is not None:
            task.picked_quantity = max(0, task.picked_quantity - q)
            if task.status == TaskStatus.PICKED:
                task.status = TaskStatus.OPEN
            task.updated_at = utcnow()
            touch_batch(self.s, task.batch)
        timeline.record(
            self.s, order, "pick_undone", actor=actor, station_id=self.station_id, at=at,
            detail={"sku": product.sku, "quantity": q, "location": loc.code,
                    "line_no": line.line_no},
        )  # fmt: skip
        if order.status == OrderStatus.PICKED:
            timeline.set_status(
                self.s, order, OrderStatus.PICKING, actor=actor, station_id=self.station_id,
                at=at, detail={"reason": "a pick was taken back", "code": "pick_undone"},
            )  # fmt: skip
        return {"undone": q}

    def pick_rerouted(self, e: Incoming) -> dict[str, Any]:
        """The bin could not give the rest; the station takes it from other bins. The server
        task is closed (the picks from the other bins arrive as their own confirmations) and
        the bin goes to a supervisor for a count."""
        p = e.payload
        order = self._order(p)
        product = self._product(p, order)
        line = self._line(order, p, product)
        loc = self._location(p, order)
        q = self._quantity(p, order)
        task = self._task(p, order)
        # -- checked --
        if task is not None:
            task.short_quantity += q
            task.status = TaskStatus.SHORT
            task.updated_at = utcnow()
        reason = str(p.get("reason") or "short")
        record = order_service.raise_exception(
            self.s,
            "bin_count",
            f"{product.sku} at {loc.code} had {q} fewer than expected ({reason}); "
            "the picker took them from other bins: count the bin",
            order=order,
            station_id=self.station_id,
            event_key=e.key,
            detail={"location": loc.code, "sku": product.sku, "moved": q, "to": p.get("to")},
            params={"sku": product.sku, "bin": loc.code, "quantity": q, "reason": reason},
        )
        timeline.record(
            self.s, order, "rerouted", actor=self._actor(p), station_id=self.station_id,
            at=e.created_at, detail={"sku": product.sku, "quantity": q, "from": loc.code,
                                     "to": p.get("to"), "line_no": line.line_no},
        )  # fmt: skip
        self._finish_batch_if_done(task.batch if task else None)
        return {"exception_id": record.id}

    def stock_counted(self, e: Incoming) -> dict[str, Any]:
        p = e.payload
        product = self._product(p)
        loc = self._location(p)
        q = self._quantity(p, zero_ok=True)
        lot = str(p["lot"]) if p.get("lot") else ""
        if lot:
            rows = self.stock_at.get((loc.id, product.id), [])
            stock = next((r for r in rows if r.lot == lot), None)
        else:
            stock = self._stock_for(loc, product, None, None)
        # -- checked --
        if stock is None:
            stock = Stock(location_id=loc.id, product_id=product.id, lot=lot or "", on_hand=0,
                          reserved=0)  # fmt: skip
            self.s.add(stock)
            self.s.flush()
            self.stock[stock.id] = stock
            self.stock_at[(loc.id, product.id)].append(stock)
        change = self._set_on_hand(stock, q, e)
        if change:
            self._move(
                dict(
                    stock_id=stock.id,
                    kind="count",
                    quantity=change,
                    station_id=self.station_id,
                    actor=self._actor(p),
                )
            )
        if change > 0:
            self.restocked.add(product.id)
        self._face_check(loc, product)
        self._touch(stock=stock)
        return {"on_hand": stock.on_hand, "change": change}

    def user_saved(self, e: Incoming) -> dict[str, Any]:
        """Held, not applied: a user changed at a station without a server session waits for
        an admin (``server.admin.users.approve_change``). A malformed change is a plain
        rejection. A later change of the same user from the same station takes the place of
        the one still open; its ``events`` chain, so a PIN hash and "new user" carry over.
        Only the newest PIN hash of a chain is kept, and none of a refused change."""
        try:
            change = user_admin.station_change(e.payload)
        except user_admin.ChangeInvalid as exc:
            self.pin_hashes_to_forget.append(([e.key], False))
            raise _Reject(f"user change refused: {exc}", code="user_change_invalid",
                          params={"reason": str(exc)}) from exc  # fmt: skip
        events = user_admin.supersede_open_change(self.s, self.station_id, change, e.key)
        if len(events) > 1:
            self.pin_hashes_to_forget.append((events, True))
        raise _Reject(
            f"user {change['badge_code']} ({change['name']}, {change['role']}) was saved at "
            f"station {self.station_id} without a server session; an admin must approve or "
            "reject the change",
            user_admin.PENDING_KIND,
            # The PIN hash stays in the pushed event only, never in what screens are sent.
            detail={"payload": change, "events": events},
            params={
                "badge": change["badge_code"],
                "name": change["name"],
                "role": change["role"],
                "station": self.station_id,
            },
            answer={"held": True},
        )


def one_of(session: Session, column: Any, values: list[Any]) -> Any:
    """``column IN (values)``; on PostgreSQL ``column = ANY(:array)``: one parameter however
    many values, so the statement text (and psycopg's parsing of it) stays small."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
    return column.in_(values)
