"""The scan sequence of one pick step (pure), and the closed-form walking distance."""

from __future__ import annotations

import random
from datetime import date

import pytest

from app.domain.layout import BinPosition, Layout
from app.routing.distance import cheapest_insertion, walk_distance
from app.routing.model import Point
from app.routing.reference import distance_matrix
from app.scan.types import CartScan, LocationScan, ProductScan, ToteScan
from app.services.pick_flow import Advanced, Confirm, FlowError, Stage, StepFlow
from app.services.pick_views import BinLabel, LotInfo, PickStep, ProductInfo

TODAY = date(2026, 11, 22)
GTIN = "06141410001014"  # as the parser gives it: 14 digits
INNER = "16141410001011"  # an inner pack of 6


def step(quantity: int = 3, *, lot_tracked: bool = False, lot: str | None = None) -> PickStep:
    return PickStep(
        task_id=7,
        position=2,
        total=5,
        bin=BinLabel.of("A-03-12-2-1"),
        product=ProductInfo(
            "SKU-1", "Eco Mug, Red", None, lot_tracked, (("6141410001014", 1), (INNER, 6))
        ),
        quantity=quantity,
        picked=0,
        tote="TOTE-0003",
        order="SO-100001",
        line_no=1,
        lot=lot,
        lots=(LotInfo("L1", date(2027, 1, 1)), LotInfo("LOLD", date(2026, 11, 1))),
    )


def loc(code: str) -> LocationScan:
    zone, aisle, bay, level, slot = code.split("-")
    return LocationScan(code, zone, int(aisle), int(bay), int(level), int(slot))


def test_bin_label_splits_the_code() -> None:
    label = BinLabel.of("B-07-21-3-1")
    assert (label.zone, label.aisle, label.bay, label.level, label.slot) == (
        "B",
        "07",
        "21",
        "3",
        "1",
    )
    assert BinLabel.of("DOCK-1") == BinLabel("DOCK-1")


def test_right_path_bin_product_three_times_tote() -> None:
    flow = StepFlow(step(3), TODAY)
    assert flow.stage == Stage.BIN
    assert flow.scan(loc("A-03-12-2-1")) == Advanced(Stage.PRODUCT, 0)
    assert flow.scan(ProductScan(GTIN)) == Advanced(Stage.PRODUCT, 1)
    assert flow.scan(ProductScan(GTIN)) == Advanced(Stage.PRODUCT, 2)
    assert flow.scan(ProductScan(GTIN)) == Advanced(Stage.TOTE, 3)
    assert flow.scan(ToteScan("TOTE-0003")) == Confirm(3, None, "TOTE-0003")


def test_wrong_inputs_name_what_was_expected() -> None:
    flow = StepFlow(step(2), TODAY)
    assert flow.scan(ProductScan(GTIN)) == FlowError("bin_first", expected="A-03-12-2-1")
    assert flow.scan(loc("A-03-12-1-1")) == FlowError(
        "wrong_bin", expected="A-03-12-2-1", got="A-03-12-1-1"
    )
    assert flow.scan(ToteScan("TOTE-0003")) == FlowError("bin_first", expected="A-03-12-2-1")
    flow.scan(loc("A-03-12-2-1"))
    assert flow.scan(ToteScan("TOTE-0003")) == FlowError("product_first", expected="Eco Mug, Red")
    assert flow.scan(ProductScan("00614141999996")) == FlowError(
        "wrong_product", expected="Eco Mug, Red", got="00614141999996"
    )
    assert flow.scan(CartScan("CART-01")) == FlowError("not_expected", expected="product")
    flow.scan(ProductScan(GTIN))
    assert flow.scan(ToteScan("TOTE-0004")) == FlowError(
        "wrong_tote", expected="TOTE-0003", got="TOTE-0004"
    )
    # A partial confirm: one unit into the right tote.
    assert flow.scan(ToteScan("TOTE-0003")) == Confirm(1, None, "TOTE-0003")


