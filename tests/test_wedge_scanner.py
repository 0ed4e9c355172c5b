"""Keyboard-wedge scanners: bursts become scans, typing stays typing (real Qt widgets, offscreen).

Most tests send key events with explicit window-system timestamps, as a real keyboard's events
carry, so "7 ms apart" and "120 ms apart" are exact whatever the machine's load. One test uses
QTest's own key clicks (no timestamps: the filter then uses the clock) with a generous interval,
and one goes through the QWindow, where Qt shows the filter every key twice.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from drivers.scanners.base import HealthState, RawScan
from drivers.scanners.framing import FrameSettings
from drivers.scanners.wedge import WedgeScanner, WedgeSettings

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


class Station:
    """A window with two text fields and a running wedge scanner."""

    def __init__(self, qtbot: QtBot, **settings: object) -> None:
        self.window = QWidget()
        layout = QVBoxLayout(self.window)
        self.field = QLineEdit()
        self.other = QLineEdit()
        layout.addWidget(self.field)
        layout.addWidget(self.other)
        qtbot.addWidget(self.window)
        self.window.show()
        self.window.activateWindow()
        assert QTest.qWaitForWindowActive(self.window)
        self.field.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is self.field)
        self.returns = 0
        self.field.returnPressed.connect(self._returned)
        self.scans: list[RawScan] = []
        self.scanner = WedgeScanner("wedge", WedgeSettings(**settings))  # type: ignore[arg-type]
        self.scanner.start(self.scans.append, lambda h: None)
        self.clock = 1_000_000  # ms, as a window system's key timestamps

    def _returned(self) -> None:
        self.returns += 1

    def key(
        self,
        key: int,
        text: str = "",
        mods: Qt.KeyboardModifier = NONE,
        gap: int = 8,
        native_mods: int = 0,
    ) -> None:
        """Press and release one key, ``gap`` ms after the previous one."""
        self.clock += gap
        if gap > 50:  # a person's pause: let real time pass too, so the pause timer can run
            QTest.qWait(gap)
        target = QApplication.focusWidget() or self.window
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, mods, 0, 0, native_mods, text)
            event.setTimestamp(self.clock + (1 if kind == QEvent.Type.KeyRelease else 0))
            QApplication.sendEvent(target, event)

    def pause(self, ms: int) -> None:
        self.clock += ms
        QTest.qWait(ms)

    def type(self, text: str, gap: int = 8) -> None:
        for ch in text:
            mods = SHIFT if ch.isupper() or ch in '!@#$%^&*()_+{}|:"<>?~' else NONE
            self.key(ord(ch.upper()), ch, mods, gap)

    def enter(self, gap: int = 8) -> None:
        self.key(Qt.Key.Key_Return, "\r", NONE, gap)


@pytest.fixture
def station(qtbot: QtBot) -> Iterator[Station]:
    s = Station(qtbot)
    yield s
    s.scanner.stop()


def test_fast_burst_becomes_a_scan_and_leaves_the_field_untouched(
    station: Station, qtbot: QtBot
) -> None:
    station.field.setText("keep me")
    station.type("]C10109501101530003")
    station.enter()
    qtbot.waitUntil(lambda: len(station.scans) == 1)
    [scan] = station.scans
    assert scan.data == b"]C10109501101530003" and scan.aim == "]C1" and scan.error is None
    assert scan.source == "wedge"
    assert station.field.text() == "keep me"
    assert station.returns == 0  # the scanner's Enter did not reach the field either


def test_slow_typing_stays_typing(station: Station, qtbot: QtBot) -> None:
    station.type("ABC12", gap=120)
    station.enter(gap=120)
    qtbot.wait(100)  # let the pause timer hand back the last held key
    assert station.field.text() == "ABC12"
    assert station.returns == 1
    assert station.scans == []


def test_a_burst_shorter_than_the_minimum_length_is_typing(station: Station, qtbot: QtBot) -> None:
    station.type("12")  # fast, but min_length is 4: a quick "12" + Enter by a person
    station.enter()
    assert station.field.text() == "12"
    assert station.returns == 1
    qtbot.wait(60)
    assert station.scans == []


def test_typing_then_a_scan_in_the_middle(station: Station, qtbot: QtBot) -> None:
    station.type("qty ", gap=150)
    assert station.field.text() == "qty"  # the space is held a moment: it might start a burst
    station.pause(150)
    assert station.field.text() == "qty "
    station.type("TOTE-0042")
    station.enter()
    station.type("5", gap=200)
    qtbot.waitUntil(lambda: station.field.text() == "qty 5")
    assert [s.data for s in station.scans] == [b"TOTE-0042"]


def test_non_text_key_releases_held_keys_in_order(station: Station) -> None:
    station.field.setText("x")
    station.type("ab")
    station.key(Qt.Key.Key_Backspace, "\b")
    assert station.field.text() == "xa"


def test_gs_as_ctrl_bracket(station: Station, qtbot: QtBot) -> None:
    station.type("]C1010950110153000310LOT7")
    station.key(Qt.Key.Key_BracketRight, "\x1d", CTRL)
    station.type("21SER9")
    station.enter()
    qtbot.waitUntil(lambda: len(station.scans) == 1)
    assert station.scans[0].data == b"]C1010950110153000310LOT7\x1d21SER9"
    assert station.field.text() == ""


def test_gs_substitute(qtbot: QtBot) -> None:
    s = Station(qtbot, frame=FrameSettings(terminator="none", gs_substitute=b"^"))
    try:
        s.type("010950110153000310LOT7^21SER9")
        s.enter()
        qtbot.waitUntil(lambda: len(s.scans) == 1)
        assert s.scans[0].data == b"010950110153000310LOT7\x1d21SER9"
    finally:
        s.scanner.stop()


def test_capslock_on_does_not_corrupt_the_scan(station: Station, qtbot: QtBot) -> None:
    # With CapsLock on, the keyboard reports "A" for an unshifted a and "b" for Shift+B; X11
    # marks such events with LockMask (0x2) in the native modifiers.
    for char, text, mods in [("a", "A", NONE), ("B", "b", SHIFT), ("c", "C", NONE)]:
        station.key(ord(char.upper()), text, mods, native_mods=0x2)
    for char in "-12":
        station.key(ord(char), char, NONE, native_mods=0x2)
    station.enter()
    qtbot.waitUntil(lambda: len(station.scans) == 1)
    assert station.scans[0].data == b"aBc-12"


def test_no_suffix_key_ends_the_burst_on_a_pause(qtbot: QtBot) -> None:
    s = Station(qtbot, suffix_key="none", min_length=6)
    try:
        s.type("ORD-100234")
        qtbot.waitUntil(lambda: len(s.scans) == 1)
        assert s.scans[0].data == b"ORD-100234" and s.field.text() == ""
    finally:
        s.scanner.stop()


def test_scan_lands_nowhere_whichever_widget_has_focus(station: Station, qtbot: QtBot) -> None:
    station.other.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is station.other)
    station.type("BIN-A-01-02-3")
    station.enter()
    qtbot.waitUntil(lambda: len(station.scans) == 1)
    assert station.other.text() == "" and station.field.text() == ""


def test_qtest_key_clicks_through_the_widget(qtbot: QtBot) -> None:
    # QTest's events carry no timestamp: the filter falls back to the clock. The interval is
    # wide so a busy machine cannot stretch the burst; the rule itself is tested above.
    s = Station(qtbot, max_key_interval_ms=250)
    try:
        qtbot.keyClicks(s.field, "USR-1001")
        qtbot.keyClick(s.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(s.scans) == 1)
        assert s.scans[0].data == b"USR-1001" and s.field.text() == ""
    finally:
        s.scanner.stop()


def test_keys_through_the_window_are_acted_on_once(qtbot: QtBot) -> None:
    # QTest.keyClick on the QWindow goes the way real input does: QWindow first, then the focus
    # widget, and the application filter sees both.
    s = Station(qtbot, max_key_interval_ms=250)
    try:
        handle = s.window.windowHandle()
        for key in (Qt.Key.Key_T, Qt.Key.Key_O, Qt.Key.Key_T, Qt.Key.Key_E, Qt.Key.Key_7):
            QTest.keyClick(handle, key)
        QTest.keyClick(handle, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(s.scans) == 1)
        assert s.scans[0].data == b"tote7" and s.field.text() == ""
    finally:
        s.scanner.stop()


def test_stop_removes_the_filter(station: Station) -> None:
    station.scanner.stop()
    assert station.scanner.health.state is HealthState.STOPPED
    station.type("ABCDEF")
    assert station.field.text() == "ABCDEF"
