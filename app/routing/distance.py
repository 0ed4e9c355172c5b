"""Walking distance between two places in a parallel-aisle layout, in closed form.

Aisles run the full depth and every cross-aisle the full width, so between two cross-aisle
vertices the walk is rectilinear; a place inside a sub-aisle leaves by its lower or upper
cross-aisle. Used where a single distance is needed (inserting a re-routed pick into a walk,
drawing the route); :mod:`app.routing.reference` checks it against Dijkstra in the tests.
"""

from __future__ import annotations

from app.domain.layout import BinPosition, Layout

# None stands for the depot.
Place = BinPosition | None


def _coords(layout: Layout, place: Place) -> tuple[float, float, tuple[int, ...]]:
    """(x, y, cross-aisles it can leave by) of a place."""
    if place is None:
        return layout.depot_aisle * layout.pitch_m, layout.cross_aisle_y(0), (0,)
    x, y = layout.point(place)
    return x, y, (place.block, place.block + 1)


def walk_distance(layout: Layout, a: Place, b: Place) -> float:
    """Shortest walk between two places (bins or the depot)."""
    if a is not None and b is not None and (a.aisle, a.block) == (b.aisle, b.block):
        return abs(a.offset_m - b.offset_m)
    xa, ya, exits_a = _coords(layout, a)
    xb, yb, exits_b = _coords(layout, b)
    across = abs(xa - xb)
    best = float("inf")
    for ka in exits_a:
        ya_k = layout.cross_aisle_y(ka)
        for kb in exits_b:
            yb_k = layout.cross_aisle_y(kb)
            best = min(best, abs(ya - ya_k) + across + abs(ya_k - yb_k) + abs(yb_k - yb))
    return best


def cheapest_insertion(layout: Layout, walk: list[Place], new: BinPosition) -> int:
    """Index in ``walk`` (a sequence of places from the current position to the depot) where
    visiting ``new`` adds the least walking: insert before that index."""
    if not walk:
        return 0
    best_index, best_added = len(walk), float("inf")
    for i in range(1, len(walk) + 1):
        before = walk[i - 1]
        after = walk[i] if i < len(walk) else None
        added = (
            walk_distance(layout, before, new)
            + walk_distance(layout, new, after)
            - walk_distance(layout, before, after)
        )
        if added < best_added - 1e-9:
            best_index, best_added = i, added
    return best_index
