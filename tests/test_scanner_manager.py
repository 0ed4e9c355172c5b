"""The scanner manager: config → running drivers, re-applied without a restart (real ptys)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.config import ScannerConfig
from drivers.scanners.base import Health, HealthState, RawScan
from drivers.scanners.manager import ScannerManager
from drivers.scanners.simulated import SimulatedScanner
from tests.scanner_support import SocatPair, wait_for


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert [t.name for t in threading.enumerate() if t not in before] == []


class Bus:
    def __init__(self) -> None:
        self.scans: list[RawScan] = []
        self.health: dict[str, list[Health]] = {}
        self._lock = threading.Lock()

    def on_scan(self, scan: RawScan) -> None:
        with self._lock:
            self.scans.append(scan)

    def on_health(self, name: str, health: Health) -> None:
        with self._lock:
            self.health.setdefault(name, []).append(health)

    def data(self, source: str) -> list[bytes]:
        with self._lock:
            return [s.data for s in self.scans if s.source == source]


@pytest.fixture
def bus() -> Bus:
    return Bus()


@pytest.fixture
def manager(bus: Bus) -> Iterator[ScannerManager]:
    m = ScannerManager(bus.on_scan, bus.on_health)
    yield m
    m.stop()


def test_builds_runs_and_reapplies_without_restarting_unchanged_scanners(
    tmp_path: Path, bus: Bus, manager: ScannerManager
) -> None:
    pty = SocatPair(tmp_path)
    pty.start()
    try:
        dock = ScannerConfig(name="dock", type="serial", port=str(pty.station_end), baud=115200)
        bench = ScannerConfig(name="bench", type="simulated")
        manager.apply([dock, bench])
        wait_for(lambda: manager.health("dock").state is HealthState.CONNECTED, what="dock")
        simulated = manager.driver("bench")
        assert isinstance(simulated, SimulatedScanner)
        pty.write(b"]C10109501101530003\r")
        simulated.scan("TOTE-0001")
        wait_for(lambda: bus.data("dock") and bus.data("bench"), what="both scans")

        serial_driver = manager.driver("dock")
        manager.apply([replace(dock, terminator="lf"), bench])  # only dock changed
        assert manager.driver("bench") is simulated
        assert manager.driver("dock") is not serial_driver
        wait_for(lambda: manager.health("dock").state is HealthState.CONNECTED, what="reopen")
        pty.write(b"AFTER-EDIT\n")
        wait_for(lambda: b"AFTER-EDIT" in bus.data("dock"), what="scan with the new terminator")

        manager.apply([bench])  # dock removed: its port is closed, its thread gone
        assert manager.names() == ["bench"]
        assert not any(t.name == "serial:dock" for t in threading.enumerate())
        assert bus.health["dock"][-1].state is HealthState.STOPPED
    finally:
        manager.stop()
        pty.stop()
    assert bus.data("dock") == [b"]C10109501101530003", b"AFTER-EDIT"]
    assert bus.data("bench") == [b"TOTE-0001"]


def test_disabled_unknown_and_bad_settings_are_reported_not_raised(
    bus: Bus, manager: ScannerManager
) -> None:
    manager.apply(
        [
            ScannerConfig(name="off", type="simulated", enabled=False),
            ScannerConfig(name="odd", type="laser"),
            ScannerConfig(name="bad", type="evdev", keyboard_layout="klingon"),
        ]
    )
    assert manager.health("off") == Health(HealthState.STOPPED, "disabled")
    assert manager.health("odd").state is HealthState.ERROR
    assert "unknown scanner type" in manager.health("odd").reason
    assert "keyboard layout" in manager.health("bad").reason
    assert manager.driver("off") is None


def test_only_one_keyboard_wedge(qtbot: QtBot, bus: Bus, manager: ScannerManager) -> None:
    manager.apply([ScannerConfig(name="w1"), ScannerConfig(name="w2")])
    assert manager.health("w1").state is HealthState.CONNECTED
    assert manager.health("w2").state is HealthState.ERROR
    assert "only one keyboard-wedge" in manager.health("w2").reason
    manager.apply([ScannerConfig(name="w2")])  # w1 gone: w2 may run now
    assert manager.health("w2").state is HealthState.CONNECTED
