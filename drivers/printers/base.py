"""The printer interface: send one document, report health. CUPS, raw TCP 9100, PDF folder.

Drivers are plain blocking code with timeouts; the print worker calls them on its own thread,
never the GUI thread. A failure raises :class:`PrintError` with a reason a packer can act on
("connection refused by 10.0.0.5:9100"), and the worker retries later.
"""

from __future__ import annotations

from typing import Protocol

from drivers.scanners.base import Health, HealthState

__all__ = ["Health", "HealthState", "PrintError", "PrinterDriver"]


class PrintError(Exception):
    """The document did not reach the printer; ``reason`` is shown on screen as it is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PrinterDriver(Protocol):
    name: str

    def send(self, document: bytes, title: str) -> str:
        """Deliver ``document`` (a PDF); return the printer's reference for it, if any.

        Raises :class:`PrintError` when it was not delivered.
        """
        ...

    def check(self) -> Health:
        """Probe the printer now (blocking, bounded by a timeout)."""
        ...
