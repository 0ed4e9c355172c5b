"""Shared fixtures: an isolated config and data folder per test, and a demo station core."""

from __future__ import annotations

import gc
import os
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A throwaway PostgreSQL cluster and server databases for the tests that ask for them.
from tests.pg_cluster import pg_cluster  # noqa: F401
from tests.server_fixtures import (  # noqa: F401
    pg_demo_template,
    pg_empty_template,
    server_db,
    sqlite_demo_template,
)


def pytest_configure(config: pytest.Config) -> None:
    """Cycles are collected on the main thread only, as in the station (``ui/gc_guard.py``):
    a collection that starts on a worker thread may destroy a Qt object there and crash."""
    gc.disable()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    try:
        return (yield)
    finally:
        gc.unfreeze()  # a station's start froze its heap; the next test must not keep it
        gc.collect()


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the developer's real config or data."""
    monkeypatch.setenv("WS_CONFIG", str(tmp_path / "config" / "station.toml"))
    monkeypatch.setenv("WS_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the demo station database once; tests copy it (hashing 8 PINs and 4k rows is slow)."""
    from app.bootstrap import open_core, station_db_path
    from app.config import StationConfig

    folder = tmp_path_factory.mktemp("demo-template")
    core = open_core(StationConfig(), folder, seed_demo=True)
    core.close()  # closing the last connection checkpoints the WAL into the main file
    return station_db_path(folder)


@pytest.fixture
def core(tmp_path: Path, demo_db_template: Path) -> Iterator[object]:
    """A station core on a private copy of the demo database."""
    import shutil

    from app.bootstrap import open_core, station_db_path
    from app.config import StationConfig

    data = tmp_path / "station-data"
    data.mkdir()
    shutil.copy(demo_db_template, station_db_path(data))
    c = open_core(StationConfig(), data, seed_demo=False)
    yield c
    c.close()
