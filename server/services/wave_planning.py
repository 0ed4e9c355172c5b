"""Which released orders are picked together, and in what order the bins are walked (pure).

The one seam waves use: :func:`plan_batches` groups orders into cluster-pick batches by seed
batching (start from the most urgent order, add the orders whose aisles overlap it most), and
:func:`route_stops` orders a batch's bins into one walk. Both are small and self-contained so
that the picking area's batching and routing (``app.routing``) can replace them behind the
same signatures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PlanStop:
    ref: int  # the caller's handle (a reservation id)
    code: str
    aisle: int  # 0-based aisle index in the layout
    block: int
    offset_m: float
    x_m: float
    y_m: float


@dataclass(frozen=True)
class PlanOrder:
    order_id: int
    priority: int
    stops: tuple[PlanStop, ...]

    @property
    def aisles(self) -> frozenset[int]:
        return frozenset(s.aisle for s in self.stops)


def plan_batches(orders: Sequence[PlanOrder], max_orders: int) -> list[list[int]]:
    """Seed batching: orders arrive most urgent first; each batch starts from the first
    unplaced order and takes the orders sharing most aisles with it (fewest new aisles next)."""
    left = list(orders)
    batches: list[list[int]] = []
    while left:
        seed = left.pop(0)
        batch = [seed]
        aisles = set(seed.aisles)
        while left and len(batch) < max_orders:
            best = min(
                range(len(left)),
                key=lambda i: (len(left[i].aisles - aisles), -left[i].priority, i),
            )
            chosen = left.pop(best)
            batch.append(chosen)
            aisles |= chosen.aisles
        batches.append([o.order_id for o in batch])
    return batches


def route_stops(stops: Sequence[PlanStop]) -> tuple[list[int], float]:
    """An S-shaped walk: aisles left to right, up one and down the next. Returns the refs in
    walking order and the walk's floor distance (Manhattan, from and back to the first aisle)."""
    by_aisle: dict[int, list[PlanStop]] = {}
    for stop in stops:
        by_aisle.setdefault(stop.aisle, []).append(stop)
    ordered: list[PlanStop] = []
    for n, aisle in enumerate(sorted(by_aisle)):
        in_aisle = sorted(by_aisle[aisle], key=lambda s: (s.y_m, s.code), reverse=n % 2 == 1)
        ordered.extend(in_aisle)
    distance = 0.0
    if ordered:
        x, y = ordered[0].x_m, 0.0
        for stop in ordered:
            distance += abs(stop.x_m - x) + abs(stop.y_m - y)
            x, y = stop.x_m, stop.y_m
        distance += abs(x - ordered[0].x_m) + y
    return [s.ref for s in ordered], round(distance, 3)
