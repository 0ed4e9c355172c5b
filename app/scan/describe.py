"""A JSON-friendly view of a scan result, for ``scan-test --json`` and the admin test panel.

Keys are stable (tools and tests read them); values are plain JSON types. ``raw_visible`` shows
control characters as ``<GS>``/``<CR>`` so an admin can see what the scanner really sent.
"""

from __future__ import annotations

from typing import Any

from app.scan.text import visible
from app.scan.types import (
    BadgeScan,
    CartScan,
    LocationScan,
    OrderScan,
    ProductScan,
    ScanError,
    ScanResult,
    SsccScan,
    ToteScan,
)


def kind_of(result: ScanResult) -> str:
    """One word for the kind of result: ``product``, ``sscc``, ``location``, ... ``error``."""
    match result:
        case ProductScan():
            return "product"
        case SsccScan():
            return "sscc"
        case LocationScan():
            return "location"
        case ToteScan():
            return "tote"
        case CartScan():
            return "cart"
        case OrderScan():
            return "order"
        case BadgeScan():
            return "badge"
        case ScanError():
            return "error"
    raise TypeError(f"not a scan result: {result!r}")


def describe(result: ScanResult) -> dict[str, Any]:
    """The result as a flat dict: ``kind``, the fields of that kind, ``raw``, ``raw_visible``."""
    view: dict[str, Any] = {"kind": kind_of(result)}
    match result:
        case ProductScan():
            view.update(
                gtin=result.gtin,
                lot=result.lot,
                expiry=result.expiry.isoformat() if result.expiry else None,
                serial=result.serial,
                count=result.count,
                net_weight_kg=result.net_weight_kg,
                symbology=result.symbology,
                warnings=[str(w) for w in result.warnings],
            )
        case SsccScan():
            view.update(sscc=result.sscc)
        case LocationScan():
            view.update(
                code=result.code,
                zone=result.zone,
                aisle=result.aisle,
                bay=result.bay,
                level=result.level,
                slot=result.slot,
            )
        case ToteScan() | CartScan() | BadgeScan():
            view.update(code=result.code)
        case OrderScan():
            view.update(number=result.number)
        case ScanError():
            view.update(code=str(result.code), message=result.message)
    view.update(raw=result.raw, raw_visible=visible(result.raw))
    return view
