"""Carton choice: the smallest box of the suite that holds the order's units.

Volume alone lies (a yoga mat has little volume but needs a long box), so each candidate box
is tried with a layer/shelf packing heuristic over all six orientations of every unit: units
go side by side along the box length into shelves, shelves fill the width into layers, layers
stack up the height; when that leaves units over, a corner-point pass tries again (it fills
the space above short units that shelves waste). The heuristics may miss a tight packing a
solver would find; then they suggest the next box up, which is the safe mistake. Pure
functions, no database.

Fast enough for a B2B order of 200 units (milliseconds, not seconds), with the same answers
as the unit-by-unit version it replaced (tests/cartonization_before.py, compared in the tests):
- the fit depends only on the box's inner size and how many units of each shape go in, so it
  is memoised on that (the whole order, what is left: asked again after every scan);
- a greedy fill (what else goes into this carton, how many cartons) tries a run of identical
  units until one is refused and skips the rest of the run (the heap is as it was, so they
  would be refused too), and grows one fit unit by unit instead of packing the whole heap
  again for each unit (:class:`_Growing`);
- the corner-point pass never retries a corner that already refused a shape;
- weight, volume and the longest side refuse a box before any 3D fit is tried.
"""

from __future__ import annotations

import enum
from bisect import insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import permutations

Dims = tuple[int, int, int]


@dataclass(frozen=True)
class Box:
    code: str
    name: str
    inner_mm: Dims  # length, width, height inside the box
    max_weight_g: int  # contents + tare the box is rated for
    tare_g: int

    @property
    def volume(self) -> int:
        length, width, height = self.inner_mm
        return length * width * height


@dataclass(frozen=True)
class Item:
    """One unit to pack; ``ref`` tells units apart in a plan (a SKU, a line number)."""

    dims_mm: Dims
    weight_g: int
    ref: str = ""

    @property
    def volume(self) -> int:
        a, b, c = self.dims_mm
        return a * b * c


@dataclass(frozen=True)
class Placement:
    item: Item
    origin: Dims  # x, y, z of the unit's corner inside the box
    size: Dims  # the unit's extent along x, y, z (its chosen orientation)


@dataclass(frozen=True)
class Suggestion:
    """The box to use, and whether everything fits in it (else: the largest, pack in several)."""

    box: Box
    fits_all: bool
    gross_weight_g: int  # estimated: tare + units
    cartons_needed: int  # estimate for the whole order


Shape = tuple[int, int, int]  # a unit's dimensions, largest first: the same in any orientation


def _shape(dims: Dims) -> Shape:
    a, b, c = sorted(dims, reverse=True)
    return (a, b, c)


@lru_cache(maxsize=4096)
def _orientations(shape: Shape) -> tuple[Dims, ...]:
    return tuple(sorted({(a, b, c) for a, b, c in permutations(shape)}))


@lru_cache(maxsize=4096)
def _flat_first(shape: Shape) -> tuple[Dims, ...]:
    """The orientations the corner-point pass tries, lowest and then shallowest first."""
    return tuple(sorted(_orientations(shape), key=lambda s: (s[2], s[1])))


def orientations(dims: Dims) -> list[Dims]:
    """The distinct ways to set a box-shaped unit down (up to six)."""
    return list(_orientations(_shape(dims)))


Spot = tuple[Dims, Dims]  # where a unit goes: its corner (x, y, z) and its extent along x, y, z


class _Shelves:
    """Greedy layer/shelf packing inside one box."""

    def __init__(self, inner: Dims) -> None:
        self.length, self.width, self.height = inner
        self.layer_z = 0  # bottom of the current layer
        self.layer_h = 0  # height of the current layer so far
        self.shelf_y = 0  # front of the current shelf
        self.shelf_d = 0  # depth of the current shelf so far
        self.shelf_x = 0  # length used in the current shelf
        self.placed: list[Spot] = []

    def place(self, shape: Shape) -> bool:
        options = _orientations(shape)
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
            self._put(best[1])
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
            self._put(shelf[1])
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
        self._put(layer[1])
        return True

    def _put(self, size: Dims) -> None:
        x, y, z = size
        self.placed.append(((self.shelf_x, self.shelf_y, self.layer_z), size))
        self.shelf_x += x
        self.shelf_d = max(self.shelf_d, y)
        self.layer_h = max(self.layer_h, z)


