"""Picker routing in parallel-aisle warehouses (pure: no Qt, no database).

``route(layout, stops, method)`` returns the bins in visiting order and the walk in metres,
from the depot and back. ``"optimal"`` is exact for any number of blocks (see
:mod:`app.routing.optimal`); the classic heuristics are there as baselines. The server reuses
this package for waves, so it must stay importable without Qt or a database.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.layout import Layout
from app.routing.euler import circuit_order
from app.routing.heuristics import HEURISTICS, run_heuristic
from app.routing.model import Point, Route, Stop, group_points
from app.routing.optimal import solve

OPTIMAL = "optimal"
METHODS: tuple[str, ...] = (OPTIMAL, *HEURISTICS)

__all__ = ["METHODS", "OPTIMAL", "Point", "Route", "Stop", "route", "route_points"]


def route_points(layout: Layout, points: Sequence[Point], method: str = OPTIMAL) -> Route:
    """Route already grouped points (see :func:`app.routing.model.group_points`)."""
    if method == OPTIMAL:
        tour = solve(layout, points)
        ordered = circuit_order(layout, tour, points)
        length = tour.length_m
    elif method in HEURISTICS:
        length, ordered = run_heuristic(method, layout, points)
    else:
        raise ValueError(f"unknown routing method {method!r}; choose one of {', '.join(METHODS)}")
    codes = tuple(code for p in ordered for code in p.codes)
    return Route(method, codes, round(length, 6))


def route(layout: Layout, stops: Sequence[Stop], method: str = OPTIMAL) -> Route:
    """Visit every stop once, starting and ending at the depot.

    Stops at the same place (both faces of an aisle, several levels, repeated bins) are one
    point of the walk; each bin code appears once in the order.
    """
    return route_points(layout, group_points(layout, list(stops)), method)
