"""What routing takes and gives: stops (bins to visit) and a route (visiting order, distance).

Several stops may share one point of the walk (both faces of an aisle, several levels, several
picks at one bin): routing works on distinct points and lists every bin code once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from app.domain.layout import BinPosition, Layout

# Positions closer than this along an aisle are one point of the walk.
POSITION_RESOLUTION_M = 1e-6


@dataclass(frozen=True)
class Stop:
    """A bin to visit: its code and where it sits (see :class:`app.domain.layout.BinPosition`)."""

    code: str
    aisle: int
    block: int
    offset_m: float

    @property
    def position(self) -> BinPosition:
        return BinPosition(self.aisle, self.block, self.offset_m)


@dataclass(frozen=True)
class Route:
    """Bin codes in visiting order, each once, and the walk in metres from the depot back."""

    method: str
    order: tuple[str, ...]
    distance_m: float


class Point(NamedTuple):
    """A distinct place on the walk: aisle ``aisle``, block ``block``, ``height_m`` above the
    centre of the block's front cross-aisle (0 .. ``layout.aisle_span_m``).

    A named tuple rather than a dataclass: routes of hundreds of picks build many of them.
    Routing code tells points apart by identity, never by value.
    """

    aisle: int
    block: int
    height_m: float
    codes: tuple[str, ...]


def group_points(layout: Layout, stops: list[Stop] | tuple[Stop, ...]) -> list[Point]:
    """Merge stops at the same place; check each against the layout (``ValueError`` if off)."""
    by_place: dict[tuple[int, int, int], list[str]] = {}
    seen: set[str] = set()
    aisles, blocks, length = layout.aisles, layout.blocks, layout.block_length_m
    for stop in stops:
        a, b, offset = stop.aisle, stop.block, stop.offset_m
        if not (0 <= a < aisles and 0 <= b < blocks and 0 <= offset <= length):
            layout.check_position(stop.position)  # raises, naming what is wrong
        if math.isnan(offset):
            raise ValueError(f"offset of {stop.code} is not a number")
        if stop.code in seen:
            continue
        seen.add(stop.code)
        key = (a, b, round(offset / POSITION_RESOLUTION_M))
        codes = by_place.get(key)
        if codes is None:
            by_place[key] = [stop.code]
        else:
            codes.append(stop.code)
    half_cross = layout.cross_aisle_m / 2
    return [
        Point(a, b, half_cross + q * POSITION_RESOLUTION_M, tuple(sorted(codes)))
        for (a, b, q), codes in sorted(by_place.items())
    ]