class _Corners:
    """Fallback when shelves waste the space above short units: corner points, lowest first.

    Each placed unit offers three new corners (beside, behind, on top); the next unit goes to
    the lowest corner where some orientation fits without overlap. A corner that cannot take
    a shape now never can (units are only added), so it is not tried for that shape again:
    without that, a run of identical units re-tests every dead corner for every unit.
    """

    def __init__(self, inner: Dims) -> None:
        self.length, self.width, self.height = inner
        self.corners: list[Dims] = [(0, 0, 0)]  # as (z, y, x), sorted: lowest, front first
        self.solids: list[tuple[int, int, int, int, int, int]] = []  # x0, y0, z0, x1, y1, z1
        self.placed: list[Spot] = []
        self.dead: dict[Shape, set[Dims]] = {}
        self.blocker = (0, 0, 0, 0, 0, 0)  # the unit that blocked last (likely again)

    def place(self, shape: Shape) -> bool:
        """Put the unit at the lowest corner that takes it; False (nothing placed) if none."""
        length, width, height = self.length, self.width, self.height
        solids = self.solids
        blocker = self.blocker
        dead = self.dead.setdefault(shape, set())
        found: tuple[int, Dims] | None = None
        for index, corner in enumerate(self.corners):
            if corner in dead:
                continue
            z, y, x = corner
            for size in _flat_first(shape):
                x1, y1, z1 = x + size[0], y + size[1], z + size[2]
                if x1 > length or y1 > width or z1 > height:
                    continue
                ax, ay, az, bx, by, bz = blocker
                if x < bx and ax < x1 and y < by and ay < y1 and z < bz and az < z1:
                    continue
                for solid in solids:
                    ax, ay, az, bx, by, bz = solid
                    if x < bx and ax < x1 and y < by and ay < y1 and z < bz and az < z1:
                        blocker = solid
                        break
                else:
                    found = (index, size)
                    break
            if found is not None:
                break
            dead.add(corner)
        self.blocker = blocker
        if found is None:
            return False
        index, (sx, sy, sz) = found
        z, y, x = self.corners.pop(index)
        self.placed.append(((x, y, z), (sx, sy, sz)))
        solids.append((x, y, z, x + sx, y + sy, z + sz))
        for corner in ((z, y, x + sx), (z, y + sy, x), (z + sz, y, x)):
            insort(self.corners, corner)
        return True


def _place(inner: Dims, shapes: Sequence[Shape]) -> list[Spot] | None:
    """Shelves first (fast, linear); the corner-point pass only when they leave units over."""
    shelves = _Shelves(inner)
    if all(shelves.place(shape) for shape in shapes):
        return shelves.placed
    corners = _Corners(inner)
    if all(corners.place(shape) for shape in shapes):
        return corners.placed
    return None


