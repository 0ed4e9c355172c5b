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
from dataclasses import asdict, dataclass
from pathlib import Path


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
