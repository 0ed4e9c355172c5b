"""Saving the station's scanner list: validate, write station.toml, record who changed it.

The admin screen edits a copy of the list; nothing is written unless the whole config is
valid (the config module names the bad key), and the caller swaps the returned config in and
re-applies it to the running scanners, so no restart is needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path

from app import config as config_module
from app.config import ConfigError, ScannerConfig, StationConfig
from app.persistence.unit_of_work import UnitOfWork


def updated_config(config: StationConfig, scanners: Sequence[ScannerConfig]) -> StationConfig:
    """``config`` with this scanner list, checked; raises ConfigError naming the bad key."""
    names = [s.name.strip() for s in scanners]
    for i, name in enumerate(names):
        if not name:
            raise ConfigError(f"scanners[{i}].name: must not be empty")
        if name in names[:i]:
            raise ConfigError(f"scanners[{i}].name: another scanner is already called {name!r}")
    updated = replace(config, scanners=[replace(s, name=s.name.strip()) for s in scanners])
    config_module.validate(updated)
    return updated


def save_scanners(
    config: StationConfig,
    scanners: Sequence[ScannerConfig],
    uow: Callable[[], UnitOfWork] | None = None,
    user_id: int | None = None,
    path: Path | None = None,
) -> StationConfig:
    """Write the new list to the config file and the audit log; return the new config."""
    updated = updated_config(config, scanners)
    config_module.save(updated, path)
    if uow is not None:
        with uow() as work:
            work.audit(
                "station.scanners_saved",
                user_id=user_id,
                entity="station",
                entity_id=updated.station_id,
                detail={"scanners": [asdict(s) for s in updated.scanners]},
            )
            work.commit()
    return updated
