"""CUPS queues through the ``lp``/``lpstat`` commands (no pycups build needed).

CUPS scales a PDF to the media unless told not to, which moves every bar off the dot grid, so
each job names the label's media and ``print-scaling=none`` (DESIGN.md §5). A paused queue
still accepts jobs and sits on them silently: the driver checks the queue first and reports
"paused" instead, so the packer sees it and the worker retries.
"""

from __future__ import annotations

import subprocess

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
    def __init__(self, name: str, queue: str, media: str) -> None:
        self.name = name
        self.queue = queue
        self.media = media

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

    def send(self, document: bytes, title: str) -> str:
        self._ready()
        proc = _run(
            [
                "lp",
                "-d",
                self.queue,
                "-t",
                title,
                "-o",
                f"media={self.media}",
                "-o",
                "print-scaling=none",
                "-",
            ],
            document,
        )
        if proc.returncode != 0:
            raise PrintError(f"CUPS refused the job: {_message(proc)}")
        # "request id is label-pdf-12 (1 file(s))"
        out = proc.stdout.decode("utf-8", "replace").split()
        return out[3] if len(out) > 3 and out[:3] == ["request", "id", "is"] else ""
