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
    the raw bytes are still here so the admin can see them.
    """

    data: bytes
    timestamp: float  # time.monotonic() when the last byte arrived
    source: str  # the scanner's configured name
    aim: str | None = None
    error: str | None = None


class HealthState(enum.StrEnum):
    STOPPED = "stopped"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    ERROR = "error"


@dataclass(frozen=True)
class Health:
    state: HealthState
    reason: str = ""


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
