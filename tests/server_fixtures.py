"""Server test support: demo databases on SQLite and PostgreSQL, and real servers on loopback.

Each backend gets a migrated demo database built once per session (a file for SQLite, a
template database for PostgreSQL); every test gets its own fresh copy, so tests never see each
other's orders. Servers are real uvicorn threads on 127.0.0.1 (``server.embedded``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.persistence.db import sqlite_url
from server.embedded import ServerThread

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def sqlite_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from server.embedded import prepare_database

    path = tmp_path_factory.mktemp("server-template") / "server.db"
    engine = prepare_database(sqlite_url(path), seed_demo=True)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_demo_template(pg_cluster: object) -> str:
    from server.embedded import prepare_database

    name = pg_cluster.create_database(name="ws_demo_template")  # type: ignore[attr-defined]
    engine = prepare_database(pg_cluster.url(name), seed_demo=True)  # type: ignore[attr-defined]
    engine.dispose()
    return str(name)


@pytest.fixture(scope="session")
def pg_empty_template(pg_cluster: object) -> str:
    from server.embedded import prepare_database

    name = pg_cluster.create_database(name="ws_empty_template")  # type: ignore[attr-defined]
    engine = prepare_database(pg_cluster.url(name), seed_demo=False)  # type: ignore[attr-defined]
    engine.dispose()
    return str(name)


def fresh_db(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path, *, demo: bool = True
) -> str:
    """A new server database URL for one test (demo data unless ``demo`` is False)."""
    if backend == "sqlite":
        target = tmp_path / f"server-{len(list(tmp_path.glob('server-*.db')))}.db"
        if demo:
            shutil.copy(request.getfixturevalue("sqlite_demo_template"), target)
            return sqlite_url(target)
        from server.embedded import prepare_database

        prepare_database(sqlite_url(target), seed_demo=False).dispose()
        return sqlite_url(target)
    cluster = request.getfixturevalue("pg_cluster")
    template = request.getfixturevalue("pg_demo_template" if demo else "pg_empty_template")
    return str(cluster.url(cluster.create_database(template=template)))


@pytest.fixture(params=BACKENDS)
def server_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh demo server database, once on SQLite and once on PostgreSQL."""
    return fresh_db(request, request.param, tmp_path)


@dataclass
class RunningServer:
    url: str
    engine: Engine
    factory: sessionmaker[Session]
    thread: ServerThread

    def token(
        self, kind: str = "station", station: str | None = "st-1", zone: str | None = None
    ) -> str:
        from server.db import transaction
        from server.models import TokenKind
        from server.tokens import create_token

        name = station if kind == "station" and station else f"{kind}-test"
        return transaction(
            self.factory,
            lambda s: (
                create_token(
                    s,
                    TokenKind(kind),
                    name or "t",
                    station_id=station if kind == "station" else None,
                    zone=zone,
                ).secret
            ),
        )


@contextmanager
def running_server(db_url: str, *, port: int = 0, **settings: object) -> Iterator[RunningServer]:
    from server.app import create_app
    from server.db import make_engine, make_session_factory
    from server.embedded import ServerThread
    from server.settings import ServerSettings

    engine = make_engine(db_url)
    app = create_app(ServerSettings(database_url=db_url, **settings), engine=engine)  # type: ignore[arg-type]
    thread = ServerThread(app, port=port).start()
    try:
        yield RunningServer(thread.url, engine, make_session_factory(engine), thread)
    finally:
        thread.stop()
        engine.dispose()
