"""The station settings an admin may change on screen, read from and written to the config.

Only the fields of the Admin → Station page live here; scanners and printers have their own
pages. The server token is not a config field: it goes to :class:`app.admin.token_store`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from app import config as config_module
from app.config import StationConfig


@dataclass(frozen=True)
class StationSettings:
    station_id: str
    station_name: str
    server_url: str
    kiosk: bool
    idle_logout_seconds: int
    language: str
    sounds: bool
    volume: float


def from_config(config: StationConfig) -> StationSettings:
    return StationSettings(
        station_id=config.station_id,
        station_name=config.station_name,
        server_url=config.server_url,
        kiosk=config.kiosk,
        idle_logout_seconds=config.idle_logout_seconds,
        language=config.language,
        sounds=config.sounds,
        volume=config.volume,
    )


def apply(config: StationConfig, settings: StationSettings) -> StationConfig:
    """A new config with ``settings`` applied, validated (raises ``ConfigError``)."""
    updated = replace(
        config,
        station_id=settings.station_id.strip(),
        station_name=settings.station_name.strip(),
        server_url=settings.server_url.strip().rstrip("/"),
        kiosk=settings.kiosk,
        full_screen=settings.kiosk or config.full_screen,
        idle_logout_seconds=settings.idle_logout_seconds,
        language=settings.language,
        sounds=settings.sounds,
        volume=settings.volume,
    )
    config_module.validate(updated)
    return updated


def save(
    config: StationConfig, settings: StationSettings, path: Path | None = None
) -> StationConfig:
    """Validate, write the config file atomically, and return the new config."""
    updated = apply(config, settings)
    config_module.save(updated, path)
    return updated
