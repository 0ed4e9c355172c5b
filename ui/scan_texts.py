"""Translated words for scan results, shared by every screen that tells a user what they scanned.

The parser's messages are English for logs; screens show these instead, chosen by code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from drivers.scanners.base import RawScan

if TYPE_CHECKING:  # app.scan loads biip (~80 ms): imported on first use, not at start-up
    from app.scan import ScanError, ScanResult

MAX_SHOWN = 40  # characters of a bad scan echoed back to the user


def kind_text(result: ScanResult) -> str:
    """``a product barcode``, ``a bin label``..., to finish "That was ___"."""
    from app.scan import kind_of

    texts = {
        "product": QCoreApplication.translate("ScanTexts", "a product barcode"),
        "sscc": QCoreApplication.translate("ScanTexts", "a shipping label (SSCC)"),
        "location": QCoreApplication.translate("ScanTexts", "a bin label"),
        "tote": QCoreApplication.translate("ScanTexts", "a tote label"),
        "cart": QCoreApplication.translate("ScanTexts", "a cart label"),
        "order": QCoreApplication.translate("ScanTexts", "an order number"),
        "badge": QCoreApplication.translate("ScanTexts", "a badge"),
        "error": QCoreApplication.translate("ScanTexts", "not a barcode we know"),
    }
    return texts[kind_of(result)]


def shown(raw: str) -> str:
    """The scanned text as the user may see it: control characters named, long text cut."""
    from app.scan import visible

    text = visible(raw)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


# Error code value -> source text; marked for lupdate here, translated when shown.
_ERROR_TEXTS = {
    "empty": QT_TRANSLATE_NOOP("ScanTexts", "The scan was empty. Scan again."),
    "oversized": QT_TRANSLATE_NOOP(
        "ScanTexts", "The scan was far too long to be one of our barcodes."
    ),
    "control_characters": QT_TRANSLATE_NOOP(
        "ScanTexts",
        "The scan had stray control characters. Scan again; if it keeps happening, "
        "check the scanner's settings.",
    ),
    "bad_check_digit": QT_TRANSLATE_NOOP(
        "ScanTexts",
        "The barcode's check digit is wrong: it was misread or mis-printed. Scan again.",
    ),
    "unknown_format": QT_TRANSLATE_NOOP("ScanTexts", "This barcode is not one we use: {raw}"),
    "invalid_gs1": QT_TRANSLATE_NOOP(
        "ScanTexts", "This GS1 barcode has a field that makes no sense."
    ),
    "invalid_encoding": QT_TRANSLATE_NOOP(
        "ScanTexts",
        "The scan is not readable text; check the scanner's keyboard or code page setting.",
    ),
}


def scan_error_text(error: ScanError) -> str:
    """The translated reason; in English the parser's own, more specific message."""
    marked = _ERROR_TEXTS.get(str(error.code))
    if marked is None:
        return error.message
    source = str(marked)  # QT_TRANSLATE_NOOP returns its text unchanged
    text = QCoreApplication.translate("ScanTexts", source)
    if text == source:  # no translation loaded: English
        return error.message
    return text.format(raw=shown(error.raw))


def frame_error_text(raw: RawScan) -> str:
    """A frame the scanner driver itself refused (noise, cut off, not text)."""
    return QCoreApplication.translate(
        "ScanTexts", "The scanner sent something unreadable ({reason}). Scan again."
    ).format(reason=raw.error_code or raw.error or "?")
