"""Composition root of the station core: config → database → unit-of-work factory.

The UI's own bootstrap (``ui.station``) builds on this and adds drivers, the embedded server
and the windows. Nothing here runs at import time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app import config as config_module
from app.config import StationConfig
from app.demo import load as demo_load
from app.demo.site import generate, this_hour
from app.persistence import schema
from app.persistence.db import make_engine, make_session_factory, sqlite_url
from app.persistence.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


@dataclass
class StationCore:
    """What every service needs: the config and a way to open a unit of work."""

    config: StationConfig
    engine: Engine
    session_factory: sessionmaker[Session]
    data_dir: Path

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory, self.config.station_id)

    def close(self) -> None:
        self.engine.dispose()


def station_db_path(data_dir: Path) -> Path:
    return data_dir / "station.db"


def open_core(
    config: StationConfig | None = None,
    data_dir: Path | None = None,
    *,
    seed_demo: bool = True,
) -> StationCore:
    """Open (and migrate) the station database; load the demo site into an empty one."""
    config = config or config_module.load()
    data_dir = data_dir or config_module.data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(sqlite_url(station_db_path(data_dir)))
    schema.upgrade(engine)
    core = StationCore(config, engine, make_session_factory(engine), data_dir)
    if seed_demo:
        with core.uow() as uow:
            if demo_load.is_empty(uow.session):
                log.info("empty station database: loading the demo site")
                demo_load.load_site(uow.session, generate(now=this_hour()))
                uow.commit()
    return core
