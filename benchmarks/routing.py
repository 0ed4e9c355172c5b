"""Route quality and speed, and what batching saves. Prints tables; asserts nothing.

    .venv/bin/python benchmarks/routing.py [--quick]

1. Gap to an independent exact reference (Dijkstra distances + Held–Karp) on random small
   instances: must be 0 for ``optimal`` on every layout.
2. Gap of the heuristics to ``optimal`` on realistic pick counts (20 and 50 picks).
3. Median time per route for 50 and 200 picks, and its ratio to S-shape measured in the same
   run (the machine is shared and noisy: the ratio travels, the milliseconds less so).
4. Seed batching on the demo site's 200 orders: walking saved versus one order at a time, at
   2, 4 and 8 orders per cart, next to first-come-first-served batching as a baseline.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo.site import DEMO_LAYOUT, generate
from app.domain.layout import Layout
from app.routing import METHODS, Stop, route
from app.routing.batching import (
    BatchOrder,
    CartCapacity,
    plan_batches,
    route_length,
)
from app.routing.reference import reference_route

LAYOUTS = {
    "1 block, 10 aisles": Layout(aisles=10, blocks=1, block_length_m=20, pitch_m=3),
    "2 blocks, 10 aisles": Layout(aisles=10, blocks=2, block_length_m=10, pitch_m=3),
    "demo: 2 blocks, 20 aisles": DEMO_LAYOUT,
    "3 blocks, 10 aisles": Layout(aisles=10, blocks=3, block_length_m=10, pitch_m=3),
}


def random_stops(rng: random.Random, layout: Layout, n: int) -> list[Stop]:
    return [
        Stop(
            f"P{i}",
            rng.randrange(layout.aisles),
            rng.randrange(layout.blocks),
            round(rng.uniform(0, layout.block_length_m), 2),
        )
        for i in range(n)
    ]


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    line = "  ".join(
        h.ljust(w) if i == 0 else h.rjust(w)
        for i, (h, w) in enumerate(zip(header, widths, strict=True))
    )
    print(line)
    print("-" * len(line))
    for r in rows:
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )


def quality_vs_reference(instances: int, picks: int) -> None:
    rows = []
    for name, layout in LAYOUTS.items():
        rng = random.Random(11)
        gaps: dict[str, list[float]] = {m: [] for m in METHODS}
        for _ in range(instances):
            stops = random_stops(rng, layout, picks)
            exact = reference_route(layout, stops).distance_m
            for m in METHODS:
                gaps[m].append(route(layout, stops, m).distance_m / exact - 1)
        rows.append(
            [name]
            + [f"{100 * statistics.mean(gaps[m]):.2f} / {100 * max(gaps[m]):.1f}" for m in METHODS]
        )
    table(
        f"Gap to the exact reference (Held-Karp), {instances} instances x {picks} picks: "
        "mean % / max %",
        ["layout", *METHODS],
        rows,
    )


def heuristic_gaps(instances: int) -> None:
    rows = []
    for name, layout in LAYOUTS.items():
        for picks in (20, 50):
            rng = random.Random(23)
            gaps: dict[str, list[float]] = {m: [] for m in METHODS}
            for _ in range(instances):
                stops = random_stops(rng, layout, picks)
                best = route(layout, stops).distance_m
                for m in METHODS:
                    gaps[m].append(route(layout, stops, m).distance_m / best - 1)
            rows.append(
                [f"{name}, {picks} picks"]
                + [f"{100 * statistics.mean(gaps[m]):.1f}" for m in METHODS]
            )
    table(f"Mean gap to optimal, % ({instances} instances each)", ["layout", *METHODS], rows)


def timing(instances: int) -> None:
    rows = []
    for name, layout in LAYOUTS.items():
        for picks in (50, 200):
            rng = random.Random(5)
            sets = [random_stops(rng, layout, picks) for _ in range(instances)]
            medians: dict[str, float] = {}
            for m in ("optimal", "s-shape", "largest-gap"):
                route(layout, sets[0], m)  # warm the memoised transitions
                times = []
                for stops in sets:
                    t0 = time.perf_counter()
                    route(layout, stops, m)
                    times.append(time.perf_counter() - t0)
                medians[m] = statistics.median(times) * 1e3
            rows.append(
                [
                    f"{name}, {picks} picks",
                    f"{medians['optimal']:.3f}",
                    f"{medians['s-shape']:.3f}",
                    f"{medians['largest-gap']:.3f}",
                    f"{medians['optimal'] / medians['s-shape']:.1f}x",
                ]
            )
    table(
        f"Median time per route, ms ({instances} routes each; target optimal <= 1 ms at 50 "
        "picks, <= 10 ms at 200)",
        ["layout", "optimal", "s-shape", "largest-gap", "optimal/s-shape"],
        rows,
    )


def demo_orders() -> list[BatchOrder]:
    site = generate()
    where = {loc.code: loc for loc in site.locations}
    bins: dict[str, str] = {}
    for s in site.stock:
        bins.setdefault(s.sku, s.location_code)
    volume = {p.sku: p.length_mm * p.width_mm * p.height_mm / 1e6 for p in site.products}
    out = []
    for o in site.orders:
        stops = tuple(
            Stop(
                bins[ln.sku],
                where[bins[ln.sku]].aisle - 1,
                where[bins[ln.sku]].block,
                where[bins[ln.sku]].offset_m,
            )
            for ln in o.lines
        )
        litres = sum(volume[ln.sku] * ln.quantity for ln in o.lines)
        out.append(BatchOrder(o.number, stops, litres, o.priority, o.due_at))
    return out


def batching() -> None:
    orders = demo_orders()
    alone = sum(route_length(DEMO_LAYOUT, o.stops) for o in orders)
    by_due = sorted(orders, key=lambda o: (-o.priority, o.due_at, o.key))
    rows = []
    for size in (2, 4, 8):
        t0 = time.perf_counter()
        batches = plan_batches(DEMO_LAYOUT, orders, CartCapacity(totes=size))
        elapsed = time.perf_counter() - t0
        seeded = sum(b.route.distance_m for b in batches)
        fcfs = sum(
            route_length(DEMO_LAYOUT, [s for o in by_due[i : i + size] for s in o.stops])
            for i in range(0, len(by_due), size)
        )
        rows.append(
            [
                f"{size} orders per cart",
                f"{len(batches)}",
                f"{seeded / 1000:.2f}",
                f"{100 * (1 - seeded / alone):.1f} %",
                f"{100 * (1 - fcfs / alone):.1f} %",
                f"{1000 * elapsed / len(batches):.0f}",
            ]
        )
    table(
        f"Batching the demo site's {len(orders)} orders (one order at a time walks "
        f"{alone / 1000:.2f} km; target >= 60 % saved at 8)",
        ["cart", "batches", "walk km", "saved (seed)", "saved (FCFS)", "ms/batch"],
        rows,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer instances (a smoke run)")
    args = parser.parse_args()
    quick = args.quick
    quality_vs_reference(instances=10 if quick else 60, picks=8 if quick else 10)
    heuristic_gaps(instances=10 if quick else 50)
    timing(instances=15 if quick else 60)
    batching()
    return 0


if __name__ == "__main__":
    sys.exit(main())
