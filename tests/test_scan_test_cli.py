"""``main.py scan-test`` on a real pseudo-terminal: every scan printed, bad input reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.scanner_support import SocatPair

ROOT = Path(__file__).resolve().parents[1]


def run_cli(pty: SocatPair, frames: list[bytes], *extra: str) -> tuple[str, str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "scan-test",
            "--port",
            str(pty.station_end),
            "--baud",
            "115200",
            "--count",
            str(len(frames)),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()  # health goes to stderr: wait until the port is open
        assert first.startswith("# connected"), first
        for frame in frames:
            pty.write(frame)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    return out, first + err


FRAMES = [
    b"]C10109501101530003172705311012345\x1d21SER42\r",
    b"\xff\xfe\x13noise\r",
    b"A-01-02-3-1\r",
    b"XYZ-NOT-OURS\r",
    b"]C100106141411234567897\r",
]


def test_json_lines(tmp_path: Path) -> None:
    pty = SocatPair(tmp_path)
    pty.start()
    try:
        out, _ = run_cli(pty, FRAMES, "--json")
    finally:
        pty.stop()
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 5
    product, noise, location, unknown, sscc = records
    assert product["kind"] == "product" and product["error"] is None
    assert product["aim"] == "]C1" and product["symbology"] == "GS1-128"
    assert (product["gtin"], product["lot"], product["expiry"], product["serial"]) == (
        "09501101530003",
        "12345",
        "2027-05-31",
        "SER42",
    )
    assert product["raw_hex"].startswith("5D 43 31") and " 1D " in product["raw_hex"]
    assert noise["kind"] == "error" and noise["error"]["from"] == "driver"
    assert noise["error"]["code"] == "invalid_utf8" and noise["raw_hex"].startswith("FF FE 13")
    assert location["kind"] == "location" and location["aisle"] == 1
    assert unknown["kind"] == "error" and unknown["error"]["from"] == "parser"
    assert sscc["kind"] == "sscc" and sscc["sscc"] == "106141411234567897"


def test_text_output(tmp_path: Path) -> None:
    pty = SocatPair(tmp_path)
    pty.start()
    try:
        out, err = run_cli(pty, FRAMES[:2])
    finally:
        pty.stop()
    assert "]C1 (GS1-128)" in out and "gtin=09501101530003" in out and "<GS>" in out
    assert "ERROR (driver, invalid_utf8)" in out
    assert "# connected" in err


def test_bad_options_and_unusable_ports_end_it() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", "scan-test", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )

    bad = run("--port", "/dev/ttyS99", "--gs-substitute", "ab")
    assert bad.returncode == 2 and "gs_substitute" in bad.stderr
    not_serial = run("--port", "/dev/null")
    assert not_serial.returncode == 1 and "# error: cannot open /dev/null" in not_serial.stderr
