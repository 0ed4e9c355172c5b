"""Counts the outbox events still waiting for the server, off the GUI thread.

A background part of the station (``start``/``stop``): a timer on the GUI thread asks every few
seconds, one worker thread runs the count, and the answer comes back by a Qt signal. The count
is a table scan of the outbox, cheap today but growing with the history, so it never runs on
the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

INTERVAL_MS = 5000


class QueuedEventsCounter(QObject):
    counted = Signal(int)
    # Emitted from the worker thread; Qt queues it to this object's (the GUI) thread.
    _done = Signal(int)

    def __init__(
        self,
        count: Callable[[], int],
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._count = count
        self._executor: ThreadPoolExecutor | None = None
        self._pending: Future[int] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.refresh)
        self._done.connect(self.counted)

    def start(self) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="queued-count")
        self._timer.start()
        self.refresh()

    def stop(self) -> None:
        """Stop the timer and join the worker thread (waits for a count in flight)."""
        self._timer.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._pending = None

    def refresh(self) -> None:
        """Ask for a new count unless one is still running."""
        if self._executor is None or (self._pending is not None and not self._pending.done()):
            return
        self._pending = self._executor.submit(self._run)

    def _run(self) -> int:
        try:
            n = self._count()
        except Exception:
            log.exception("cannot count the queued events")
            raise
        self._done.emit(n)
        return n
