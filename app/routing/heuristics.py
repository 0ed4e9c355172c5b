"""The classic routing heuristics, as baselines for the exact method.

On one block they are the textbook rules (Hall 1993; Petersen 1997; Roodbergen's "routing
policies"): **S-shape** traverses every aisle with picks, the last one by a return when their
number is odd; **return** enters and leaves every pick aisle from the front; **midpoint** picks
the front half of each aisle from the front and the back half from the back, traversing the
first and last pick aisles; **largest gap** does the same but splits each aisle at its largest
gap between picks. With several blocks they follow Roodbergen & de Koster's block-by-block
extension: go up the first pick aisle to the farthest block with picks, then work the blocks
back towards the front (S-shape within a block; for midpoint and largest gap, along each
cross-aisle serving the sub-aisle parts on both sides of it), then return to the depot.

Each heuristic is literally walked by :class:`_Walker`, which moves only along aisles and
cross-aisles, so its length is the distance a picker following the rule would walk; each is
also run mirrored (starting from the right) and the shorter walk is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from app.domain.layout import Layout
from app.routing.model import Point

_EPS = 1e-9


class _Walker:
    """A picker on the aisle network: x as an aisle coordinate (fractional at the depot)."""

    def __init__(self, layout: Layout, points: Sequence[Point]) -> None:
        self.layout = layout
        self.span = layout.aisle_span_m
        self.x = layout.depot_aisle
        self.y = 0.0  # along an aisle, from the front cross-aisle centre; cross-aisle k at k*span
        self.length = 0.0
        self.order: list[Point] = []
        self._seen: set[int] = set()
        self._by_aisle: dict[int, list[tuple[float, Point]]] = {}
        for p in points:
            self._by_aisle.setdefault(p.aisle, []).append((p.block * self.span + p.height_m, p))
        for column in self._by_aisle.values():
            column.sort(key=lambda item: item[0])

    def visited(self, p: Point) -> bool:
        return id(p) in self._seen

    def along(self, cross: int, aisle: float) -> None:
        """Walk along cross-aisle ``cross`` (where the walker must be) to ``aisle``."""
        if abs(self.y - cross * self.span) > _EPS:
            raise AssertionError("walking a cross-aisle away from it")
        self.length += abs(aisle - self.x) * self.layout.pitch_m
        self.x = aisle

    def vertical(self, y: float) -> None:
        """Walk along the current aisle to height ``y``, taking every pick passed."""
        if abs(self.x - round(self.x)) > _EPS:
            raise AssertionError("walking up an aisle from between aisles")
        lo, hi = sorted((self.y, y))
        column = self._by_aisle.get(round(self.x), [])
        passed = [p for h, p in column if lo - _EPS <= h <= hi + _EPS]
        if y < self.y:
            passed.reverse()
        for p in passed:
            if id(p) not in self._seen:
                self._seen.add(id(p))
                self.order.append(p)
        self.length += hi - lo
        self.y = y

    def aisle_here(self) -> int:
        """The aisle nearest to the walker (the walker may stand at a depot between aisles)."""
        return min(self.layout.aisles - 1, max(0, round(self.x)))

    def to_cross(self, cross: int) -> None:
        self.vertical(cross * self.span)

    def dip(self, heights: Sequence[float], block: int, from_below: bool) -> None:
        """Enter a sub-aisle from one end to the farthest of ``heights`` and come back."""
        if not heights:
            return
        start = self.y
        target = block * self.span + (max(heights) if from_below else min(heights))
        self.vertical(target)
        self.vertical(start)


def _pick_cells(points: Sequence[Point]) -> dict[tuple[int, int], list[Point]]:
    cells: dict[tuple[int, int], list[Point]] = {}
    for p in points:
        cells.setdefault((p.aisle, p.block), []).append(p)
    for cell in cells.values():
        cell.sort(key=lambda p: p.height_m)
    return cells


def _nearest_first(aisles: list[int], x: float) -> list[int]:
    """Aisles in sweep order, starting from the end nearer to ``x``."""
    aisles = sorted(aisles)
    if aisles and abs(aisles[-1] - x) < abs(aisles[0] - x):
        aisles.reverse()
    return aisles


def _s_shape(layout: Layout, points: Sequence[Point]) -> _Walker:
    w = _Walker(layout, points)
    cells = _pick_cells(points)
    far = max(b for _a, b in cells)
    first = min(a for a, _b in cells)
    w.along(0, first)
    w.to_cross(far + 1)  # up the first pick aisle to the back of the farthest block
    for b in range(far, -1, -1):
        todo = [a for (a, bb), ps in cells.items() if bb == b and not all(map(w.visited, ps))]
        todo = _nearest_first(todo, w.x)
        for i, a in enumerate(todo):
            at_back = abs(w.y - (b + 1) * w.span) < _EPS
            w.along(b + 1 if at_back else b, a)
            if at_back:
                w.to_cross(b)
            elif i == len(todo) - 1:  # an even number: the last one is a return
                w.dip([p.height_m for p in cells[(a, b)] if not w.visited(p)], b, True)
            else:
                w.to_cross(b + 1)
        if abs(w.y - b * w.span) > _EPS:
            w.to_cross(b)  # nothing left in this block: down the aisle we stand in
    w.along(0, layout.depot_aisle)
    return w


def _return(layout: Layout, points: Sequence[Point]) -> _Walker:
    w = _Walker(layout, points)
    cells = _pick_cells(points)
    far = max(b for _a, b in cells)
    for b in range(far + 1):
        if b > 0:
            w.to_cross(b)  # up the aisle we stand in, to the next block's front
        todo = _nearest_first([a for (a, bb) in cells if bb == b], w.x)
        for a in todo:
            remaining = [p.height_m for p in cells[(a, b)] if not w.visited(p)]
            if remaining:
                w.along(b, a)
                w.dip(remaining, b, True)
        if b < far:
            w.along(b, w.aisle_here())
    w.to_cross(0)
    w.along(0, layout.depot_aisle)
    return w


Splitter = Callable[[Layout, list[Point]], tuple[list[Point], list[Point]]]


def _split_midpoint(layout: Layout, cell: list[Point]) -> tuple[list[Point], list[Point]]:
    middle = layout.aisle_span_m / 2
    return [p for p in cell if p.height_m <= middle], [p for p in cell if p.height_m > middle]


def _split_largest_gap(layout: Layout, cell: list[Point]) -> tuple[list[Point], list[Point]]:
    heights = [0.0] + [p.height_m for p in cell] + [layout.aisle_span_m]
    gaps = [heights[i + 1] - heights[i] for i in range(len(heights) - 1)]
    cut = gaps.index(max(gaps))  # points before the cut are reached from below
    return cell[:cut], cell[cut:]


def _by_cross_aisle(layout: Layout, points: Sequence[Point], split: Splitter) -> _Walker:
    w = _Walker(layout, points)
    cells = _pick_cells(points)
    far = max(b for _a, b in cells)
    first = min(a for a, _b in cells)
    w.along(0, first)
    w.to_cross(far + 1)
    low: dict[tuple[int, int], list[Point]] = {}
    high: dict[tuple[int, int], list[Point]] = {}
    for key, cell in cells.items():
        low[key], high[key] = split(layout, cell)
    for k in range(far + 1, -1, -1):
        # Cross-aisle k serves the upper part of block k-1 and the lower part of block k.
        def open_parts(a: int, k: int = k) -> tuple[list[float], list[float]]:
            above = [p.height_m for p in low.get((a, k), []) if not w.visited(p)]
            below = [p.height_m for p in high.get((a, k - 1), []) if not w.visited(p)]
            return above, below

        connector: int | None = None
        if k > 0:
            rest = [a for (a, b), ps in cells.items() if b == k - 1 and not all(map(w.visited, ps))]
            if rest:
                ends = sorted(rest)
                connector = ends[-1] if abs(ends[-1] - w.x) >= abs(ends[0] - w.x) else ends[0]

        def wanted(a: int, connector: int | None = connector) -> tuple[list[float], list[float]]:
            above, below = open_parts(a)
            return above, ([] if a == connector else below)  # the connector is walked through

        targets = [a for a in range(layout.aisles) if any(wanted(a))]
        for a in _nearest_first(targets, w.x):
            above, below = wanted(a)
            w.along(k, a)
            w.dip(above, k, True)
            w.dip(below, k - 1, False)
        if k == 0:
            break
        if connector is None:
            connector = w.aisle_here()
        w.along(k, connector)
        w.to_cross(k - 1)
    w.along(0, layout.depot_aisle)
    return w


def _mirrored(fn: Callable[[Layout, Sequence[Point]], _Walker]) -> Callable[..., _Walker]:
    def run(layout: Layout, points: Sequence[Point]) -> _Walker:
        last = layout.aisles - 1
        flipped = replace(layout, depot_aisle=last - layout.depot_aisle)
        mirror = [p._replace(aisle=last - p.aisle) for p in points]
        a = fn(layout, points)
        b = fn(flipped, mirror)
        if b.length < a.length - _EPS:
            back = {id(q): p for p, q in zip(points, mirror, strict=True)}
            b.order = [back[id(q)] for q in b.order]
            return b
        return a

    return run


HEURISTICS: dict[str, Callable[[Layout, Sequence[Point]], _Walker]] = {
    "s-shape": _mirrored(_s_shape),
    "return": _mirrored(_return),
    "midpoint": _mirrored(lambda lay, pts: _by_cross_aisle(lay, pts, _split_midpoint)),
    "largest-gap": _mirrored(lambda lay, pts: _by_cross_aisle(lay, pts, _split_largest_gap)),
}


def run_heuristic(name: str, layout: Layout, points: Sequence[Point]) -> tuple[float, list[Point]]:
    """(walk length, points in visiting order) of heuristic ``name``."""
    if not points:
        return 0.0, []
    walker = HEURISTICS[name](layout, points)
    if len(walker.order) != len(points):
        raise RuntimeError(f"{name} missed {len(points) - len(walker.order)} pick points")
    return walker.length, walker.order
