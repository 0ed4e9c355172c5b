"""Real printers for tests: a TCP server standing in for a 9100 printer, and a CUPS queue.

``decode_zpl`` reads what a ZPL printer would print from the bytes it received: written here
from the ZPL II ^GF description, apart from the code that makes the ZPL, so a mistake in one
is not repeated in the other.

The CUPS fixture uses the machine's real CUPS with the cups-pdf backend (DESIGN.md §5). It
starts ``cupsd`` in the foreground when none is running (and stops it afterwards), and skips
with a reason when CUPS is not installed, unless WS_REQUIRE_SERVICES=1 asks for a failure.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import socketserver
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CUPS_QUEUE = "label-pdf"
CUPS_RAW_QUEUE = "label-zpl"
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"


def wait_for(condition: Callable[[], bool], timeout_s: float = 20.0, what: str = "") -> None:
    """Poll until ``condition`` holds (a bound on waiting, not a speed assertion)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what or condition}")
        time.sleep(0.02)


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        data = self.rfile.read()  # until the client shuts down its side
        if data:  # health probes connect and close without data
            server: FakeRawPrinter = self.server  # type: ignore[assignment]
            with server.lock:
                server.documents.append(data)


class FakeRawPrinter(socketserver.ThreadingTCPServer):
    """A raw 9100 printer on 127.0.0.1 that keeps every document it receives."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.documents: list[bytes] = []
        self.lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, name="fake-9100")

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> FakeRawPrinter:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join()


_DOTS = [bytes(0 if b >> bit & 1 else 255 for bit in range(7, -1, -1)) for b in range(256)]


@dataclass
class ZplLabel:
    """What one ZPL label format asks the printer for; ``image`` is black on white ("L")."""

    width: int  # ^PW, dots
    length: int  # ^LL, dots
    copies: int  # ^PQ
    origin: tuple[int, int]  # ^FO of the graphic field
    image: Any


def decode_zpl(zpl: bytes) -> ZplLabel:
    """Parse one ``^XA ... ^XZ`` format holding a single ASCII-hex ^GFA graphic field."""
    from PIL import Image

    text = zpl.decode("ascii")
    assert text.startswith("^XA") and text.rstrip().endswith("^XZ"), text[:40]
    assert text.count("^XA") == 1 and text.count("^XZ") == 1

    def number(command: str) -> int:
        found = re.findall(rf"\^{command}(\d+)", text)
        assert len(found) == 1, f"^{command} appears {len(found)} times"
        return int(found[0])

    fo = re.findall(r"\^FO(\d+),(\d+)\^GFA", text)
    assert len(fo) == 1, "one graphic field, placed with ^FO"
    m = re.search(r"\^GFA,(\d+),(\d+),(\d+),([^\^]*)\^FS", text)
    assert m is not None, "a ^GFA field ended by ^FS"
    binary_bytes, field_bytes, per_row = (int(m.group(i)) for i in (1, 2, 3))
    hex_digits = re.sub(r"\s", "", m.group(4))
    assert re.fullmatch(r"[0-9A-F]*", hex_digits), "plain upper-case hex, no compression"
    data = bytes.fromhex(hex_digits)
    assert binary_bytes == field_bytes == len(data), (binary_bytes, field_bytes, len(data))
    assert len(data) % per_row == 0
    rows = len(data) // per_row
    # Bit 7 of each byte is the leftmost dot; a set bit burns a dot (black).
    image = Image.frombytes("L", (per_row * 8, rows), b"".join(_DOTS[b] for b in data))
    width = number("PW")
    assert per_row == (width + 7) // 8, "rows are as wide as the print width, padded to bytes"
    return ZplLabel(
        width=width,
        length=number("LL"),
        copies=number("PQ"),
        origin=(int(fo[0][0]), int(fo[0][1])),
        image=image.crop((0, 0, width, rows)),
    )


def free_port() -> int:
    """A port nobody listens on right now: connecting to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_raw_printer() -> Iterator[FakeRawPrinter]:
    """Body of a ``raw_printer`` fixture."""
    server = FakeRawPrinter().start()
    yield server
    server.stop()


