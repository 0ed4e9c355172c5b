"""What scanners are plugged in: serial ports and keyboard input devices, for the admin to pick.

Listing reads sysfs and ``/dev`` (a few milliseconds): the admin screen calls it off the GUI
thread. Stable ``/dev/serial/by-id`` names come first: they survive a re-plug into another USB
socket, where ``/dev/ttyACM0`` may become ``ttyACM1``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

BY_ID = "/dev/serial/by-id"


@dataclass(frozen=True)
class FoundPort:
    path: str
    description: str
    kind: str  # "serial" or "evdev"


def find_serial_ports() -> list[FoundPort]:
    from serial.tools import list_ports

    found: list[FoundPort] = []
    if os.path.isdir(BY_ID):
        for entry in sorted(os.listdir(BY_ID)):
            found.append(FoundPort(os.path.join(BY_ID, entry), entry, "serial"))
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        description = port.description if port.description != "n/a" else ""
        found.append(FoundPort(port.device, description or port.device, "serial"))
    return found


def find_input_devices() -> list[FoundPort]:
    from drivers.scanners.evdev_scanner import list_input_devices

    return [FoundPort(path, name, "evdev") for path, name in list_input_devices()]


def find_ports() -> list[FoundPort]:
    """Every serial port and input device found; never raises (an empty list instead)."""
    found: list[FoundPort] = []
    for finder in (find_serial_ports, find_input_devices):
        try:
            found += finder()
        except OSError:
            continue
    return found
