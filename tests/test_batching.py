"""Seed batching: properties that must hold for any set of open orders."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.layout import Layout
from app.routing import Stop
from app.routing.batching import (
    BatchOrder,
    CartCapacity,
    next_batch,
    plan_batches,
    route_length,
)

LAYOUT = Layout(aisles=6, blocks=2, block_length_m=10, pitch_m=3, cross_aisle_m=2, depot_aisle=0)
T0 = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


@st.composite
def orders(draw: st.DrawFn) -> list[BatchOrder]:
    count = draw(st.integers(1, 12))
    out = []
    for i in range(count):
        n = draw(st.integers(1, 4))
        stops = tuple(
            Stop(
                f"B{a}-{b}-{o}",
                a,
                b,
                float(o),
            )
            for a, b, o in draw(
                st.lists(
                    st.tuples(st.integers(0, 5), st.integers(0, 1), st.integers(0, 10)),
                    min_size=n,
                    max_size=n,
                )
            )
        )
        out.append(
            BatchOrder(
                f"SO-{i:06d}",
                stops,
                volume_l=draw(st.sampled_from([1.0, 5.0, 20.0, 60.0])),
                priority=draw(st.integers(0, 2)),
                due_at=T0 + timedelta(minutes=draw(st.integers(0, 600))),
            )
        )
    return out


@settings(max_examples=60, deadline=None)
@given(
    orders(),
    st.integers(1, 8),
    st.sampled_from([math.inf, 40.0]),
    st.sampled_from([math.inf, 100.0]),
)
def test_batches_respect_the_cart_and_cover_every_order_once(
    open_orders: list[BatchOrder], totes: int, tote_volume: float, cart_volume: float
) -> None:
    cart = CartCapacity(totes=totes, tote_volume_l=tote_volume, volume_l=cart_volume)
    batches = plan_batches(LAYOUT, open_orders, cart)
    keys = [k for b in batches for k in b.orders]
    assert sorted(keys) == sorted(o.key for o in open_orders)  # each order in one batch
    by_key = {o.key: o for o in open_orders}
    single_total = sum(route_length(LAYOUT, o.stops) for o in open_orders)
    batched_total = 0.0
    for batch in batches:
        members = [by_key[k] for k in batch.orders]
        assert len(members) <= totes  # one tote per order
        oversized = [o for o in members if o.volume_l > tote_volume]
        if oversized:
            assert len(members) == 1  # an order that needs more than a tote rides alone
        elif len(members) > 1:
            assert sum(o.volume_l for o in members) <= cart_volume
        assert batch.volume_l == pytest.approx(sum(o.volume_l for o in members))
        # One walk through every bin of every order in the batch, each bin once.
        assert sorted(batch.route.order) == sorted({s.code for o in members for s in o.stops})
        batched_total += batch.route.distance_m
    assert batched_total <= single_total + 1e-6  # batching never walks more


@settings(max_examples=30, deadline=None)
@given(orders())
def test_the_most_urgent_order_seeds_the_first_batch(open_orders: list[BatchOrder]) -> None:
    batch = next_batch(LAYOUT, open_orders, CartCapacity(totes=3))
    assert batch is not None
    most_urgent = min(open_orders, key=lambda o: (-o.priority, o.due_at, o.key))
    assert batch.orders[0] == most_urgent.key


def test_close_orders_are_batched_together() -> None:
    # F0 seeds (same urgency: by key); the other F orders lie just beyond it in the aisle, the
    # N orders far off its walk up aisle 0.
    near = [BatchOrder(f"N{i}", (Stop(f"A{i}", 5, 0, 1.0 + i),)) for i in range(3)]
    far = [BatchOrder(f"F{i}", (Stop(f"Z{i}", 0, 1, 8.0 - i),)) for i in range(3)]
    batches = plan_batches(LAYOUT, near + far, CartCapacity(totes=3))
    assert sorted(map(sorted, (b.orders for b in batches))) == [
        ["F0", "F1", "F2"],
        ["N0", "N1", "N2"],
    ]


def test_no_orders_no_batch() -> None:
    assert next_batch(LAYOUT, [], CartCapacity()) is None
    with pytest.raises(ValueError):
        CartCapacity(totes=0)
