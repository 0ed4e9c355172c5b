"""Translated words for scanner health, types and scan fields (drivers speak English only).

Health reasons are translated by their code; the driver's English reason is kept as the
detail line, since it names the exact port and error an admin needs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from drivers.scanners.base import Health, HealthCode, HealthState
from ui import theme


def state_symbol(state: HealthState) -> str:
    return {
        HealthState.CONNECTED: theme.SYMBOL_OK,
        HealthState.RECONNECTING: "⟳",
        HealthState.ERROR: theme.SYMBOL_FAIL,
        HealthState.STOPPED: "■",
    }[state]


def state_colour(state: HealthState) -> str:
    return {
        HealthState.CONNECTED: theme.OK,
        HealthState.RECONNECTING: theme.WARN,
        HealthState.ERROR: theme.FAIL,
        HealthState.STOPPED: theme.INK_MUTED,
    }[state]


def state_word(state: HealthState) -> str:
    return {
        HealthState.CONNECTED: QCoreApplication.translate("ScannerTexts", "Connected"),
        HealthState.RECONNECTING: QCoreApplication.translate("ScannerTexts", "Reconnecting"),
        HealthState.ERROR: QCoreApplication.translate("ScannerTexts", "Error"),
        HealthState.STOPPED: QCoreApplication.translate("ScannerTexts", "Stopped"),
    }[state]


def reason_text(health: Health) -> str:
    """What the state means for the admin, in their language ("" when the word says it all)."""
    texts = {
        HealthCode.WAITING_FOR_DEVICE: QCoreApplication.translate(
            "ScannerTexts", "Waiting for the scanner to be plugged in"
        ),
        HealthCode.UNPLUGGED: QCoreApplication.translate(
            "ScannerTexts", "Unplugged: it is used again as soon as it is back"
        ),
        HealthCode.PERMISSION_DENIED: QCoreApplication.translate(
            "ScannerTexts",
            "No permission to open it: add the station user to the 'dialout' group (serial) "
            "or the 'input' group (evdev)",
        ),
        HealthCode.BUSY: QCoreApplication.translate(
            "ScannerTexts", "Another program is using it: close that program"
        ),
        HealthCode.UNAVAILABLE: QCoreApplication.translate(
            "ScannerTexts", "This kind of scanner cannot run on this computer"
        ),
        HealthCode.BAD_SETTINGS: QCoreApplication.translate(
            "ScannerTexts", "These settings cannot work: edit the scanner"
        ),
        HealthCode.FAILED: QCoreApplication.translate("ScannerTexts", "It cannot be opened"),
    }
    if health.code in texts:
        return texts[health.code]
    if health.state is HealthState.STOPPED and health.reason == "disabled":
        return QCoreApplication.translate("ScannerTexts", "Switched off in its settings")
    return ""


def type_name(kind: str) -> str:
    return {
        "serial": QCoreApplication.translate("ScannerTexts", "Serial (RS-232 or USB serial)"),
        "wedge": QCoreApplication.translate("ScannerTexts", "Keyboard wedge (USB keyboard mode)"),
        "evdev": QCoreApplication.translate("ScannerTexts", "Input device (Linux evdev, grabbed)"),
        "simulated": QCoreApplication.translate("ScannerTexts", "Simulated (no hardware)"),
    }.get(kind, kind)


def kind_name(kind: str) -> str:
    """A parsed scan's kind (``app.scan.kind_of``) as a short title."""
    return {
        "product": QCoreApplication.translate("ScannerTexts", "Product"),
        "sscc": QCoreApplication.translate("ScannerTexts", "Shipping label (SSCC)"),
        "location": QCoreApplication.translate("ScannerTexts", "Bin"),
        "tote": QCoreApplication.translate("ScannerTexts", "Tote"),
        "cart": QCoreApplication.translate("ScannerTexts", "Cart"),
        "order": QCoreApplication.translate("ScannerTexts", "Order"),
        "badge": QCoreApplication.translate("ScannerTexts", "Badge"),
        "error": QCoreApplication.translate("ScannerTexts", "Not accepted"),
    }.get(kind, kind)


def field_name(key: str) -> str:
    return {
        "gtin": QCoreApplication.translate("ScannerTexts", "GTIN"),
        "lot": QCoreApplication.translate("ScannerTexts", "Lot"),
        "expiry": QCoreApplication.translate("ScannerTexts", "Expiry"),
        "serial": QCoreApplication.translate("ScannerTexts", "Serial number"),
        "count": QCoreApplication.translate("ScannerTexts", "Count"),
        "net_weight_kg": QCoreApplication.translate("ScannerTexts", "Net weight (kg)"),
        "symbology": QCoreApplication.translate("ScannerTexts", "Symbology"),
        "warnings": QCoreApplication.translate("ScannerTexts", "Warnings"),
        "sscc": QCoreApplication.translate("ScannerTexts", "SSCC"),
        "code": QCoreApplication.translate("ScannerTexts", "Code"),
        "zone": QCoreApplication.translate("ScannerTexts", "Zone"),
        "aisle": QCoreApplication.translate("ScannerTexts", "Aisle"),
        "bay": QCoreApplication.translate("ScannerTexts", "Bay"),
        "level": QCoreApplication.translate("ScannerTexts", "Level"),
        "slot": QCoreApplication.translate("ScannerTexts", "Slot"),
        "number": QCoreApplication.translate("ScannerTexts", "Number"),
        "message": QCoreApplication.translate("ScannerTexts", "Reason"),
    }.get(key, key)


def frame_error_text(code: str | None) -> str:
    """What was wrong with a frame the driver refused, and what to do."""
    return {
        "oversized": QCoreApplication.translate(
            "ScannerTexts",
            "Far too long: the scanner's terminator setting does not match (CR, LF or CRLF).",
        ),
        "invalid_utf8": QCoreApplication.translate(
            "ScannerTexts", "Not text: check the baud rate and parity of the scanner."
        ),
        "control_characters": QCoreApplication.translate(
            "ScannerTexts",
            "Line noise (control bytes): check the baud rate and the cable, then scan again.",
        ),
        "incomplete": QCoreApplication.translate(
            "ScannerTexts",
            "Cut off: no terminator came. Check the terminator setting, then scan again.",
        ),
    }.get(
        code or "",
        QCoreApplication.translate(
            "ScannerTexts", "Unreadable: check the scanner's settings, then scan again."
        ),
    )
