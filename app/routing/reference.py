"""An exact routing reference that shares nothing with the dynamic programme.

It builds the aisle network as an explicit weighted graph (every cross-aisle vertex, every pick
point and the depot are nodes), computes shortest-path distances with Dijkstra, and solves the
travelling-salesman tour over the pick points with Held–Karp. Exponential: for tests and
benchmarks with up to about 12 distinct points, never for production routes.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Sequence

from app.domain.layout import Layout
from app.routing.model import Point, Route, Stop, group_points

Node = tuple[str, int, int, float]
MAX_POINTS = 13


def _graph(
    layout: Layout, points: Sequence[Point]
) -> tuple[dict[Node, list[tuple[Node, float]]], Node]:
    adjacency: dict[Node, list[tuple[Node, float]]] = {}

    def link(u: Node, v: Node, w: float) -> None:
        adjacency.setdefault(u, []).append((v, w))
        adjacency.setdefault(v, []).append((u, w))

    n, m = layout.aisles, layout.blocks
    span = layout.block_length_m + layout.cross_aisle_m
    # Along each aisle: vertex, pick points in order, vertex, ...
    for j in range(n):
        for b in range(m):
            chain: list[tuple[float, Node]] = [(0.0, ("v", j, b, 0.0))]
            chain += [
                (p.height_m, ("p", j, b, p.height_m))
                for p in points
                if (p.aisle, p.block) == (j, b)
            ]
            chain.append((span, ("v", j, b + 1, 0.0)))
            chain.sort(key=lambda item: item[0])
            for (h1, u), (h2, v) in itertools.pairwise(chain):
                link(u, v, h2 - h1)
    # Along each cross-aisle, with the depot spliced into the front one.
    x_depot = layout.depot_aisle * layout.pitch_m
    depot: Node = ("d", 0, 0, 0.0)
    for k in range(m + 1):
        stops: list[tuple[float, Node]] = [(layout.aisle_x(j), ("v", j, k, 0.0)) for j in range(n)]
        if k == 0:
            stops.append((x_depot, depot))
        stops.sort(key=lambda item: item[0])
        for (x1, u), (x2, v) in itertools.pairwise(stops):
            link(u, v, x2 - x1)
    return adjacency, depot


def _dijkstra(adjacency: dict[Node, list[tuple[Node, float]]], source: Node) -> dict[Node, float]:
    dist = {source: 0.0}
    heap = [(0.0, source)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist.get(u, math.inf):
            continue
        for v, w in adjacency.get(u, []):
            nd = d + w
            if nd < dist.get(v, math.inf):
                dist[v] = nd
                heapq.heappush(heap, (nd, v))
    return dist


def distance_matrix(layout: Layout, points: Sequence[Point]) -> list[list[float]]:
    """Shortest walking distances; index 0 is the depot, then ``points`` in order."""
    adjacency, depot = _graph(layout, points)
    nodes = [depot] + [("p", p.aisle, p.block, p.height_m) for p in points]
    out = []
    for u in nodes:
        dist = _dijkstra(adjacency, u)
        out.append([dist[v] for v in nodes])
    return out


def held_karp(dist: Sequence[Sequence[float]]) -> tuple[float, list[int]]:
    """Shortest tour from node 0 through all nodes and back: (length, order of nodes 1..n)."""
    n = len(dist) - 1
    if n == 0:
        return 0.0, []
    full = 1 << n
    best = [[math.inf] * n for _ in range(full)]
    parent = [[-1] * n for _ in range(full)]
    for i in range(n):
        best[1 << i][i] = dist[0][i + 1]
    for mask in range(1, full):
        row = best[mask]
        for last in range(n):
            base = row[last]
            if base == math.inf:
                continue
            d_last = dist[last + 1]
            for nxt in range(n):
                bit = 1 << nxt
                if mask & bit:
                    continue
                c = base + d_last[nxt + 1]
                target = best[mask | bit]
                if c < target[nxt]:
                    target[nxt] = c
                    parent[mask | bit][nxt] = last
    mask = full - 1
    length, last = min((best[mask][i] + dist[i + 1][0], i) for i in range(n))
    order = []
    while last >= 0:
        order.append(last + 1)
        mask, last = mask ^ (1 << last), parent[mask][last]
    order.reverse()
    return length, order


def reference_route(layout: Layout, stops: Sequence[Stop]) -> Route:
    """The exact shortest route by Dijkstra + Held–Karp (small instances only)."""
    points = group_points(layout, list(stops))
    if len(points) > MAX_POINTS:
        raise ValueError(f"the reference solver takes at most {MAX_POINTS} distinct points")
    length, order = held_karp(distance_matrix(layout, points))
    codes = tuple(code for i in order for code in points[i - 1].codes)
    return Route("reference", codes, length)


def walk_length(layout: Layout, stops: Sequence[Stop], order: Sequence[str]) -> float:
    """Length of the shortest walk depot → bins in ``order`` → depot (any size)."""
    by_code = {s.code: s for s in stops}
    points = group_points(layout, [by_code[c] for c in order])
    index = {code: i + 1 for i, p in enumerate(points) for code in p.codes}
    adjacency, depot = _graph(layout, points)
    nodes = [depot] + [("p", p.aisle, p.block, p.height_m) for p in points]
    sequence = [0] + [index[c] for c in order] + [0]
    total = 0.0
    cache: dict[int, dict[Node, float]] = {}
    for a, b in itertools.pairwise(sequence):
        if a not in cache:
            cache[a] = _dijkstra(adjacency, nodes[a])
        total += cache[a][nodes[b]]
    return total
