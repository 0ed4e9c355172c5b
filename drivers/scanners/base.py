"""The scanner driver interface: raw scans out through a callback, a lifecycle, a health state.

Every driver owns exactly one thread (or uses Qt's own async I/O) and calls ``on_scan`` and
``on_health`` from it; the UI adapts those callbacks to Qt signals. Drivers never block the
GUI thread and never open dialogs.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class RawScan:
    """One frame from a scanner, before any parsing.

    ``data`` is exactly what the scanner sent, minus the configured terminator and prefix or
    suffix; ``aim`` is the AIM symbology identifier (``]C1``, ``]Q3``, ...) when the frame
    started with one (it is kept in ``data`` too, so the parser sees the whole frame).
    ``error`` is set for a frame the driver could not take (oversized, bad bytes, framing noise):
    the raw bytes are still here so the admin can see them; ``error_code`` names the kind of
    fault (a :class:`FrameError` value) so the UI can translate it and scripts can test it.
    A configured GS substitute character has already been turned back into GS (0x1D) in
    ``data``, so every screen parses it right without knowing each scanner's settings.
    """

    data: bytes
    timestamp: float  # time.monotonic() when the last byte arrived
    source: str  # the scanner's configured name
    aim: str | None = None
    error: str | None = None
    error_code: str | None = None  # a FrameError value when error is set


class FrameError(enum.StrEnum):
    """Why a driver refused a frame (``RawScan.error_code``)."""

    OVERSIZED = "oversized"  # longer than any barcode we take; the rest up to a terminator dropped
    INVALID_UTF8 = "invalid_utf8"  # bytes that are not UTF-8 text (often a wrong baud rate)
    CONTROL_CHARACTERS = "control_characters"  # control bytes other than GS/RS/EOT (line noise)
    INCOMPLETE = "incomplete"  # bytes without a terminator, then silence or an unplug


class HealthState(enum.StrEnum):
    STOPPED = "stopped"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    ERROR = "error"


class HealthCode(enum.StrEnum):
    """What the reason is about, so the UI can translate it (``reason`` stays English)."""

    NONE = ""
    WAITING_FOR_DEVICE = "waiting_for_device"  # the port or device node is not there (yet)
    UNPLUGGED = "unplugged"  # it was there and went away: polling to reopen it
    PERMISSION_DENIED = "permission_denied"  # the station user may not open it
    BUSY = "busy"  # another program holds it
    UNAVAILABLE = "unavailable"  # this kind of scanner cannot run here (e.g. evdev off Linux)
    BAD_SETTINGS = "bad_settings"  # the configuration cannot work (unknown type, no port...)
    FAILED = "failed"  # anything else; the reason has the details


@dataclass(frozen=True)
class Health:
    state: HealthState
    reason: str = ""
    code: HealthCode = HealthCode.NONE


ScanCallback = Callable[[RawScan], None]
HealthCallback = Callable[[Health], None]


class ScannerDriver(Protocol):
    """What the station needs of any scanner, real or simulated."""

    name: str

    def start(self, on_scan: ScanCallback, on_health: HealthCallback) -> None: ...

    def stop(self) -> None:
        """Stop and join the owning thread; safe to call twice."""
        ...

    @property
    def health(self) -> Health: ...
