"""Serial (RS-232 or USB CDC-ACM) barcode scanners, read with pyserial on one owning thread.

The thread opens the port, waits in ``select`` on the port and a wake pipe (so stop is instant
and an inter-byte timeout ends a frame on time), and cuts the bytes into frames with
:class:`~drivers.scanners.framing.Framer`. When the device goes away (a USB scanner unplugged:
the read fails, or reports readiness and returns nothing, and the device node may vanish) it
reports RECONNECTING and polls until the port opens again; scans after that are delivered.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import time
from dataclasses import dataclass, field

import serial

from drivers.scanners.base import Health, HealthCode, HealthState
from drivers.scanners.framing import Framer, FrameSettings
from drivers.scanners.threaded import ThreadedDriver

PARITIES = {
    "none": serial.PARITY_NONE,
    "even": serial.PARITY_EVEN,
    "odd": serial.PARITY_ODD,
    "mark": serial.PARITY_MARK,
    "space": serial.PARITY_SPACE,
}

# The longest wait in select(): bounds how late an idle deadline can be noticed on a platform
# where the wake pipe cannot be selected on, and how often a vanished node is rechecked.
POLL_INTERVAL = 0.25
READ_CHUNK = 4096


@dataclass(frozen=True)
class SerialSettings:
    port: str
    baud: int = 9600
    parity: str = "none"
    frame: FrameSettings = field(default_factory=FrameSettings)
    reconnect_interval: float = 0.2  # seconds between attempts to reopen a missing port


class _OpenFailed(Exception):
    def __init__(self, health: Health) -> None:
        super().__init__(health.reason)
        self.health = health


class SerialScanner(ThreadedDriver):
    kind = "serial"

    def __init__(self, name: str, settings: SerialSettings) -> None:
        super().__init__(name, settings.frame)
        if settings.parity not in PARITIES:
            raise ValueError(f"parity {settings.parity!r} is not one of {', '.join(PARITIES)}")
        self.settings = settings

    def _run(self) -> None:
        framer = Framer(self.frame_settings)
        while not self.stopping:
            try:
                port = self._open()
            except _OpenFailed as failed:
                self._report_open_failure(failed.health)
                self._sleep(self.settings.reconnect_interval)
                continue
            s = self.settings
            self._set_health(Health(HealthState.CONNECTED, f"{s.port} at {s.baud} baud"))
            try:
                self._read(port, framer)
            except (serial.SerialException, OSError) as exc:
                self._deliver_frames(framer.flush_disconnected())
                self._set_health(
                    Health(
                        HealthState.RECONNECTING,
                        f"{s.port} went away ({exc}); waiting for it to come back",
                        HealthCode.UNPLUGGED,
                    )
                )
            finally:
                with contextlib.suppress(serial.SerialException, OSError):
                    port.close()

    def _report_open_failure(self, health: Health) -> None:
        current = self.health
        # While polling for an unplugged scanner, keep saying "unplugged" rather than flip to
        # "waiting for device": the admin wants to know it was there before.
        if current.code is HealthCode.UNPLUGGED and health.code is HealthCode.WAITING_FOR_DEVICE:
            return
        self._set_health(health)

    def _open(self) -> serial.Serial:
        s = self.settings
        if not s.port:
            raise _OpenFailed(
                Health(HealthState.ERROR, "no port configured", HealthCode.BAD_SETTINGS)
            )
        if not os.path.exists(s.port):
            raise _OpenFailed(
                Health(
                    HealthState.RECONNECTING,
                    f"waiting for {s.port} (not present)",
                    HealthCode.WAITING_FOR_DEVICE,
                )
            )
        try:
            return serial.Serial(
                port=s.port,
                baudrate=s.baud,
                parity=PARITIES[s.parity],
                bytesize=serial.EIGHTBITS,
                stopbits=serial.STOPBITS_ONE,
                timeout=0,
                exclusive=True,
            )
        except ValueError as exc:
            raise _OpenFailed(
                Health(HealthState.ERROR, f"bad settings: {exc}", HealthCode.BAD_SETTINGS)
            ) from exc
        except (serial.SerialException, OSError) as exc:
            raise _OpenFailed(self._classify(exc)) from exc

    def _classify(self, exc: Exception) -> Health:
        port = self.settings.port
        code = getattr(exc, "errno", None)
        text = str(exc)
        if code == errno.ENOENT or code == errno.ENODEV or code == errno.ENXIO:
            return Health(
                HealthState.RECONNECTING,
                f"waiting for {port} ({text})",
                HealthCode.WAITING_FOR_DEVICE,
            )
        if code == errno.EACCES or code == errno.EPERM:
            return Health(
                HealthState.ERROR,
                f"no permission to open {port}: add the station user to the 'dialout' group",
                HealthCode.PERMISSION_DENIED,
            )
        if code == errno.EBUSY or "exclusively lock" in text:
            return Health(
                HealthState.ERROR,
                f"{port} is in use by another program",
                HealthCode.BUSY,
            )
        return Health(HealthState.ERROR, f"cannot open {port}: {text}", HealthCode.FAILED)

    def _read(self, port: serial.Serial, framer: Framer) -> None:
        fd = port.fileno()
        while not self.stopping:
            deadline = framer.deadline()
            now = time.monotonic()
            timeout = POLL_INTERVAL if deadline is None else min(POLL_INTERVAL, deadline - now)
            ready, _, _ = select.select([fd, self._wake_r], [], [], max(timeout, 0.0))
            if fd in ready:
                try:
                    data = os.read(fd, READ_CHUNK)
                except BlockingIOError:
                    continue
                if not data:
                    raise serial.SerialException(
                        "device reports readiness to read but returned no data"
                    )
                self._deliver_frames(framer.feed(data, time.monotonic()))
            elif not ready and not os.path.exists(self.settings.port):
                # Some adapters just go quiet when unplugged; the vanished node tells.
                raise serial.SerialException(f"{self.settings.port} disappeared")
            self._deliver_frames(framer.flush_idle(time.monotonic()))
