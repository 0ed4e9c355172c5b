"""``main.py server`` in a process of its own on a free loopback port, for the tests and the
benchmarks that run several server processes on one database (the clients then do not share
the server's GIL, as in production behind a load balancer)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.pg_cluster import free_port

ROOT = Path(__file__).resolve().parents[1]


class ServerProcess:
    """Started and answering ``/api/v1/health`` when made; :meth:`stop` ends it."""

    def __init__(self, url: str, token: str, *, pool: int = 10) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "WS_SERVER_DB_POOL_SIZE": str(pool)}
        # A file, not a pipe: nobody reads stderr while the server runs, and a full pipe would
        # stall it. Its end goes into the error when the server does not start.
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
        self.proc = subprocess.Popen(
            [sys.executable, "main.py", "server", "--db", url, "--port", str(self.port),
             "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self._stderr,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(
                    f"{self.base}/api/v1/health", headers={"Authorization": f"Bearer {token}"}
                )
                if r.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self._stderr.seek(0)
                err = self._stderr.read().decode(errors="replace")
                self.stop()
                raise RuntimeError(f"the server process did not start: {err[-2000:]}")
            time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self._stderr.close()
