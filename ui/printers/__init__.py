"""Printers area: the print queue's Qt side (a background part) and Admin → Printers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.printers.page import PrintersPage

__all__ = ["PrintersPage"]


def __getattr__(name: str) -> Any:
    # The Admin tab imports ``ui.printers:PrintersPage``; load the page only then.
    if name == "PrintersPage":
        from ui.printers.page import PrintersPage

        return PrintersPage
    raise AttributeError(name)
