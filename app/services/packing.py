"""Pack verification: scan every unit into a carton, close cartons, make shipments and labels.

The packer opens an order (by its number or the tote it was picked into), scans each unit,
and closes the carton. Every accepted scan, every carton close and the label job it makes are
written with their outbox events in one transaction (DESIGN.md §4). A refused scan changes
nothing and raises :class:`PackError`, whose ``code`` the UI turns into a translated message
naming the item. Closing the last carton while units are missing needs a supervisor's badge,
PIN and reason, recorded in the audit log.

No Qt, no threads: the pack screen calls these methods and gets frozen dataclasses back.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bootstrap import StationCore
from app.dashboard.quality_events import LABEL_REPRINTED, record_pack_error, reprint_payload
from app.domain.carriers import choose_carrier
from app.domain.cartonization import (
    Box,
    CartonAdvice,
    Item,
    advise,
    estimate_cartons,
    suggest,
)
from app.domain.codes import TOTE_RE
from app.domain.sscc import make_sscc
from app.labels import render_label
from app.persistence.models import (
    Carton,
    CartonItem,
    Order,
    OrderLine,
    OrderStatus,
    PickTask,
    Product,
    ProductGtin,
    Role,
    Shipment,
    StockItem,
    Tote,
    User,
    utcnow,
)
from app.persistence.unit_of_work import UnitOfWork
from app.pins import verify_pin
from app.scan.types import ProductScan
from app.services import identifiers
from app.services.order_items import order_items, product_item
from app.services.packing_settings import PackingSettings
from app.services.print_queue import PrintQueue
from app.services.printers import PrinterRegistry
from app.services.shipping_labels import label_for_shipment
from app.sync import events

OPEN = "open"
CLOSED = "closed"
NOT_PACKABLE = (OrderStatus.CANCELLED, OrderStatus.SHIPPED, OrderStatus.ON_HOLD)
SUPERVISOR_ROLES = (Role.SUPERVISOR, Role.ADMIN)


class PackErrorCode(enum.StrEnum):
    ORDER_NOT_FOUND = "order_not_found"
    TOTE_EMPTY = "tote_empty"
    ORDER_NOT_PACKABLE = "order_not_packable"
    UNKNOWN_PRODUCT = "unknown_product"
    NOT_ON_ORDER = "not_on_order"
    OVER_SCAN = "over_scan"
    LOT_REQUIRED = "lot_required"
    WRONG_LOT = "wrong_lot"
    EXPIRED_LOT = "expired_lot"
    ALREADY_PACKED = "already_packed"
    EMPTY_CARTON = "empty_carton"
    UNDER_PACKED = "under_packed"
    OVERRIDE_DENIED = "override_denied"
    REASON_REQUIRED = "reason_required"
    UNKNOWN_BOX = "unknown_box"
    NO_SSCC_RANGE = "no_sscc_range"
    SHIPMENT_NOT_FOUND = "shipment_not_found"


class PackError(Exception):
    """A refused action. ``message`` is English (logs, CLI); the UI translates by ``code``
    and fills in ``params`` (``product``, ``sku``, ``lot``, ``expected``, ``packed``, ...)."""

    def __init__(self, code: PackErrorCode, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Actor:
    """Who did it: the station user id (audit) and badge (events name people by badge)."""

    user_id: int | None
    badge: str | None = None


@dataclass(frozen=True)
class Override:
    """A supervisor's permission to close an order with units missing."""

    badge: str
    pin: str
    reason: str


@dataclass(frozen=True)
class PackLine:
    """One order line as the packer sees it.

    ``ordered`` is what the customer asked for, ``short`` what picking could not find (a
    recorded shortage, not the packer's to fix) and ``expected`` what is to be packed:
    ordered minus short.
    """

    line_id: int
    line_no: int
    sku: str
    name: str
    gtin: str
    image_path: str | None
    ordered: int
    short: int
    expected: int
    packed: int
    in_carton: int  # of ``packed``, how many are in the open carton
    lot_tracked: bool
    lots: tuple[str, ...]  # lots picked for this line (empty: any lot in stock)
    unit_weight_g: int

    @property
    def remaining(self) -> int:
        return self.expected - self.packed


@dataclass(frozen=True)
class CartonContent:
    sku: str
    name: str
    lot: str | None
    quantity: int


