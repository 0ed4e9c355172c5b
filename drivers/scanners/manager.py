"""Builds scanner drivers from the station config, runs them, and re-applies a changed config.

The manager knows the config only by shape (:class:`ScannerSpec`, which ``app.config``'s
``ScannerConfig`` satisfies), so the driver layer does not import the core. ``apply`` compares
each scanner's settings with what is running: an unchanged scanner keeps running (no missed
scans while an admin edits another one), a changed one is stopped and rebuilt, a removed one
stopped. Call ``apply`` and ``stop`` on the GUI thread (the wedge driver needs it); scans and
health arrive on the drivers' own threads through the two callbacks.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from drivers.scanners.base import (
    Health,
    HealthCode,
    HealthState,
    ScanCallback,
    ScannerDriver,
)
from drivers.scanners.framing import FrameSettings

log = logging.getLogger(__name__)


class ScannerSpec(Protocol):
    """One scanner's settings, as ``app.config.ScannerConfig`` holds them."""

    name: str
    type: str
    port: str
    baud: int
    parity: str
    terminator: str
    inter_byte_timeout_ms: int
    strip_prefix: str
    strip_suffix: str
    max_key_interval_ms: int
    min_length: int
    suffix_key: str
    device: str
    keyboard_layout: str
    gs_substitute: str
    enabled: bool


SPEC_FIELDS = tuple(ScannerSpec.__annotations__)

DriverFactory = Callable[[ScannerSpec], ScannerDriver]
DeviceHealthCallback = Callable[[str, Health], None]


def frame_settings(spec: ScannerSpec, terminator: str | None = None) -> FrameSettings:
    return FrameSettings.from_text(
        terminator or spec.terminator,
        spec.inter_byte_timeout_ms,
        spec.strip_prefix,
        spec.strip_suffix,
        spec.gs_substitute,
    )


def make_serial(spec: ScannerSpec) -> ScannerDriver:
    from drivers.scanners.serial_scanner import SerialScanner, SerialSettings

    settings = SerialSettings(spec.port, spec.baud, spec.parity, frame_settings(spec))
    return SerialScanner(spec.name, settings)


def make_evdev(spec: ScannerSpec) -> ScannerDriver:
    from drivers.scanners.evdev_scanner import EvdevScanner, EvdevSettings

    settings = EvdevSettings(
        spec.device, spec.keyboard_layout, spec.suffix_key, frame_settings(spec, "none")
    )
    return EvdevScanner(spec.name, settings)


def make_wedge(spec: ScannerSpec) -> ScannerDriver:
    from drivers.scanners.wedge import WedgeScanner, WedgeSettings

    settings = WedgeSettings(
        spec.max_key_interval_ms, spec.min_length, spec.suffix_key, frame_settings(spec, "none")
    )
    return WedgeScanner(spec.name, settings)


def make_simulated(spec: ScannerSpec) -> ScannerDriver:
    from drivers.scanners.simulated import SimulatedScanner

    return SimulatedScanner(spec.name, frame_settings(spec))


DEFAULT_FACTORIES: Mapping[str, DriverFactory] = {
    "serial": make_serial,
    "wedge": make_wedge,
    "evdev": make_evdev,
    "simulated": make_simulated,
}


@dataclass
class _Running:
    snapshot: tuple[object, ...]
    driver: ScannerDriver | None  # None: not running (disabled, or refused with a health error)


class ScannerManager:
    def __init__(
        self,
        on_scan: ScanCallback,
        on_health: DeviceHealthCallback,
        factories: Mapping[str, DriverFactory] | None = None,
    ) -> None:
        self._on_scan = on_scan
        self._on_health = on_health
        self._factories = dict(DEFAULT_FACTORIES if factories is None else factories)
        self._running: dict[str, _Running] = {}
        self._health: dict[str, Health] = {}
        self._lock = threading.Lock()

    # -- queries (any thread) -------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self._running)

    def health(self, name: str) -> Health:
        with self._lock:
            return self._health.get(name, Health(HealthState.STOPPED))

    def driver(self, name: str) -> ScannerDriver | None:
        running = self._running.get(name)
        return running.driver if running else None

    # -- lifecycle (GUI thread) -----------------------------------------------------------
    def apply(self, specs: Sequence[ScannerSpec]) -> None:
        """Make the running scanners match ``specs``; unchanged ones are left alone."""
        wanted: dict[str, ScannerSpec] = {}
        duplicates: list[str] = []
        for spec in specs:
            if spec.name in wanted:
                duplicates.append(spec.name)
            else:
                wanted[spec.name] = spec
        for name in list(self._running):
            spec_or_none = wanted.get(name)
            running = self._running[name]
            # A refused scanner is tried again: what stopped it (another wedge) may be gone.
            refused = running.driver is None and spec_or_none is not None and spec_or_none.enabled
            if spec_or_none is None or refused or _snapshot(spec_or_none) != running.snapshot:
                self._stop_one(name)
                if spec_or_none is None:
                    with self._lock:
                        self._health.pop(name, None)
        wedge_owner = next(
            (
                n
                for n, r in self._running.items()
                if r.driver is not None and wanted[n].type == "wedge"
            ),
            None,
        )
        for name, spec in wanted.items():
            if name in self._running:
                continue
            if spec.enabled and spec.type == "wedge":
                if wedge_owner is not None:
                    self._refuse(
                        spec,
                        f"only one keyboard-wedge scanner can be active ({wedge_owner!r} is); "
                        "every keyboard shares one key stream",
                    )
                    continue
                wedge_owner = name
            self._start_one(spec)
        for name in duplicates:
            log.error("two scanners are named %r: the second one is ignored", name)

    def stop(self) -> None:
        """Stop every driver (joins their threads)."""
        for name in list(self._running):
            self._stop_one(name)

    def _start_one(self, spec: ScannerSpec) -> None:
        snapshot = _snapshot(spec)
        if not spec.enabled:
            self._running[spec.name] = _Running(snapshot, None)
            self._report(spec.name, Health(HealthState.STOPPED, "disabled"))
            return
        factory = self._factories.get(spec.type)
        if factory is None:
            self._refuse(spec, f"unknown scanner type {spec.type!r}")
            return
        try:
            driver = factory(spec)
        except (ValueError, ImportError) as exc:
            self._refuse(spec, str(exc))
            return
        self._running[spec.name] = _Running(snapshot, driver)
        name = spec.name
        driver.start(self._on_scan, lambda health: self._report(name, health))

    def _refuse(self, spec: ScannerSpec, reason: str) -> None:
        self._running[spec.name] = _Running(_snapshot(spec), None)
        self._report(spec.name, Health(HealthState.ERROR, reason, HealthCode.BAD_SETTINGS))

    def _stop_one(self, name: str) -> None:
        running = self._running.pop(name)
        if running.driver is not None:
            running.driver.stop()

    def _report(self, name: str, health: Health) -> None:
        with self._lock:
            self._health[name] = health
        try:
            self._on_health(name, health)
        except Exception:
            log.exception("scanner %s: health listener failed", name)


def _snapshot(spec: ScannerSpec) -> tuple[object, ...]:
    return tuple(getattr(spec, field) for field in SPEC_FIELDS)
