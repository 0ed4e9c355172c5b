"""Python's cyclic garbage collector, run on the GUI thread only.

CPython collects cycles on whichever thread happens to allocate when a generation's threshold
trips. When that is a worker thread (a TaskRunner job, the sync worker, a scanner's reader) and
the garbage holds a Qt object, for example a finished screen caught in a cycle through a lambda
or a bound method, the Qt object is destroyed off its own thread and the process crashes
(seen as a rare segfault in the test suite). So automatic collection is switched off and a
timer on the GUI thread does the same work with the same thresholds. Reference counting still
frees everything that is not in a cycle at once; only cycles wait for the next tick.

A full collection walks every tracked object: with the station's imports and the embedded
server that is some 40 ms, a pause a scan would feel. So once the station has started,
:func:`freeze_startup_heap` moves what exists then (modules, classes, the window) out of the
collector's sight, and full collections run at most every ``FULL_EVERY_S`` seconds.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 200
FULL_EVERY_S = 30.0


class MainThreadCollector(QObject):
    """Collects the generations whose thresholds are passed, on each tick of its timer."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._last_full = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> int:
        """Collect like the automatic collector would have; returns the generation collected
        (-1 when no threshold was passed)."""
        thresholds = gc.get_threshold()
        counts = gc.get_count()
        if counts[0] <= thresholds[0]:
            return -1
        generation = 0
        if counts[1] > thresholds[1]:
            generation = 1
            now = time.monotonic()
            if counts[2] > thresholds[2] and now - self._last_full >= FULL_EVERY_S:
                generation = 2
                self._last_full = now
        gc.collect(generation)
        return generation


def install(app: QObject) -> MainThreadCollector:
    """Move cycle collection to ``app``'s (the GUI) thread; once per application."""
    existing = app.findChild(MainThreadCollector)
    if isinstance(existing, MainThreadCollector):
        return existing
    return MainThreadCollector(app)


def freeze_startup_heap() -> None:
    """Collect once, then exempt everything alive now from later collections (``gc.freeze``):
    called after start-up, when what exists is what the station keeps for its whole run."""
    gc.collect()
    gc.freeze()
