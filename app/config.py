"""Station configuration: one TOML file in the user's config folder.

The file is created with defaults on first start. A bad value is reported with the dotted
name of its key (``scanners[0].baud``) so an admin can find it; :class:`ConfigError` carries
that message. ``WS_CONFIG`` names another file (tests, several stations on one machine) and
``WS_DATA_DIR`` another data folder.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import tomli_w
from platformdirs import user_config_path, user_data_path

APP_NAME = "warehouse-station"

SCANNER_TYPES = ("serial", "wedge", "evdev", "simulated")
PRINTER_TYPES = ("cups", "raw", "pdf")
PRINTER_LANGUAGES = ("zpl", "pdf")  # what a printer is sent: ZPL (Zebra and compatibles), PDF
TERMINATORS = ("cr", "lf", "crlf", "none")
PARITIES = ("none", "even", "odd", "mark", "space")
LABEL_SIZES = ("4x6", "100x150", "a6")
LANGUAGES = ("", "en", "zh_CN")


class ConfigError(ValueError):
    """The configuration file is unreadable or a key has a bad value; the message names it."""


@dataclass
class ScannerConfig:
    name: str = "scanner"
    type: str = "wedge"
    # serial
    port: str = ""
    baud: int = 9600
    parity: str = "none"
    terminator: str = "cr"
    inter_byte_timeout_ms: int = 50
    strip_prefix: str = ""
    strip_suffix: str = ""
    # keyboard wedge
    max_key_interval_ms: int = 30
    min_length: int = 4
    suffix_key: str = "enter"
    # evdev
    device: str = ""
    keyboard_layout: str = "us"
    # shared: a character the scanner sends instead of the GS separator (0x1D)
    gs_substitute: str = ""
    enabled: bool = True


@dataclass
class PrinterConfig:
    name: str = "labels"
    type: str = "pdf"
    queue: str = ""  # CUPS queue name
    host: str = ""  # raw TCP 9100
    port: int = 9100
    folder: str = ""  # PDF folder; empty means <data dir>/labels
    label_size: str = "4x6"
    dpi: int = 203
    # raw and CUPS: "zpl" or "pdf"; empty means the type's usual one (raw: zpl, others: pdf)
    language: str = ""

    def print_language(self) -> str:
        """What the printer is sent. Raw 9100 printers are thermal label printers that speak
        ZPL; a CUPS queue normally has a driver that takes PDF; a folder holds PDF files."""
        if self.language:
            return self.language
        return "zpl" if self.type == "raw" else "pdf"


@dataclass
class StationConfig:
    station_id: str = "station-1"
    station_name: str = "Station 1"
    server_url: str = ""  # empty: start the embedded server in-process
    language: str = ""  # empty: from the system locale
    idle_logout_seconds: int = 300
    login_max_failures: int = 5  # wrong PINs in a row before the user is locked out
    login_lockout_seconds: int = 300
    sounds: bool = True
    volume: float = 0.8
    kiosk: bool = False
    full_screen: bool = False
    gs1_company_prefix: str = "0614141"
    label_resolver: str = "https://id.example.com"
    scanners: list[ScannerConfig] = field(default_factory=lambda: [ScannerConfig()])
    printers: list[PrinterConfig] = field(default_factory=lambda: [PrinterConfig()])


def config_path() -> Path:
    env = os.environ.get("WS_CONFIG")
    return Path(env) if env else user_config_path(APP_NAME) / "station.toml"


def data_dir() -> Path:
    env = os.environ.get("WS_DATA_DIR")
    path = Path(env) if env else user_data_path(APP_NAME)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _build(cls: type[Any], raw: Any, where: str) -> Any:
    """Make dataclass ``cls`` from a TOML table, checking names and types key by key."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where or 'the file'}: expected a table, got {type(raw).__name__}")
    known = {f.name: f for f in fields(cls)}
    for key in raw:
        if key not in known:
            raise ConfigError(f"{_join(where, key)}: unknown key")
    values: dict[str, Any] = {}
    defaults = cls()
    for name in known:
        if name not in raw:
            continue
        value = raw[name]
        default = getattr(defaults, name)
        key = _join(where, name)
        if isinstance(default, list):
            item_cls = ScannerConfig if name == "scanners" else PrinterConfig
            if not isinstance(value, list):
                raise ConfigError(f"{key}: expected a list of tables")
            values[name] = [_build(item_cls, v, f"{key}[{i}]") for i, v in enumerate(value)]
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{key}: expected true or false, got {value!r}")
            values[name] = value
        elif isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{key}: expected a whole number, got {value!r}")
            values[name] = value
        elif isinstance(default, float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(f"{key}: expected a number, got {value!r}")
            values[name] = float(value)
        else:
            if not isinstance(value, str):
                raise ConfigError(f"{key}: expected text, got {value!r}")
            values[name] = value
    return cls(**values)


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _check_choice(key: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(f"{key}: {value!r} is not one of {', '.join(repr(c) for c in choices)}")


def validate(config: StationConfig) -> None:
    """Check values beyond their types; raise :class:`ConfigError` naming the first bad key."""
    if not config.station_id.strip():
        raise ConfigError("station_id: must not be empty")
    _check_choice("language", config.language, LANGUAGES)
    if config.idle_logout_seconds < 0:
        raise ConfigError("idle_logout_seconds: must be 0 (never) or more")
    if config.login_max_failures < 1:
        raise ConfigError("login_max_failures: must be at least 1")
    if config.login_lockout_seconds < 0:
        raise ConfigError("login_lockout_seconds: must be 0 or more")
    if not 0.0 <= config.volume <= 1.0:
        raise ConfigError(f"volume: must be between 0.0 and 1.0, got {config.volume}")
    if config.server_url and not config.server_url.startswith(("http://", "https://")):
        raise ConfigError(
            f"server_url: must start with http:// or https://, got {config.server_url!r}"
        )
    if not (config.gs1_company_prefix.isdigit() and 6 <= len(config.gs1_company_prefix) <= 12):
        raise ConfigError("gs1_company_prefix: must be 6 to 12 digits")
    for i, s in enumerate(config.scanners):
        key = f"scanners[{i}]"
        _check_choice(f"{key}.type", s.type, SCANNER_TYPES)
        _check_choice(f"{key}.terminator", s.terminator, TERMINATORS)
        _check_choice(f"{key}.parity", s.parity, PARITIES)
        if s.baud <= 0:
            raise ConfigError(f"{key}.baud: must be positive, got {s.baud}")
        if s.type == "serial" and not s.port:
            raise ConfigError(f"{key}.port: a serial scanner needs a port, e.g. /dev/ttyACM0")
        if s.min_length < 1:
            raise ConfigError(f"{key}.min_length: must be at least 1")
    _validate_scanner_separators(config)
    names = [p.name for p in config.printers]
    if len(set(names)) != len(names):
        raise ConfigError("printers: two printers share a name")
    for i, p in enumerate(config.printers):
        key = f"printers[{i}]"
        _check_choice(f"{key}.type", p.type, PRINTER_TYPES)
        _check_choice(f"{key}.label_size", p.label_size, LABEL_SIZES)
        if p.dpi not in (203, 300):
            raise ConfigError(f"{key}.dpi: must be 203 or 300, got {p.dpi}")
        if p.type == "cups" and not p.queue:
            raise ConfigError(f"{key}.queue: a CUPS printer needs a queue name")
        if p.type == "raw" and not p.host:
            raise ConfigError(f"{key}.host: a raw TCP printer needs a host")
        if p.language and p.language not in PRINTER_LANGUAGES:
            raise ConfigError(
                f'{key}.language: {p.language!r} is not a printer language; use "zpl" '
                '(Zebra and compatible label printers), "pdf", or leave it empty'
            )
        if p.type == "pdf" and p.language == "zpl":
            raise ConfigError(
                f"{key}.language: a PDF folder printer writes PDF files; "
                'use "pdf" or leave it empty'
            )


def _validate_scanner_separators(config: StationConfig) -> None:
    """The scan parser owns the rule for substitute separators; import it only when needed."""
    if not any(s.gs_substitute for s in config.scanners):
        return
    from app.scan.parser import validate_gs_substitute  # pulls in biip: keep off start-up

    for i, s in enumerate(config.scanners):
        try:
            validate_gs_substitute(s.gs_substitute)
        except ValueError as exc:
            raise ConfigError(f"scanners[{i}].gs_substitute: {exc}") from exc


def parse(text: str) -> StationConfig:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}") from exc
    config: StationConfig = _build(StationConfig, raw, "")
    validate(config)
    return config


def dumps(config: StationConfig) -> str:
    return tomli_w.dumps(asdict(config))


def load(path: Path | None = None) -> StationConfig:
    """Read the config, creating it with defaults when it does not exist yet."""
    path = path or config_path()
    if not path.exists():
        config = StationConfig()
        save(config, path)
        return config
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    try:
        return parse(text)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def save(config: StationConfig, path: Path | None = None) -> None:
    """Write atomically, so a crash never leaves half a config file."""
    validate(config)
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(dumps(config), encoding="utf-8")
    tmp.replace(path)
