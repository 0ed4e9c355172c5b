"""GS1 element strings and GS1 Digital Link URIs, read with biip, turned into our scan types.

biip does the parsing (AI table, patterns, dates with day 00 = last day of the month, decimals).
This module adds what the floor needs on top: the scan kind (SSCC beats GTIN: a logistic label
names the pallet), errors a picker can act on, and a warning when a lost GS separator may have
let a lot or serial swallow the fields after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from biip import ParseConfig, ParseError
from biip.gs1_application_identifiers import GS1ApplicationIdentifier
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gs1_element_strings import GS1ElementString
from biip.gs1_messages import GS1Message

from app.scan.gtin import check_digit_error, is_digits
from app.scan.text import visible
from app.scan.types import (
    ProductScan,
    Scan,
    ScanError,
    ScanErrorCode,
    ScanWarning,
    SsccScan,
)

_LABELS = {
    "00": "SSCC",
    "01": "GTIN",
    "02": "contained GTIN",
    "10": "lot",
    "11": "production date",
    "13": "packaging date",
    "15": "best-before date",
    "16": "sell-by date",
    "17": "expiry date",
    "21": "serial",
    "30": "count",
    "37": "count",
}
_DATE_AIS = frozenset({"11", "12", "13", "15", "16", "17"})
# AIs that commonly follow a lot or serial on a product label: a lot that contains one of them
# followed by a valid value may have swallowed it when the GS separator was lost.
_FOLLOWERS = ("00", "01", "02", "10", "11", "13", "15", "17", "21", "30", "37", "310")
# A primary key segment in a URL path: the mark of an attempted Digital Link.
_DIGITAL_LINK_KEY = re.compile(r"/(?:00|01|02|253|255|401|402|414|417|8003|8004|8006|8010)/")


@lru_cache(maxsize=16)
def config_for(separators: tuple[str, ...]) -> ParseConfig:
    return ParseConfig(separator_chars=separators)


@lru_cache(maxsize=16)
def _drop(chars: tuple[str, ...]) -> dict[int, None]:
    return dict.fromkeys(map(ord, chars))


def label(ai: str) -> str:
    return _LABELS.get(ai, "field")


def parse_element_strings(
    body: str, raw: str, symbology: str | None, separators: tuple[str, ...]
) -> Scan | ScanError:
    """A scan from GS1 element strings (``01095060001343521726053110ABC``...)."""
    # A leading GS is how some scanners send the FNC1 that marks GS1 data.
    body = body.lstrip("".join(separators))
    if not body.isascii() and not body.translate(_drop(separators)).isascii():
        return _not_ascii("GS1 data", body.translate(_drop(separators)), raw)
    config = config_for(separators)
    try:
        message = GS1Message.parse(body, config=config)
    except (ParseError, ValueError):
        return _diagnose(body, raw, config)
    elements = list(message.element_strings)
    if not elements:
        return ScanError(ScanErrorCode.EMPTY, "The GS1 barcode holds no data.", raw=raw)
    warnings: tuple[ScanWarning, ...] = ()
    if not any(sep in body for sep in separators) and _may_have_lost_separator(elements, config):
        warnings = (ScanWarning.POSSIBLE_LOST_SEPARATOR,)
    return from_elements(elements, raw, symbology, warnings)


def looks_like_url(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://"))


def parse_digital_link(
    url: str, raw: str, symbology: str | None, separators: tuple[str, ...]
) -> Scan | ScanError:
    """A scan from a GS1 Digital Link URI (``https://id.gs1.org/01/09506000134352/10/ABC``)."""
    if not url.isascii():
        if _DIGITAL_LINK_KEY.search(url):
            return _not_ascii("A GS1 Digital Link", url, raw)
        return _not_digital_link(url, raw)
    try:
        link = GS1DigitalLinkURI.parse(url, config=config_for(separators))
    except (ParseError, ValueError) as exc:
        if _DIGITAL_LINK_KEY.search(url):
            return ScanError(
                ScanErrorCode.INVALID_GS1, f"GS1 Digital Link is not valid: {exc}", raw=raw
            )
        return _not_digital_link(url, raw)
    return from_elements(list(link.element_strings), raw, symbology, ())


def _not_digital_link(url: str, raw: str) -> ScanError:
    return ScanError(
        ScanErrorCode.UNKNOWN_FORMAT,
        f"Web address {_short(url)!r} is not a GS1 Digital Link.",
        raw=raw,
    )


def _not_ascii(what: str, text: str, raw: str) -> ScanError:
    pos, ch = next((i, c) for i, c in enumerate(text) if not c.isascii())
    return ScanError(
        ScanErrorCode.INVALID_GS1,
        f"{what} may hold only ASCII characters, found {ch!r} at position {pos + 1}.",
        raw=raw,
    )


def from_elements(
    elements: Sequence[GS1ElementString],
    raw: str,
    symbology: str | None,
    warnings: tuple[ScanWarning, ...],
) -> Scan | ScanError:
    by_ai: dict[str, GS1ElementString] = {}
    for el in elements:
        ai = el.ai.ai
        first = by_ai.setdefault(ai, el)
        if first.value != el.value:
            return ScanError(
                ScanErrorCode.INVALID_GS1,
                f"GS1 data has two different {label(ai)} values: {first.value!r} and {el.value!r}.",
                raw=raw,
            )
        if el.gtin_error or el.sscc_error:
            kind = "SSCC" if ai == "00" else "GTIN"
            bad = check_digit_error(kind, el.value, raw) if is_digits(el.value) else None
            return bad or ScanError(
                ScanErrorCode.INVALID_GS1, f"GS1 {label(ai)} {el.value!r} is not valid.", raw=raw
            )
    sscc = by_ai.get("00")
    if sscc is not None:
        return SsccScan(sscc=sscc.value, raw=raw)
    item = by_ai.get("01") or by_ai.get("02")
    if item is None or item.gtin is None:
        found = " ".join(f"({ai})" for ai in by_ai)
        return ScanError(
            ScanErrorCode.UNKNOWN_FORMAT,
            f"This GS1 barcode has no GTIN or SSCC (it holds {found}); "
            "scan the product or pallet barcode.",
            raw=raw,
        )
    count = 1
    for ai in ("37", "30"):
        if ai in by_ai:
            count = int(by_ai[ai].value)
            if count < 1:
                return ScanError(
                    ScanErrorCode.INVALID_GS1,
                    f"GS1 count ({ai}) must be at least 1, got {by_ai[ai].value}.",
                    raw=raw,
                )
            break
    weight = next(
        (float(el.decimal) for el in elements if el.ai.ai[:3] == "310" and el.decimal), None
    )
    expiry = by_ai.get("17")
    lot = by_ai.get("10")
    serial = by_ai.get("21")
    return ProductScan(
        gtin=item.gtin.as_gtin_14(),
        lot=lot.value if lot else None,
        expiry=expiry.date if expiry else None,
        serial=serial.value if serial else None,
        count=count,
        net_weight_kg=weight,
        raw=raw,
        symbology=symbology,
        warnings=warnings,
    )


def _may_have_lost_separator(elements: list[GS1ElementString], config: ParseConfig) -> bool:
    """Whether a variable-length value ends in text that reads as further, new GS1 fields.

    Called only when the data has no separator at all. It cannot be sure: a lot ``L2107`` may
    be just that, or lot ``L`` followed by serial ``07``. So it warns, and never refuses.
    """
    for i, el in enumerate(elements):
        if not el.ai.separator_required:
            continue
        seen = {e.ai.ai for e in elements[: i + 1]}
        after = "".join(e.ai.ai + e.value for e in elements[i + 1 :])
        value = el.value
        for k in range(1, len(value) - 2):
            if not value.startswith(_FOLLOWERS, k):
                continue
            try:
                tail = GS1Message.parse(value[k:] + after, config=config).element_strings
            except (ParseError, ValueError):
                continue
            head = tail[0]
            if head.ai.ai not in seen and not (head.gtin_error or head.sscc_error):
                return True
    return False


def _diagnose(body: str, raw: str, config: ParseConfig) -> ScanError:
    """Walk the element strings again to say which field is wrong and how."""
    separators = tuple(config.separator_chars)
    rest = body
    while rest:
        try:
            ai = GS1ApplicationIdentifier.extract(rest)
        except ParseError:
            where = "" if rest == body else " after the last good field"
            return ScanError(
                ScanErrorCode.INVALID_GS1,
                f"GS1 data has no known application identifier at {_short(rest)!r}{where}.",
                raw=raw,
            )
        try:
            element = GS1ElementString.extract(rest, config=config)
        except (ParseError, ValueError):
            field = rest
            for sep in separators:
                field = field.split(sep, 1)[0]
            data = field[len(ai.ai) :]
            if ai.ai in _DATE_AIS and len(data) >= 6 and is_digits(data[:6]):
                return ScanError(
                    ScanErrorCode.INVALID_GS1,
                    f"GS1 {label(ai.ai)} ({ai.ai}) {data[:6]} is not a real date (YYMMDD).",
                    raw=raw,
                )
            return ScanError(
                ScanErrorCode.INVALID_GS1,
                f"GS1 {label(ai.ai)} ({ai.ai}) should be {_describe_format(ai.format)}, "
                f"got {_short(data)!r}.",
                raw=raw,
            )
        rest = rest[len(element) :].lstrip("".join(separators))
    return ScanError(ScanErrorCode.INVALID_GS1, "GS1 data could not be read.", raw=raw)


def _describe_format(fmt: str) -> str:
    """``N2+X..20`` → ``up to 20 characters``: the data part of a GS1 AI format, in words."""
    parts = []
    for token in fmt.split("+")[1:]:
        m = re.fullmatch(r"([NX])(\.\.)?(\d+)", token)
        if m is None:
            parts.append(token)
            continue
        unit = "digits" if m[1] == "N" else "characters"
        parts.append(f"{'up to ' if m[2] else ''}{m[3]} {unit}")
    return " then ".join(parts) or fmt


def _short(text: str, limit: int = 24) -> str:
    shown = visible(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