def _require_or_skip(reason: str) -> None:
    if os.environ.get("WS_REQUIRE_SERVICES") == "1":
        pytest.fail(f"WS_REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def _cups_running() -> bool:
    return subprocess.run(["lpstat", "-r"], capture_output=True, text=True).stdout.startswith(
        "scheduler is running"
    )


def cups_pdf_output_dir() -> Path:
    """Where cups-pdf writes our jobs: its ``Out`` setting, ${HOME} being the job owner's."""
    out = "${HOME}/PDF"
    conf = Path("/etc/cups/cups-pdf.conf")
    if conf.exists():
        for line in conf.read_text(errors="replace").splitlines():
            m = re.match(r"^\s*Out\s+(\S+)", line)
            if m:
                out = m.group(1)
    home = pwd.getpwuid(os.getuid()).pw_dir
    return Path(out.replace("${HOME}", home))


def run_cups_queue() -> Iterator[str]:
    """Body of a session-scoped ``cups_queue`` fixture: yields the queue name."""
    for tool in ("cupsd", "lpadmin", "lp", "lpstat"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            _require_or_skip(f"CUPS is not installed ({tool} missing; Debian: cups)")
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        _require_or_skip("the cups-pdf backend is missing (Debian: printer-driver-cups-pdf)")
    daemon: subprocess.Popen[bytes] | None = None
    if not _cups_running():
        cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
        daemon = subprocess.Popen([cupsd, "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for(_cups_running, 20.0, "cupsd to start")
        except AssertionError:
            daemon.kill()
            _, err = daemon.communicate()
            _require_or_skip(f"cupsd did not start: {err.decode(errors='replace')[-300:]}")
    lpadmin = shutil.which("lpadmin") or "/usr/sbin/lpadmin"
    proc = subprocess.run(
        [lpadmin, "-p", CUPS_QUEUE, "-E", "-v", "cups-pdf:/", "-m", PPD],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        if daemon is not None:
            daemon.terminate()
            daemon.wait()
        _require_or_skip(f"cannot create the cups-pdf queue: {proc.stderr.strip()}")
    subprocess.run(["cupsenable", CUPS_QUEUE], capture_output=True)
    subprocess.run(["cupsaccept", CUPS_QUEUE], capture_output=True)
    # Jobs left in the queue by an earlier, interrupted run would print into the output folder
    # while a test waits for its own file: purge them first.
    subprocess.run(["cancel", "-a", "-x", CUPS_QUEUE], capture_output=True)
    yield CUPS_QUEUE
    subprocess.run(["cupsenable", CUPS_QUEUE], capture_output=True)
    if daemon is not None:
        daemon.terminate()
        daemon.wait(timeout=30)


@contextlib.contextmanager
def cups_raw_queue(port: int) -> Iterator[str]:
    """A raw CUPS queue (no filters) sending to a 9100 printer on 127.0.0.1:``port``.

    Needs the scheduler started by ``run_cups_queue``; the queue is deleted afterwards.
    """
    lpadmin = shutil.which("lpadmin") or "/usr/sbin/lpadmin"
    uri = f"socket://127.0.0.1:{port}"
    proc = subprocess.run(
        [lpadmin, "-p", CUPS_RAW_QUEUE, "-E", "-v", uri, "-m", "raw"],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        _require_or_skip(f"cannot create a raw CUPS queue: {proc.stderr.strip()}")
    subprocess.run(["cancel", "-a", "-x", CUPS_RAW_QUEUE], capture_output=True)
    try:
        yield CUPS_RAW_QUEUE
    finally:
        subprocess.run(["cancel", "-a", "-x", CUPS_RAW_QUEUE], capture_output=True)
        subprocess.run([lpadmin, "-x", CUPS_RAW_QUEUE], capture_output=True)
