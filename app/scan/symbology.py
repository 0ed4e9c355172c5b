"""AIM symbology identifiers (ISO/IEC 15424): the ``]C1`` a scanner may put before the data.

The identifier says how to read the rest: GS1 element strings, a GTIN, or plain text. biip
recognises the identifier; this module only decides which of our readers gets the content.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from biip import ParseError
from biip.symbology import GS1Symbology, SymbologyIdentifier

from app.scan.types import ScanError, ScanErrorCode


class Reading(enum.Enum):
    """How the content after the identifier is to be read."""

    ANY = "any"  # no identifier: guess from the content
    GS1 = "gs1"  # GS1 element strings (or a Digital Link URI in 2D symbols)
    GTIN = "gtin"  # EAN/UPC/ITF-14: a bare GTIN
    PLAIN = "plain"  # a non-GS1 symbology: site codes or a Digital Link URI, like ANY


_GS1_MESSAGE = {s.value for s in GS1Symbology.with_gs1_messages()} | {"e1", "e2"}
_GTIN = {s.value for s in GS1Symbology.with_gtin()}

_NAMES = {
    "C0": "Code 128",
    "C1": "GS1-128",
    "E0": "EAN/UPC",
    "E3": "EAN/UPC with add-on",
    "E4": "EAN-8",
    "I1": "ITF-14",
    "e0": "GS1 DataBar",
    "e1": "GS1 Composite",
    "e2": "GS1 Composite",
    "d1": "Data Matrix",
    "d2": "GS1 DataMatrix",
    "Q1": "QR Code",
    "Q3": "GS1 QR Code",
    "J1": "GS1 DotCode",
    "A0": "Code 39",
}


@dataclass(frozen=True)
class Aim:
    identifier: str | None  # e.g. "]C1"
    name: str | None  # e.g. "GS1-128"
    reading: Reading
    content: str  # the data after the identifier


def split_aim(text: str) -> Aim | ScanError:
    """Take the identifier off ``text``; an unknown ``]..`` prefix is an error, not data."""
    if not text.startswith("]"):
        return Aim(None, None, Reading.ANY, text)
    try:
        sid = SymbologyIdentifier.extract(text)
    except (ParseError, ValueError, IndexError):
        return ScanError(
            ScanErrorCode.UNKNOWN_FORMAT,
            f"Unknown symbology identifier {text[:3]!r} at the start of the scan.",
            raw=text,
        )
    key = sid.value[1:]
    content = text[len(sid.value) :]
    name = _NAMES.get(key) or sid.iso_symbology.name.replace("_", " ").title()
    if key in _GS1_MESSAGE:
        reading = Reading.GS1
    elif key in _GTIN:
        reading = Reading.GTIN
    else:
        reading = Reading.PLAIN
    return Aim(sid.value, name, reading, content)
