"""Scanners read straight from a Linux input device (python-evdev), with an exclusive grab.

A HID scanner is a keyboard; grabbing its event device means its keys reach only us (no
focused widget receives them) and the station's own keyboard keeps working. The owning thread
decodes key positions with the scanner's keyboard country (:mod:`drivers.scanners.keymaps`),
re-opens and re-grabs the device after a re-plug (use a stable ``/dev/input/by-id/...`` path),
and reports a clear health error, never a crash, where evdev cannot run (not Linux, module
missing, no permission on ``/dev/input``).
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import select
import sys
import time
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from drivers.scanners.base import FrameError, Health, HealthCode, HealthState
from drivers.scanners.framing import Frame, FrameSettings
from drivers.scanners.keymaps import LAYOUTS, KeyDecoder
from drivers.scanners.threaded import ThreadedDriver

EV_KEY = 1  # linux/input-event-codes.h
POLL_INTERVAL = 0.25

UNAVAILABLE_HINT = "use a keyboard-wedge or serial scanner instead"


@dataclass(frozen=True)
class EvdevSettings:
    device: str
    layout: str = "us"
    suffix_key: str = "enter"
    frame: FrameSettings = field(default_factory=lambda: FrameSettings(terminator="none"))
    reconnect_interval: float = 0.5


def load_evdev() -> tuple[ModuleType | None, str]:
    """python-evdev if it can work here, else None and the reason in words."""
    if not sys.platform.startswith("linux"):
        return None, f"evdev scanners need Linux (this is {sys.platform}): {UNAVAILABLE_HINT}"
    try:
        return importlib.import_module("evdev"), ""
    except ImportError as exc:
        return None, f"python-evdev is not installed ({exc}): {UNAVAILABLE_HINT}"


def list_input_devices() -> list[tuple[str, str]]:
    """(path, name) of the keyboards we may read; stable by-id paths first. Empty if none."""
    evdev, _ = load_evdev()
    if evdev is None:
        return []
    found: list[tuple[str, str]] = []
    by_id = "/dev/input/by-id"
    if os.path.isdir(by_id):
        for entry in sorted(os.listdir(by_id)):
            if entry.endswith("-event-kbd"):
                found.append((os.path.join(by_id, entry), entry))
    for path in evdev.list_devices():
        try:
            device = evdev.InputDevice(path)
        except OSError:
            continue
        try:
            found.append((path, device.name))
        finally:
            device.close()
    return found


class EvdevScanner(ThreadedDriver):
    kind = "evdev"

    def __init__(self, name: str, settings: EvdevSettings) -> None:
        super().__init__(name, settings.frame)
        if settings.layout not in LAYOUTS:
            raise ValueError(
                f"keyboard layout {settings.layout!r} is not one of {', '.join(LAYOUTS)}"
            )
        self.settings = settings

    def _run(self) -> None:
        evdev, why = load_evdev()
        if evdev is None:
            self._set_health(Health(HealthState.ERROR, why, HealthCode.UNAVAILABLE))
            self._stop.wait()
            return
        path = self.settings.device
        if not path:
            self._set_health(
                Health(HealthState.ERROR, "no input device chosen", HealthCode.BAD_SETTINGS)
            )
            self._stop.wait()
            return
        while not self.stopping:
            device = self._open(evdev, path)
            if device is None:
                self._sleep(self.settings.reconnect_interval)
                continue
            decoder = KeyDecoder(LAYOUTS[self.settings.layout], self.settings.suffix_key)
            try:
                self._set_health(
                    Health(HealthState.CONNECTED, f"{device.name} at {path} (grabbed)")
                )
                self._read(device, decoder)
            except OSError as exc:
                if decoder.pending:
                    incomplete = Frame(
                        decoder.take().encode("utf-8"),
                        time.monotonic(),
                        fault=FrameError.INCOMPLETE,
                        detail="the scanner was disconnected",
                    )
                    self._deliver_frames([incomplete])
                self._set_health(
                    Health(
                        HealthState.RECONNECTING,
                        f"{path} went away ({exc}); waiting to grab it again",
                        HealthCode.UNPLUGGED,
                    )
                )
            finally:
                _release(device)

    def _open(self, evdev: ModuleType, path: str) -> Any | None:
        """Open and grab; on failure report why and return None (the caller polls again)."""
        if not os.path.exists(path):
            if self.health.code is not HealthCode.UNPLUGGED:
                self._set_health(
                    Health(
                        HealthState.RECONNECTING,
                        f"waiting for {path} (not present)",
                        HealthCode.WAITING_FOR_DEVICE,
                    )
                )
            return None
        try:
            device = evdev.InputDevice(path)
        except PermissionError:
            self._set_health(
                Health(
                    HealthState.ERROR,
                    f"no permission to read {path}: add the station user to the 'input' group "
                    "or install a udev rule for the scanner",
                    HealthCode.PERMISSION_DENIED,
                )
            )
            return None
        except OSError as exc:
            self._set_health(
                Health(
                    HealthState.ERROR,
                    f"{path} is not an input device we can read ({exc})",
                    HealthCode.FAILED,
                )
            )
            return None
        try:
            device.grab()
        except OSError as exc:
            device.close()
            busy = exc.errno == errno.EBUSY
            self._set_health(
                Health(
                    HealthState.ERROR,
                    f"another program has grabbed {path}" if busy else f"cannot grab {path}: {exc}",
                    HealthCode.BUSY if busy else HealthCode.FAILED,
                )
            )
            return None
        return device

    def _read(self, device: Any, decoder: KeyDecoder) -> None:
        idle = self.frame_settings.inter_byte_timeout
        last_key = 0.0
        while not self.stopping:
            timeout = POLL_INTERVAL
            if decoder.pending and self.settings.suffix_key == "none":
                timeout = max(0.0, min(timeout, last_key + idle - time.monotonic()))
            ready, _, _ = select.select([device.fd, self._wake_r], [], [], timeout)
            if device.fd in ready:
                try:
                    events = list(device.read())
                except BlockingIOError:
                    events = []
                now = time.monotonic()
                for event in events:
                    if event.type != EV_KEY:
                        continue
                    last_key = now
                    text = decoder.feed(event.code, event.value)
                    if text is not None:
                        self._deliver_frames([Frame(text.encode("utf-8"), now)])
            elif not ready and not os.path.exists(self.settings.device):
                raise OSError(errno.ENODEV, "the device node disappeared")
            if (
                decoder.pending
                and self.settings.suffix_key == "none"
                and time.monotonic() - last_key >= idle
            ):
                self._deliver_frames([Frame(decoder.take().encode("utf-8"), last_key)])


def _release(device: Any) -> None:
    for action in (device.ungrab, device.close):
        with contextlib.suppress(OSError):
            action()
