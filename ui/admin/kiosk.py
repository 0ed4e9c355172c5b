"""Kiosk mode: full screen, no window controls, and the window closes only for an admin PIN.

The shell's main window installs one :class:`KioskGuard` (``ctx.services["kiosk"]``). The guard
filters the window's close events: with kiosk mode on, Alt+F4, the window manager and
``close()`` are all refused until an active admin's PIN was entered in :meth:`request_exit`.
The PIN is checked against the station's replica of users, so it works offline too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app.admin.kiosk import admin_pin_matches
from ui.admin.pin_dialog import PinDialog
from ui.context import StationContext


class KioskGuard(QObject):
    exit_refused = Signal()
    exit_unlocked = Signal(int)  # id of the admin who unlocked

    def __init__(self, ctx: StationContext, window: QWidget) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._window = window
        self._unlocked = False
        self.enabled = False
        window.installEventFilter(self)

    def apply(self, enabled: bool) -> None:
        """Turn kiosk mode on or off for the window (changing flags re-shows the window)."""
        self.enabled = enabled
        self._unlocked = False
        flags = self._window.windowFlags()
        kiosk_flags = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        self._window.setWindowFlags(flags | kiosk_flags if enabled else flags & ~kiosk_flags)
        if enabled:
            self._window.showFullScreen()
        elif self._window.isVisible() or self._window.isFullScreen():
            self._window.showNormal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._window
            and event.type() == QEvent.Type.Close
            and self.enabled
            and not self._unlocked
        ):
            event.ignore()
            self.exit_refused.emit()
            return True
        return False

    def check_pin(self, pin: str) -> bool:
        admin_id = admin_pin_matches(self._ctx.core.uow, pin)
        if admin_id is None:
            self._ctx.feedback.fail(self.tr("Wrong PIN: only an admin can leave kiosk mode."))
            return False
        with self._ctx.core.uow() as uow:
            uow.audit("kiosk.exit", user_id=admin_id, entity="station", entity_id=uow.station_id)
            uow.commit()
        self._unlocked = True
        self.exit_unlocked.emit(admin_id)
        return True

    def request_exit(self) -> PinDialog | None:
        """Ask for an admin PIN, then close the window. Without kiosk mode, close at once."""
        if not self.enabled or self._unlocked:
            self._window.close()
            return None
        dialog = PinDialog(
            self.tr("Leave kiosk mode"),
            self.tr("Enter an admin PIN to close the station."),
            self.check_pin,
            self._window,
        )
        dialog.accepted.connect(self._window.close)
        dialog.open()
        return dialog
