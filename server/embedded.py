"""Run the server inside another process: a uvicorn thread on 127.0.0.1 and a free port.

``make run`` uses this for the embedded default: the station talks to it over real HTTP on
loopback, exactly as it would to a production server. The port is bound before uvicorn starts
(no window where another program can take it), and :meth:`ServerThread.stop` shuts uvicorn
down and joins its thread: whoever starts one owns it and stops it.

:func:`start_embedded` also prepares the database (migrate, demo site on first start) and
makes a fresh station token for this run; the token lives in memory only and is never printed
or logged, and the previous run's token is revoked.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

EMBEDDED_TOKEN_NAME = "embedded"


class ServerThread:
    """One uvicorn server on its own thread (and its own asyncio loop)."""

    def __init__(
        self,
        app: object,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
        ssl_certfile: str | None = None,
        ssl_keyfile: str | None = None,
    ) -> None:
        import uvicorn

        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self.host = host
        self.port = int(self._sock.getsockname()[1])
        self.scheme = "https" if ssl_certfile else "http"
        config = uvicorn.Config(
            app,  # type: ignore[arg-type]
            log_level=log_level,
            access_log=False,
            server_header=False,
            ssl_certfile=ssl_certfile,
            ssl_keyfile=ssl_keyfile,
            timeout_graceful_shutdown=5,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, name=f"server-{self.port}", daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def _run(self) -> None:
        self._server.run(sockets=[self._sock])

    def start(self, timeout: float = 20.0) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the embedded server stopped while starting")
            if time.monotonic() > deadline:
                raise RuntimeError("the embedded server did not start in time")
            time.sleep(0.01)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._sock.close()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()


@dataclass
class EmbeddedServer:
    """The running embedded server and what a station needs to reach it."""

    thread: ServerThread
    engine: Engine
    station_id: str
    token: str  # never log this

    @property
    def url(self) -> str:
        return self.thread.url

    def stop(self) -> None:
        self.thread.stop()
        self.engine.dispose()

    def __repr__(self) -> str:  # keep the token out of any log line that prints this
        return f"EmbeddedServer(url={self.url!r}, station_id={self.station_id!r})"


def prepare_database(url: str, *, seed_demo: bool = True) -> Engine:
    """Migrate and, when empty, load the demo site (same site as the station's)."""
    from server import schema
    from server.db import make_engine, make_session_factory, read_session
    from server.demo import is_empty, seed

    engine = make_engine(url)
    schema.upgrade(engine)
    if seed_demo:
        factory = make_session_factory(engine)
        with read_session(factory) as session:
            empty = is_empty(session)
        if empty:
            log.info("empty server database: loading the demo site")
            seed(factory)
    return engine


def start_embedded(
    data_dir: Path, station_id: str, *, seed_demo: bool = True, zone: str | None = None
) -> EmbeddedServer:
    """Start the in-process server on SQLite (``<data_dir>/server.db``) for this station."""
    from server.app import create_app
    from server.db import default_url, make_session_factory, transaction
    from server.models import TokenKind
    from server.settings import ServerSettings
    from server.tokens import create_token, revoke_named

    data_dir.mkdir(parents=True, exist_ok=True)
    url = default_url(data_dir)
    engine = prepare_database(url, seed_demo=seed_demo)
    factory = make_session_factory(engine)

    def issue(session: Session) -> str:
        revoke_named(session, EMBEDDED_TOKEN_NAME, station_id)
        issued = create_token(
            session, TokenKind.STATION, EMBEDDED_TOKEN_NAME, station_id=station_id, zone=zone
        )
        return issued.secret

    token = transaction(factory, issue)
    app = create_app(ServerSettings(database_url=url), engine=engine)
    thread = ServerThread(app).start()
    log.info("embedded server listening on %s", thread.url)
    return EmbeddedServer(thread, engine, station_id, token)