class _Growing:
    """The fit of a heap that grows one unit at a time, each no bigger than those before it.

    Then the heap's packing order is the order the units came in, and both passes of
    :func:`_place` are sequential: the answer for the heap with one more unit follows from
    the state for the heap without it, in one placement instead of a whole new packing.
    Shelves that took every unit so far answer yes; once they refuse a unit that went in
    anyway (by corner points), the corner-point pass decides from then on. Gives exactly what
    :func:`_place` gives for the same heap; a greedy fill of the largest box goes from
    quadratic to linear with it.
    """

    def __init__(self, inner: Dims, shapes: Sequence[Shape] = ()) -> None:
        self.inner = inner
        self.shapes: list[Shape] = []
        self.shelves: _Shelves | None = _Shelves(inner)  # None: they failed on this heap
        self.corners: _Corners | None = None  # made when needed; placed the first n shapes
        self.corners_failed = False
        for shape in shapes:  # the heap as it is, even where it does not fit
            if self.shelves is not None and not self.shelves.place(shape):
                self.shelves = None
            self.shapes.append(shape)

    def takes_next(self, shape: Shape) -> bool:
        """``shape`` comes after the heap in packing order (biggest first)."""
        return not self.shapes or shape <= self.shapes[-1]

    def add(self, shape: Shape) -> bool:
        """Add the unit if the heap with it fits (shape must come next); else change nothing."""
        if self.shelves is not None and self.shelves.place(shape):  # places only on success
            self.shapes.append(shape)
            return True
        corners = self._corners()
        if corners is None or not corners.place(shape):  # a refusal leaves it as it was
            return False
        self.shapes.append(shape)
        self.shelves = None  # shelves did not take this heap: corner points decide from now
        return True

    def _corners(self) -> _Corners | None:
        """The corner-point pass caught up with the heap; None when it cannot place it."""
        if self.corners_failed:
            return None
        if self.corners is None:
            self.corners = _Corners(self.inner)
        for shape in self.shapes[len(self.corners.placed) :]:
            if not self.corners.place(shape):
                self.corners_failed = True
                return None
        return self.corners


@lru_cache(maxsize=8192)
def _holds(inner: Dims, load: tuple[tuple[Shape, int], ...]) -> bool:
    """Whether a box of this inner size takes these shapes (with counts, biggest first).

    Memoised: the geometry depends on nothing else, and the advice after each scan asks
    about the same heaps again (the whole order, what is left after this carton).
    """
    return _place(inner, [shape for shape, n in load for _ in range(n)]) is not None


@dataclass
class _Load:
    """A heap of units as the fit sees it: how many of each shape, total weight and volume."""

    counts: dict[Shape, int] = field(default_factory=dict)
    weight_g: int = 0
    volume: int = 0

    @classmethod
    def of(cls, items: Iterable[Item]) -> _Load:
        load = cls()
        for item in items:
            load.add(item)
        return load

    def add(self, item: Item) -> None:
        shape = _shape(item.dims_mm)
        self.counts[shape] = self.counts.get(shape, 0) + 1
        self.weight_g += item.weight_g
        self.volume += item.volume

    def plus(self, item: Item) -> _Load:
        load = _Load(dict(self.counts), self.weight_g, self.volume)
        load.add(item)
        return load

    def key(self) -> tuple[tuple[Shape, int], ...]:
        return tuple(sorted(self.counts.items(), reverse=True))


def _shapes(load: _Load) -> list[Shape]:
    """The heap's units in packing order (biggest first), as the fit places them."""
    return [shape for shape, n in load.key() for _ in range(n)]


def _may_fit(box: Box, load: _Load) -> bool:
    """The cheap refusals: too heavy, too much volume, a unit longer than the box."""
    if load.weight_g + box.tare_g > box.max_weight_g:
        return False
    if load.volume > box.volume:
        return False
    inner = _shape(box.inner_mm)
    return all(
        shape[0] <= inner[0] and shape[1] <= inner[1] and shape[2] <= inner[2]
        for shape in load.counts
    )


def _fits(box: Box, load: _Load) -> bool:
    """The cheap refusals first, then the (memoised) 3D fit."""
    return _may_fit(box, load) and _holds(box.inner_mm, load.key())


def _packing_order(items: Iterable[Item]) -> list[Item]:
    """Big units first: they fix the layers and shelves that small ones then fill."""
    return sorted(items, key=lambda i: (_shape(i.dims_mm), i.volume), reverse=True)


def pack(box: Box, items: Sequence[Item]) -> list[Placement] | None:
    """Placements of every unit inside ``box``, or None when the heuristic cannot fit them."""
    if not _may_fit(box, _Load.of(items)):
        return None
    ordered = _packing_order(items)
    spots = _place(box.inner_mm, [_shape(i.dims_mm) for i in ordered])
    if spots is None:
        return None
    return [
        Placement(item, origin, size) for item, (origin, size) in zip(ordered, spots, strict=True)
    ]


