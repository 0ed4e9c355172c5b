"""Kiosk mode: full screen, no window controls, and the window closes only for an admin PIN.

The shell's main window installs one :class:`KioskGuard` (``ctx.services["kiosk"]``). The guard
filters the window's close events: with kiosk mode on, Alt+F4, the window manager and
``close()`` are all refused until an active admin's PIN was entered in :meth:`request_exit`.
The PIN is checked against the station's replica of users, so it works offline too, and on
the guard's worker thread (scrypt takes tens of milliseconds): the GUI thread never waits.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app.admin.kiosk import exit_with_pin
from ui.admin.pin_dialog import PinDialog
from ui.context import StationContext
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class KioskGuard(QObject):
    exit_refused = Signal()
    exit_unlocked = Signal(int)  # id of the admin who unlocked

    def __init__(self, ctx: StationContext, window: QWidget) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._window = window
        self._unlocked = False
        self._runner: TaskRunner | None = None  # made at the first PIN, stopped at close
        self._dialog: PinDialog | None = None
        self._checking = False
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
        if watched is self._window and event.type() == QEvent.Type.Close:
            if self.enabled and not self._unlocked:
                event.ignore()
                self.exit_refused.emit()
                return True
            self.shutdown()  # the window closes: its PIN checks are over
        return False

    @property
    def checking(self) -> bool:
        """An admin PIN is being checked on the worker thread."""
        return self._checking

    def check_pin(self, pin: str) -> None:
        """Check ``pin`` off the GUI thread; the answer comes back to :meth:`_pin_checked`."""
        if self._checking:
            return
        if self._runner is None:
            self._runner = TaskRunner("admin-kiosk", self)
        self._checking = True
        check = functools.partial(exit_with_pin, self._ctx.core.uow, pin)
        self._runner.submit(check, self._pin_checked, self._pin_check_failed)

    def _pin_checked(self, admin_id: int | None) -> None:
        self._checking = False
        dialog = self._dialog
        if admin_id is None:
            self._ctx.feedback.fail(self.tr("Wrong PIN: only an admin can leave kiosk mode."))
            if dialog is not None:
                dialog.checked(False)
            return
        self._unlocked = True
        self.exit_unlocked.emit(admin_id)
        if dialog is not None:
            dialog.checked(True)  # accepted: the window closes

    def _pin_check_failed(self, error: BaseException) -> None:
        log.error("kiosk PIN check failed", exc_info=error)
        self._checking = False
        text = self.tr("The PIN could not be checked ({error}). Try again.").format(error=error)
        self._ctx.feedback.fail(text)
        if self._dialog is not None:
            self._dialog.check_failed(text)

    def request_exit(self) -> PinDialog | None:
        """Ask for an admin PIN, then close the window. Without kiosk mode, close at once."""
        if not self.enabled or self._unlocked:
            self._window.close()
            return None
        dialog = PinDialog(
            self.tr("Leave kiosk mode"),
            self.tr("Enter an admin PIN to close the station."),
            None,  # checked here, on the worker thread
            self._window,
        )
        dialog.pin_submitted.connect(self.check_pin)
        dialog.accepted.connect(self._window.close)
        dialog.finished.connect(self._dialog_finished)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _dialog_finished(self) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
        self._dialog = None

    def shutdown(self) -> None:
        """Stop the PIN check's worker thread (done when the window closes; safe twice)."""
        runner, self._runner = self._runner, None
        self._checking = False
        if runner is not None:
            runner.shutdown()
