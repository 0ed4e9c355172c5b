"""Picker routing: the exact method against an independent exact solver, and the baselines."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from app.demo.site import DEMO_LAYOUT, generate
from app.domain.layout import BinPosition, Layout
from app.routing import METHODS, Stop, route
from app.routing.files import RouteFileError, parse_picks, parse_site
from app.routing.model import group_points
from app.routing.reference import held_karp, reference_route, walk_length

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "resources" / "examples"


def random_instance(rng: random.Random, blocks: int) -> tuple[Layout, list[Stop]]:
    aisles = rng.randint(1, 7)
    layout = Layout(
        aisles=aisles,
        blocks=blocks,
        block_length_m=rng.choice([4.0, 10.0, 25.0]),
        pitch_m=rng.choice([2.0, 3.0, 6.5]),
        cross_aisle_m=rng.choice([0.0, 1.5, 3.0]),
        # on an aisle, between two, or beyond either end
        depot_aisle=rng.choice([0.0, 0.0, 1.0, 2.5, -1.5, aisles - 1, aisles + 0.7]),
    )
    stops = []
    for i in range(rng.randint(1, 8)):
        offset = rng.choice([0.0, layout.block_length_m, round(rng.uniform(0, 25), 1)])
        stops.append(
            Stop(
                f"BIN-{i}",
                rng.randrange(aisles),
                rng.randrange(blocks),
                min(offset, layout.block_length_m),
            )
        )
    if rng.random() < 0.3:  # a second bin facing the first, and a repeated pick at one bin
        stops.append(Stop("FACING", stops[0].aisle, stops[0].block, stops[0].offset_m))
        stops.append(stops[-1])
    return layout, stops


@pytest.mark.parametrize("blocks", [1, 2, 3])
@pytest.mark.parametrize("chunk", range(4))
def test_optimal_equals_held_karp(blocks: int, chunk: int) -> None:
    rng = random.Random(1000 * blocks + chunk)
    for _ in range(60 if blocks < 3 else 25):
        layout, stops = random_instance(rng, blocks)
        exact = reference_route(layout, stops)
        optimal = route(layout, stops, "optimal")
        assert optimal.distance_m == pytest.approx(exact.distance_m, abs=1e-6), (layout, stops)
        # The order it gives is really walkable at that length.
        assert walk_length(layout, stops, optimal.order) == pytest.approx(
            optimal.distance_m, abs=1e-6
        )


@pytest.mark.parametrize("method", METHODS)
def test_every_method_visits_each_bin_once_and_walks_what_it_says(method: str) -> None:
    rng = random.Random(7)
    for blocks in (1, 2, 3):
        for _ in range(40):
            layout, stops = random_instance(rng, blocks)
            result = route(layout, stops, method)
            assert sorted(result.order) == sorted({s.code for s in stops})
            assert len(result.order) == len(set(result.order))
            exact = reference_route(layout, stops).distance_m
            assert result.distance_m >= exact - 1e-6
            # The heuristic's own walk is at least as long as the shortest walk in its order.
            assert walk_length(layout, stops, result.order) <= result.distance_m + 1e-6


def test_classic_heuristics_on_a_hand_worked_block() -> None:
    # 3 aisles 3 m apart, aisles 12 m between cross-aisle centres, a pick 2 m in at each end.
    layout = Layout(aisles=3, blocks=1, block_length_m=10, pitch_m=3, cross_aisle_m=2)
    stops = [Stop("L", 0, 0, 1.0), Stop("R", 2, 0, 1.0)]
    assert route(layout, stops, "optimal").distance_m == pytest.approx(20.0)  # 2+2 + 2+2 + 6+6
    assert route(layout, stops, "return").distance_m == pytest.approx(20.0)
    assert route(layout, stops, "s-shape").distance_m == pytest.approx(36.0)  # 12 + 6 + 12 + 6
    assert route(layout, stops, "midpoint").distance_m == pytest.approx(36.0)
    assert route(layout, stops, "largest-gap").distance_m == pytest.approx(36.0)
    # Odd number of pick aisles: S-shape's last aisle is a return.
    three = [*stops, Stop("M", 1, 0, 9.0)]
    # up aisle 0 (12), across (3), down aisle 1 (12), across (3), aisle 2 and back (4), home (6)
    assert route(layout, three, "s-shape").distance_m == pytest.approx(40.0)


def test_no_picks_walks_nowhere_and_the_depot_aisle_works() -> None:
    layout = Layout(
        aisles=4, blocks=2, block_length_m=10, pitch_m=3, cross_aisle_m=2, depot_aisle=2
    )
    for method in METHODS:
        assert route(layout, [], method).distance_m == 0
        at_depot = route(layout, [Stop("D", 2, 0, 0.0)], method)
        assert at_depot.order == ("D",)
    assert route(layout, [Stop("D", 2, 0, 0.0)], "optimal").distance_m == pytest.approx(2.0)


def test_stops_outside_the_layout_are_refused() -> None:
    layout = Layout(aisles=2, blocks=1, block_length_m=10)
    with pytest.raises(ValueError, match="aisle 2"):
        route(layout, [Stop("X", 2, 0, 1.0)])
    with pytest.raises(ValueError, match="offset"):
        route(layout, [Stop("X", 0, 0, 10.5)])


def test_group_points_merges_faces_and_repeats() -> None:
    layout = Layout(aisles=2, blocks=1, block_length_m=10)
    points = group_points(
        layout, [Stop("B", 0, 0, 1.0), Stop("A", 0, 0, 1.0), Stop("B", 0, 0, 1.0)]
    )
    assert len(points) == 1 and points[0].codes == ("A", "B")


def test_held_karp_on_a_square() -> None:
    dist = [[0, 1, 2, 1], [1, 0, 1, 2], [2, 1, 0, 1], [1, 2, 1, 0]]
    length, order = held_karp(dist)
    assert length == 4 and sorted(order) == [1, 2, 3]


def test_layout_locates_every_demo_bin() -> None:
    for loc in generate().locations:
        pos = DEMO_LAYOUT.locate(loc.x_m, loc.y_m)
        assert pos == BinPosition(loc.aisle - 1, loc.block, pytest.approx(loc.offset_m))


def test_layout_json_stays_backward_compatible() -> None:
    text = DEMO_LAYOUT.to_json()
    site = parse_site(json.loads(text))
    assert site.layout == DEMO_LAYOUT and site.bins == {}


def test_file_errors_name_the_entry() -> None:
    site = parse_site(json.loads((EXAMPLES / "layout.json").read_text()))
    with pytest.raises(RouteFileError, match=r"picks\[1\]: bin 'NOPE' is not in the layout"):
        parse_picks({"picks": [{"bin": "A-01-01-1-1"}, {"bin": "NOPE"}]}, site)
    with pytest.raises(RouteFileError, match=r"picks\[0\]\.quantity"):
        parse_picks([{"bin": "A-01-01-1-1", "quantity": 0}], site)
    with pytest.raises(RouteFileError, match=r"picks\[0\]: aisle 9"):
        parse_picks([{"bin": "X", "aisle": 9, "block": 0, "offset_m": 1}], site)
    with pytest.raises(RouteFileError, match="unknown layout keys: wings"):
        parse_site({"layout": {"aisles": 3, "wings": 2}, "bins": []})


def test_route_command_on_the_readme_example() -> None:
    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "main.py",
                "route",
                "--layout",
                str(EXAMPLES / "layout.json"),
                "--picks",
                str(EXAMPLES / "picks.json"),
                *extra,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )

    optimal = json.loads(run().stdout)
    s_shape = json.loads(run("--method", "s-shape").stdout)
    picks = json.loads((EXAMPLES / "picks.json").read_text())["picks"]
    assert sorted(optimal["bins"]) == sorted({p["bin"] for p in picks})
    assert optimal["method"] == "optimal"
    assert 0 < optimal["distance_m"] < s_shape["distance_m"]
    bad = subprocess.run(
        [
            sys.executable,
            "main.py",
            "route",
            "--layout",
            str(EXAMPLES / "picks.json"),
            "--picks",
            str(EXAMPLES / "picks.json"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "layout" in bad.stderr


def test_cli_offers_exactly_the_routing_methods() -> None:
    from app.routing import cli

    assert cli._METHODS == METHODS
