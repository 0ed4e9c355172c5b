"""Real serial lines for scanner tests: a socat pseudo-terminal pair, and small waiting helpers.

``socat pty,link=A pty,link=B`` joins two pseudo-terminals: the test writes what a scanner
would send into A, the driver reads B. Killing socat makes both nodes vanish, which is what a
USB serial scanner does when it is unplugged; starting it again at the same paths re-plugs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from drivers.scanners.base import Health, RawScan


def require_socat() -> str:
    path = shutil.which("socat")
    if path is None:
        if os.environ.get("WS_REQUIRE_SERVICES") == "1":
            pytest.fail("socat is not installed (Debian package 'socat'); CI requires it")
        pytest.skip("socat is not installed (Debian package 'socat')")
    return path


class SocatPair:
    """A pseudo-terminal pair; ``scanner_end`` is where bytes are written, ``station_end`` read."""

    def __init__(self, folder: Path, name: str = "scanner") -> None:
        self.socat = require_socat()
        self.scanner_end = folder / f"{name}-A"
        self.station_end = folder / f"{name}-B"
        self._proc: subprocess.Popen[bytes] | None = None
        self._fd: int | None = None

    def start(self) -> None:
        assert self._proc is None
        self._proc = subprocess.Popen(
            [
                self.socat,
                "-d",
                "-d",
                f"pty,raw,echo=0,link={self.scanner_end}",
                f"pty,raw,echo=0,link={self.station_end}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(
            lambda: self.scanner_end.exists() and self.station_end.exists(),
            what="socat to create its pseudo-terminals",
        )
        self._fd = os.open(self.scanner_end, os.O_RDWR | os.O_NOCTTY)

    def unplug(self) -> None:
        """Kill socat: both device nodes vanish, the reader's next read fails."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(10)
            self._proc = None
        wait_for(lambda: not self.station_end.exists(), what="the pty link to vanish")

    stop = unplug

    def write(self, data: bytes) -> None:
        assert self._fd is not None, "socat is not running"
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]


def wait_for(condition: Callable[[], bool], timeout: float = 10.0, what: str = "it") -> None:
    """Poll until true; the generous timeout only guards against a hang, never measures speed."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


class Recorder:
    """Collects what a driver delivers, from its thread, for the test to look at."""

    def __init__(self) -> None:
        self.scans: list[RawScan] = []
        self.healths: list[Health] = []
        self._lock = threading.Lock()

    def on_scan(self, scan: RawScan) -> None:
        with self._lock:
            self.scans.append(scan)

    def on_health(self, health: Health) -> None:
        with self._lock:
            self.healths.append(health)

    def data(self) -> list[bytes]:
        with self._lock:
            return [s.data for s in self.scans]

    def wait_scans(self, count: int, timeout: float = 10.0) -> list[RawScan]:
        wait_for(lambda: len(self.scans) >= count, timeout, f"{count} scans")
        with self._lock:
            return list(self.scans)
