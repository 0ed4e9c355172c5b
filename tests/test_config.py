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
        ("[[printers]]\ntype = 'raw'\nhost = 'h'\nlanguage = 'epl'\n", "printers[0].language"),
        ("[[printers]]\ntype = 'pdf'\nlanguage = 'zpl'\n", "printers[0].language"),
        ("[[printers]]\ntype = 'raw'\nhost = 'h'\nlanguage = 1\n", "printers[0].language"),
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


def test_bad_printer_language_is_a_clear_config_error() -> None:
    text = "[[printers]]\nname = 'zebra'\ntype = 'raw'\nhost = '10.0.0.5'\nlanguage = 'ZPL2'\n"
    with pytest.raises(cfg.ConfigError) as info:
        cfg.parse(text)
    message = str(info.value)
    assert message.startswith("printers[0].language: 'ZPL2' is not a printer language")
    assert '"zpl"' in message and '"pdf"' in message  # says what would be right


def test_printer_language_defaults_by_type_and_round_trips(tmp_path: Path) -> None:
    raw = cfg.PrinterConfig(name="zebra", type="raw", host="10.0.0.5")
    cups = cfg.PrinterConfig(name="office", type="cups", queue="q")
    folder = cfg.PrinterConfig(name="files", type="pdf")
    assert [p.print_language() for p in (raw, cups, folder)] == ["zpl", "pdf", "pdf"]
    as_pdf = cfg.PrinterConfig(name="pdf9100", type="raw", host="h", language="pdf")
    raw_zpl_cups = cfg.PrinterConfig(name="zq", type="cups", queue="zq", language="zpl")
    assert as_pdf.print_language() == "pdf" and raw_zpl_cups.print_language() == "zpl"
    path = tmp_path / "station.toml"
    c = cfg.StationConfig(printers=[raw, cups, folder, as_pdf, raw_zpl_cups])
    cfg.save(c, path)
    assert cfg.load(path) == c
