"""Box choice by 3D fit with rotations (not volume alone), weights, and carrier rules."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from app.config import ConfigError
from app.demo.site import generate
from app.domain.carriers import CarrierChoice, CarrierRule, choose_carrier
from app.domain.cartonization import (
    Advice,
    Box,
    Item,
    advise,
    estimate_cartons,
    fits,
    pack,
    smallest_box,
    suggest,
)
from app.services import packing_settings
from tests import cartonization_before as before

SUITE = (
    Box("S", "small", (300, 200, 100), 5000, 100),
    Box("M", "medium", (400, 300, 200), 15000, 300),
    Box("LONG", "long", (700, 150, 150), 10000, 250),
    Box("L", "large", (600, 400, 400), 25000, 600),
)


def cube(side: int, weight: int = 100, ref: str = "") -> Item:
    return Item((side, side, side), weight, ref)


def test_volume_is_not_enough_a_long_item_needs_a_long_box() -> None:
    mat = Item((610, 120, 120), 1100, "yoga mat")  # 8.8 dm³: M (24 dm³) by volume only
    assert not fits(SUITE[1], [mat])
    assert smallest_box(SUITE, [mat]) == SUITE[2]  # LONG (15.75 dm³) is the smallest that fits


def test_rotation_is_tried() -> None:
    box = Box("T", "t", (300, 200, 100), 5000, 0)
    assert fits(box, [Item((100, 300, 200), 10)])  # only fits turned on its side
    assert not fits(box, [Item((310, 10, 10), 10)])


def test_cubes_fill_a_box_exactly_and_one_more_does_not_fit() -> None:
    box = Box("C", "c", (200, 200, 200), 10000, 0)
    eight = [cube(100, ref=str(i)) for i in range(8)]
    placements = pack(box, eight)
    assert placements is not None and len(placements) == 8
    assert not fits(box, [*eight, cube(10)])


def test_placements_stay_inside_and_never_overlap() -> None:
    box = SUITE[1]
    items = [Item((150, 80, 60), 50, f"a{i}") for i in range(10)] + [
        Item((90, 90, 110), 330, f"m{i}") for i in range(6)
    ]
    placements = pack(box, items)
    assert placements is not None and len(placements) == len(items)
    for p in placements:
        assert all(
            o >= 0 and o + s <= lim
            for o, s, lim in zip(p.origin, p.size, box.inner_mm, strict=True)
        )
        assert sorted(p.size) == sorted(p.item.dims_mm)
    for a, b in combinations(placements, 2):
        overlap = all(
            a.origin[k] < b.origin[k] + b.size[k] and b.origin[k] < a.origin[k] + a.size[k]
            for k in range(3)
        )
        assert not overlap, (a, b)


def test_weight_limit_counts_the_tare() -> None:
    box = Box("W", "w", (500, 500, 500), 1000, 200)
    assert fits(box, [cube(50, 800)])
    assert not fits(box, [cube(50, 801)])


def test_suggestion_and_carton_estimate() -> None:
    small = [cube(50, 100) for _ in range(3)]
    s = suggest(SUITE, small)
    assert s is not None and s.box.code == "S" and s.fits_all and s.gross_weight_g == 400
    huge = [cube(300, 2000) for _ in range(10)]  # 10 x 27 dm³; L holds 4 (2x1x1 layers... )
    s = suggest(SUITE, huge)
    assert s is not None and not s.fits_all and s.box.code == "L"
    assert s.cartons_needed == estimate_cartons(SUITE, huge) >= 3


def test_advice_when_everything_is_packed_says_nothing_is_left() -> None:
    """The walk: a yoga mat longer than any box (the heuristic's view) and two mugs, all in
    the XL carton. The panel said "Suggested: XL — the rest needs about 2 cartons"."""
    suite = packing_settings.load().boxes
    xl = next(b for b in suite if b.code == "XL")
    mat = Item((671, 132, 132), 1210, "mat")
    mugs = [Item((90, 90, 110), 330, "mug")] * 2
    old = suggest(suite, [mat, *mugs])
    assert old is not None and old.cartons_needed == 2  # what the panel showed
    advice = advise(suite, xl, [mat, *mugs], [])
    assert advice is not None and advice.kind is Advice.NOTHING_LEFT
    assert advice.box == xl and advice.is_chosen and advice.more_cartons == 0
    assert advice.units_left == 0 and advice.gross_weight_g == xl.tare_g + 1210 + 660
    # Before the mugs went in: this carton, then (the heuristic's honest guess) one more.
    before = advise(suite, xl, [mat], mugs)
    assert before is not None and before.kind is Advice.MORE_CARTONS
    assert before.box == xl and before.is_chosen and before.more_cartons == 1


def test_advice_does_not_contradict_a_chosen_box_that_holds_the_rest() -> None:
    small = [cube(50, 100) for _ in range(3)]
    medium = SUITE[1]
    advice = advise(SUITE, medium, small[:1], small[1:])  # S would do, the packer took M
    assert advice is not None and advice.kind is Advice.FITS
    assert advice.box == medium and advice.is_chosen and advice.units_left == 2
    assert advice.gross_weight_g == medium.tare_g + 300
    # The chosen box is too small for the rest, a bigger one holds it all: suggest that one.
    mat = Item((610, 120, 120), 1100, "mat")
    advice = advise(SUITE, SUITE[0], small, [mat])
    assert advice is not None and advice.kind is Advice.FITS
    assert advice.box.code == "LONG" and not advice.is_chosen


def test_advice_counts_the_cartons_after_this_one() -> None:
    large = SUITE[3]
    huge = [cube(300, 2000, str(i)) for i in range(10)]  # L holds two
    assert not fits(large, huge[:3]) and fits(large, huge[:2])
    started = advise(SUITE, large, huge[:2], huge[2:])
    assert started is not None and started.kind is Advice.MORE_CARTONS
    assert started.box == large and started.is_chosen and started.units_left == 8
    assert started.more_cartons == estimate_cartons(SUITE, huge[2:]) == 4
    assert started.gross_weight_g == large.tare_g + 4000
    # An empty carton in a small box: take the largest; it holds two, four more after it.
    empty = advise(SUITE, SUITE[0], [], huge)
    assert empty is not None and empty.kind is Advice.MORE_CARTONS
    assert empty.box == large and not empty.is_chosen and empty.more_cartons == 4
    # A started carton in a smaller box stays the packer's box.
    mid = [Item((250, 150, 150), 500, str(i)) for i in range(12)]
    medium = SUITE[1]
    assert smallest_box(SUITE, mid) is None
    kept = advise(SUITE, medium, mid[:1], mid[1:])
    assert kept is not None and kept.kind is Advice.MORE_CARTONS
    assert kept.box == medium and kept.is_chosen and kept.more_cartons >= 1
    assert advise((), None, [], huge) is None


def _random_orders(seed: int, count: int) -> list[tuple[Box | None, list[Item], list[Item]]]:
    """Demo-site products, 1-45 units of 1-12 SKUs (some with the same shape turned or a
    different weight), split at random into the open carton and what is left."""
    rng = random.Random(seed)
    products = generate().products
    suite = packing_settings.load().boxes
    cases: list[tuple[Box | None, list[Item], list[Item]]] = []
    for _ in range(count):
        n = rng.randint(1, 45)
        skus = rng.sample(products, rng.randint(1, min(n, 12)))
        items = [
            Item((p.length_mm, p.width_mm, p.height_mm), p.weight_g, p.sku)
            for p in (rng.choice(skus) for _ in range(n))
        ]
        for twin in rng.sample(items, min(3, len(items))) if rng.random() < 0.3 else []:
            turned = rng.sample(list(twin.dims_mm), 3)
            items.append(
                Item((turned[0], turned[1], turned[2]), twin.weight_g + rng.choice((-7, 7)), "twin")
            )
        rng.shuffle(items)
        k = rng.randint(0, len(items))
        cases.append((rng.choice([None, *suite]), items[:k], items[k:]))
    return cases


def test_same_advice_and_placements_as_the_unit_by_unit_version() -> None:
    """The grouped, memoised fit answers exactly as the version before it (kept verbatim in
    tests/cartonization_before.py) on 150 random demo orders: advice, suggestion, cartons
    and every placement. Small orders only: the old version needs seconds for big ones."""
    suite = packing_settings.load().boxes
    kinds = set()
    for chosen, in_carton, left in _random_orders(5, 150):
        new = advise(suite, chosen, in_carton, left)
        assert new == before.advise(suite, chosen, in_carton, left)
        assert new is not None
        kinds.add(new.kind)
        everything = [*in_carton, *left]
        assert suggest(suite, everything) == before.suggest(suite, everything)
        box = chosen or suite[-1]
        assert pack(box, everything) == before.pack(box, everything)
    assert kinds == set(Advice)  # the cases reach every kind of advice


def test_a_heap_fitted_unit_by_unit_gets_the_answers_of_a_fit_from_scratch() -> None:
    """The greedy fills grow one fit unit by unit (cartonization._Growing) instead of packing
    the whole heap again for each unit. On random heaps of demo-sized units, biggest first,
    every answer equals a fit from scratch by the version before (weight out of the way)."""
    from app.domain.cartonization import _Growing, _shape

    rng = random.Random(9)
    products = generate().products
    suite = packing_settings.load().boxes
    refusals = accepted_by_corners = 0
    for _ in range(40):
        box = rng.choice(suite)
        old_box = Box(box.code, box.name, box.inner_mm, 10**9, 0)  # weight out of the way
        kinds = rng.sample(products, rng.randint(1, 6))
        units = sorted(
            (
                Item((p.length_mm, p.width_mm, p.height_mm), 1, p.sku)
                for p in (rng.choice(kinds) for _ in range(rng.randint(5, 60)))
            ),
            key=lambda i: _shape(i.dims_mm),
            reverse=True,
        )
        growing = _Growing(box.inner_mm)
        heap: list[Item] = []
        for unit in units:
            shelves_before = growing.shelves is not None
            took = growing.add(_shape(unit.dims_mm))
            assert took == before.fits(old_box, [*heap, unit])
            if took:
                heap.append(unit)
                accepted_by_corners += shelves_before and growing.shelves is None
            else:
                refusals += 1
    assert refusals and accepted_by_corners  # both ways out were taken


def test_a_lighter_unit_of_the_same_shape_still_goes_in_after_a_heavier_one_was_refused() -> None:
    """Units are skipped only when one just like them (shape *and* weight) was refused."""
    box = Box("W", "w", (500, 500, 500), 1000, 0)
    left = [cube(100, 600, "a"), cube(100, 500, "b"), cube(100, 300, "c")]
    advice = advise([box], box, [], left)
    assert advice is not None and advice.kind is Advice.MORE_CARTONS
    assert advice.gross_weight_g == 900 and advice.more_cartons == 1  # a and c, then b
    assert advice == before.advise([box], box, [], left)


def test_a_big_order_of_few_products_gets_advice_that_adds_up() -> None:
    """200 units of three products (a B2B order): the advice names the largest box, the
    cartons after it are the estimate for the order less this one (before the grouping this
    took seconds; benchmarks/pack_advice.py has the figures)."""
    suite = packing_settings.load().boxes
    largest = suite[-1]
    items = (
        [Item((83, 83, 102), 306, "mug")] * 102
        + [Item((79, 79, 274), 190, "bottle")] * 58
        + [Item((200, 150, 20), 80, "towel")] * 40
    )
    advice = advise(suite, None, [], items)
    assert advice is not None and advice.kind is Advice.MORE_CARTONS
    assert advice.box == largest and advice.units_left == 200
    assert advice.more_cartons == estimate_cartons(suite, items) - 1 >= 1
    assert largest.tare_g < advice.gross_weight_g <= largest.max_weight_g
    # Half of it scanned into the largest box: the advice keeps that carton and counts on.
    half = advise(suite, largest, items[:100], items[100:])
    assert half is not None and half.box == largest and half.is_chosen
    assert half.units_left == 100


def test_carrier_rules_first_match_wins_with_a_default() -> None:
    rules = [
        CarrierRule("EXP", "12:00", min_priority=2),
        CarrierRule("SF", "Std", countries=("CN",)),
        CarrierRule("POST", "Small", countries=("DE",), max_weight_g=1000),
        CarrierRule("DHL", "Paket", countries=("DE",)),
    ]
    default = CarrierChoice("ANY", "Std")

    def pick(country: str, weight: int, priority: int = 0) -> str:
        c = choose_carrier(rules, default, country=country, weight_g=weight, priority=priority)
        return c.carrier

    assert pick("CN", 500) == "SF"
    assert pick("cn", 500, priority=2) == "EXP"
    assert pick("DE", 1000) == "POST"
    assert pick("DE", 1001) == "DHL"
    assert pick("US", 1001) == "ANY"


def test_shipped_packing_settings_load_and_bad_keys_are_named(tmp_path) -> None:
    settings = packing_settings.load()
    assert [b.code for b in settings.boxes] == ["XS", "S", "M", "L", "XL"]
    assert settings.ship_from.name
    bad = tmp_path / "packing.toml"
    bad.write_text('[[boxes]]\ncode = "A"\ninner_mm = [1, 2]\nmax_weight_g = 5\n')
    with pytest.raises(ConfigError, match=r"boxes\[0\]\.inner_mm"):
        packing_settings.load(bad)
