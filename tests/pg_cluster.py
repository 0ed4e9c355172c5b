"""A throwaway PostgreSQL cluster for the test session (real server, no mocks).

``initdb`` makes a cluster in a temporary folder, ``postgres`` serves it on a free port on
127.0.0.1 with its unix socket in that folder, and the session's end stops it and deletes the
folder. PostgreSQL refuses to run as root, so under root the cluster belongs to the
``postgres`` user. Durability is switched off (``fsync=off``): these clusters hold nothing
worth keeping, and the tests measure behaviour, not disk speed.

Where no PostgreSQL binaries are installed the tests that need one skip with the reason, but
with ``WS_REQUIRE_SERVICES=1`` (set by ``.ci/run``) they fail instead: CI must run them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN_CANDIDATES = ("/usr/lib/postgresql/15/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin")))


SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "300",
    "shared_buffers": "64MB",
}


def _missing(reason: str) -> None:
    if os.environ.get("WS_REQUIRE_SERVICES") == "1":
        pytest.fail(f"PostgreSQL is required here (WS_REQUIRE_SERVICES=1) but {reason}")
    pytest.skip(f"needs PostgreSQL: {reason}")


def _bin_dir() -> Path | None:
    env = os.environ.get("WS_PG_BIN")
    for candidate in ([env] if env else []) + list(PG_BIN_CANDIDATES):
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="ws-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.user: str | None = None
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                _missing("we run as root and there is no 'postgres' user to run the server as")
            self.user = "postgres"
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        self.dir.chmod(0o700)
        self.process: subprocess.Popen[bytes] | None = None

    def _run(self, *args: str) -> None:
        subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            user=self.user,
            cwd=self.dir,
        )

    def start(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip
        log = open(self.dir / "postgres.log", "wb")  # noqa: SIM115 - kept open for the server
        args = [str(self.bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port)]
        args += ["-k", str(self.dir)]
        for name, value in SERVER_SETTINGS.items():
            args += ["-c", f"{name}={value}"]
        self.process = subprocess.Popen(
            args,
            stdout=log,
            stderr=subprocess.STDOUT,
            user=self.user,
            cwd=self.dir,
        )
        log.close()
        deadline = time.monotonic() + 30
        import psycopg

        while True:
            try:
                with psycopg.connect(self.dsn("postgres"), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "PostgreSQL did not start:\n"
                        + (self.dir / "postgres.log").read_text(errors="replace")[-2000:]
                    ) from None
                time.sleep(0.1)

    def dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, template: str | None = None, name: str | None = None) -> str:
        """A new database (a copy of ``template`` if given); returns its name."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        suffix = f" TEMPLATE {template}" if template else ""
        self.execute(f'CREATE DATABASE "{name}"{suffix}')
        return name

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            # SIGQUIT: immediate shutdown. Nothing here is worth a checkpoint, and a fast
            # shutdown can wait on clients that a crashed test left connected.
            self.process.send_signal(3)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        _missing(f"no initdb in {', '.join(PG_BIN_CANDIDATES[:1])} (Debian package postgresql)")
    assert bin_dir is not None
    cluster = PgCluster(bin_dir)
    try:
        cluster.start()
        yield cluster
    finally:
        with contextlib.suppress(Exception):
            cluster.stop()
