"""Exact picker routing in parallel-aisle warehouses with any number of blocks.

Ratliff & Rosenthal (1983) solve one block by a dynamic programme over *partial tour
subgraphs*: sweeping the aisles left to right, a partial tour is summarised by the degree
parity (zero, even, odd) of its vertices on the current aisle and by which of them are
connected. Roodbergen & de Koster (2001) extend that to a middle cross-aisle. This module
implements the same idea for ``m`` blocks: the frontier holds the ``m + 1`` cross-aisle
vertices of the current aisle; for one block its reachable states are R&R's seven classes, for
two blocks R&dK's. To keep the work per aisle linear in the number of blocks, each aisle is
processed one sub-aisle at a time and each cross-aisle edge one slot at a time (a broken
profile), so the number of choices per step is at most six.

Choices per sub-aisle (the stretch of an aisle inside one block, between two cross-aisle
vertices), following R&R: not entered; traversed once; traversed twice; entered from the
front or the back and left the same way; or entered from both ends, leaving out the largest
gap between two picks. Each cross-aisle edge is walked 0, 1 or 2 times. The optimal
subgraph is then walked as an Euler circuit from the depot to give the visiting order.

State transitions do not depend on distances, so they are computed once per block count and
memoised; a routing call only adds costs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, NamedTuple

from app.domain.layout import Layout
from app.routing.model import Point

# Degree classes of a frontier vertex.
ZERO, EVEN, ODD = 0, 1, 2

# Sub-aisle choices: (degree added at the lower vertex, at the upper vertex, connects them).
V_NONE, V_ONCE, V_TWICE, V_LOW, V_HIGH, V_SPLIT = range(6)
_V_EFFECT = {
    V_NONE: (0, 0, False),
    V_ONCE: (1, 1, True),
    V_TWICE: (2, 2, True),
    V_LOW: (2, 0, False),
    V_HIGH: (0, 2, False),
    V_SPLIT: (2, 2, False),
}

# Cross-aisle edge choices: (degree added at the left vertex, at the right vertex, connects).
# H_LEFT/H_RIGHT only occur on the edge that holds a depot lying between two aisles.
H_ZERO, H_ONCE, H_TWICE, H_LEFT, H_RIGHT = range(5)
_H_EFFECT = {
    H_ZERO: (0, 0, False),
    H_ONCE: (1, 1, True),
    H_TWICE: (2, 2, True),
    H_LEFT: (2, 0, False),
    H_RIGHT: (0, 2, False),
}

_DONE = 0  # state id of "the tour is closed": nothing more may be added
_INF = math.inf


def _add_degree(cls: int, d: int) -> int:
    if d == 0:
        return cls
    if d == 2:
        return EVEN if cls == ZERO else cls
    return EVEN if cls == ODD else ODD


def _canonical(classes: list[int], labels: list[int]) -> tuple[int, ...]:
    mapping: dict[int, int] = {}
    out = []
    for lab in labels:
        if lab == 0:
            out.append(0)
        else:
            if lab not in mapping:
                mapping[lab] = len(mapping) + 1
            out.append(mapping[lab])
    return (*classes, *out)


class _Transitions:
    """The state machine for ``slots`` frontier vertices, built lazily and shared."""

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self.states: list[tuple[int, ...]] = []
        self.ids: dict[tuple[int, ...], int] = {}
        self._intern((-1,))  # _DONE: a marker, never a real frontier
        self.initial = self._intern((0,) * (2 * slots))
        self._v: dict[tuple[int, int, int], int | None] = {}
        self._h: dict[tuple[int, int, int, bool], int | None] = {}
        self._vrows: dict[tuple[int, bool], list[list[tuple[int, int]] | None]] = {}
        self._hrows: dict[tuple[int, int, tuple[int, ...], bool], list[tuple[int, int]]] = {}
        self._crossing: dict[
            tuple[bool, bool], list[list[tuple[int, int, tuple[int, ...]]] | None]
        ] = {}

    def _intern(self, state: tuple[int, ...]) -> int:
        sid = self.ids.get(state)
        if sid is None:
            sid = len(self.states)
            self.states.append(state)
            self.ids[state] = sid
        return sid

    def vertical(self, sid: int, block: int, choice: int) -> int | None:
        key = (sid, block, choice)
        if key in self._v:
            return self._v[key]
        result = self._vertical(sid, block, choice)
        self._v[key] = result
        return result

    def _vertical(self, sid: int, block: int, choice: int) -> int | None:
        if sid == _DONE:
            return _DONE if choice == V_NONE else None
        s = self.slots
        state = self.states[sid]
        classes, labels = list(state[:s]), list(state[s:])
        lo, hi, connects = _V_EFFECT[choice]
        fresh = max(labels) + 1
        for slot, d in ((block, lo), (block + 1, hi)):
            if d:
                if classes[slot] == ZERO:
                    labels[slot] = fresh
                    fresh += 1
                classes[slot] = _add_degree(classes[slot], d)
        if connects:
            keep, drop = labels[block], labels[block + 1]
            labels = [keep if lab == drop else lab for lab in labels]
        return self._intern(_canonical(classes, labels))

    def horizontal(self, sid: int, slot: int, choice: int, required: bool) -> int | None:
        """Replace frontier vertex ``slot`` (left) by its right neighbour over one edge.

        The left vertex leaves the frontier: its final degree must be even, and non-zero when
        ``required`` (the depot). A component that no longer touches the frontier is the
        finished tour, allowed only when it is the only one.
        """
        key = (sid, slot, choice, required)
        if key in self._h:
            return self._h[key]
        result = self._horizontal(sid, slot, choice, required)
        self._h[key] = result
        return result

    def _horizontal(self, sid: int, slot: int, choice: int, required: bool) -> int | None:
        left_add, right_deg, connects = _H_EFFECT[choice]
        if sid == _DONE:
            return _DONE if choice == H_ZERO and not required else None
        s = self.slots
        state = self.states[sid]
        classes, labels = list(state[:s]), list(state[s:])
        fresh = max(labels) + 1
        old_class, old_label = classes[slot], labels[slot]
        if left_add and old_class == ZERO:
            old_label = fresh
            fresh += 1
        final = _add_degree(old_class, left_add)
        if final == ODD or (required and final == ZERO):
            return None
        if right_deg == 0:
            classes[slot], labels[slot] = ZERO, 0
        else:
            classes[slot] = ODD if right_deg == 1 else EVEN
            labels[slot] = old_label if connects else fresh
        if final != ZERO and old_label not in labels:
            if any(labels):
                return None  # a finished piece while other pieces remain: not one tour
            return _DONE
        return self._intern(_canonical(classes, labels))

    def vertical_rows(self, block: int, has_picks: bool) -> list[list[tuple[int, int]] | None]:
        """Per state id, every allowed (choice, next state) for one sub-aisle; filled lazily.

        A list indexed by state id, fetched once per step, keeps the DP's inner loop to list
        indexing (about twice as fast as dictionary look-ups here).
        """
        return self._vrows.setdefault((block, has_picks), [])

    def vertical_row(self, sid: int, block: int, has_picks: bool) -> list[tuple[int, int]]:
        table = self.vertical_rows(block, has_picks)
        if sid < len(table) and (row := table[sid]) is not None:
            return row
        choices = _PICK_CHOICES if has_picks else _EMPTY_CHOICES
        row = [(c, n) for c in choices if (n := self.vertical(sid, block, c)) is not None]
        if len(table) <= sid:
            table.extend([None] * (sid + 1 - len(table)))
        table[sid] = row
        return row

    def horizontal_row(
        self, sid: int, slot: int, choices: tuple[int, ...], required: bool
    ) -> list[tuple[int, int]]:
        key = (sid, slot, choices, required)
        row = self._hrows.get(key)
        if row is None:
            row = [
                (c, n)
                for c in choices
                if (n := self.horizontal(sid, slot, c, required)) is not None
            ]
            self._hrows[key] = row
        return row

    def crossing_rows(
        self, last: bool, required: bool
    ) -> list[list[tuple[int, int, tuple[int, ...]]] | None]:
        return self._crossing.setdefault((last, required), [])

    def crossing_row(
        self, sid: int, last: bool, required: bool
    ) -> list[tuple[int, int, tuple[int, ...]]]:
        """All cross-aisle edges from one aisle to the next at once (no depot on them).

        Their cost is the pitch times the number of edge copies, whatever edge they are on,
        so for each next state only the cheapest combination is kept: (next, copies, choices).
        """
        table = self.crossing_rows(last, required)
        if sid < len(table) and (row := table[sid]) is not None:
            return row
        best: dict[int, tuple[int, tuple[int, ...]]] = {}
        choices = _LAST if last else _PLAIN
        frontier: list[tuple[int, int, tuple[int, ...]]] = [(sid, 0, ())]
        for slot in range(self.slots):
            frontier = [
                (nxt, copies + c, (*combo, c))
                for state, copies, combo in frontier
                for c, nxt in self.horizontal_row(state, slot, choices, required and slot == 0)
            ]
        for nxt, copies, combo in frontier:
            if nxt not in best or copies < best[nxt][0]:
                best[nxt] = (copies, combo)
        row = [(nxt, copies, combo) for nxt, (copies, combo) in best.items()]
        if len(table) <= sid:
            table.extend([None] * (sid + 1 - len(table)))
        table[sid] = row
        return row


_EMPTY_CHOICES = (V_NONE, V_ONCE, V_TWICE)
_PICK_CHOICES = (V_ONCE, V_TWICE, V_LOW, V_HIGH, V_SPLIT)
_PLAIN = (H_ZERO, H_ONCE, H_TWICE)
_AT_DEPOT = (H_ONCE, H_TWICE, H_LEFT, H_RIGHT)
_LAST = (H_ZERO,)


@lru_cache(maxsize=8)
def _transitions(slots: int) -> _Transitions:
    return _Transitions(slots)


class SubAisleWalk(NamedTuple):
    """How the optimal tour covers one sub-aisle: a choice and, for the entered-and-left
    choices, which picks are reached from below (``low``) and from above (``high``).

    A named tuple: a route makes one per walked sub-aisle, and dataclass creation costs more.
    """

    aisle: int
    block: int
    choice: int
    low: tuple[float, ...] = ()
    high: tuple[float, ...] = ()


@dataclass(frozen=True)
class TourGraph:
    """The optimal tour as edge multiplicities: what :mod:`app.routing.walk` turns into an order."""

    length_m: float
    sub_aisles: tuple[SubAisleWalk, ...]
    # (left aisle, cross-aisle k) -> choice (H_*), for every cross-aisle edge walked
    cross_edges: dict[tuple[int, int], int]


_H_PLAIN_COSTS = [0.0]


def _vertical_costs(heights: Sequence[float], span: float) -> list[float]:
    """Cost of each sub-aisle choice, indexed by choice (R&R's six configurations)."""
    if not heights:
        return [0.0, span, 2 * span, _INF, _INF, _INF]
    lowest, highest = heights[0], heights[-1]
    split = _INF
    if len(heights) > 1:
        gap = max(b - a for a, b in itertools.pairwise(heights))
        split = 2 * (span - gap)
    return [_INF, span, 2 * span, 2 * highest, 2 * (span - lowest), split]


def _split_at_gap(heights: Sequence[float]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    best, cut = -1.0, 1
    for i in range(1, len(heights)):
        if heights[i] - heights[i - 1] > best:
            best, cut = heights[i] - heights[i - 1], i
    return tuple(heights[:cut]), tuple(heights[cut:])


def solve(layout: Layout, points: Sequence[Point]) -> TourGraph:
    """The shortest closed walk from the depot through every point, as a subgraph.

    A shortest tour never goes beyond the outermost aisles holding picks or the depot, nor
    behind the farthest block with picks (projecting such a stretch back shortens it), so the
    programme runs on that window of the layout only.
    """
    if not points:
        return TourGraph(0.0, (), {})
    d, last = layout.depot_aisle, layout.aisles - 1
    anchors = [min(last, max(0, math.floor(d))), min(last, max(0, math.ceil(d)))]
    lo = min(min(p.aisle for p in points), *anchors)
    hi = max(max(p.aisle for p in points), *anchors)
    blocks = max(p.block for p in points) + 1
    if lo == 0 and hi == last and blocks == layout.blocks:
        return _solve(layout, points)
    window = replace(layout, aisles=hi - lo + 1, blocks=blocks, depot_aisle=d - lo)
    tour = _solve(window, [p._replace(aisle=p.aisle - lo) for p in points])
    return TourGraph(
        tour.length_m,
        tuple(sa._replace(aisle=sa.aisle + lo) for sa in tour.sub_aisles),
        {(j + lo, k): choice for (j, k), choice in tour.cross_edges.items()},
    )


def _solve(layout: Layout, points: Sequence[Point]) -> TourGraph:
    n, m = layout.aisles, layout.blocks
    span, pitch = layout.aisle_span_m, layout.pitch_m
    heights: list[list[list[float]]] = [[[] for _ in range(m)] for _ in range(n)]
    for p in points:
        heights[p.aisle][p.block].append(p.height_m)
    for column in heights:
        for cell in column:
            cell.sort()

    # Where the depot is: on an aisle's front vertex, between two aisles on the front
    # cross-aisle, or beyond the outer aisles (then walked to the nearest one and back).
    d = layout.depot_aisle
    extra = 0.0
    depot_edge: int | None = None  # left aisle of the edge holding the depot
    depot_vertex: int | None = None
    if d <= 0:
        depot_vertex, extra = 0, 2 * -d * pitch
    elif d >= n - 1:
        depot_vertex, extra = n - 1, 2 * (d - (n - 1)) * pitch
    elif d == int(d):
        depot_vertex = int(d)
    else:
        depot_edge = math.floor(d)
    if not points:
        return TourGraph(0.0, (), {})

    trans = _transitions(m + 1)
    # The DP's state: live state ids and a cost per id (lists indexed by id, _INF if dead).
    cost = [_INF] * len(trans.states)
    cost[trans.initial] = 0.0
    live = [trans.initial]
    # One entry per step: (kind, aisle, block or cross-aisle, per next state (state, choice));
    # a "c" step (all cross-aisle edges of an aisle at once) records a tuple of choices.
    trail: list[tuple[str, int, int, list[Any]]] = []

    def step_arrays() -> tuple[list[float], list[Any], list[int]]:
        size = len(trans.states) + 8
        return [_INF] * size, [None] * size, []

    for j in range(n):
        for b in range(m):
            hs = heights[j][b]
            costs = _vertical_costs(hs, span)
            has = bool(hs)
            table = trans.vertical_rows(b, has)
            new, back, new_live = step_arrays()
            for sid in live:
                base = cost[sid]
                row = table[sid] if sid < len(table) else None
                if row is None:
                    row = trans.vertical_row(sid, b, has)
                    if len(trans.states) > len(new):
                        grow = len(trans.states) + 8 - len(new)
                        new += [_INF] * grow
                        back += [None] * grow
                for choice, nxt in row:
                    c = base + costs[choice]
                    if c < new[nxt]:
                        if new[nxt] == _INF:
                            new_live.append(nxt)
                        new[nxt] = c
                        back[nxt] = (sid, choice)
            cost, live = new, new_live
            trail.append(("v", j, b, back))
        if depot_edge != j:
            # All of this aisle's cross-aisle edges to the next aisle in one step.
            required, last = depot_vertex == j, j == n - 1
            ctable = trans.crossing_rows(last, required)
            new, back, new_live = step_arrays()
            for sid in live:
                base = cost[sid]
                crow = ctable[sid] if sid < len(ctable) else None
                if crow is None:
                    crow = trans.crossing_row(sid, last, required)
                    if len(trans.states) > len(new):
                        grow = len(trans.states) + 8 - len(new)
                        new += [_INF] * grow
                        back += [None] * grow
                for nxt, copies, combo in crow:
                    c = base + copies * pitch
                    if c < new[nxt]:
                        if new[nxt] == _INF:
                            new_live.append(nxt)
                        new[nxt] = c
                        back[nxt] = (sid, combo)
            cost, live = new, new_live
            trail.append(("c", j, 0, back))
            continue
        # The depot lies on this aisle's front cross-aisle edge: edge by edge.
        a = (d - j) * pitch
        h_costs = [0.0, pitch, 2 * pitch, 2 * a, 2 * (pitch - a)]
        for k in range(m + 1):
            choices = _AT_DEPOT if k == 0 else _PLAIN
            rows = [(sid, trans.horizontal_row(sid, k, choices, False)) for sid in live]
            new, back, new_live = step_arrays()
            for sid, hrow in rows:
                base = cost[sid]
                for choice, nxt in hrow:
                    c = base + h_costs[choice]
                    if c < new[nxt]:
                        if new[nxt] == _INF:
                            new_live.append(nxt)
                        new[nxt] = c
                        back[nxt] = (sid, choice)
            cost, live = new, new_live
            trail.append(("h", j, k, back))

    if cost[_DONE] == _INF:  # cannot happen for a valid layout; guards against a logic error
        raise RuntimeError("no closed tour found")
    length = cost[_DONE] + extra

    sub_aisles: list[SubAisleWalk] = []
    cross: dict[tuple[int, int], int] = {}
    sid = _DONE
    for kind, j, idx, back in reversed(trail):
        sid, picked = back[sid]
        if isinstance(picked, tuple):
            for k, choice in enumerate(picked):
                if choice != H_ZERO:
                    cross[(j, k)] = choice
            continue
        choice = picked
        if kind == "h":
            if choice != H_ZERO:
                cross[(j, idx)] = choice
            continue
        hs = heights[j][idx]
        if choice == V_NONE:
            continue
        if choice == V_HIGH:
            sub_aisles.append(SubAisleWalk(j, idx, choice, high=tuple(hs)))
        elif choice == V_SPLIT:
            low, high = _split_at_gap(hs)
            sub_aisles.append(SubAisleWalk(j, idx, choice, low=low, high=high))
        else:
            sub_aisles.append(SubAisleWalk(j, idx, choice, low=tuple(hs)))
    sub_aisles.reverse()
    return TourGraph(length, tuple(sub_aisles), cross)
