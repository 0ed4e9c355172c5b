"""Cycle collection happens on the GUI thread only (``ui/gc_guard.py``).

A cycle that becomes garbage on a worker thread, while that thread allocates enough to trip
the collector's thresholds, must not be collected there: in the station the cycle may hold a
Qt object, and destroying it off its thread crashes the process.
"""

from __future__ import annotations

import gc
import threading
from typing import Any, ClassVar

from ui import gc_guard
from ui.station import make_app


class Cycle:
    """Part of a reference cycle; records the thread that finally frees it."""

    freed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def test_worker_garbage_is_collected_on_the_gui_thread(qtbot: Any) -> None:
    app = make_app()
    guard = gc_guard.install(app)
    assert gc_guard.install(app) is guard  # one per application
    assert not gc.isenabled()
    gc.collect()
    Cycle.freed_on.clear()
    keep: list[object] = []

    def work() -> None:
        for _ in range(50):
            Cycle()  # garbage at once, but only a collection can free it
        # Allocate far past every threshold, as a busy worker does.
        keep.extend([[i] for i in range(20 * gc.get_threshold()[0])])

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()
    assert Cycle.freed_on == []  # nothing was collected on the worker
    qtbot.waitUntil(lambda: len(Cycle.freed_on) == 50, timeout=5_000)  # the guard's timer
    assert set(Cycle.freed_on) == {threading.main_thread().name}


def test_check_collects_only_past_a_threshold(qtbot: Any) -> None:
    guard = gc_guard.install(make_app())
    gc.collect()
    assert guard.check() == -1
    junk = [[i] for i in range(2 * gc.get_threshold()[0])]
    assert guard.check() >= 0
    del junk
