"""Checks for screens in the real station window: does a page fit the window it gets?

Qt lays widgets over each other, or clips them, when a page gets less room than its minimum
size; nothing fails, the screen just looks broken. These helpers let a test say "every widget
is whole inside the page, none covers another, touch targets are 64 px".
"""

from __future__ import annotations

import threading
from dataclasses import replace
from itertools import combinations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QWidget

from app.bootstrap import StationCore

TOUCH_MIN_PX = 64


def in_language(core: StationCore, language: str = "en", **changes: object) -> StationCore:
    """The same station core with another config (the language first: tests compare text)."""
    config = replace(core.config, language=language, **changes)  # type: ignore[arg-type]
    return StationCore(config, core.engine, core.session_factory, core.data_dir)


def rect_in(widget: QWidget, page: QWidget) -> QRect:
    """``widget``'s rectangle in ``page``'s coordinates."""
    return QRect(widget.mapTo(page, widget.rect().topLeft()), widget.size())


def assert_fits(page: QWidget, widgets: list[QWidget]) -> None:
    """Every shown widget whole inside the page and at least its minimum size, none over
    another, buttons and drop-downs at least 64 px high."""
    shown = [w for w in widgets if w.isVisibleTo(page)]
    for widget in shown:
        assert widget.isVisible(), widget
        assert page.rect().contains(rect_in(widget, page)), (widget, rect_in(widget, page))
        assert widget.height() >= widget.minimumSizeHint().height(), widget
        assert widget.width() >= widget.minimumSizeHint().width(), widget
        if isinstance(widget, QAbstractButton) or widget.inherits("QComboBox"):
            assert widget.height() >= TOUCH_MIN_PX, (widget, widget.height())
    for a, b in combinations(shown, 2):
        assert not rect_in(a, page).intersects(rect_in(b, page)), (a, b)


def threads_left(*prefixes: str) -> list[str]:
    """Names of live threads that start with one of ``prefixes`` (a stopped station: none)."""
    return [t.name for t in threading.enumerate() if t.name.startswith(prefixes)]
