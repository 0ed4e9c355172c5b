"""Turn raw scanner input into a typed scan, or a specific error (no Qt, no I/O).

``from app.scan import parse_scan`` is the one entry point; the types are in
:mod:`app.scan.types`; :func:`describe` gives a JSON-friendly view of any result.
"""

from app.scan.describe import describe, kind_of
from app.scan.parser import DEFAULT_MAX_LENGTH, parse_scan, validate_gs_substitute
from app.scan.text import visible
from app.scan.types import (
    BadgeScan,
    CartScan,
    LocationScan,
    OrderScan,
    ProductScan,
    Scan,
    ScanError,
    ScanErrorCode,
    ScanResult,
    ScanWarning,
    SsccScan,
    ToteScan,
)

__all__ = [
    "DEFAULT_MAX_LENGTH",
    "BadgeScan",
    "CartScan",
    "LocationScan",
    "OrderScan",
    "ProductScan",
    "Scan",
    "ScanError",
    "ScanErrorCode",
    "ScanResult",
    "ScanWarning",
    "SsccScan",
    "ToteScan",
    "describe",
    "kind_of",
    "parse_scan",
    "validate_gs_substitute",
    "visible",
]
