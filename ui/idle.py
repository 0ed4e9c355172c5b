"""Log out a user who walked away: no touch, key or scan for ``idle_logout_seconds``.

A shared station left logged in lets the next person work under someone else's name. An
application-wide event filter sees every press (touch, mouse, key) and restarts the timer;
the shell also calls :meth:`IdleWatcher.poke` for each scan.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleWatcher(QObject):
    timed_out = Signal()

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seconds = seconds
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.timed_out)
        self._filtering = False

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Start watching (after a login); a no-op when idle logout is off (0 seconds)."""
        if self.seconds <= 0:
            return
        app = QApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True
        self._timer.start(self.seconds * 1000)

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
            self._filtering = False

    def poke(self) -> None:
        """Someone did something: start the count again."""
        if self._timer.isActive():
            self._timer.start(self.seconds * 1000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.poke()
        return False
