"""The scan sequence of one pick step: bin → product (repeat or key in the count) → tote.

Pure and synchronous: it checks every scan against the step it was given (no database), so
the screen can answer a scan at once and only the final confirmation touches the database.
Wrong input comes back as a :class:`FlowError` naming what was expected.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from app.scan.types import LocationScan, ProductScan, Scan, ToteScan
from app.services.pick_views import PickStep


class Stage(enum.StrEnum):
    BIN = "bin"  # scan the bin label
    PRODUCT = "product"  # scan the product (again for each unit, or key in the count)
    TOTE = "tote"  # all units counted: scan the tote


@dataclass(frozen=True)
class Advanced:
    stage: Stage
    counted: int


@dataclass(frozen=True)
class FlowError:
    """``code``: wrong_bin, bin_first, wrong_product, expired_lot, mixed_lot, over_quantity,
    product_first, wrong_tote, not_expected."""

    code: str
    expected: str = ""
    got: str = ""


@dataclass(frozen=True)
class Confirm:
    quantity: int
    lot: str | None
    tote: str


FlowResult = Advanced | FlowError | Confirm


def gtin14(gtin: str) -> str:
    return gtin.zfill(14)


class StepFlow:
    """Where the picker is within one step. ``bin_verified`` resumes after a partial confirm."""

    def __init__(self, step: PickStep, today: date, *, bin_verified: bool = False) -> None:
        self.step = step
        self.today = today
        self.stage = Stage.PRODUCT if bin_verified else Stage.BIN
        self.counted = 0
        self.lot: str | None = None
        self._units = {gtin14(g): n for g, n in step.product.gtins}
        self._expiry = {info.lot: info.expiry for info in step.lots}

    def scan(self, scan: Scan) -> FlowResult:
        if isinstance(scan, LocationScan):
            return self._bin(scan)
        if isinstance(scan, ProductScan):
            return self._product(scan)
        if isinstance(scan, ToteScan):
            return self._tote(scan)
        return FlowError("not_expected", expected=str(self.stage))

    def set_quantity(self, quantity: int) -> FlowResult:
        """The touch numpad: the picker counted ``quantity`` units (product already scanned)."""
        if self.counted == 0:
            return FlowError("product_first", expected=self.step.product.name)
        if not 1 <= quantity <= self.step.remaining:
            return FlowError("over_quantity", expected=str(self.step.remaining), got=str(quantity))
        self.counted = quantity
        self.stage = Stage.TOTE if quantity == self.step.remaining else Stage.PRODUCT
        return Advanced(self.stage, self.counted)

    def _bin(self, scan: LocationScan) -> FlowResult:
        if scan.code != self.step.bin.code:
            return FlowError("wrong_bin", expected=self.step.bin.code, got=scan.code)
        if self.stage == Stage.BIN:
            self.stage = Stage.PRODUCT
        return Advanced(self.stage, self.counted)

    def _product(self, scan: ProductScan) -> FlowResult:
        if self.stage == Stage.BIN:
            return FlowError("bin_first", expected=self.step.bin.code)
        per_scan = self._units.get(gtin14(scan.gtin))
        if per_scan is None:
            return FlowError("wrong_product", expected=self.step.product.name, got=scan.gtin)
        lot = scan.lot if scan.lot else (self.step.lot if self.step.product.lot_tracked else None)
        expiry = scan.expiry or (self._expiry.get(lot) if lot else None)
        if self.step.product.lot_tracked and expiry is not None and expiry < self.today:
            return FlowError("expired_lot", expected=lot or "", got=expiry.isoformat())
        if self.counted and lot != self.lot:
            return FlowError("mixed_lot", expected=self.lot or "", got=lot or "")
        units = per_scan * max(1, scan.count)
        if self.counted + units > self.step.remaining:
            return FlowError(
                "over_quantity", expected=str(self.step.remaining), got=str(self.counted + units)
            )
        self.counted += units
        self.lot = lot
        self.stage = Stage.TOTE if self.counted == self.step.remaining else Stage.PRODUCT
        return Advanced(self.stage, self.counted)

    def _tote(self, scan: ToteScan) -> FlowResult:
        if self.stage == Stage.BIN:
            return FlowError("bin_first", expected=self.step.bin.code)
        if self.counted == 0:
            return FlowError("product_first", expected=self.step.product.name)
        if scan.code != self.step.tote:
            return FlowError("wrong_tote", expected=self.step.tote, got=scan.code)
        return Confirm(self.counted, self.lot, scan.code)
