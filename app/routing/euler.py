"""Turn the optimal tour subgraph into a walk: an Euler circuit from the depot.

Every vertex of the optimal subgraph has even degree and it is connected, so an Euler circuit
exists (Hierholzer). Walking it and noting each pick point the first time it is passed gives
the visiting order; its length is the subgraph's length.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from app.domain.layout import Layout
from app.routing.model import Point
from app.routing.optimal import (
    H_LEFT,
    H_ONCE,
    H_RIGHT,
    H_TWICE,
    V_HIGH,
    V_LOW,
    V_ONCE,
    V_SPLIT,
    V_TWICE,
    TourGraph,
)

Node = Hashable
_DEPOT = "depot"


def _depot_node(layout: Layout) -> Node:
    d, n = layout.depot_aisle, layout.aisles
    if 0 <= d <= n - 1 and d == int(d):
        return ("v", int(d), 0)
    return _DEPOT


def circuit_order(layout: Layout, tour: TourGraph, points: Sequence[Point]) -> list[Point]:
    """Points in the order an Euler circuit of ``tour`` from the depot first reaches them."""
    if not points:
        return []
    by_place = {(p.aisle, p.block, p.height_m): p for p in points}
    # edge: (u, v, aisle, block, heights to emit going u -> v, heights going v -> u)
    edges: list[tuple[Node, Node, int, int, tuple[float, ...], tuple[float, ...]]] = []

    def add(u: Node, v: Node, j: int = -1, b: int = -1, fwd: tuple[float, ...] = ()) -> None:
        edges.append((u, v, j, b, fwd, tuple(reversed(fwd))))

    for sa in tour.sub_aisles:
        lo, hi = ("v", sa.aisle, sa.block), ("v", sa.aisle, sa.block + 1)
        if sa.choice in (V_ONCE, V_TWICE):
            add(lo, hi, sa.aisle, sa.block, sa.low)
            if sa.choice == V_TWICE:
                add(lo, hi, sa.aisle, sa.block)
        if sa.choice in (V_LOW, V_SPLIT):
            add(lo, lo, sa.aisle, sa.block, sa.low)
        if sa.choice in (V_HIGH, V_SPLIT):
            add(hi, hi, sa.aisle, sa.block, tuple(reversed(sa.high)))
    depot = _depot_node(layout)
    for (j, k), choice in sorted(tour.cross_edges.items()):
        left, right = ("v", j, k), ("v", j + 1, k)
        if choice in (H_LEFT, H_RIGHT):
            end = left if choice == H_LEFT else right
            add(end, _DEPOT)
            add(_DEPOT, end)
        elif depot == _DEPOT and k == 0 and j < layout.depot_aisle < j + 1:
            for _ in range(1 if choice == H_ONCE else 2):
                add(left, _DEPOT)
                add(_DEPOT, right)
        else:
            add(left, right)
            if choice == H_TWICE:
                add(left, right)
    if depot == _DEPOT and not (0 < layout.depot_aisle < layout.aisles - 1):
        end = ("v", 0 if layout.depot_aisle <= 0 else layout.aisles - 1, 0)
        add(_DEPOT, end)
        add(end, _DEPOT)

    adjacency: dict[Node, list[tuple[int, Node]]] = {}
    for i, (u, v, *_rest) in enumerate(edges):
        adjacency.setdefault(u, []).append((i, v))
        if u != v:
            adjacency.setdefault(v, []).append((i, u))
    used = [False] * len(edges)
    pointer = dict.fromkeys(adjacency, 0)
    stack: list[tuple[Node, int, Node | None]] = [(depot, -1, None)]
    steps: list[tuple[int, Node]] = []  # (edge, node it was entered from)
    while stack:
        node, via, came_from = stack[-1]
        options = adjacency.get(node, [])
        i = pointer.get(node, 0)
        while i < len(options) and used[options[i][0]]:
            i += 1
        pointer[node] = i
        if i < len(options):
            eid, other = options[i]
            used[eid] = True
            stack.append((other, eid, node))
        else:
            stack.pop()
            if via >= 0:
                steps.append((via, came_from))
    steps.reverse()
    if not all(used):
        raise RuntimeError("the tour subgraph is not connected")

    order: list[Point] = []
    seen: set[int] = set()
    for eid, start in steps:
        u, _v, j, b, fwd, rev = edges[eid]
        for h in fwd if start == u else rev:
            p = by_place[(j, b, h)]
            if id(p) not in seen:
                seen.add(id(p))
                order.append(p)
    if len(order) != len(points):
        raise RuntimeError("the tour misses a pick point")
    return order
