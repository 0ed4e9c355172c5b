"""CUPS queues through the ``lp``/``lpstat`` commands (no pycups build needed).

CUPS scales a PDF to the media unless told not to, which moves every bar off the dot grid, so
each job names the label's media and ``print-scaling=none`` (DESIGN.md §5). A paused queue
still accepts jobs and sits on them silently: the driver checks the queue first and reports
"paused" instead, so the packer sees it and the worker retries.

A raw queue in front of a ZPL label printer (``language = "zpl"``) gets ZPL made from the
label PDF by ``convert`` and sent with ``-o raw``, so no CUPS filter touches the bytes.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable

from drivers.printers.base import Health, HealthState, PrintError

TIMEOUT_S = 15.0


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(args, input=data, capture_output=True, timeout=TIMEOUT_S)
    except FileNotFoundError as exc:
        raise PrintError(f"CUPS is not installed ({args[0]} not found)") from exc
    except subprocess.TimeoutExpired as exc:
        raise PrintError(f"CUPS did not answer within {TIMEOUT_S:.0f} s") from exc


def _message(proc: subprocess.CompletedProcess[bytes]) -> str:
    text = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()
    return text.splitlines()[-1] if text else f"exit status {proc.returncode}"


def list_queues() -> list[str]:
    """Names of the CUPS queues on this machine; empty when CUPS is missing or not running."""
    try:
        proc = subprocess.run(["lpstat", "-e"], capture_output=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if proc.returncode != 0:
        return []
    return sorted({line.split()[0] for line in proc.stdout.decode().splitlines() if line.strip()})


class CupsPrinter:
    def __init__(
        self,
        name: str,
        queue: str,
        media: str,
        convert: Callable[[bytes], bytes] | None = None,
        language: str = "pdf",
    ) -> None:
        self.name = name
        self.queue = queue
        self.media = media
        self.convert = convert
        self.language = language  # what ``convert`` makes ("zpl"), or "pdf" as sent

    def check(self) -> Health:
        try:
            self._ready()
        except PrintError as exc:
            return Health(HealthState.ERROR, exc.reason)
        return Health(HealthState.CONNECTED, f"CUPS queue {self.queue} ready")

    def _ready(self) -> None:
        proc = _run(["lpstat", "-p", self.queue])
        if proc.returncode != 0:
            raise PrintError(f"CUPS queue {self.queue}: {_message(proc)}")
        status = proc.stdout.decode("utf-8", "replace")
        if "disabled" in status:
            raise PrintError(f"CUPS queue {self.queue} is paused")
        accepting = _run(["lpstat", "-a", self.queue])
        if b"not accepting" in accepting.stdout:
            raise PrintError(f"CUPS queue {self.queue} is not accepting jobs")

    def _job(self, document: bytes) -> tuple[list[str], bytes]:
        """``lp`` options and bytes: the PDF with its media and no scaling, or converted and raw."""
        if self.convert is None:
            return ["-o", f"media={self.media}", "-o", "print-scaling=none"], document
        try:
            converted = self.convert(document)
        except Exception as exc:  # the converter's message is the reason the packer sees
            raise PrintError(f"cannot make {self.language.upper()} from the label: {exc}") from exc
        return ["-o", "raw"], converted

    def send(self, document: bytes, title: str) -> str:
        options, data = self._job(document)
        self._ready()
        proc = _run(["lp", "-d", self.queue, "-t", title, *options, "-"], data)
        if proc.returncode != 0:
            raise PrintError(f"CUPS refused the job: {_message(proc)}")
        # "request id is label-pdf-12 (1 file(s))"
        out = proc.stdout.decode("utf-8", "replace").split()
        return out[3] if len(out) > 3 and out[:3] == ["request", "id", "is"] else ""
