"""Keyboard-wedge scanners: telling a scanner's key burst from a person typing, in any widget.

A USB HID scanner in keyboard mode types its barcode into whatever has focus, about 7-16 ms a
key, then presses Enter (or Tab). People type far slower. An application-wide event filter
holds each key press that could start a burst; while keys keep coming faster than
``max_key_interval_ms`` it keeps holding them; when the suffix key arrives with at least
``min_length`` characters held, the burst is a scan: it is delivered as a :class:`RawScan` and
none of its keys reach the widget. Anything else (a slow key, a non-text key, too few
characters) releases the held keys to the widget they were meant for, in order, so typing is
untouched apart from a delay of one key interval.

Qt shows an application filter each key twice (once for the QWindow, once for the focused
widget) and again for each parent when a widget ignores it: the filter only acts on the copy
addressed to the focus widget. When the key event says CapsLock is on, letter case comes from
the Shift modifier, not the text, so the station's CapsLock cannot turn ``ABc`` into ``abC``.
GS (0x1D) arrives as Ctrl+] or as a configured substitute character. Timing uses the window
system's key timestamps where there are any, so keys queued behind a busy GUI thread are not
mistaken for a burst.

There is no thread: the filter runs on the GUI thread inside Qt's event loop, and scans are
handed on from a zero-delay timer, outside the filter.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from drivers.scanners.base import (
    Health,
    HealthCallback,
    HealthCode,
    HealthState,
    RawScan,
    ScanCallback,
)
from drivers.scanners.framing import Frame, FrameSettings, build_scan

SUFFIX_KEYS = {
    "enter": frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter}),
    "tab": frozenset({Qt.Key.Key_Tab}),
    "none": frozenset(),
}
MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)
GS = "\x1d"
# X11 reports CapsLock as LockMask in a key event's native modifiers, and Wayland's xkb state
# puts Lock at the same bit; Qt itself has no CapsLock flag.
NATIVE_LOCK_MASK = 0x2


@dataclass(frozen=True)
class WedgeSettings:
    max_key_interval_ms: int = 30
    min_length: int = 4
    suffix_key: str = "enter"
    frame: FrameSettings = field(default_factory=lambda: FrameSettings(terminator="none"))

    def __post_init__(self) -> None:
        if self.suffix_key not in SUFFIX_KEYS:
            raise ValueError(
                f"suffix key {self.suffix_key!r} is not one of {', '.join(SUFFIX_KEYS)}"
            )
        if self.min_length < 1 or self.max_key_interval_ms < 1:
            raise ValueError("min_length and max_key_interval_ms must be at least 1")


@dataclass
class _Held:
    receiver: QObject
    event: QKeyEvent


class WedgeFilter(QObject):
    """The application event filter. Build it on the GUI thread; see the module docstring."""

    def __init__(
        self, name: str, settings: WedgeSettings, deliver: Callable[[RawScan], None]
    ) -> None:
        super().__init__()
        self.name = name
        self.settings = settings
        self._deliver = deliver
        self._held: list[_Held] = []
        self._chars: list[str] = []
        self._last: tuple[bool, float] | None = None  # (from event timestamps?, milliseconds)
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settings.max_key_interval_ms)
        self._timer.timeout.connect(self._on_pause)

    # -- Qt entry point -------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not _is_focus_target(watched):
            return False
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.KeyRelease:
            if self._held:
                self._hold(watched, event)
                return True
            return False
        return self._on_press(watched, event)

    # -- decisions ------------------------------------------------------------------------
    def _on_press(self, watched: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in MODIFIER_KEYS:
            if self._held:
                self._hold(watched, event)
                return True
            return False
        now = _key_time(event)
        if self._held and self._too_slow(now):
            self._release_as_typing()
        char = None if event.isAutoRepeat() else _scanner_char(event)
        if key in SUFFIX_KEYS[self.settings.suffix_key] and not event.isAutoRepeat():
            if len(self._chars) >= self.settings.min_length:
                self._finish_scan()
                return True
            self._release_as_typing()
            return False
        if char is None or (char == GS and not self._chars):
            # Not part of a burst (Backspace, arrows, Ctrl+C, ...): let it and anything held go.
            if self._held:
                self._release_as_typing()
            return False
        self._hold(watched, event)
        self._chars.append(char)
        self._last = now
        self._timer.start()
        return True

    def _too_slow(self, now: tuple[bool, float]) -> bool:
        if self._last is None:
            return False
        same_clock = self._last[0] == now[0]
        return not same_clock or now[1] - self._last[1] > self.settings.max_key_interval_ms

    def _on_pause(self) -> None:
        """No key for a whole interval: the burst (or the typing) is over."""
        if self.settings.suffix_key == "none" and len(self._chars) >= self.settings.min_length:
            self._finish_scan()
        else:
            self._release_as_typing()

    def _finish_scan(self) -> None:
        text = "".join(self._chars)
        self._reset()
        frame = Frame(text.encode("utf-8"), time.monotonic())
        scan = build_scan(frame, self.name, self.settings.frame)
        if scan is not None:
            # Hand it on outside the filter: a slot may do real work (even open a dialog).
            QTimer.singleShot(0, self, lambda: self._deliver(scan))

    def _release_as_typing(self) -> None:
        held = self._held
        self._reset()
        self._replaying = True
        try:
            for item in held:
                if shiboken6.isValid(item.receiver):
                    QCoreApplication.sendEvent(item.receiver, item.event)
        finally:
            self._replaying = False

    def flush(self) -> None:
        """Give any held keys back to their widgets (on stop)."""
        self._timer.stop()
        self._release_as_typing()

    def _hold(self, watched: QObject, event: QKeyEvent) -> None:
        self._held.append(_Held(watched, _copy(event)))

    def _reset(self) -> None:
        self._timer.stop()
        self._held = []
        self._chars = []
        self._last = None


def _is_focus_target(watched: QObject) -> bool:
    """True for the one delivery of a key we act on: the one to the focus widget."""
    focus = QApplication.focusWidget()
    if focus is not None:
        return watched is focus
    return isinstance(watched, QWidget) and watched.isWindow()


def _key_time(event: QKeyEvent) -> tuple[bool, float]:
    stamp = event.timestamp()
    if stamp:
        return True, float(stamp)
    return False, time.monotonic() * 1000.0  # synthetic events (tests, replays) carry none


def _scanner_char(event: QKeyEvent) -> str | None:
    """The character a scanner meant by this key, or None when it is no scanner character."""
    text = event.text()
    mods = event.modifiers()
    key = event.key()
    if mods & Qt.KeyboardModifier.ControlModifier:
        if text == GS or key == Qt.Key.Key_BracketRight:
            return GS
        return None
    if len(text) != 1 or not text.isprintable():
        return None
    # Letters with CapsLock on: the case the scanner meant is Shift's, not the text's.
    if (
        event.nativeModifiers() & NATIVE_LOCK_MASK
        and 0 < key < 0x100
        and chr(key).isalpha()
        and text.lower() == chr(key).lower()
    ):
        shifted = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        return chr(key).upper() if shifted else chr(key).lower()
    return text


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.nativeScanCode(),
        event.nativeVirtualKey(),
        event.nativeModifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )


class WedgeScanner:
    """The keyboard-wedge driver: installs :class:`WedgeFilter` on the running application.

    Start and stop it on the GUI thread (the manager does). Only one can be active per
    application: all keyboards share one key stream.
    """

    kind = "wedge"

    def __init__(self, name: str, settings: WedgeSettings) -> None:
        self.name = name
        self.settings = settings
        self._filter: WedgeFilter | None = None
        self._health = Health(HealthState.STOPPED)
        self._on_health: HealthCallback | None = None

    @property
    def health(self) -> Health:
        return self._health

    @property
    def event_filter(self) -> WedgeFilter | None:
        return self._filter

    def start(self, on_scan: ScanCallback, on_health: HealthCallback) -> None:
        if self._filter is not None:
            raise RuntimeError(f"scanner {self.name!r} is already running")
        self._on_health = on_health
        app = QCoreApplication.instance()
        if app is None:
            self._set_health(
                Health(HealthState.ERROR, "no Qt application is running", HealthCode.UNAVAILABLE)
            )
            return
        self._filter = WedgeFilter(self.name, self.settings, on_scan)
        app.installEventFilter(self._filter)
        self._set_health(Health(HealthState.CONNECTED, "listening to keyboard input"))

    def stop(self) -> None:
        if self._filter is not None:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self._filter)
            self._filter.flush()
            self._filter.deleteLater()
            self._filter = None
        self._set_health(Health(HealthState.STOPPED))

    def _set_health(self, health: Health) -> None:
        if health == self._health:
            return
        self._health = health
        if self._on_health is not None:
            self._on_health(health)
