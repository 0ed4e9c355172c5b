"""The layout and picks JSON files read by ``main.py route`` (formats in the README).

Layout file: ``{"layout": {Layout fields}, "bins": [{"code", "aisle", "block", "offset_m"}]}``;
a bare object of Layout fields (what :meth:`Layout.to_json` writes) is a layout without bins.
Picks file: ``{"picks": [...]}`` or a bare list; each pick names a ``bin`` of the layout file,
or gives its own ``aisle``/``block``/``offset_m``; ``sku`` and ``quantity`` are optional and
do not change the walk. A mistake is reported as :class:`RouteFileError` naming the entry.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.layout import Layout
from app.routing.model import Stop


class RouteFileError(ValueError):
    """A layout or picks file that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class SiteFile:
    layout: Layout
    bins: dict[str, Stop]


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RouteFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RouteFileError(f"{path}: not valid JSON: {exc}") from exc


def _number(entry: dict[str, Any], key: str, where: str, *, whole: bool = False) -> Any:
    if key not in entry:
        raise RouteFileError(f"{where}: missing {key!r}")
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RouteFileError(f"{where}.{key}: expected a number, got {value!r}")
    if whole and value != int(value):
        raise RouteFileError(f"{where}.{key}: expected a whole number, got {value!r}")
    if not math.isfinite(value):
        raise RouteFileError(f"{where}.{key}: expected a finite number")
    return int(value) if whole else float(value)


def _stop(entry: dict[str, Any], code: str, layout: Layout, where: str) -> Stop:
    stop = Stop(
        code,
        _number(entry, "aisle", where, whole=True),
        _number(entry, "block", where, whole=True),
        _number(entry, "offset_m", where),
    )
    try:
        layout.check_position(stop.position)
    except ValueError as exc:
        raise RouteFileError(f"{where}: {exc}") from exc
    return stop


def parse_site(raw: Any, where: str = "layout") -> SiteFile:
    if not isinstance(raw, dict):
        raise RouteFileError(f"{where}: expected a JSON object")
    fields = raw.get("layout", raw if "bins" not in raw else None)
    if not isinstance(fields, dict):
        raise RouteFileError(f"{where}: expected a 'layout' object")
    extra = set(raw) - {"layout", "bins"} if "layout" in raw else set()
    if extra:
        raise RouteFileError(f"{where}: unknown keys: {', '.join(sorted(extra))}")
    try:
        layout = Layout.from_dict(fields)
    except (TypeError, ValueError) as exc:
        raise RouteFileError(f"{where}.layout: {exc}") from exc
    bins: dict[str, Stop] = {}
    raw_bins = raw.get("bins", []) if "layout" in raw else []
    if not isinstance(raw_bins, list):
        raise RouteFileError(f"{where}.bins: expected a list")
    for i, entry in enumerate(raw_bins):
        at = f"{where}.bins[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
            raise RouteFileError(f"{at}: expected an object with a 'code'")
        if entry["code"] in bins:
            raise RouteFileError(f"{at}: bin {entry['code']!r} is listed twice")
        bins[entry["code"]] = _stop(entry, entry["code"], layout, at)
    return SiteFile(layout, bins)


def parse_picks(raw: Any, site: SiteFile, where: str = "picks") -> list[Stop]:
    entries = raw.get("picks") if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        raise RouteFileError(f"{where}: expected a list of picks or {{'picks': [...]}}")
    stops: list[Stop] = []
    for i, entry in enumerate(entries):
        at = f"{where}[{i}]"
        if not isinstance(entry, dict):
            raise RouteFileError(f"{at}: expected an object")
        code = entry.get("bin")
        if not isinstance(code, str) or not code:
            raise RouteFileError(f"{at}: missing 'bin' (the bin code)")
        quantity = entry.get("quantity", 1)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise RouteFileError(f"{at}.quantity: expected a whole number of at least 1")
        if "aisle" in entry or "block" in entry or "offset_m" in entry:
            stops.append(_stop(entry, code, site.layout, at))
        elif code in site.bins:
            stops.append(site.bins[code])
        else:
            raise RouteFileError(f"{at}: bin {code!r} is not in the layout file")
    return stops


def load_site(path: Path) -> SiteFile:
    return parse_site(_read_json(path), str(path))


def load_picks(path: Path, site: SiteFile) -> list[Stop]:
    return parse_picks(_read_json(path), site, str(path))
