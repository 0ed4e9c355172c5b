"""Cycle collection happens on the GUI thread only (``ui/gc_guard.py``).

A cycle that becomes garbage on a worker thread, while that thread allocates enough to trip
the collector's thresholds, must not be collected there: in the station the cycle may hold a
Qt object, and destroying it off its thread crashes the process.
"""

from __future__ import annotations

import gc
import threading
import time
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


def test_full_collections_are_rate_limited_and_the_startup_heap_is_frozen(
    qtbot: Any, monkeypatch: Any
) -> None:
    guard = gc_guard.install(make_app())
    old = gc.get_threshold()
    gc.set_threshold(10, 1, 1)  # every tick would be a full collection without the limit
    try:
        monkeypatch.setattr(guard, "_last_full", time.monotonic() - gc_guard.FULL_EVERY_S)
        generations = []
        keep = []
        for _ in range(30):
            keep.append([[i] for i in range(50)])
            generations.append(guard.check())
        # Past every threshold many times over, yet one full collection per FULL_EVERY_S.
        assert generations.count(2) == 1
        assert generations.count(1) >= 5
    finally:
        gc.set_threshold(*old)
    gc_guard.freeze_startup_heap()
    try:
        assert gc.get_freeze_count() > 1000  # modules, classes, the application
    finally:
        gc.unfreeze()
