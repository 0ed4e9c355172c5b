"""Parallel-aisle warehouse layouts: aisles, blocks, cross-aisles and where each bin sits.

A layout has ``aisles`` parallel aisles, ``pitch_m`` apart (centre to centre), cut into
``blocks`` blocks by cross-aisles: one at the front (y = 0), one at the back, and one between
each pair of blocks. Each block is ``block_length_m`` deep and each cross-aisle
``cross_aisle_m`` wide. The depot (where walks start and end) sits on the front cross-aisle.

A bin is addressed for routing by (aisle index, block index, position along the block) and
its floor coordinates follow from that. Routing (``app.routing``) works on these numbers.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class BinPosition:
    """Where a bin sits for routing: aisle index (0-based, left to right), block (0 = front)
    and metres along the block from its front end. Both faces of an aisle share positions:
    the picker walks the aisle's centre line and reaches either side."""

    aisle: int
    block: int
    offset_m: float


@dataclass(frozen=True)
class Layout:
    aisles: int
    blocks: int = 1
    block_length_m: float = 30.0
    pitch_m: float = 3.0
    cross_aisle_m: float = 2.0
    depot_aisle: float = 0.0  # the depot's x as an aisle index (may be fractional)

    def __post_init__(self) -> None:
        if self.aisles < 1 or self.blocks < 1:
            raise ValueError("a layout needs at least one aisle and one block")
        if self.block_length_m <= 0 or self.pitch_m <= 0 or self.cross_aisle_m < 0:
            raise ValueError("lengths must be positive")

    def aisle_x(self, aisle: int) -> float:
        return aisle * self.pitch_m

    def cross_aisle_y(self, k: int) -> float:
        """Centre line of cross-aisle k (0 = front, ``blocks`` = back)."""
        return self.cross_aisle_m / 2 + k * (self.block_length_m + self.cross_aisle_m)

    def position_y(self, block: int, offset_m: float) -> float:
        """Floor y of a point ``offset_m`` into ``block`` from its front end."""
        if not 0 <= offset_m <= self.block_length_m:
            raise ValueError(f"offset {offset_m} m is outside a block of {self.block_length_m} m")
        return self.cross_aisle_y(block) + self.cross_aisle_m / 2 + offset_m

    @property
    def aisle_span_m(self) -> float:
        """Centre of one cross-aisle to the centre of the next: one sub-aisle's walking length."""
        return self.block_length_m + self.cross_aisle_m

    def check_position(self, pos: BinPosition) -> None:
        """Raise ``ValueError`` naming what is wrong when ``pos`` is not inside this layout."""
        if not 0 <= pos.aisle < self.aisles:
            raise ValueError(f"aisle {pos.aisle} is outside 0..{self.aisles - 1}")
        if not 0 <= pos.block < self.blocks:
            raise ValueError(f"block {pos.block} is outside 0..{self.blocks - 1}")
        if not (math.isfinite(pos.offset_m) and 0 <= pos.offset_m <= self.block_length_m):
            raise ValueError(
                f"offset {pos.offset_m} m is outside a block of {self.block_length_m} m"
            )

    def locate(self, x_m: float, y_m: float) -> BinPosition:
        """The routing position of a bin from its floor coordinates (inverse of the above).

        Bins hang to either side of the aisle centre, so x is rounded to the nearest aisle;
        a y that falls in a cross-aisle is clamped to the nearest block end.
        """
        aisle = min(self.aisles - 1, max(0, round(x_m / self.pitch_m)))
        period = self.block_length_m + self.cross_aisle_m
        block = min(self.blocks - 1, max(0, math.floor((y_m - self.cross_aisle_m) / period)))
        offset = y_m - self.cross_aisle_y(block) - self.cross_aisle_m / 2
        return BinPosition(aisle, block, round(min(self.block_length_m, max(0.0, offset)), 6))

    def point(self, pos: BinPosition) -> tuple[float, float]:
        """Floor coordinates of the aisle centre line at ``pos`` (for maps)."""
        return (self.aisle_x(pos.aisle), self.position_y(pos.block, pos.offset_m))

    @property
    def depot(self) -> tuple[float, float]:
        return (self.depot_aisle * self.pitch_m, self.cross_aisle_y(0))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    @classmethod
    def from_dict(cls, raw: dict[str, object]) -> Layout:
        allowed = set(cls.__dataclass_fields__)
        unknown = set(raw) - allowed
        if unknown:
            raise ValueError(f"unknown layout keys: {', '.join(sorted(unknown))}")
        return cls(**raw)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> Layout:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
