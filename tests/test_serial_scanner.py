"""The serial driver on real pseudo-terminals (socat): order, terminators, unplug, bad input."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.scanners.base import HealthCode, HealthState
from drivers.scanners.framing import FrameSettings
from drivers.scanners.serial_scanner import SerialScanner, SerialSettings
from tests.scanner_support import Recorder, SocatPair, wait_for


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    leaked = [t.name for t in threading.enumerate() if t not in before and t.is_alive()]
    assert leaked == []


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[SocatPair]:
    pair = SocatPair(tmp_path)
    pair.start()
    yield pair
    pair.stop()


def start_scanner(
    pty: SocatPair, terminator: str = "cr", name: str = "dock", **frame: object
) -> tuple[SerialScanner, Recorder]:
    settings = SerialSettings(
        port=str(pty.station_end),
        baud=115200,
        frame=FrameSettings.from_text(terminator, **frame),  # type: ignore[arg-type]
        reconnect_interval=0.05,
    )
    scanner = SerialScanner(name, settings)
    rec = Recorder()
    scanner.start(rec.on_scan, rec.on_health)
    wait_for(lambda: scanner.health.state is HealthState.CONNECTED, what="the port to open")
    return scanner, rec


CODES = [f"]C10109501101530{i:03d}".encode() for i in range(50)]


def test_scans_arrive_in_order(pty: SocatPair) -> None:
    scanner, rec = start_scanner(pty)
    try:
        for code in CODES:
            pty.write(code + b"\r")
        scans = rec.wait_scans(len(CODES))
    finally:
        scanner.stop()
    assert [s.data for s in scans] == CODES
    assert {s.aim for s in scans} == {"]C1"} and {s.source for s in scans} == {"dock"}
    assert all(s.error is None for s in scans)
    assert scanner.health.state is HealthState.STOPPED


@pytest.mark.parametrize(("terminator", "wire"), [("cr", b"\r"), ("lf", b"\n"), ("crlf", b"\r\n")])
def test_terminators(pty: SocatPair, terminator: str, wire: bytes) -> None:
    scanner, rec = start_scanner(pty, terminator)
    try:
        # Sent in two pieces with the terminator itself split for CRLF.
        pty.write(b"TOTE-0042" + wire[:1])
        pty.write(wire[1:] + b"BIN-A-01-02-3" + wire)
        scans = rec.wait_scans(2)
    finally:
        scanner.stop()
    assert [s.data for s in scans] == [b"TOTE-0042", b"BIN-A-01-02-3"]
    assert all(s.error is None for s in scans)


def test_no_terminator_uses_the_inter_byte_timeout(pty: SocatPair) -> None:
    scanner, rec = start_scanner(pty, "none", inter_byte_timeout_ms=40)
    try:
        pty.write(b"ORD-100234")
        [scan] = rec.wait_scans(1)
    finally:
        scanner.stop()
    assert scan.data == b"ORD-100234" and scan.error is None


def test_unplug_and_replug_then_a_scan_is_delivered(pty: SocatPair) -> None:
    scanner, rec = start_scanner(pty)
    try:
        pty.write(b"BEFORE\r")
        rec.wait_scans(1)
        pty.write(b"HALF-A-FRA")  # unplugged in the middle of a frame
        pty.unplug()
        wait_for(
            lambda: scanner.health.state is HealthState.RECONNECTING, what="reconnecting health"
        )
        assert scanner.health.code is HealthCode.UNPLUGGED
        pty.start()  # re-plug at the same path (a new /dev/pts node behind the link)
        wait_for(lambda: scanner.health.state is HealthState.CONNECTED, what="reconnect")
        pty.write(b"AFTER\r")
        wait_for(lambda: b"AFTER" in rec.data(), what="the scan after re-plug")
    finally:
        scanner.stop()
    states = [h.state for h in rec.healths]
    assert states[:3] == [HealthState.CONNECTED, HealthState.RECONNECTING, HealthState.CONNECTED]
    assert states[-1] is HealthState.STOPPED
    good = [s.data for s in rec.scans if s.error is None]
    assert good == [b"BEFORE", b"AFTER"]
    # Whatever of the half frame had arrived before the unplug is reported, not glued to AFTER.
    broken = [s for s in rec.scans if s.error is not None]
    assert all(s.error_code == "incomplete" for s in broken)


def test_scanner_plugged_in_after_start_is_picked_up(tmp_path: Path) -> None:
    pair = SocatPair(tmp_path, "late")
    settings = SerialSettings(str(pair.station_end), reconnect_interval=0.05)
    scanner = SerialScanner("late", settings)
    rec = Recorder()
    scanner.start(rec.on_scan, rec.on_health)
    try:
        wait_for(lambda: scanner.health.code is HealthCode.WAITING_FOR_DEVICE, what="waiting")
        assert scanner.health.state is HealthState.RECONNECTING
        pair.start()
        wait_for(lambda: scanner.health.state is HealthState.CONNECTED, what="connect")
        pair.write(b"LATE-1\r")
        [scan] = rec.wait_scans(1)
        assert scan.data == b"LATE-1"
    finally:
        scanner.stop()
        pair.stop()


def test_garbage_partial_and_oversized_frames_never_wedge_the_reader(pty: SocatPair) -> None:
    scanner, rec = start_scanner(pty)
    try:
        pty.write(b"\xff\xfe\x80garbage\r")  # not UTF-8: what a wrong baud rate looks like
        pty.write(b"\x00\x11\x13\r")  # control bytes: line noise
        pty.write(b"X" * 5000)  # oversized: no terminator in sight
        pty.write(b"TAIL-OF-IT\r")  # ... its end is dropped up to the terminator
        pty.write(b"GOOD-1\r")
        pty.write(b"PARTIAL")  # then silence
        rec.wait_scans(5)
        pty.write(b"\rGOOD-2\r")
        wait_for(lambda: b"GOOD-2" in rec.data(), what="a good scan after the bad ones")
    finally:
        scanner.stop()
    got = [(s.data[:12], s.error_code) for s in rec.scans]
    assert got == [
        (b"\xff\xfe\x80garbage", "invalid_utf8"),
        (b"\x00\x11\x13", "control_characters"),
        (b"X" * 12, "oversized"),
        (b"GOOD-1", None),
        (b"PARTIAL", "incomplete"),
        (b"GOOD-2", None),
    ]
    assert len(rec.scans[2].data) == 4096


def test_two_scanners_at_once(tmp_path: Path) -> None:
    pairs = [SocatPair(tmp_path, "one"), SocatPair(tmp_path, "two")]
    for pair in pairs:
        pair.start()
    scanners = []
    try:
        for pair, name in zip(pairs, ["one", "two"], strict=True):
            scanners.append(start_scanner(pair, name=name))
        for i in range(20):
            pairs[0].write(f"ONE-{i}\r".encode())
            pairs[1].write(f"TWO-{i}\r".encode())
        for _, rec in scanners:
            rec.wait_scans(20)
    finally:
        for scanner, _ in scanners:
            scanner.stop()
        for pair in pairs:
            pair.stop()
    one, two = (rec.scans for _, rec in scanners)
    assert [s.data for s in one] == [f"ONE-{i}".encode() for i in range(20)]
    assert [s.data for s in two] == [f"TWO-{i}".encode() for i in range(20)]
    assert {s.source for s in one} == {"one"} and {s.source for s in two} == {"two"}


def test_missing_port_setting_is_an_error_not_a_crash() -> None:
    scanner = SerialScanner("x", SerialSettings(port=""))
    rec = Recorder()
    scanner.start(rec.on_scan, rec.on_health)
    try:
        wait_for(lambda: scanner.health.state is HealthState.ERROR, what="error health")
    finally:
        scanner.stop()
    assert rec.healths[0].code is HealthCode.BAD_SETTINGS
    scanner.stop()  # twice is fine
