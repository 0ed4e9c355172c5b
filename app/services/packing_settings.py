"""Packing settings: box suite, carrier rules, ship-from address, SSCC extension digit.

The station ships ``resources/packing.toml``; a ``packing.toml`` next to the station config
replaces it as a whole. Errors name the bad key, like the station config does.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import config as config_module
from app.config import ConfigError
from app.domain.carriers import CarrierChoice, CarrierRule
from app.domain.cartonization import Box
from app.labels.model import Address

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "resources" / "packing.toml"


@dataclass(frozen=True)
class PackingSettings:
    boxes: tuple[Box, ...]
    carrier_rules: tuple[CarrierRule, ...]
    default_carrier: CarrierChoice
    ship_from: Address
    sscc_extension_digit: int = 0

    def box(self, code: str) -> Box | None:
        return next((b for b in self.boxes if b.code == code), None)


def settings_path() -> Path:
    """The station's own file when it has one, else the shipped default."""
    own = config_module.config_path().parent / "packing.toml"
    return own if own.exists() else DEFAULT_PATH


def load(path: Path | None = None) -> PackingSettings:
    path = path or settings_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    try:
        return parse(raw)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _get(raw: dict[str, Any], key: str, kind: type, where: str, default: Any = None) -> Any:
    if key not in raw:
        if default is None:
            raise ConfigError(f"{where}{key}: missing")
        return default
    value = raw[key]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(f"{where}{key}: expected a whole number, got {value!r}")
    if kind is not int and not isinstance(value, kind):
        raise ConfigError(f"{where}{key}: expected {kind.__name__}, got {value!r}")
    return value


def parse(raw: dict[str, Any]) -> PackingSettings:
    boxes = []
    for i, b in enumerate(raw.get("boxes", [])):
        where = f"boxes[{i}]."
        dims = _get(b, "inner_mm", list, where)
        if len(dims) != 3 or not all(isinstance(d, int) and d > 0 for d in dims):
            raise ConfigError(f"{where}inner_mm: three positive whole millimetres")
        boxes.append(
            Box(
                code=_get(b, "code", str, where),
                name=_get(b, "name", str, where, ""),
                inner_mm=(dims[0], dims[1], dims[2]),
                max_weight_g=_get(b, "max_weight_g", int, where),
                tare_g=_get(b, "tare_g", int, where, 0),
            )
        )
    if not boxes:
        raise ConfigError("boxes: the box suite needs at least one box")
    if len({b.code for b in boxes}) != len(boxes):
        raise ConfigError("boxes: two boxes share a code")
    rules = []
    for i, r in enumerate(raw.get("carrier_rules", [])):
        where = f"carrier_rules[{i}]."
        countries = _get(r, "countries", list, where, [])
        rules.append(
            CarrierRule(
                carrier=_get(r, "carrier", str, where),
                service=_get(r, "service", str, where),
                countries=tuple(str(c).upper() for c in countries),
                min_weight_g=_get(r, "min_weight_g", int, where, 0),
                max_weight_g=r.get("max_weight_g"),
                min_priority=r.get("min_priority"),
            )
        )
    d = raw.get("default_carrier", {})
    default = CarrierChoice(
        _get(d, "carrier", str, "default_carrier.", "Carrier"),
        _get(d, "service", str, "default_carrier.", "Standard"),
    )
    f = raw.get("ship_from", {})
    ship_from = Address(
        name=_get(f, "name", str, "ship_from.", "Warehouse"),
        lines=tuple(_get(f, "lines", list, "ship_from.", [])),
        country=_get(f, "country", str, "ship_from.", ""),
    )
    ext = _get(raw, "sscc_extension_digit", int, "", 0)
    if not 0 <= ext <= 9:
        raise ConfigError("sscc_extension_digit: one digit, 0 to 9")
    return PackingSettings(tuple(boxes), tuple(rules), default, ship_from, ext)
