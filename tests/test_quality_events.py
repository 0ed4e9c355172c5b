"""Packing mistakes and reprints reach the dashboard as events (they change no other data)."""

from __future__ import annotations

import pytest

from app.services.packing import PackError
from tests.pack_helpers import (
    find_order,
    give_sscc_range,
    make_service,
    order_units,
    product_not_on,
)
from tests.test_packing_service import PACKER, events, scan


@pytest.fixture
def service(core):
    give_sscc_range(core)
    return make_service(core)


def test_wrong_item_and_over_scan_are_recorded_as_pack_errors(core, service) -> None:
    number = find_order(core)
    state = service.open(number)
    stranger = product_not_on(core, number)
    with pytest.raises(PackError):
        service.scan_product(state.order_id, scan(stranger.gtin), PACKER)
    unit = order_units(core, number)[0]
    for _ in range(unit.quantity):
        service.scan_product(state.order_id, scan(unit.gtin), PACKER)
    with pytest.raises(PackError):
        service.scan_product(state.order_id, scan(unit.gtin), PACKER)  # one too many
    with pytest.raises(PackError):
        service.scan_product(state.order_id, scan("4006381333931"), PACKER)  # unknown GTIN
    errors = events(core, "pack.error")
    assert [(e["reason"], e["sku"], e["user"], e["order"]) for e in errors] == [
        ("wrong_item", stranger.sku, "USR-1004", number),
        ("over_scan", unit.sku, "USR-1004", number),
    ]  # an unknown GTIN is a set-up problem, not a packer's mistake


def test_a_reprint_is_an_event(core, service) -> None:
    number = find_order(core)
    state = service.open(number)
    for u in order_units(core, number):
        for _ in range(u.quantity):
            service.scan_product(state.order_id, scan(u.gtin), PACKER)
    done = service.close_carton(state.order_id, PACKER)
    service.reprint(done.shipment.id, PACKER)
    (reprint,) = events(core, "label.reprinted")
    assert reprint["order"] == number and reprint["sscc"] == done.shipment.sscc
    assert reprint["user"] == "USR-1004"
