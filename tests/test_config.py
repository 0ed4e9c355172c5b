from __future__ import annotations

from pathlib import Path

import pytest

from app import config as cfg


def test_first_load_creates_defaults(tmp_path: Path) -> None:
    path = tmp_path / "station.toml"
    loaded = cfg.load(path)
    assert path.exists()
    assert loaded == cfg.StationConfig()
    assert cfg.load(path) == loaded  # round trip through TOML


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("idle_logout_seconds = 'soon'", "idle_logout_seconds"),
        ("volume = 3.0", "volume"),
        ("colour = 'red'", "colour: unknown key"),
        ("[[scanners]]\ntype = 'serial'\n", "scanners[0].port"),
        ("[[scanners]]\ntype = 'laser'\n", "scanners[0].type"),
        ("[[printers]]\ntype = 'pdf'\ndpi = 600\n", "printers[0].dpi"),
        ("[[printers]]\ntype = 'cups'\n", "printers[0].queue"),
        ("server_url = 'ftp://x'", "server_url"),
        ("[[scanners]]\ngs_substitute = '1'\n", "scanners[0].gs_substitute"),
        ("station_id = 'a'\nstation_id = 'b'", "not valid TOML"),
    ],
)
def test_bad_values_name_their_key(text: str, names: str) -> None:
    with pytest.raises(cfg.ConfigError, match=None) as info:
        cfg.parse(text)
    assert names in str(info.value)


def test_load_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "station.toml"
    path.write_text("volume = -1\n", encoding="utf-8")
    with pytest.raises(cfg.ConfigError) as info:
        cfg.load(path)
    assert str(path) in str(info.value) and "volume" in str(info.value)


def test_save_is_validated_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "station.toml"
    c = cfg.StationConfig(station_id="pack-3", language="zh_CN")
    c.scanners = [cfg.ScannerConfig(type="serial", port="/dev/ttyUSB0", baud=115200)]
    cfg.save(c, path)
    assert cfg.load(path) == c
    c.volume = 2.0
    with pytest.raises(cfg.ConfigError):
        cfg.save(c, path)
