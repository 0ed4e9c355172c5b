"""evdev scanners: key decoding (US and German) and the driver's refusals.

No HID scanner (nor ``/dev/input``, nor ``/dev/uinput``) exists on the test machines, so decoding
is tested on key-event sequences recorded in evtest's text format under ``tests/data/evdev/``.
Those files were written from the scanners' documented key sequences, not captured from a
device. The driver's device I/O (open, grab, read, re-grab) is exercised only through its error
paths here: missing device, a file that is not an input device, evdev unavailable.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.scanners import keymaps
from drivers.scanners.base import HealthCode, HealthState
from drivers.scanners.evdev_scanner import EvdevScanner, EvdevSettings, list_input_devices
from drivers.scanners.keymaps import DE, US, KeyDecoder
from tests.scanner_support import Recorder, wait_for

DATA = Path(__file__).parent / "data" / "evdev"
EVENT = re.compile(r"type (\d+) \((\w+)\), code (\d+) \((\w+)\), value (\d+)")


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert [t.name for t in threading.enumerate() if t not in before] == []


def key_events(name: str) -> list[tuple[int, int, str]]:
    """(code, value, key name) of the EV_KEY lines of a recording."""
    events = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        match = EVENT.search(line)
        if match and match.group(2) == "EV_KEY":
            events.append((int(match.group(3)), int(match.group(5)), match.group(4)))
    assert events, f"no key events in {name}"
    return events


def decode(name: str, decoder: KeyDecoder) -> list[str]:
    frames = []
    for code, value, _ in key_events(name):
        frame = decoder.feed(code, value)
        if frame is not None:
            frames.append(frame)
    return frames


def test_our_key_codes_match_the_kernel_names() -> None:
    ecodes = pytest.importorskip("evdev").ecodes
    for name in ("us_gs1_128.evtest", "de_layout.evtest", "us_capslock.evtest"):
        for code, _, key_name in key_events(name):
            assert ecodes.ecodes[key_name] == code
    for attr in dir(keymaps):
        if attr.startswith("KEY_"):
            assert getattr(keymaps, attr) == ecodes.ecodes[attr], attr


def test_us_gs1_128_with_gs_as_ctrl_bracket() -> None:
    assert decode("us_gs1_128.evtest", KeyDecoder(US)) == ["]C10109501101530003\x1d10AB-12"]


def test_german_layout_swaps_y_z_and_uses_altgr_and_dead_keys() -> None:
    assert decode("de_layout.evtest", KeyDecoder(DE)) == ["]C1TOTE-Zy_@ä#/7^"]


def test_the_same_keys_read_as_us_give_a_different_text() -> None:
    # Why the keyboard country must match: a German scanner read with the US table.
    [text] = decode("de_layout.evtest", KeyDecoder(US))
    assert text != "]C1TOTE-Zy_@ä#/7^" and text.startswith("9C1TOTE/Yz")


def test_capslock_on_does_not_change_the_scan() -> None:
    assert decode("us_capslock.evtest", KeyDecoder(US)) == ["ABc12"]


def test_alt_keypad_code_and_tab_suffix() -> None:
    decoder = KeyDecoder(US, suffix_key="tab")
    seq = [(keymaps.KEY_LEFTALT, 1)]
    seq += [(c, v) for c in (keymaps.KEY_KP0, keymaps.KEY_KP2, keymaps.KEY_KP9) for v in (1, 0)]
    seq += [(keymaps.KEY_LEFTALT, 0), (2, 1), (2, 0), (keymaps.KEY_TAB, 1)]
    frames = [f for code, value in seq if (f := decoder.feed(code, value)) is not None]
    assert frames == ["\x1d1"]


def test_unknown_layout_or_suffix_is_refused() -> None:
    with pytest.raises(ValueError, match="suffix key"):
        KeyDecoder(US, suffix_key="space")
    with pytest.raises(ValueError, match="keyboard layout"):
        EvdevScanner("x", EvdevSettings(device="/dev/input/event0", layout="fr"))


def run_until(scanner: EvdevScanner, condition: HealthCode) -> Recorder:
    rec = Recorder()
    scanner.start(rec.on_scan, rec.on_health)
    try:
        wait_for(lambda: scanner.health.code is condition, what=f"health {condition}")
    finally:
        scanner.stop()
    return rec


def test_missing_device_waits_for_it(tmp_path: Path) -> None:
    scanner = EvdevScanner("e", EvdevSettings(device=str(tmp_path / "event-kbd")))
    rec = run_until(scanner, HealthCode.WAITING_FOR_DEVICE)
    assert rec.healths[0].state is HealthState.RECONNECTING


def test_a_file_that_is_no_input_device_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("evdev")
    fake = tmp_path / "not-a-device"
    fake.write_bytes(b"")
    rec = run_until(EvdevScanner("e", EvdevSettings(device=str(fake))), HealthCode.FAILED)
    assert rec.healths[0].state is HealthState.ERROR
    assert "not an input device" in rec.healths[0].reason


def test_no_device_chosen_is_a_settings_error() -> None:
    rec = run_until(EvdevScanner("e", EvdevSettings(device="")), HealthCode.BAD_SETTINGS)
    assert rec.healths[0].state is HealthState.ERROR


def test_not_linux_is_a_message_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretending to be another platform is the only way to run this branch on Linux.
    monkeypatch.setattr(sys, "platform", "darwin")
    scanner = EvdevScanner("e", EvdevSettings(device="/dev/input/event3"))
    rec = run_until(scanner, HealthCode.UNAVAILABLE)
    assert "need Linux" in rec.healths[0].reason
    assert list_input_devices() == []


def test_evdev_missing_is_a_message_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "evdev", None)  # makes `import evdev` raise ImportError
    rec = run_until(EvdevScanner("e", EvdevSettings(device="/x")), HealthCode.UNAVAILABLE)
    assert "python-evdev is not installed" in rec.healths[0].reason
