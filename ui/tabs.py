"""Which screen fills each tab, imported only when the tab is first opened.

A screen is ``Class(ctx: StationContext, parent: QWidget | None = None)``, a ``QWidget``. It
may also have:

- ``handle_scan(raw: RawScan) -> None``: the shell routes every scan to the visible screen only
  (and to nobody else), so a screen never needs to check whether it is the one showing;
- ``activate()`` / ``deactivate()``: called when its tab is shown or left (start or stop a
  timer, take focus);
- ``shutdown()``: called once before the screen is deleted (logout, idle logout, the station
  closing): stop and join anything it started (threads, timers, pending requests).

Screens are created after a login (for that user, in that user's language) and deleted at the
logout, so they never show the last user's work. A tab whose module does not exist yet shows a
plain "not built yet" page; a screen that raises while being built shows what went wrong,
instead of taking the whole station down.
"""

from __future__ import annotations

import importlib
import logging
from typing import Protocol, cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui import theme
from ui.context import StationContext

log = logging.getLogger(__name__)

# tab id -> "module:Class". Add a tab here and to app.services.session.TABS_BY_ROLE.
SCREENS: dict[str, str] = {
    "pick": "ui.pick.screen:PickScreen",
    "pack": "ui.pack.screen:PackScreen",
    "dashboard": "ui.dashboard.screen:DashboardScreen",
    "admin": "ui.admin.screen:AdminScreen",
}


def tab_title(tab_id: str) -> str:
    titles = {
        "pick": QCoreApplication.translate("Tabs", "Pick"),
        "pack": QCoreApplication.translate("Tabs", "Pack"),
        "dashboard": QCoreApplication.translate("Tabs", "Dashboard"),
        "admin": QCoreApplication.translate("Tabs", "Admin"),
    }
    return titles.get(tab_id, tab_id)


class ScreenClass(Protocol):
    def __call__(self, ctx: StationContext, parent: QWidget | None = None) -> QWidget: ...


def screen_class(tab_id: str) -> ScreenClass | None:
    """The screen class of a tab, or None while its module has not been written."""
    module_name, _, class_name = SCREENS[tab_id].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        # Only the screen's own module (or its package) missing means "not built yet"; a
        # missing library inside a screen that exists is a real error and must show.
        if exc.name == module_name or module_name.startswith(f"{exc.name}."):
            return None
        raise
    return cast(ScreenClass, getattr(module, class_name))


class MessagePage(QWidget):
    """A plain page with a title and a sentence, for tabs that cannot show their screen."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        self.title = QLabel(title, self)
        theme.set_role(self.title, "title")
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addStretch(1)


def build_screen(tab_id: str, ctx: StationContext, parent: QWidget | None = None) -> QWidget:
    """The tab's screen; a "not built yet" or "failed" page when it cannot be made."""
    title = tab_title(tab_id)
    try:
        cls = screen_class(tab_id)
        if cls is not None:
            # Made without a parent and adopted only when whole: a constructor that raises
            # half-way leaves no half-built widget behind to receive events.
            screen = cls(ctx, None)
            if parent is not None:
                screen.setParent(parent)
            return screen
    except Exception as exc:
        log.exception("the %s screen failed to start", tab_id)
        return MessagePage(
            title,
            QCoreApplication.translate("Tabs", "This screen failed to start: {error}").format(
                error=f"{type(exc).__name__}: {exc}"
            ),
            parent,
        )
    return MessagePage(
        title, QCoreApplication.translate("Tabs", "This screen is not built yet."), parent
    )
