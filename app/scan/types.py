"""What a scan can be. The parser returns exactly one of these for any input."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date


class ScanWarning(enum.StrEnum):
    """Why a usable scan may still be wrong (the UI translates by code)."""

    # No GS separator in the data, and a lot/serial ends in what reads as further GS1 fields:
    # the scanner (often a keyboard wedge) may have dropped the separator, so the lot may have
    # swallowed the fields after it.  Configure ``gs_substitute`` on that scanner to fix it.
    POSSIBLE_LOST_SEPARATOR = "possible_lost_separator"


@dataclass(frozen=True)
class ProductScan:
    """A trade item: GTIN-14 normalised form plus the GS1 data that came with it."""

    gtin: str  # 14 digits (GTIN-8/12/13 are zero-padded, as GS1 does)
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    count: int = 1  # AI (30)/(37) count, else 1
    net_weight_kg: float | None = None
    raw: str = ""
    symbology: str | None = None  # e.g. "GS1-128", "EAN-13", "GS1 DataMatrix"
    # Doubts the parser could not settle: the scan is usable, but the UI should show it.
    warnings: tuple[ScanWarning, ...] = ()


@dataclass(frozen=True)
class SsccScan:
    sscc: str  # 18 digits
    raw: str = ""


@dataclass(frozen=True)
class LocationScan:
    code: str
    zone: str
    aisle: int
    bay: int
    level: int
    slot: int
    raw: str = ""


@dataclass(frozen=True)
class ToteScan:
    code: str
    raw: str = ""


@dataclass(frozen=True)
class CartScan:
    code: str
    raw: str = ""


@dataclass(frozen=True)
class OrderScan:
    number: str
    raw: str = ""


@dataclass(frozen=True)
class BadgeScan:
    code: str
    raw: str = ""


class ScanErrorCode(enum.StrEnum):
    EMPTY = "empty"
    OVERSIZED = "oversized"
    CONTROL_CHARACTERS = "control_characters"
    BAD_CHECK_DIGIT = "bad_check_digit"
    UNKNOWN_FORMAT = "unknown_format"
    INVALID_GS1 = "invalid_gs1"
    INVALID_ENCODING = "invalid_encoding"


@dataclass(frozen=True)
class ScanError:
    """Why a scan was refused, in words a picker can act on (English; the UI translates by code)."""

    code: ScanErrorCode
    message: str
    raw: str = ""


Scan = ProductScan | SsccScan | LocationScan | ToteScan | CartScan | OrderScan | BadgeScan
ScanResult = Scan | ScanError
