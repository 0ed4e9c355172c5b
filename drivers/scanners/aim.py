"""AIM symbology identifiers (ISO/IEC 15424) as they arrive from a scanner: ``]`` + code + modifier.

Drivers only spot the identifier so the admin screen can show it next to the raw bytes; the
scan parser (``app.scan``) decides what it means for the data. Kept free of biip so the driver
layer stays small and the CLI starts fast.
"""

from __future__ import annotations

import re

_AIM = re.compile(rb"\]([A-Za-z])([0-9A-Za-z])")

# The common ones on a warehouse floor; the code letter alone names the symbology family.
_FAMILIES = {
    "A": "Code 39",
    "C": "Code 128",
    "d": "Data Matrix",
    "E": "EAN/UPC",
    "e": "GS1 DataBar",
    "F": "Codabar",
    "G": "Code 93",
    "I": "Interleaved 2 of 5",
    "J": "DotCode",
    "L": "PDF417",
    "Q": "QR Code",
    "z": "Aztec",
    "X": "Other",
}
_EXACT = {
    "C1": "GS1-128",
    "d2": "GS1 DataMatrix",
    "Q3": "GS1 QR Code",
    "E4": "EAN-8",
    "e0": "GS1 DataBar",
    "J1": "GS1 DotCode",
}


def detect_aim(data: bytes) -> str | None:
    """The identifier at the start of ``data`` (``"]C1"``), or None when there is none."""
    match = _AIM.match(data)
    return match.group(0).decode("ascii") if match else None


def symbology_name(aim: str | None) -> str | None:
    """A human name for an identifier (``"]C1"`` → ``"GS1-128"``); None when unknown."""
    if not aim or len(aim) != 3:
        return None
    return _EXACT.get(aim[1:]) or _FAMILIES.get(aim[1])
