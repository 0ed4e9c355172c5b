"""Run blocking work (HTTP, PIN hashing, PDF) off the GUI thread; results come back by signal.

Shared by every area (login, pick, dashboard, admin), so it lives at the top of ``ui``.
One worker thread per runner, owned by the screen that made it: :meth:`TaskRunner.shutdown`
stops and joins it (the screen calls it when it closes, tests call it at teardown). Callbacks
run on the GUI thread, in submission order, and never after shutdown (Picard's ``run_task``).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class TaskRunner(QObject):
    # task id, ok, [result or exception]: boxed in a list so a bare None never crosses threads
    # through an ``object`` signal argument (a refcount hazard in some PySide versions).
    finished = Signal(int, bool, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=name
        )
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callback, ErrorCallback | None]] = {}
        self.finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def submit(
        self, fn: Callable[[], Any], on_done: Callback, on_error: ErrorCallback | None = None
    ) -> int:
        if self._executor is None:
            raise RuntimeError("TaskRunner used after shutdown")
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error)
        self._executor.submit(self._run, task_id, fn)
        return task_id

    def _run(self, task_id: int, fn: Callable[[], Any]) -> None:
        try:
            result = fn()
        except Exception as exc:  # delivered to on_error on the GUI thread
            self.finished.emit(task_id, False, [exc])
        else:
            self.finished.emit(task_id, True, [result])

    def _deliver(self, task_id: int, ok: bool, boxed: list[object]) -> None:
        value = boxed[0]
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks is None:
            return
        on_done, on_error = callbacks
        if ok:
            on_done(value)
        elif on_error is not None:
            assert isinstance(value, BaseException)
            on_error(value)
        else:
            log.error("background task failed: %r", value)

    def shutdown(self) -> None:
        """Stop taking work, wait for the running task, drop pending callbacks."""
        executor, self._executor = self._executor, None
        self._callbacks.clear()
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
