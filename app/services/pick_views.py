"""What the picking services hand to the screen: plain frozen data, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.codes import LOCATION_RE
from app.domain.layout import Layout


class PickingError(Exception):
    """A pick action refused; ``code`` says why (the screen words it), ``params`` fill it in.

    Codes: ``no_work``, ``no_free_totes``, ``tote_in_use``, ``unknown_tote``, ``not_active``,
    ``wrong_step``, ``wrong_tote``, ``bad_quantity``, ``expired_lot``, ``nothing_to_undo``,
    ``bad_reason``.
    """

    def __init__(self, code: str, message: str = "", **params: str) -> None:
        super().__init__(message or code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class BinLabel:
    """A bin code and its parts, for the big split display (zone / aisle / bay / level / slot)."""

    code: str
    zone: str = ""
    aisle: str = ""
    bay: str = ""
    level: str = ""
    slot: str = ""

    @classmethod
    def of(cls, code: str) -> BinLabel:
        m = LOCATION_RE.match(code)
        if m is None:
            return cls(code)
        return cls(code, m["zone"], m["aisle"], m["bay"], m["level"], m["slot"])


@dataclass(frozen=True)
class ProductInfo:
    sku: str
    name: str
    image_path: str | None
    lot_tracked: bool
    gtins: tuple[tuple[str, int], ...]  # (GTIN as 14 digits, units per scan)


@dataclass(frozen=True)
class LotInfo:
    lot: str
    expiry: date | None


@dataclass(frozen=True)
class PickStep:
    """One stop of the walk: take ``quantity - picked`` of a product from a bin into a tote."""

    task_id: int
    position: int  # 1-based among all steps of the batch
    total: int
    bin: BinLabel
    product: ProductInfo
    quantity: int
    picked: int
    tote: str
    order: str
    line_no: int
    lot: str | None  # the lot the stock allocation suggests (lot-tracked products)
    lots: tuple[LotInfo, ...] = ()  # lots of this product known in this bin
    deferred: bool = False  # skipped once, now at the end of the walk

    @property
    def remaining(self) -> int:
        return self.quantity - self.picked


@dataclass(frozen=True)
class MapStop:
    """A bin on the small route map, in walking order; ``state``: done, current, todo, short."""

    code: str
    x_m: float
    y_m: float
    state: str


@dataclass(frozen=True)
class BatchView:
    batch_id: int
    code: str
    status: str  # in_progress, paused, done
    cart: str | None
    totes: tuple[tuple[str, str], ...]  # (order number, tote code), cart order
    current: PickStep | None
    steps_done: int
    steps_total: int
    units_done: int
    units_total: int
    units_short: int
    route_m: float
    layout: Layout
    stops: tuple[MapStop, ...] = field(default=())
    can_undo: bool = False

    @property
    def units_left(self) -> int:
        return self.units_total - self.units_done - self.units_short


@dataclass(frozen=True)
class ShortResult:
    """After a short pick: where the rest will be picked, or how many units the line lacks."""

    view: BatchView
    rerouted_to: tuple[str, ...]  # bin codes the remaining units were sent to
    short_quantity: int  # units the order line will not get


@dataclass(frozen=True)
class OrderResult:
    order: str
    tote: str
    units_picked: int
    units_short: int
    lines_short: int


@dataclass(frozen=True)
class BatchSummary:
    code: str
    orders: tuple[OrderResult, ...]
    units_picked: int
    units_short: int
    lines_short: int
    count_tasks: int
    route_m: float
    started_at: datetime | None
    finished_at: datetime | None
