"""Bare numbers: a GTIN (EAN-8, UPC-A, EAN-13, GTIN-14, UPC-E) or an SSCC without its AI.

biip parses them; the check digit is compared here first so that the picker is told which digit
was expected ("EAN-13 check digit should be 3, got 4") instead of a generic refusal.
"""

from __future__ import annotations

from biip import ParseError
from biip.gtin import Gtin
from biip.upc import Upc

from app.domain.codes import gs1_check_digit
from app.scan.types import ProductScan, ScanError, ScanErrorCode, SsccScan

GTIN_LENGTHS = (8, 12, 13, 14)
SSCC_LENGTH = 18
_GTIN_NAMES = {8: "EAN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14"}
# AIM names that only say "some EAN/UPC": the length tells which one it was.
_GENERIC_NAMES = (None, "EAN/UPC", "EAN/UPC with add-on")


def is_digits(text: str) -> bool:
    """ASCII digits only (``str.isdigit`` also accepts other scripts' digits)."""
    return text.isascii() and text.isdigit()


def check_digit_error(kind: str, digits: str, raw: str) -> ScanError | None:
    """The error for a wrong GS1 mod-10 check digit, or None when it is right."""
    expected = gs1_check_digit(digits[:-1])
    if int(digits[-1]) == expected:
        return None
    return ScanError(
        ScanErrorCode.BAD_CHECK_DIGIT,
        f"{kind} check digit should be {expected}, got {digits[-1]}.",
        raw=raw,
    )


def parse_gtin(
    digits: str, raw: str, aim_name: str | None, *, upc_e_first: bool
) -> ProductScan | ScanError:
    """A product scan from a bare GTIN; ``upc_e_first`` when the symbology said EAN/UPC."""
    if not is_digits(digits):
        return ScanError(
            ScanErrorCode.UNKNOWN_FORMAT,
            f"A {aim_name or 'EAN/UPC'} barcode must hold digits only, got {digits[:20]!r}.",
            raw=raw,
        )
    n = len(digits)
    if upc_e_first and n in (6, 7, 8) and digits[0] in "01":
        upc_e = _upc_e(digits, raw)
        if upc_e is not None:
            return upc_e
    if n not in GTIN_LENGTHS:
        return ScanError(
            ScanErrorCode.UNKNOWN_FORMAT,
            f"{n} digits is not a GTIN (8, 12, 13 or 14 digits).",
            raw=raw,
        )
    kind = _GTIN_NAMES[n]
    bad = check_digit_error(kind, digits, raw)
    if bad is not None:
        # Scanners without AIM identifiers send UPC-E as 8 digits too.
        if n == 8 and digits[0] in "01":
            upc_e = _upc_e(digits, raw)
            if upc_e is not None:
                return upc_e
        return bad
    try:
        gtin = Gtin.parse(digits)
    except ParseError as exc:
        return ScanError(ScanErrorCode.UNKNOWN_FORMAT, f"Not a valid {kind}: {exc}", raw=raw)
    if aim_name in _GENERIC_NAMES:
        aim_name = "UPC-A" if n == 13 and digits[0] == "0" else kind
    return ProductScan(gtin=gtin.as_gtin_14(), raw=raw, symbology=aim_name)


def _upc_e(digits: str, raw: str) -> ProductScan | None:
    try:
        upc = Upc.parse(digits)
        gtin = Gtin.parse(upc.as_upc_a())
    except ParseError:
        return None
    return ProductScan(gtin=gtin.as_gtin_14(), raw=raw, symbology="UPC-E")


def parse_sscc(digits: str, raw: str) -> SsccScan | ScanError:
    """An SSCC sent as its 18 digits without the (00) AI."""
    bad = check_digit_error("SSCC", digits, raw)
    if bad is not None:
        return bad
    return SsccScan(sscc=digits, raw=raw)