@dataclass(frozen=True)
class ShipmentView:
    id: int
    order_number: str
    carton_sequence: int
    box_code: str | None
    sscc: str
    carrier: str
    service: str
    weight_g: int
    created_at: datetime


@dataclass(frozen=True)
class CartonView:
    id: int
    sequence: int
    box_code: str | None
    status: str
    contents: tuple[CartonContent, ...]
    weight_g: int  # estimated gross while open, recorded gross once closed
    shipment: ShipmentView | None = None

    @property
    def units(self) -> int:
        return sum(c.quantity for c in self.contents)


@dataclass(frozen=True)
class AdviceRequest:
    """What the open carton's advice is worked out from, taken with the state it belongs to.

    The state does not carry the advice itself: for a big order the 3D fit costs tens of
    milliseconds, too long for every scan on the GUI thread. The pack screen runs
    :meth:`compute` on its worker thread and shows the answer when it comes, unless the state
    has moved on meanwhile (then this request no longer equals the state's). Plain frozen
    values, so it can cross threads.
    """

    carton_id: int
    suite: tuple[Box, ...]
    chosen: Box | None  # the open carton's box
    in_carton: tuple[Item, ...]  # units in the open carton
    left: tuple[Item, ...]  # units of the order in no carton yet

    def compute(self) -> CartonAdvice | None:
        return advise(self.suite, self.chosen, self.in_carton, self.left)


@dataclass(frozen=True)
class PackState:
    order_id: int
    order_number: str
    status: str
    ship_to_name: str
    ship_to_country: str
    priority: int
    lines: tuple[PackLine, ...]
    cartons: tuple[CartonView, ...]  # closed ones, in order
    open_carton: CartonView | None
    # For the open carton's advice (what is in it, what is left): computed by the caller,
    # off the scan path (AdviceRequest.compute).
    advice_request: AdviceRequest | None
    tote: str | None = None

    @property
    def units_expected(self) -> int:
        return sum(line.expected for line in self.lines)

    @property
    def units_short(self) -> int:
        """Units short at picking: shipped without them, recorded on the label and event."""
        return sum(line.short for line in self.lines)

    @property
    def units_packed(self) -> int:
        return sum(line.packed for line in self.lines)

    @property
    def complete(self) -> bool:
        """Every expected unit is in a carton."""
        return all(line.remaining == 0 for line in self.lines)

    @property
    def done(self) -> bool:
        """The order is packed (all cartons closed)."""
        return self.status in (OrderStatus.PACKED.value, OrderStatus.SHIPPED.value)


@dataclass(frozen=True)
class ScanOutcome:
    state: PackState
    line_no: int
    sku: str
    name: str
    quantity: int
    line_complete: bool


@dataclass(frozen=True)
class CloseOutcome:
    state: PackState
    shipment: ShipmentView
    print_job_id: int
    order_done: bool
    overridden_by: str | None = None


@dataclass
class _Context:
    """What one action needs about its order, loaded inside its unit of work."""

    order: Order
    lines: list[OrderLine]
    products: dict[int, Product]
    carton: Carton | None
    extra: dict[str, Any] = field(default_factory=dict)


