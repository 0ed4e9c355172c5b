"""``parse_scan``: one frame from any scanner in, exactly one typed scan or ScanError out.

Order of the decisions: text (encoding, size, control characters) → AIM symbology identifier
→ the reader the identifier asks for, or, without one, a guess from the content: site codes
(they have letters and a hyphen), then a Digital Link URL, then numbers (GTIN, SSCC, GS1 element
strings). Nothing here raises for any data: a scan is user input, and a crash in the scan path
would freeze the station.
"""

from __future__ import annotations

import logging

from app.scan.gs1 import looks_like_url, parse_digital_link, parse_element_strings
from app.scan.gtin import GTIN_LENGTHS, SSCC_LENGTH, is_digits, parse_gtin, parse_sscc
from app.scan.site_codes import parse_site_code
from app.scan.symbology import Aim, Reading, split_aim
from app.scan.text import GS, clean, decode, visible
from app.scan.types import ScanError, ScanErrorCode, ScanResult

log = logging.getLogger(__name__)

DEFAULT_MAX_LENGTH = 512
# Shown (and logged with a traceback) only if a parser bug slips through; tests assert that it
# never appears for any input.
INTERNAL_ERROR_MESSAGE = "This code could not be read (internal parser error)."


def validate_gs_substitute(gs_substitute: str | None) -> str | None:
    """The substitute separator to use, or None; a letter, digit or space would corrupt scans.

    Raises ValueError for a bad setting: that is a configuration error, not a bad scan, and the
    config loader should call this to name the bad key at start-up.
    """
    if not gs_substitute:
        return None
    if len(gs_substitute) != 1 or gs_substitute.isalnum() or gs_substitute in " \r\n\t":
        raise ValueError(
            f"gs_substitute must be one character, not a letter, digit, space or line end, "
            f"got {gs_substitute!r}"
        )
    return gs_substitute


def parse_scan(
    data: bytes | str,
    *,
    gs_substitute: str | None = None,
    max_length: int = DEFAULT_MAX_LENGTH,
) -> ScanResult:
    """Read one scanner frame (bytes as received, or text from a keyboard wedge).

    ``gs_substitute`` is the character a scanner was set to send in place of the GS separator
    (0x1D), e.g. ``|`` or ``~``, for keyboard wedges that drop GS. ``max_length`` bounds the
    text after trailing CR/LF are dropped. Only a bad ``gs_substitute`` raises (ValueError).
    """
    substitute = validate_gs_substitute(gs_substitute)
    try:
        return _parse(data, substitute, max_length)
    except Exception:
        log.exception("scan parser failed on %r", data[: max_length + 2])
        raw = data if isinstance(data, str) else data.decode("utf-8", errors="backslashreplace")
        return ScanError(ScanErrorCode.UNKNOWN_FORMAT, INTERNAL_ERROR_MESSAGE, raw=raw[:max_length])


def _parse(data: bytes | str, substitute: str | None, max_length: int) -> ScanResult:
    text = decode(data, max_length)
    if isinstance(text, ScanError):
        return text
    separators = (GS,) if substitute is None else (GS, substitute)
    body = clean(text, max_length, allowed="".join(separators))
    if isinstance(body, ScanError):
        return body
    aim = split_aim(body)
    if isinstance(aim, ScanError):
        return ScanError(aim.code, aim.message, raw=text)
    content = aim.content
    if not content.strip("".join(separators) + " "):
        what = f"the symbology identifier {aim.identifier}" if aim.identifier else "separators"
        return ScanError(ScanErrorCode.EMPTY, f"Only {what} arrived, no data.", raw=text)
    if aim.reading is Reading.GS1:
        if looks_like_url(content):
            return parse_digital_link(content, text, aim.name, separators)
        return parse_element_strings(content, text, aim.name, separators)
    if aim.reading is Reading.GTIN:
        return _read_gtin(aim, text)
    return _guess(content, text, aim.name, separators)


def _read_gtin(aim: Aim, raw: str) -> ScanResult:
    digits = aim.content
    # EAN/UPC with a 2- or 5-digit add-on (periodical issue, price): the add-on is not the item.
    if aim.identifier == "]E3" and len(digits) in (15, 18):
        digits = digits[:13]
    return parse_gtin(digits, raw, aim.name, upc_e_first=aim.identifier == "]E0")


def _guess(
    content: str, raw: str, symbology: str | None, separators: tuple[str, ...]
) -> ScanResult:
    """No GS1 identifier (none at all, or a plain symbology such as ``]Q1`` or ``]C0``)."""
    site = parse_site_code(content, raw)
    if site is not None:
        return site
    if looks_like_url(content):
        # The Digital Link gap: biip only tries a URL when no identifier or a GS1 one came first.
        return parse_digital_link(content, raw, symbology, separators)
    if is_digits(content):
        if len(content) in GTIN_LENGTHS:
            return parse_gtin(content, raw, symbology, upc_e_first=False)
        if len(content) == SSCC_LENGTH:
            return parse_sscc(content, raw)
    if content.startswith(separators + _ITEM_AIS):
        # GS1 element strings whose scanner sent no identifier: they must start with a key AI.
        return parse_element_strings(content, raw, symbology, separators)
    if is_digits(content):
        return ScanError(
            ScanErrorCode.UNKNOWN_FORMAT,
            f"{len(content)} digits is not a GTIN (8, 12, 13 or 14 digits) or an SSCC (18).",
            raw=raw,
        )
    shown = visible(content)
    if len(shown) > 32:
        shown = shown[:31] + "…"
    return ScanError(
        ScanErrorCode.UNKNOWN_FORMAT,
        f"Unknown code {shown!r}: not a product, pallet (SSCC), bin, tote, cart, order or badge.",
        raw=raw,
    )


_ITEM_AIS = ("00", "01", "02")
