"""Admin → Scanners: the scanner list with live health, the editor and the test-scan panel.

``ScannersPage`` is loaded on first use (the Admin tab imports ``ui.scanners:ScannersPage``);
the station's background part that runs the scanners is :mod:`ui.scanners.part`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.scanners.page import ScannersPage

__all__ = ["ScannersPage"]


def __getattr__(name: str) -> Any:
    if name == "ScannersPage":
        from ui.scanners.page import ScannersPage

        return ScannersPage
    raise AttributeError(name)
