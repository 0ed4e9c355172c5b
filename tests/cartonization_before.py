"""The carton fit and advice as they were before the speed-up (app/domain/cartonization.py at
commit 7acc539), kept verbatim as the baseline that benchmarks/pack_advice.py measures in the
same run, and that tests compare the new advice with; its data types are the station's own.
Not used by the station.

Original docstring:

Carton choice: the smallest box of the suite that holds the order's units.

Volume alone lies (a yoga mat has little volume but needs a long box), so each candidate box
is tried with a layer/shelf packing heuristic over all six orientations of every unit: units
go side by side along the box length into shelves, shelves fill the width into layers, layers
stack up the height; when that leaves units over, a corner-point pass tries again (it fills
the space above short units that shelves waste). The heuristics may miss a tight packing a
solver would find; then they suggest the next box up, which is the safe mistake. Pure
functions, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import permutations

# The data types and the helpers the speed-up did not touch are the station's own, so old and
# new answers compare directly.
from app.domain.cartonization import (
    Advice,
    Box,
    CartonAdvice,
    Dims,
    Item,
    Placement,
    Suggestion,
    by_size,
    gross_weight_g,
)


def orientations(dims: Dims) -> list[Dims]:
    """The distinct ways to set a box-shaped unit down (up to six)."""
    return sorted({(a, b, c) for a, b, c in permutations(dims)})


class _Packer:
    """Greedy layer/shelf packing inside one box."""

    def __init__(self, box: Box) -> None:
        self.length, self.width, self.height = box.inner_mm
        self.layer_z = 0  # bottom of the current layer
        self.layer_h = 0  # height of the current layer so far
        self.shelf_y = 0  # front of the current shelf
        self.shelf_d = 0  # depth of the current shelf so far
        self.shelf_x = 0  # length used in the current shelf
        self.placed: list[Placement] = []

    def place(self, item: Item) -> bool:
        options = orientations(item.dims_mm)
        # 1. Next to the last unit in the current shelf: least growth of layer, then shelf.
        best: tuple[tuple[int, int, int], Dims] | None = None
        for size in options:
            x, y, z = size
            if (
                self.shelf_x + x <= self.length
                and self.shelf_y + y <= self.width
                and self.layer_z + z <= self.height
            ):
                cost = (max(0, z - self.layer_h), max(0, y - self.shelf_d), x)
                if best is None or cost < best[0]:
                    best = (cost, size)
        if best is not None:
            self._put(item, best[1])
            return True
        # 2. A new shelf behind the current one, same layer: shallowest shelf first.
        new_y = self.shelf_y + self.shelf_d
        shelf: tuple[tuple[int, int, int], Dims] | None = None
        for size in options:
            x, y, z = size
            if x <= self.length and new_y + y <= self.width and self.layer_z + z <= self.height:
                cost = (max(0, z - self.layer_h), y, x)
                if shelf is None or cost < shelf[0]:
                    shelf = (cost, size)
        if shelf is not None:
            self.shelf_y, self.shelf_d, self.shelf_x = new_y, 0, 0
            self._put(item, shelf[1])
            return True
        # 3. A new layer on top: the flattest orientation.
        new_z = self.layer_z + self.layer_h
        layer: tuple[tuple[int, int], Dims] | None = None
        for size in options:
            x, y, z = size
            if x <= self.length and y <= self.width and new_z + z <= self.height:
                flat = (z, y)
                if layer is None or flat < layer[0]:
                    layer = (flat, size)
        if layer is None or self.layer_h == 0:
            return False
        self.layer_z, self.layer_h = new_z, 0
        self.shelf_y, self.shelf_d, self.shelf_x = 0, 0, 0
        self._put(item, layer[1])
        return True

    def _put(self, item: Item, size: Dims) -> None:
        x, y, z = size
        self.placed.append(Placement(item, (self.shelf_x, self.shelf_y, self.layer_z), size))
        self.shelf_x += x
        self.shelf_d = max(self.shelf_d, y)
        self.layer_h = max(self.layer_h, z)


def _overlaps(origin: Dims, size: Dims, other: Placement) -> bool:
    return all(
        origin[k] < other.origin[k] + other.size[k] and other.origin[k] < origin[k] + size[k]
        for k in range(3)
    )


def _extreme_points(box: Box, items: Sequence[Item]) -> list[Placement] | None:
    """Fallback when shelves waste the space above short units: corner points, lowest first.

    Each placed unit offers three new corners (beside, behind, on top); the next unit goes to
    the lowest corner where some orientation fits without overlap. Slower (cubic in units)
    but packs mixed heights that the layer/shelf pass leaves half empty.
    """
    limits = box.inner_mm
    points: list[Dims] = [(0, 0, 0)]
    placed: list[Placement] = []
    for item in items:
        options = sorted(orientations(item.dims_mm), key=lambda s: (s[2], s[1]))
        done = False
        for point in sorted(points, key=lambda p: (p[2], p[1], p[0])):
            for size in options:
                if any(point[k] + size[k] > limits[k] for k in range(3)):
                    continue
                if any(_overlaps(point, size, other) for other in placed):
                    continue
                placed.append(Placement(item, point, size))
                points.remove(point)
                x, y, z = point
                points += [(x + size[0], y, z), (x, y + size[1], z), (x, y, z + size[2])]
                done = True
                break
            if done:
                break
        if not done:
            return None
    return placed


def _packing_order(items: Iterable[Item]) -> list[Item]:
    """Big units first: they fix the layers and shelves that small ones then fill."""
    return sorted(items, key=lambda i: (sorted(i.dims_mm, reverse=True), i.volume), reverse=True)


def pack(box: Box, items: Sequence[Item]) -> list[Placement] | None:
    """Placements of every unit inside ``box``, or None when the heuristic cannot fit them."""
    if sum(i.weight_g for i in items) + box.tare_g > box.max_weight_g:
        return None
    if sum(i.volume for i in items) > box.volume:
        return None
    inner = sorted(box.inner_mm)
    for item in items:
        if any(a > b for a, b in zip(sorted(item.dims_mm), inner, strict=True)):
            return None
    ordered = _packing_order(items)
    packer = _Packer(box)
    if all(packer.place(item) for item in ordered):
        return packer.placed
    return _extreme_points(box, ordered)


def fits(box: Box, items: Sequence[Item]) -> bool:
    return pack(box, items) is not None


def smallest_box(suite: Iterable[Box], items: Sequence[Item]) -> Box | None:
    """The smallest box (by inner volume, then tare) that holds all ``items``."""
    for box in by_size(suite):
        if fits(box, items):
            return box
    return None


def estimate_cartons(suite: Sequence[Box], items: Sequence[Item]) -> int:
    """How many cartons an order needs: greedily fill the largest box, then the rest."""
    if not items:
        return 0
    if smallest_box(suite, items) is not None:
        return 1
    largest = by_size(suite)[-1]
    remaining = _packing_order(items)
    cartons = 0
    while remaining:
        batch: list[Item] = []
        rest: list[Item] = []
        for item in remaining:
            if fits(largest, [*batch, item]):
                batch.append(item)
            else:
                rest.append(item)
        if not batch:  # a unit bigger than every box ships on its own
            batch, rest = [rest[0]], rest[1:]
        cartons += 1
        remaining = rest
    return cartons


def suggest(suite: Sequence[Box], items: Sequence[Item]) -> Suggestion | None:
    """What to show the packer before the first scan; None for an empty suite."""
    if not suite:
        return None
    box = smallest_box(suite, items)
    if box is not None:
        return Suggestion(box, True, gross_weight_g(box, items), 1 if items else 0)
    largest = by_size(suite)[-1]
    return Suggestion(
        largest, False, gross_weight_g(largest, items), estimate_cartons(suite, items)
    )


def _fill(box: Box, packed: Sequence[Item], left: Sequence[Item]) -> tuple[list[Item], list[Item]]:
    """Which of ``left`` still go into ``box`` beside ``packed``, big units first."""
    extra: list[Item] = []
    rest: list[Item] = []
    for item in _packing_order(left):
        if fits(box, [*packed, *extra, item]):
            extra.append(item)
        else:
            rest.append(item)
    return extra, rest


def advise(
    suite: Sequence[Box], chosen: Box | None, in_carton: Sequence[Item], left: Sequence[Item]
) -> CartonAdvice | None:
    """Advice for the open carton holding ``in_carton`` in box ``chosen``, with ``left``
    (the order's units in no carton yet) still to pack; None for an empty suite."""
    if not suite:
        return None
    largest = by_size(suite)[-1]
    if not left:
        box = chosen or smallest_box(suite, in_carton) or largest
        return CartonAdvice(
            Advice.NOTHING_LEFT, box, box == chosen, 0, gross_weight_g(box, in_carton)
        )
    everything = [*in_carton, *left]
    if chosen is not None and fits(chosen, everything):
        return CartonAdvice(
            Advice.FITS, chosen, True, len(left), gross_weight_g(chosen, everything)
        )
    best = smallest_box(suite, everything)
    if best is not None:
        return CartonAdvice(
            Advice.FITS, best, best == chosen, len(left), gross_weight_g(best, everything)
        )
    # No one box holds it all. An empty carton should be the largest box; a started one
    # stays in the packer's box, filled up with what the heuristic still fits beside its
    # units (none when it already holds more than the heuristic would have put in).
    box = (chosen or largest) if in_carton else largest
    extra: list[Item] = []
    rest = list(left)
    if not in_carton or fits(box, in_carton):
        extra, rest = _fill(box, in_carton, left)
    if not rest:  # filling unit by unit found room the all-at-once packing missed
        return CartonAdvice(
            Advice.FITS, box, box == chosen, len(left), gross_weight_g(box, everything)
        )
    return CartonAdvice(
        Advice.MORE_CARTONS,
        box,
        box == chosen,
        len(left),
        gross_weight_g(box, [*in_carton, *extra]),
        estimate_cartons(suite, rest),
    )