class PackingService:
    def __init__(
        self,
        core: StationCore,
        settings: PackingSettings,
        printers: PrinterRegistry,
        *,
        on_job_queued: Callable[[], None] | None = None,
        today: Callable[[], date] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.core = core
        self.settings = settings
        self.printers = printers
        self.on_job_queued = on_job_queued
        self.today = today or (lambda: datetime.now(UTC).date())
        self.clock = clock or utcnow

    # --- opening --------------------------------------------------------------------------

    def open(self, code: str) -> PackState:
        """Open by tote code or order number, whichever ``code`` is."""
        code = code.strip().upper()
        if TOTE_RE.match(code):
            return self.open_tote(code)
        return self.open_order(code)

    def open_tote(self, code: str) -> PackState:
        with self.core.uow() as uow:
            tote = uow.session.scalar(select(Tote).where(Tote.code == code))
            if tote is None or tote.order_id is None:
                raise PackError(
                    PackErrorCode.TOTE_EMPTY, f"tote {code} holds no order to pack", tote=code
                )
            order = uow.session.get_one(Order, tote.order_id)
            return self._open(uow, order, tote=code)

    def open_order(self, number: str) -> PackState:
        with self.core.uow() as uow:
            order = uow.session.scalar(select(Order).where(Order.number == number))
            if order is None:
                raise PackError(
                    PackErrorCode.ORDER_NOT_FOUND, f"no order {number} here", order=number
                )
            return self._open(uow, order)

    def _open(self, uow: UnitOfWork, order: Order, tote: str | None = None) -> PackState:
        if order.status in NOT_PACKABLE:
            raise PackError(
                PackErrorCode.ORDER_NOT_PACKABLE,
                f"order {order.number} is {order.status.value}",
                order=order.number,
                status=order.status.value,
            )
        ctx = self._load(uow.session, order.id)
        needs_carton = any(self._remaining(line) > 0 for line in ctx.lines)
        if ctx.order.status != OrderStatus.PACKED and ctx.carton is None and needs_carton:
            ctx.carton = self._new_carton(uow, ctx)
        state = self._state(uow.session, ctx, tote)
        uow.commit()
        return state

    def state(self, order_id: int) -> PackState:
        with self.core.uow() as uow:
            return self._state(uow.session, self._load(uow.session, order_id))

    # --- scanning -------------------------------------------------------------------------

    def scan_product(self, order_id: int, scan: ProductScan, actor: Actor) -> ScanOutcome:
        """Count the scanned units into the open carton, or refuse the whole scan."""
        try:
            return self._scan_product(order_id, scan, actor)
        except PackError as exc:
            # A packer's mistake leaves no trace in the data: tell the dashboard by event.
            sku = exc.params.get("sku")
            record_pack_error(
                self.core.uow, order_id, exc.code.value, str(sku) if sku else None, actor.badge
            )
            raise

    def _scan_product(self, order_id: int, scan: ProductScan, actor: Actor) -> ScanOutcome:
        with self.core.uow() as uow:
            s = uow.session
            ctx = self._load(s, order_id)
            if ctx.order.status == OrderStatus.PACKED or ctx.carton is None:
                raise PackError(
                    PackErrorCode.ALREADY_PACKED,
                    f"order {ctx.order.number} is already packed",
                    order=ctx.order.number,
                )
            gtin_row = s.scalar(
                select(ProductGtin).where(ProductGtin.gtin.in_(_gtin_forms(scan.gtin)))
            )
            if gtin_row is None:
                raise PackError(
                    PackErrorCode.UNKNOWN_PRODUCT,
                    f"GTIN {scan.gtin} is not a product of this site",
                    gtin=scan.gtin,
                )
            product = s.get_one(Product, gtin_row.product_id)
            quantity = max(1, scan.count) * max(1, gtin_row.pack_quantity)
            line = next((ln for ln in ctx.lines if ln.product_id == product.id), None)
            named = {"product": product.name, "sku": product.sku, "gtin": scan.gtin}
            if line is None:
                raise PackError(
                    PackErrorCode.NOT_ON_ORDER,
                    f"{product.name} ({product.sku}) is not on order {ctx.order.number}",
                    order=ctx.order.number,
                    **named,
                )
            remaining = self._remaining(line)
            if quantity > remaining:
                raise PackError(
                    PackErrorCode.OVER_SCAN,
                    f"too many {product.name}: {line.packed_quantity} of "
                    f"{line.quantity - line.short_quantity} already packed",
                    expected=line.quantity - line.short_quantity,
                    packed=line.packed_quantity,
                    quantity=quantity,
                    **named,
                )
            lot = self._check_lot(s, line, product, scan, named)
            line.packed_quantity += quantity
            item = next(
                (
                    i
                    for i in ctx.carton.items
                    if i.order_line_id == line.id and (i.lot or None) == (lot or None)
                ),
                None,
            )
            if item is None:
                ctx.carton.items.append(
                    CartonItem(
                        order_line_id=line.id, product_id=product.id, lot=lot, quantity=quantity
                    )
                )
            else:
                item.quantity += quantity
            if ctx.order.status != OrderStatus.PACKING:
                ctx.order.status = OrderStatus.PACKING
                ctx.order.updated_at = self.clock()
            uow.add_event(
                events.PACK_SCANNED,
                events.pack_scanned(
                    ctx.order.number,
                    product.sku,
                    quantity,
                    ctx.carton.sequence,
                    line_no=line.line_no,
                    lot=lot,
                    user=actor.badge,
                ),
            )
            s.flush()
            state = self._state(s, ctx)
            uow.commit()
        return ScanOutcome(
            state,
            line.line_no,
            product.sku,
            product.name,
            quantity,
            line_complete=self._remaining(line) == 0,
        )

    def _check_lot(
        self,
        s: Session,
        line: OrderLine,
        product: Product,
        scan: ProductScan,
        named: dict[str, Any],
    ) -> str | None:
        if not product.lot_tracked:
            return scan.lot
        if not scan.lot:
            raise PackError(
                PackErrorCode.LOT_REQUIRED,
                f"{product.name} is lot-tracked: scan the barcode that carries the lot",
                **named,
            )
        picked = self._picked_lots(s, line.id)
        known = s.execute(
            select(StockItem.lot, StockItem.expiry).where(StockItem.product_id == product.id)
        ).all()
        expiries = {lot: expiry for lot, expiry in known if lot}
        if (picked and scan.lot not in picked) or (not picked and scan.lot not in expiries):
            raise PackError(
                PackErrorCode.WRONG_LOT,
                f"lot {scan.lot} of {product.name} is not the lot picked for this order",
                lot=scan.lot,
                expected_lots=", ".join(sorted(picked)),
                **named,
            )
        expiry = scan.expiry or expiries.get(scan.lot)
        if expiry is not None and expiry < self.today():
            raise PackError(
                PackErrorCode.EXPIRED_LOT,
                f"lot {scan.lot} of {product.name} expired on {expiry.isoformat()}",
                lot=scan.lot,
                expiry=expiry.isoformat(),
                **named,
            )
        return scan.lot

    # --- boxes ----------------------------------------------------------------------------

    def choose_box(self, order_id: int, box_code: str, actor: Actor) -> PackState:
        """The packer takes another box than the suggested one for the open carton."""
        if self.settings.box(box_code) is None:
            raise PackError(PackErrorCode.UNKNOWN_BOX, f"no box {box_code}", box=box_code)
        with self.core.uow() as uow:
            ctx = self._load(uow.session, order_id)
            if ctx.carton is None:
                raise PackError(
                    PackErrorCode.ALREADY_PACKED,
                    f"order {ctx.order.number} has no open carton",
                    order=ctx.order.number,
                )
            ctx.carton.box_type = box_code
            state = self._state(uow.session, ctx)
            uow.commit()
        return state

    # --- closing --------------------------------------------------------------------------

    def close_carton(
        self,
        order_id: int,
        actor: Actor,
        *,
        open_next: bool = False,
        override: Override | None = None,
        printer: str | None = None,
    ) -> CloseOutcome:
        """Close the open carton: shipment with SSCC and carrier, label job, outbox events.

        ``open_next`` closes this carton and opens another for the rest of the order; without
        it the order is finished, which with units missing needs ``override``.
        """
        with self.core.uow() as uow:
            s = uow.session
            ctx = self._load(s, order_id)
            carton = ctx.carton
            if carton is None or ctx.order.status == OrderStatus.PACKED:
                raise PackError(
                    PackErrorCode.ALREADY_PACKED,
                    f"order {ctx.order.number} is already packed",
                    order=ctx.order.number,
                )
            if not carton.items:
                raise PackError(
                    PackErrorCode.EMPTY_CARTON, "scan at least one unit into the carton first"
                )
            missing = [
                (line, self._remaining(line)) for line in ctx.lines if self._remaining(line) > 0
            ]
            finishing = not (open_next and missing)
            supervisor: User | None = None
            if finishing and missing:
                if override is None:
                    units = sum(n for _, n in missing)
                    raise PackError(
                        PackErrorCode.UNDER_PACKED,
                        f"{units} unit(s) of order {ctx.order.number} are not packed yet",
                        units=units,
                        order=ctx.order.number,
                    )
                supervisor = self._authorise(uow, override)
            shipment = self._ship(uow, ctx, carton, actor)
            still_needed = 0
            if not finishing:
                rest = order_items(s, ctx.order.id, remaining_only=True)
                still_needed = estimate_cartons(self.settings.boxes, rest)
            if finishing:
                ctx.order.status = OrderStatus.PACKED
                ctx.order.updated_at = self.clock()
                if supervisor is not None and override is not None:
                    uow.audit(
                        "pack.short_close",
                        user_id=supervisor.id,
                        entity="order",
                        entity_id=ctx.order.number,
                        detail={
                            "reason": override.reason,
                            "packer_user_id": actor.user_id,
                            "supervisor": supervisor.badge_code,
                            "missing": [
                                {
                                    "line_no": ln.line_no,
                                    "sku": ctx.products[ln.product_id].sku,
                                    "units": n,
                                }
                                for ln, n in missing
                            ],
                        },
                    )
                for tote in s.scalars(select(Tote).where(Tote.order_id == ctx.order.id)):
                    tote.order_id = None  # the tote is empty and free for the next pick
            s.flush()
            job_id = self._queue_label(uow, shipment, printer, still_needed)
            payload = {
                "order": ctx.order.number,
                "carton": carton.sequence,
                "box_type": carton.box_type,
                "weight_g": shipment.weight_g,
                "sscc": shipment.sscc,
                "carrier": shipment.carrier,
                "service": shipment.service,
                "order_complete": finishing,
                "items": [
                    {
                        "line_no": next(ln.line_no for ln in ctx.lines if ln.id == i.order_line_id),
                        "sku": ctx.products[i.product_id].sku,
                        "quantity": i.quantity,
                        **({"lot": i.lot} if i.lot else {}),
                    }
                    for i in carton.items
                ],
            }
            if actor.badge:
                payload["user"] = actor.badge
            short_picked = [
                {
                    "line_no": ln.line_no,
                    "sku": ctx.products[ln.product_id].sku,
                    "ordered": ln.quantity,
                    "short": ln.short_quantity,
                }
                for ln in ctx.lines
                if ln.short_quantity > 0
            ]
            if short_picked:  # shipped without them: normal, but on record with the carton
                payload["short_picked"] = short_picked
            if supervisor is not None and override is not None:
                payload["short_close"] = {
                    "supervisor": supervisor.badge_code,
                    "reason": override.reason,
                }
            uow.add_event(events.CARTON_CLOSED, payload)
            if not finishing:
                ctx.carton = self._new_carton(uow, ctx)
            else:
                ctx.carton = None
            s.flush()
            view = self._shipment_view(s, shipment)
            state = self._state(s, ctx)
            uow.commit()
        if self.on_job_queued is not None:
            self.on_job_queued()
        return CloseOutcome(
            state,
            view,
            job_id,
            order_done=finishing,
            overridden_by=supervisor.name if supervisor is not None else None,
        )

    def _authorise(self, uow: UnitOfWork, override: Override) -> User:
        """Check the supervisor's badge, role and PIN; wrong PINs count toward the lock-out."""
        if not override.reason.strip():
            raise PackError(PackErrorCode.REASON_REQUIRED, "a reason is required")
        s = uow.session
        user = s.scalar(select(User).where(User.badge_code == override.badge.strip().upper()))
        denied = "badge, role or PIN not accepted for an override"
        if user is None or not user.active or user.role not in SUPERVISOR_ROLES:
            raise PackError(PackErrorCode.OVERRIDE_DENIED, denied, why="not_supervisor")
        locked = user.locked_until
        if locked is not None:
            locked = locked if locked.tzinfo else locked.replace(tzinfo=UTC)
            if locked > self.clock():
                raise PackError(PackErrorCode.OVERRIDE_DENIED, denied, why="locked_out")
        if not verify_pin(override.pin, user.pin_hash):
            # Counted like a login failure. Nothing else has changed yet in this unit of work,
            # so committing here records only the refusal.
            user.failed_attempts = (user.failed_attempts or 0) + 1
            uow.audit(
                "pack.override_refused",
                user_id=user.id,
                entity="user",
                entity_id=str(user.id),
                detail={"reason": "wrong_pin"},
            )
            uow.commit()
            raise PackError(PackErrorCode.OVERRIDE_DENIED, denied, why="wrong_pin")
        user.failed_attempts = 0
        return user

    def _ship(self, uow: UnitOfWork, ctx: _Context, carton: Carton, actor: Actor) -> Shipment:
        s = uow.session
        box = self.settings.box(carton.box_type or "")
        items = self._carton_items(ctx, carton)
        weight = (box.tare_g if box else 0) + sum(i.weight_g for i in items)
        choice = choose_carrier(
            self.settings.carrier_rules,
            self.settings.default_carrier,
            country=ctx.order.ship_to_country,
            weight_g=weight,
            priority=ctx.order.priority,
        )
        try:
            serial = identifiers.next_serial(uow, identifiers.SSCC_KIND)
        except identifiers.RangeExhausted as exc:
            raise PackError(PackErrorCode.NO_SSCC_RANGE, str(exc)) from exc
        sscc = make_sscc(
            self.settings.sscc_extension_digit, self.core.config.gs1_company_prefix, serial
        )
        carton.status = CLOSED
        carton.closed_at = self.clock()
        carton.gross_weight_g = weight
        shipment = Shipment(
            order_id=ctx.order.id,
            carton_id=carton.id,
            sscc=sscc,
            carrier=choice.carrier,
            service=choice.service,
            weight_g=weight,
            created_at=self.clock(),
        )
        s.add(shipment)
        s.flush()
        return shipment

    def _queue_label(
        self, uow: UnitOfWork, shipment: Shipment, printer: str | None, still_needed: int
    ) -> int:
        name = printer or self.printers.default_name()
        cfg = self.printers.config(name)
        size, dpi = (cfg.label_size, cfg.dpi) if cfg else ("4x6", 203)
        data = label_for_shipment(
            uow.session, shipment.id, self.core.config, self.settings, still_needed
        )
        job = PrintQueue.enqueue(
            uow, printer=name, document=render_label(data, size, dpi), shipment_id=shipment.id
        )
        uow.session.flush()
        return job.id

    # --- history and reprint --------------------------------------------------------------

    def history(self, *, order_id: int | None = None, limit: int = 30) -> list[ShipmentView]:
        with self.core.uow() as uow:
            query = select(Shipment).order_by(Shipment.id.desc()).limit(limit)
            if order_id is not None:
                query = query.where(Shipment.order_id == order_id)
            return [self._shipment_view(uow.session, sh) for sh in uow.session.scalars(query)]

    def reprint(self, shipment_id: int, actor: Actor, printer: str | None = None) -> int:
        """Queue the shipment's label again (rendered afresh); audited."""
        with self.core.uow() as uow:
            shipment = uow.session.get(Shipment, shipment_id)
            if shipment is None:
                raise PackError(PackErrorCode.SHIPMENT_NOT_FOUND, f"no shipment {shipment_id}")
            job_id = self._queue_label(uow, shipment, printer, 0)
            order = uow.session.get_one(Order, shipment.order_id)
            payload = reprint_payload(order.number, shipment.sscc, actor.badge)
            uow.add_event(LABEL_REPRINTED, payload)
            uow.audit(
                "label.reprint",
                user_id=actor.user_id,
                entity="shipment",
                entity_id=shipment.sscc,
                detail={"job": job_id},
            )
            uow.commit()
        if self.on_job_queued is not None:
            self.on_job_queued()
        return job_id

    # --- reading state --------------------------------------------------------------------

    @staticmethod
    def _remaining(line: OrderLine) -> int:
        return line.quantity - line.short_quantity - line.packed_quantity

    @staticmethod
    def _picked_lots(s: Session, line_id: int) -> set[str]:
        lots = s.scalars(
            select(PickTask.lot).where(PickTask.order_line_id == line_id, PickTask.lot.is_not(None))
        ).all()
        return {lot for lot in lots if lot}

    def _load(self, s: Session, order_id: int) -> _Context:
        order = s.get(Order, order_id)
        if order is None:
            raise PackError(PackErrorCode.ORDER_NOT_FOUND, f"no order with id {order_id}")
        lines = list(
            s.scalars(
                select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.line_no)
            )
        )
        ids = {line.product_id for line in lines}
        products = {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(ids)))}
        carton = s.scalar(
            select(Carton)
            .where(Carton.order_id == order_id, Carton.status == OPEN)
            .order_by(Carton.sequence)
        )
        return _Context(order, lines, products, carton)

    def _new_carton(self, uow: UnitOfWork, ctx: _Context) -> Carton:
        s = uow.session
        last = s.scalars(select(Carton.sequence).where(Carton.order_id == ctx.order.id)).all()
        carton = Carton(
            order_id=ctx.order.id,
            sequence=max(last, default=0) + 1,
            status=OPEN,
            opened_at=self.clock(),
        )
        remaining = order_items(s, ctx.order.id, remaining_only=True)
        suggestion = suggest(self.settings.boxes, remaining)
        carton.box_type = suggestion.box.code if suggestion else None
        s.add(carton)
        s.flush()
        return carton

    def _carton_items(self, ctx: _Context, carton: Carton) -> list[Item]:
        items: list[Item] = []
        for i in carton.items:
            product = ctx.products[i.product_id]
            items.extend(product_item(product) for _ in range(i.quantity))
        return items

    def _carton_view(self, s: Session, ctx: _Context, carton: Carton) -> CartonView:
        contents = tuple(
            CartonContent(
                ctx.products[i.product_id].sku,
                ctx.products[i.product_id].name,
                i.lot,
                i.quantity,
            )
            for i in sorted(carton.items, key=lambda i: (i.order_line_id, i.lot or ""))
        )
        if carton.status == OPEN:
            box = self.settings.box(carton.box_type or "")
            weight = (box.tare_g if box else 0) + sum(
                ctx.products[i.product_id].weight_g * i.quantity for i in carton.items
            )
        else:
            weight = carton.gross_weight_g or 0
        shipment = s.scalar(select(Shipment).where(Shipment.carton_id == carton.id))
        return CartonView(
            carton.id,
            carton.sequence,
            carton.box_type,
            carton.status,
            contents,
            weight,
            self._shipment_view(s, shipment) if shipment is not None else None,
        )

    def _shipment_view(self, s: Session, shipment: Shipment) -> ShipmentView:
        carton = s.get_one(Carton, shipment.carton_id)
        order = s.get_one(Order, shipment.order_id)
        created = shipment.created_at
        return ShipmentView(
            shipment.id,
            order.number,
            carton.sequence,
            carton.box_type,
            shipment.sscc,
            shipment.carrier,
            shipment.service,
            shipment.weight_g,
            created if created.tzinfo else created.replace(tzinfo=UTC),
        )

    def _state(self, s: Session, ctx: _Context, tote: str | None = None) -> PackState:
        in_carton: dict[int, int] = defaultdict(int)
        if ctx.carton is not None:
            for item in ctx.carton.items:
                in_carton[item.order_line_id] += item.quantity
        lines = []
        for line in ctx.lines:
            product = ctx.products[line.product_id]
            gtin = s.scalar(
                select(ProductGtin.gtin).where(ProductGtin.product_id == product.id).limit(1)
            )
            lines.append(
                PackLine(
                    line.id,
                    line.line_no,
                    product.sku,
                    product.name,
                    gtin or "",
                    product.image_path,
                    line.quantity,
                    line.short_quantity,
                    line.quantity - line.short_quantity,
                    line.packed_quantity,
                    in_carton[line.id],
                    product.lot_tracked,
                    tuple(sorted(self._picked_lots(s, line.id))),
                    product.weight_g,
                )
            )
        closed = s.scalars(
            select(Carton)
            .where(Carton.order_id == ctx.order.id, Carton.status == CLOSED)
            .order_by(Carton.sequence)
        ).all()
        # A new request with every state, so the advice follows each scan, box choice and
        # close; only its inputs are read here (the fit runs where the caller wants it).
        advice_request = None
        if ctx.carton is not None:
            advice_request = AdviceRequest(
                ctx.carton.id,
                self.settings.boxes,
                self.settings.box(ctx.carton.box_type or ""),
                tuple(self._carton_items(ctx, ctx.carton)),
                tuple(order_items(s, ctx.order.id, remaining_only=True)),
            )
        return PackState(
            order_id=ctx.order.id,
            order_number=ctx.order.number,
            status=ctx.order.status.value,
            ship_to_name=ctx.order.ship_to_name,
            ship_to_country=ctx.order.ship_to_country,
            priority=ctx.order.priority,
            lines=tuple(lines),
            cartons=tuple(self._carton_view(s, ctx, c) for c in closed),
            open_carton=self._carton_view(s, ctx, ctx.carton) if ctx.carton else None,
            advice_request=advice_request,
            tote=tote,
        )


def _gtin_forms(gtin: str) -> list[str]:
    """A GTIN-14 from the parser and the shorter forms a catalogue may store (13, 12, 8)."""
    digits = gtin.strip()
    forms = {digits}
    for length in (14, 13, 12, 8):
        if len(digits) >= length and set(digits[: len(digits) - length]) <= {"0"}:
            forms.add(digits[len(digits) - length :])
    return sorted(forms)
