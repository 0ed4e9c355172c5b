"""Batch (cluster) picking: group open orders onto one cart so the walk per order is short.

Seed batching (de Koster, van der Poort & Wolters 1999; Ho & Tseng 2006): the most urgent open
order seeds a batch; then, while the cart has a free tote and room, the order whose addition
lengthens the batch's optimal route the least joins it. Computing that increase exactly for
every open order would cost one routing per order per step, so only the ``candidates`` orders
whose centre of gravity lies nearest the batch's are tried. Every order gets its own tote; the
whole batch is routed as one walk.

Pure functions on plain data: the station claims one batch with :func:`next_batch`, the
server can plan a wave with :func:`plan_batches`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.domain.layout import Layout
from app.routing import OPTIMAL, Route, Stop, route
from app.routing.model import group_points
from app.routing.optimal import solve

DEFAULT_CANDIDATES = 12


@dataclass(frozen=True)
class BatchOrder:
    """An open order as batching sees it: where its picks are, its size and its urgency."""

    key: str  # the order number
    stops: tuple[Stop, ...]
    volume_l: float = 0.0
    priority: int = 0  # higher goes first
    due_at: datetime | None = None


@dataclass(frozen=True)
class CartCapacity:
    """A cart: ``totes`` totes (one order each), each holding ``tote_volume_l`` litres, and at
    most ``volume_l`` litres in all (the cart's load limit as a volume)."""

    totes: int = 8
    tote_volume_l: float = math.inf
    volume_l: float = math.inf

    def __post_init__(self) -> None:
        if self.totes < 1:
            raise ValueError("a cart needs at least one tote")


@dataclass(frozen=True)
class Batch:
    orders: tuple[str, ...]  # order keys, in the order their totes sit on the cart
    route: Route
    volume_l: float


def route_length(layout: Layout, stops: Sequence[Stop]) -> float:
    """The optimal walk's length only (no visiting order): what batching compares."""
    return solve(layout, group_points(layout, list(stops))).length_m


def _urgency(order: BatchOrder) -> tuple[int, float, str]:
    due = order.due_at.timestamp() if order.due_at else math.inf
    return (-order.priority, due, order.key)


def _centre(layout: Layout, stops: Sequence[Stop]) -> tuple[float, float]:
    if not stops:
        return layout.depot
    xs = [layout.aisle_x(s.aisle) for s in stops]
    ys = [layout.position_y(s.block, s.offset_m) for s in stops]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def next_batch(
    layout: Layout,
    orders: Sequence[BatchOrder],
    capacity: CartCapacity,
    *,
    candidates: int = DEFAULT_CANDIDATES,
    method: str = OPTIMAL,
) -> Batch | None:
    """One batch seeded by the most urgent order; ``None`` when there are no orders."""
    if not orders:
        return None
    pool = sorted(orders, key=_urgency)
    seed = pool.pop(0)
    members = [seed]
    stops = list(seed.stops)
    volume = seed.volume_l
    length = route_length(layout, stops)
    oversized = seed.volume_l > capacity.tote_volume_l
    centres = {o.key: _centre(layout, o.stops) for o in pool}
    while not oversized and len(members) < capacity.totes and pool:
        fits = [
            o
            for o in pool
            if o.volume_l <= capacity.tote_volume_l and volume + o.volume_l <= capacity.volume_l
        ]
        if not fits:
            break
        cx, cy = _centre(layout, stops)
        fits.sort(key=lambda o: (abs(centres[o.key][0] - cx) + abs(centres[o.key][1] - cy), o.key))
        best: tuple[float, BatchOrder] | None = None
        for o in fits[:candidates]:
            added = route_length(layout, stops + list(o.stops)) - length
            if best is None or added < best[0] - 1e-9:
                best = (added, o)
        assert best is not None
        added, chosen = best
        members.append(chosen)
        pool.remove(chosen)
        stops += chosen.stops
        volume += chosen.volume_l
        length += added
    return Batch(tuple(o.key for o in members), route(layout, stops, method), volume)


def plan_batches(
    layout: Layout,
    orders: Sequence[BatchOrder],
    capacity: CartCapacity,
    *,
    candidates: int = DEFAULT_CANDIDATES,
    method: str = OPTIMAL,
) -> list[Batch]:
    """Split all ``orders`` into batches, most urgent seeds first (a wave)."""
    remaining = list(orders)
    batches: list[Batch] = []
    while remaining:
        batch = next_batch(layout, remaining, capacity, candidates=candidates, method=method)
        assert batch is not None
        batches.append(batch)
        taken = set(batch.orders)
        remaining = [o for o in remaining if o.key not in taken]
    return batches
