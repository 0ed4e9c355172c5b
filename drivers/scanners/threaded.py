"""What every thread-owning driver shares: one thread, a wake pipe, health and safe callbacks.

A driver subclasses :class:`ThreadedDriver` and writes ``_run``; this class owns the thread's
life (start once, stop and join, safe twice), keeps the health behind a lock, reports only
changes, and makes sure an exception in a callback (a UI bug) never kills the reader thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterable

from drivers.scanners.base import (
    Health,
    HealthCallback,
    HealthState,
    RawScan,
    ScanCallback,
)
from drivers.scanners.framing import Frame, FrameSettings, build_scan

log = logging.getLogger(__name__)

STOP_TIMEOUT = 5.0


class ThreadedDriver:
    """Base for drivers with one owning thread. Subclasses implement :meth:`_run`."""

    kind = "scanner"

    def __init__(self, name: str, frame_settings: FrameSettings) -> None:
        self.name = name
        self.frame_settings = frame_settings
        self._health = Health(HealthState.STOPPED)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_scan: ScanCallback | None = None
        self._on_health: HealthCallback | None = None
        # The thread sleeps in select() on this pipe too, so stop() wakes it at once.
        self._wake_r = -1
        self._wake_w = -1

    @property
    def health(self) -> Health:
        with self._lock:
            return self._health

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, on_scan: ScanCallback, on_health: HealthCallback) -> None:
        if self._thread is not None:
            raise RuntimeError(f"scanner {self.name!r} is already running")
        self._on_scan, self._on_health = on_scan, on_health
        self._stop.clear()
        self._wake_r, self._wake_w = os.pipe()
        self._thread = threading.Thread(
            target=self._main, name=f"{self.kind}:{self.name}", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        thread = self._thread
        if thread is None:
            return
        self._stop.set()
        with contextlib.suppress(OSError):
            os.write(self._wake_w, b"x")
        thread.join(STOP_TIMEOUT)
        if thread.is_alive():  # pragma: no cover - a stuck OS call; say so rather than hang
            log.error("scanner %s: reader thread did not stop within %ss", self.name, STOP_TIMEOUT)
            return
        self._thread = None
        for fd in (self._wake_r, self._wake_w):
            os.close(fd)
        self._wake_r = self._wake_w = -1

    def _main(self) -> None:
        try:
            self._run()
        except Exception as exc:  # a bug in a driver: report it, never die silently
            log.exception("scanner %s: reader thread failed", self.name)
            self._set_health(Health(HealthState.ERROR, f"reader failed: {exc}"))
            return
        self._set_health(Health(HealthState.STOPPED))

    def _run(self) -> None:
        raise NotImplementedError

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _sleep(self, seconds: float) -> None:
        """Wait, but return at once when stop() is called."""
        self._stop.wait(seconds)

    def _set_health(self, health: Health) -> None:
        with self._lock:
            if health == self._health:
                return
            self._health = health
        callback = self._on_health
        if callback is None:
            return
        try:
            callback(health)
        except Exception:
            log.exception("scanner %s: health callback failed", self.name)

    def _deliver_frames(self, frames: Iterable[Frame]) -> None:
        for frame in frames:
            scan = build_scan(frame, self.name, self.frame_settings)
            if scan is not None:
                self._deliver(scan)

    def _deliver(self, scan: RawScan) -> None:
        callback = self._on_scan
        if callback is None:
            return
        try:
            callback(scan)
        except Exception:
            log.exception("scanner %s: scan callback failed", self.name)
