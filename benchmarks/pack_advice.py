"""Carton advice: time per call before and after the grouped, memoised fit. Prints; asserts nothing.

    .venv/bin/python benchmarks/pack_advice.py [--quick] [--sizes 5,20,50,100,200]

Orders of 5, 20, 50, 100 and 200 units made of demo-site products (half of them two SKUs, as
B2B orders of a few products are; half up to 15 SKUs), packed with the demo box suite
(resources/packing.toml). Each order is packed in a simulated walk: one scan at a time into
the box the station suggests, a carton closed when the next unit no longer fits and the advice
says more cartons are needed. The advice is asked for after every scan, as the Pack screen
does.

Columns:
- *orders*, *cartons*: orders of that size, and the cartons their walks used in all.
- *states*: the walk states timed with both versions.
- *before*: the unit-by-unit version (tests/cartonization_before.py), on a sample of the
  walk's states (the first, then evenly spread): it needs seconds at 200 units.
- *after, cold*: the new version on the same states with its fit memo emptied before each
  call: the worst case, the first advice for an order.
- *ratio*: before / after-cold median, both measured in this run (the machine is shared and
  noisy: the ratio travels, the milliseconds less so).
- *after, walk*: the new version on every state of the walk, memo as the station has it.
- *same*: the sampled states where both versions give the same advice (all fields).

Since the advice left the scan path, none of this runs on the GUI thread: the Pack screen's
worker thread computes it and the scan's count shows at once. The second table shows that on
the packing service with a real station database (the demo site, one order made 200 units):
*scan* is ``PackingService.scan_product`` as the GUI thread now runs it (count, events, state
with the advice's inputs); before, each scan also ran the old advice on the GUI thread (timed
on the same states, every tenth scan); the new advice runs on the worker.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo.site import DemoProduct, generate
from app.domain import cartonization as after
from app.domain.cartonization import Advice, Box, CartonAdvice, Item
from app.services import packing_settings
from tests import cartonization_before as before

State = tuple[Box, list[Item], list[Item]]  # the open carton's box, its units, units left


def make_order(
    rng: random.Random, products: Sequence[DemoProduct], units: int, skus: int
) -> list[Item]:
    """``units`` units of ``skus`` demo products, every product at least once, in line order."""
    chosen = rng.sample(list(products), skus)
    counts = [1] * skus
    for _ in range(units - skus):
        counts[rng.randrange(skus)] += 1
    return [
        Item((p.length_mm, p.width_mm, p.height_mm), p.weight_g, p.sku)
        for p, n in zip(chosen, counts, strict=True)
        for _ in range(n)
    ]


def walk(suite: Sequence[Box], order: list[Item]) -> tuple[list[State], list[float]]:
    """Pack ``order`` scan by scan as the station would; every state, and the new version's
    time for the advice after each scan (its memo as the running station has it)."""
    states: list[State] = []
    times: list[float] = []
    left = list(order)
    suggestion = after.suggest(suite, left)
    assert suggestion is not None
    box, in_carton = suggestion.box, list[Item]()

    def ask() -> CartonAdvice:
        states.append((box, list(in_carton), list(left)))
        t0 = time.perf_counter()
        advice = after.advise(suite, box, in_carton, left)
        times.append(time.perf_counter() - t0)
        assert advice is not None
        return advice

    advice = ask()
    while left:
        unit = left[0]
        full = (
            in_carton
            and advice.kind is Advice.MORE_CARTONS
            and not after.fits(box, [*in_carton, unit])
        )
        if full:  # close this carton, open the next in the box suggested for the rest
            suggestion = after.suggest(suite, left)
            assert suggestion is not None
            box, in_carton = suggestion.box, []
        else:
            in_carton.append(left.pop(0))
        advice = ask()
    return states, times


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.2f}" if value < 1 else f"{value:.1f}" if value < 10_000 else f"{value:.0f}"


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")

    def line(cells: list[str]) -> str:  # the first column reads left-aligned
        first, *rest = zip(cells, widths, strict=True)
        return "  ".join([first[0].ljust(first[1]), *(c.rjust(w) for c, w in rest)])

    print(line(header))
    print("-" * len(line(header)))
    for r in rows:
        print(line(r))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer orders and states")
    parser.add_argument("--sizes", default="5,20,50,100,200", help="units per order")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    orders_per_kind = 1 if args.quick else 2  # of each: few SKUs, many SKUs
    samples = 2 if args.quick else 3  # states per order timed with both versions
    suite = packing_settings.load(packing_settings.DEFAULT_PATH).boxes
    products = generate().products
    rng = random.Random(args.seed)
    rows = []
    for units in sizes:
        old_t: list[float] = []
        cold_t: list[float] = []
        walk_t: list[float] = []
        same = total = cartons = 0
        for skus in [min(2, units)] * orders_per_kind + [min(15, units)] * orders_per_kind:
            order = make_order(rng, products, units, skus)
            after._holds.cache_clear()
            states, times = walk(suite, order)
            walk_t += times
            cartons += 1 + sum(1 for a, b in itertools.pairwise(states) if a[1] and not b[1])
            picks = sorted({round(i * (len(states) - 1) / samples) for i in range(samples)})
            for i in picks:
                box, in_carton, left = states[i]
                after._holds.cache_clear()
                t_new, new = timed(partial(after.advise, suite, box, in_carton, left))
                t_old, old = timed(partial(before.advise, suite, box, in_carton, left))
                cold_t.append(t_new)
                old_t.append(t_old)
                total += 1
                same += new == old
        rows.append(
            [
                f"{units}",
                f"{2 * orders_per_kind}",
                f"{cartons}",
                f"{len(old_t)}",
                ms(statistics.median(old_t)),
                ms(p90(old_t)),
                ms(statistics.median(cold_t)),
                ms(p90(cold_t)),
                f"{statistics.median(old_t) / statistics.median(cold_t):.0f}x",
                f"{len(walk_t)}",
                ms(statistics.median(walk_t)),
                ms(p90(walk_t)),
                f"{same}/{total}",
            ]
        )
    print_table(rows)
    if 200 in sizes:
        scan_path(scans=20 if args.quick else 60)
    return 0


def scan_path(scans: int) -> None:
    """The GUI thread's share of a pack scan into a 200-unit order, now and before."""
    import os
    import tempfile

    from app.bootstrap import open_core
    from app.config import StationConfig
    from app.scan.types import ProductScan
    from app.services.packing import Actor
    from tests.pack_helpers import big_order, give_sscc_range, make_service, order_units

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WS_CONFIG"] = str(Path(tmp) / "station.toml")  # no real packing.toml
        core = open_core(StationConfig(), Path(tmp), seed_demo=True)
        try:
            give_sscc_range(core)
            service = make_service(core)
            number = big_order(core, 200)
            units = order_units(core, number)
            gtins = [u.gtin.zfill(14) for u in units for _ in range(u.quantity)]
            state = service.open(number)
            scan_t: list[float] = []
            new_t: list[float] = []
            old_t: list[float] = []
            for k, gtin in enumerate(gtins[:scans]):
                t, out = timed(
                    partial(
                        service.scan_product,
                        state.order_id,
                        ProductScan(gtin),
                        Actor(4, "USR-1004"),
                    )
                )
                scan_t.append(t)
                request = out.state.advice_request  # type: ignore[attr-defined]
                t_new, _ = timed(request.compute)
                new_t.append(t_new)
                if k % 10 == 0:
                    args = (request.suite, request.chosen, request.in_carton, request.left)
                    t_old, _ = timed(partial(before.advise, *args))
                    old_t.append(t_old)
        finally:
            core.close()
    rows = [
        [
            "scan (GUI thread, now)",
            f"{len(scan_t)}",
            ms(statistics.median(scan_t)),
            ms(p90(scan_t)),
        ],
        [
            "scan + old advice (GUI thread, before)",
            f"{len(old_t)}",
            ms(statistics.median(scan_t) + statistics.median(old_t)),
            ms(p90(scan_t) + p90(old_t)),
        ],
        [
            "new advice (worker thread)",
            f"{len(new_t)}",
            ms(statistics.median(new_t)),
            ms(p90(new_t)),
        ],
    ]
    table(
        f"A pack scan into a 200-unit order ({number}, {len(units)} lines), ms",
        ["", "scans", "median", "p90"],
        rows,
    )


def print_table(rows: list[list[str]]) -> None:
    table(
        "Carton advice per call, ms (median / p90); demo box suite; half the orders 2 SKUs, "
        "half up to 15",
        [
            "units",
            "orders",
            "cartons",
            "states",
            "before med",
            "before p90",
            "after cold med",
            "cold p90",
            "ratio",
            "walk calls",
            "walk med",
            "walk p90",
            "same",
        ],
        rows,
    )


if __name__ == "__main__":
    sys.exit(main())