def test_counts_packs_and_refuses_too_many() -> None:
    flow = StepFlow(step(8), TODAY)
    flow.scan(loc("A-03-12-2-1"))
    assert flow.scan(ProductScan(INNER)) == Advanced(Stage.PRODUCT, 6)
    assert flow.scan(ProductScan(INNER)) == FlowError("over_quantity", expected="8", got="12")
    assert flow.scan(ProductScan(GTIN, count=2)) == Advanced(Stage.TOTE, 8)


def test_numpad_sets_the_count_after_one_product_scan() -> None:
    flow = StepFlow(step(5), TODAY)
    flow.scan(loc("A-03-12-2-1"))
    assert flow.set_quantity(5) == FlowError("product_first", expected="Eco Mug, Red")
    flow.scan(ProductScan(GTIN))
    assert flow.set_quantity(6) == FlowError("over_quantity", expected="5", got="6")
    assert flow.set_quantity(4) == Advanced(Stage.PRODUCT, 4)
    assert flow.set_quantity(5) == Advanced(Stage.TOTE, 5)


def test_lots_captured_expired_refused_not_mixed() -> None:
    flow = StepFlow(step(3, lot_tracked=True, lot="L1"), TODAY)
    flow.scan(loc("A-03-12-2-1"))
    # Expiry in the barcode, or known for the lot in this bin: an expired lot is refused.
    assert flow.scan(ProductScan(GTIN, lot="LX", expiry=date(2026, 11, 21))) == FlowError(
        "expired_lot", expected="LX", got="2026-11-21"
    )
    assert flow.scan(ProductScan(GTIN, lot="LOLD")) == FlowError(
        "expired_lot", expected="LOLD", got="2026-11-01"
    )
    assert flow.scan(ProductScan(GTIN, lot="L2", expiry=date(2027, 5, 1))) == Advanced(
        Stage.PRODUCT, 1
    )
    assert flow.scan(ProductScan(GTIN, lot="L1")) == FlowError("mixed_lot", expected="L2", got="L1")
    flow.scan(ProductScan(GTIN, lot="L2"))
    flow.scan(ProductScan(GTIN, lot="L2"))
    assert flow.scan(ToteScan("TOTE-0003")) == Confirm(3, "L2", "TOTE-0003")
    # A plain EAN on a lot-tracked product takes the allocated lot.
    plain = StepFlow(step(1, lot_tracked=True, lot="L1"), TODAY, bin_verified=True)
    plain.scan(ProductScan(GTIN))
    assert plain.scan(ToteScan("TOTE-0003")) == Confirm(1, "L1", "TOTE-0003")


@pytest.mark.parametrize("seed", range(5))
def test_closed_form_distance_matches_dijkstra(seed: int) -> None:
    rng = random.Random(seed)
    layout = Layout(
        aisles=rng.randint(1, 6),
        blocks=rng.randint(1, 3),
        block_length_m=rng.choice([5.0, 12.0]),
        pitch_m=3.0,
        cross_aisle_m=rng.choice([0.0, 2.0]),
        depot_aisle=rng.choice([0.0, 1.5, -1.0]),
    )
    places = [
        BinPosition(
            rng.randrange(layout.aisles),
            rng.randrange(layout.blocks),
            round(rng.uniform(0, layout.block_length_m), 2),
        )
        for _ in range(6)
    ]
    points = [
        Point(p.aisle, p.block, layout.cross_aisle_m / 2 + p.offset_m, (str(i),))
        for i, p in enumerate(places)
    ]
    matrix = distance_matrix(layout, points)
    everything: list[BinPosition | None] = [None, *places]
    for i, a in enumerate(everything):
        for j, b in enumerate(everything):
            assert walk_distance(layout, a, b) == pytest.approx(matrix[i][j])


def test_cheapest_insertion_puts_a_bin_on_the_way() -> None:
    layout = Layout(aisles=5, blocks=1, block_length_m=10)
    walk: list[BinPosition | None] = [
        BinPosition(0, 0, 5),
        BinPosition(2, 0, 5),
        BinPosition(4, 0, 5),
    ]
    assert cheapest_insertion(layout, walk, BinPosition(3, 0, 5)) == 2
    assert cheapest_insertion(layout, walk, BinPosition(1, 0, 5)) == 1
