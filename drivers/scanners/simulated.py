"""A scanner with no hardware, for demos, tests and the admin screen's "simulate a scan".

It behaves like a real driver (its own thread, the same framing and error checks, health
changes) so screens cannot tell it apart: :meth:`SimulatedScanner.scan` hands it a whole
barcode, :meth:`feed` raw bytes as a serial line would, :meth:`unplug`/:meth:`replug` walk
it through the health states.
"""

from __future__ import annotations

import queue
import time
from dataclasses import dataclass

from drivers.scanners.base import Health, HealthCode, HealthState
from drivers.scanners.framing import TERMINATORS, Framer, FrameSettings
from drivers.scanners.threaded import ThreadedDriver


@dataclass(frozen=True)
class _Bytes:
    data: bytes


@dataclass(frozen=True)
class _Plug:
    present: bool


class SimulatedScanner(ThreadedDriver):
    kind = "simulated"

    def __init__(self, name: str, frame_settings: FrameSettings | None = None) -> None:
        super().__init__(name, frame_settings or FrameSettings(terminator="cr"))
        self._inbox: queue.Queue[_Bytes | _Plug] = queue.Queue()

    def scan(self, code: bytes | str) -> None:
        """A complete scan, as the scanner would send it (the terminator is added)."""
        data = code.encode("utf-8") if isinstance(code, str) else code
        self.feed(data + TERMINATORS[self.frame_settings.terminator])

    def feed(self, data: bytes) -> None:
        """Raw bytes as they would arrive on the wire (thread-safe)."""
        self._inbox.put(_Bytes(data))

    def unplug(self) -> None:
        self._inbox.put(_Plug(False))

    def replug(self) -> None:
        self._inbox.put(_Plug(True))

    def _run(self) -> None:
        framer = Framer(self.frame_settings)
        present = True
        self._set_health(Health(HealthState.CONNECTED, "simulated"))
        while not self.stopping:
            deadline = framer.deadline()
            timeout = 0.1 if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                item = self._inbox.get(timeout=min(timeout, 0.1))
            except queue.Empty:
                self._deliver_frames(framer.flush_idle(time.monotonic()))
                continue
            if isinstance(item, _Plug):
                present = item.present
                if present:
                    self._set_health(Health(HealthState.CONNECTED, "simulated"))
                else:
                    self._deliver_frames(framer.flush_disconnected())
                    self._set_health(
                        Health(
                            HealthState.RECONNECTING,
                            "simulated unplug; waiting for it to come back",
                            HealthCode.UNPLUGGED,
                        )
                    )
            elif present:  # bytes sent while "unplugged" are lost, as on a real cable
                self._deliver_frames(framer.feed(item.data, time.monotonic()))
            self._deliver_frames(framer.flush_idle(time.monotonic()))