def fits(box: Box, items: Sequence[Item]) -> bool:
    return _fits(box, _Load.of(items))


def by_size(suite: Iterable[Box]) -> list[Box]:
    return sorted(suite, key=lambda b: (b.volume, b.tare_g, b.code))


def _smallest(suite: Iterable[Box], load: _Load) -> Box | None:
    for box in by_size(suite):
        if _fits(box, load):
            return box
    return None


def smallest_box(suite: Iterable[Box], items: Sequence[Item]) -> Box | None:
    """The smallest box (by inner volume, then tare) that holds all ``items``."""
    return _smallest(suite, _Load.of(items))


def _fill_greedy(
    box: Box, base: _Load, candidates: Iterable[Item]
) -> tuple[list[Item], list[Item]]:
    """Which ``candidates`` (in this order) still go into ``box`` beside ``base``, one by one.

    A unit that was refused leaves the heap as it was, so the next unit of the same shape and
    weight would be refused too: it is not tried again until something else went in. Most big
    orders are many units of a few products, so this tries each run once, not each unit. The
    candidates come biggest first, so the heap usually grows in packing order and the fit
    grows with it (:class:`_Growing`); a unit bigger than one in the heap is fitted anew.
    """
    load = _Load(dict(base.counts), base.weight_g, base.volume)
    growing: _Growing | None = None
    taken: list[Item] = []
    rest: list[Item] = []
    refused: set[tuple[Shape, int]] = set()
    for item in candidates:
        shape = _shape(item.dims_mm)
        kind = (shape, item.weight_g)
        if kind not in refused:
            bigger = load.plus(item)
            if _may_fit(box, bigger):
                if growing is None:
                    growing = _Growing(box.inner_mm, _shapes(load))
                if growing.takes_next(shape):
                    fits_too = growing.add(shape)
                else:
                    fits_too = _holds(box.inner_mm, bigger.key())
                    if fits_too:  # the heap's packing order changed: made anew when needed
                        growing = None
            else:
                fits_too = False
            if fits_too:
                load = bigger
                taken.append(item)
                refused.clear()
                continue
            refused.add(kind)
        rest.append(item)
    return taken, rest


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
        batch, rest = _fill_greedy(largest, _Load(), remaining)
        if not batch:  # a unit bigger than every box ships on its own
            rest = rest[1:]
        cartons += 1
        remaining = rest
    return cartons


def gross_weight_g(box: Box, items: Iterable[Item]) -> int:
    return box.tare_g + sum(i.weight_g for i in items)


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


class Advice(enum.StrEnum):
    NOTHING_LEFT = "nothing_left"  # every unit is in a carton: this one closes the order
    FITS = "fits"  # ``box`` holds this carton's units and everything left
    MORE_CARTONS = "more_cartons"  # no box holds it all: this carton, then ``more_cartons``


@dataclass(frozen=True)
class CartonAdvice:
    """What the carton panel tells the packer about the open carton and what is left.

    Unlike :func:`suggest`, which sees one heap of units, this knows which units are already
    in the carton and which box the packer took: units in a carton are a fact (a long mat
    the heuristic would not fit went in anyway), so the advice never asks for cartons for
    units already packed, and never names another box when the chosen one holds the rest.
    """

    kind: Advice
    box: Box  # the box the advice names (the ★ in the box list)
    is_chosen: bool  # ``box`` is the open carton's own box
    units_left: int  # units not yet in any carton
    gross_weight_g: int  # estimated: this carton with what the advice puts in it
    more_cartons: int = 0  # cartons needed after this one (MORE_CARTONS only)


def _fill(box: Box, packed: Sequence[Item], left: Sequence[Item]) -> tuple[list[Item], list[Item]]:
    """Which of ``left`` still go into ``box`` beside ``packed``, big units first."""
    return _fill_greedy(box, _Load.of(packed), _packing_order(left))


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
