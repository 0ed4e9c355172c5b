"""Pack verification as a service: counting, refusals, cartons, shipments, events, audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.domain.cartonization import Advice, CartonAdvice
from app.domain.sscc import is_valid_sscc
from app.persistence.models import (
    AuditEntry,
    Carton,
    Order,
    OrderStatus,
    OutboxEvent,
    PrintJob,
    Shipment,
    Tote,
)
from app.scan import parse_scan
from app.scan.types import ProductScan
from app.services.packing import Actor, Override, PackError, PackErrorCode, PackState
from tests.pack_helpers import (
    big_order,
    find_order,
    give_sscc_range,
    lots_of,
    make_service,
    order_units,
    pdf_text,
    product_not_on,
    record_short_pick,
    set_dims,
)

PACKER = Actor(user_id=4, badge="USR-1004")
SUPERVISOR = Override("USR-1006", "1234", "damaged in picking")


@pytest.fixture
def service(core):
    give_sscc_range(core)
    return make_service(core)


def advice_of(state: PackState) -> CartonAdvice | None:
    """The open carton's advice, as the pack screen computes it (off the scan path)."""
    assert state.advice_request is not None
    return state.advice_request.compute()


def events(core, type_: str) -> list[dict]:
    with core.uow() as uow:
        return [
            e.payload
            for e in uow.session.scalars(
                select(OutboxEvent).where(OutboxEvent.type == type_).order_by(OutboxEvent.id)
            )
        ]


def scan(gtin: str, **kw) -> ProductScan:
    return ProductScan(gtin=gtin.zfill(14), **kw)


def test_complete_order_in_one_carton(core, service) -> None:
    number = find_order(core, min_lines=2)
    units = order_units(core, number)
    state = service.open(number)
    assert state.open_carton is not None and state.open_carton.sequence == 1
    advice = advice_of(state)
    assert advice is not None and advice.kind is Advice.FITS
    assert advice.is_chosen and state.open_carton.box_code == advice.box.code
    scans = 0
    for u in units:
        for _ in range(u.quantity):
            out = service.scan_product(state.order_id, scan(u.gtin), PACKER)
            scans += 1
            assert out.sku == u.sku
    assert out.state.complete and not out.state.done
    closed = service.close_carton(state.order_id, PACKER)
    assert closed.order_done and closed.state.done
    assert is_valid_sscc(closed.shipment.sscc) and closed.shipment.sscc[1:8] == "0614141"
    assert closed.shipment.carrier
    box = service.settings.box(closed.state.cartons[0].box_code)
    assert closed.shipment.weight_g == box.tare_g + sum(
        line.unit_weight_g * line.expected for line in closed.state.lines
    )
    with core.uow() as uow:
        job = uow.session.get_one(PrintJob, closed.print_job_id)
        assert job.status == "pending" and job.document.startswith(b"%PDF")
        assert uow.session.scalar(select(Order).where(Order.number == number)).status == (
            OrderStatus.PACKED
        )
    scanned = events(core, "pack.scanned")
    assert len(scanned) == scans
    assert scanned[0]["order"] == number and scanned[0]["carton"] == 1
    assert scanned[0]["user"] == "USR-1004" and scanned[0]["quantity"] == 1
    (closed_event,) = events(core, "carton.closed")
    assert closed_event["sscc"] == closed.shipment.sscc and closed_event["order_complete"]
    assert sum(i["quantity"] for i in closed_event["items"]) == scans


def test_gs1_count_counts_that_many(core, service) -> None:
    number = find_order(core, min_line_qty=2)
    u = next(u for u in order_units(core, number) if u.quantity >= 2)
    state = service.open(number)
    raw = f"]C101{u.gtin14}37{u.quantity}".encode()
    parsed = parse_scan(raw)
    assert isinstance(parsed, ProductScan) and parsed.count == u.quantity
    out = service.scan_product(state.order_id, parsed, PACKER)
    assert out.quantity == u.quantity and out.line_complete
    assert events(core, "pack.scanned")[-1]["quantity"] == u.quantity


def test_wrong_item_is_named_and_not_counted(core, service) -> None:
    number = find_order(core)
    stranger = product_not_on(core, number)
    state = service.open(number)
    with pytest.raises(PackError) as err:
        service.scan_product(state.order_id, scan(stranger.gtin), PACKER)
    assert err.value.code is PackErrorCode.NOT_ON_ORDER
    assert err.value.params["product"] == stranger.name
    assert service.state(state.order_id).units_packed == 0
    assert events(core, "pack.scanned") == []


def test_unknown_gtin(core, service) -> None:
    state = service.open(find_order(core))
    with pytest.raises(PackError) as err:
        service.scan_product(state.order_id, scan("4006381333931"), PACKER)
    assert err.value.code is PackErrorCode.UNKNOWN_PRODUCT


def test_over_scan_is_refused_and_not_counted(core, service) -> None:
    number = find_order(core)
    u = order_units(core, number)[0]
    state = service.open(number)
    for _ in range(u.quantity):
        service.scan_product(state.order_id, scan(u.gtin), PACKER)
    with pytest.raises(PackError) as err:
        service.scan_product(state.order_id, scan(u.gtin), PACKER)
    assert err.value.code is PackErrorCode.OVER_SCAN
    assert err.value.params["product"] == u.name
    line = service.state(state.order_id).lines[0]
    assert line.packed == u.quantity == line.expected
    assert len(events(core, "pack.scanned")) == u.quantity


def _pack_all_but_one(core, service, number: str) -> int:
    state = service.open(number)
    units = order_units(core, number)
    for i, u in enumerate(units):
        for k in range(u.quantity):
            if i == len(units) - 1 and k == u.quantity - 1:
                break
            service.scan_product(state.order_id, scan(u.gtin), PACKER)
    return state.order_id


def test_close_while_under_is_blocked_then_a_supervisor_overrides(core, service) -> None:
    number = find_order(core, min_lines=2)
    order_id = _pack_all_but_one(core, service, number)
    with pytest.raises(PackError) as err:
        service.close_carton(order_id, PACKER)
    assert err.value.code is PackErrorCode.UNDER_PACKED and err.value.params["units"] == 1
    with core.uow() as uow:
        assert uow.session.scalars(select(Shipment)).all() == []
    # A packer's own badge is not enough, nor a wrong PIN, nor an empty reason.
    for bad, why in [
        (Override("USR-1004", "1234", "x"), "not_supervisor"),
        (Override("USR-1006", "9999", "x"), "wrong_pin"),
    ]:
        with pytest.raises(PackError) as err:
            service.close_carton(order_id, PACKER, override=bad)
        assert err.value.code is PackErrorCode.OVERRIDE_DENIED and err.value.params["why"] == why
    with pytest.raises(PackError) as err:
        service.close_carton(order_id, PACKER, override=Override("USR-1006", "1234", " "))
    assert err.value.code is PackErrorCode.REASON_REQUIRED
    done = service.close_carton(order_id, PACKER, override=SUPERVISOR)
    assert done.order_done and done.overridden_by == "Sara Lopez"
    with core.uow() as uow:
        (entry,) = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "pack.short_close")
        ).all()
        assert entry.entity_id == number and entry.detail["reason"] == SUPERVISOR.reason
        assert entry.detail["missing"][0]["units"] == 1
        refused = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "pack.override_refused")
        ).all()
        assert len(refused) == 1  # the wrong PIN was recorded
    (closed_event,) = events(core, "carton.closed")
    assert closed_event["short_close"]["supervisor"] == "USR-1006"


def test_two_cartons_each_record_their_contents(core, service) -> None:
    number = find_order(core, min_lines=2)
    units = order_units(core, number)
    state = service.open(number)
    first, rest = units[0], units[1:]
    for _ in range(first.quantity):
        service.scan_product(state.order_id, scan(first.gtin), PACKER)
    one = service.close_carton(state.order_id, PACKER, open_next=True)
    assert not one.order_done and one.state.open_carton is not None
    assert one.state.open_carton.sequence == 2 and one.state.open_carton.units == 0
    for u in rest:
        for _ in range(u.quantity):
            service.scan_product(state.order_id, scan(u.gtin), PACKER)
    two = service.close_carton(state.order_id, PACKER)
    assert two.order_done
    cartons = two.state.cartons
    assert [c.sequence for c in cartons] == [1, 2]
    assert {c.sku for c in cartons[0].contents} == {first.sku}
    assert {c.sku for c in cartons[1].contents} == {u.sku for u in rest}
    assert cartons[0].shipment.sscc != cartons[1].shipment.sscc
    history = service.history(order_id=state.order_id)
    assert [h.carton_sequence for h in history] == [2, 1]
    # The second label knows it is the last: "2 of 2"; a reprint of the first too.
    from app.services.shipping_labels import label_for_shipment

    with core.uow() as uow:
        first_label = label_for_shipment(
            uow.session, cartons[0].shipment.id, core.config, service.settings
        )
    assert (first_label.carton_index, first_label.carton_count) == (1, 2)


def test_empty_carton_cannot_be_closed(core, service) -> None:
    state = service.open(find_order(core))
    with pytest.raises(PackError) as err:
        service.close_carton(state.order_id, PACKER)
    assert err.value.code is PackErrorCode.EMPTY_CARTON


def test_lot_tracked_units_need_a_good_lot(core) -> None:
    give_sscc_range(core)
    number = find_order(core, lots=True)
    u = next(u for u in order_units(core, number) if u.lot_tracked)
    lots = lots_of(core, u.sku)
    lot, expiry = lots[0]
    today = [expiry - timedelta(days=1)]  # the lot is still good "today"
    service = make_service(core, today=lambda: today[0])
    state = service.open(number)
    with pytest.raises(PackError) as err:
        service.scan_product(state.order_id, scan(u.gtin), PACKER)
    assert err.value.code is PackErrorCode.LOT_REQUIRED
    with pytest.raises(PackError) as err:
        service.scan_product(state.order_id, scan(u.gtin, lot="NOPE1"), PACKER)
    assert err.value.code is PackErrorCode.WRONG_LOT and err.value.params["lot"] == "NOPE1"
    today[0] = expiry + timedelta(days=1)
    with pytest.raises(PackError) as err:
        service.scan_product(state.order_id, scan(u.gtin, lot=lot), PACKER)
    assert err.value.code is PackErrorCode.EXPIRED_LOT
    # The date on the unit itself counts too.
    today[0] = date(2000, 1, 1)
    with pytest.raises(PackError) as err:
        service.scan_product(
            state.order_id, scan(u.gtin, lot=lot, expiry=date(1999, 12, 31)), PACKER
        )
    assert err.value.code is PackErrorCode.EXPIRED_LOT
    out = service.scan_product(state.order_id, scan(u.gtin, lot=lot), PACKER)
    assert out.quantity == 1
    assert events(core, "pack.scanned")[-1]["lot"] == lot


def test_open_by_tote_and_the_tote_is_freed_when_packed(core, service) -> None:
    number = find_order(core)
    with core.uow() as uow:
        order = uow.session.scalar(select(Order).where(Order.number == number))
        tote = uow.session.scalar(select(Tote).where(Tote.code == "TOTE-0003"))
        tote.order_id = order.id
        uow.commit()
    state = service.open("tote-0003")
    assert state.order_number == number and state.tote == "TOTE-0003"
    for u in order_units(core, number):
        for _ in range(u.quantity):
            service.scan_product(state.order_id, scan(u.gtin), PACKER)
    service.close_carton(state.order_id, PACKER)
    with pytest.raises(PackError) as err:
        service.open("TOTE-0003")
    assert err.value.code is PackErrorCode.TOTE_EMPTY


def test_no_sscc_range_refuses_the_close_and_changes_nothing(core) -> None:
    service = make_service(core)  # no range given
    number = find_order(core)
    u = order_units(core, number)[0]
    state = service.open(number)
    service.scan_product(state.order_id, scan(u.gtin), PACKER)
    with pytest.raises(PackError) as err:
        service.close_carton(state.order_id, PACKER, open_next=True)
    assert err.value.code is PackErrorCode.NO_SSCC_RANGE
    assert "server" in err.value.message
    with core.uow() as uow:
        assert uow.session.scalars(select(Carton).where(Carton.status == "closed")).all() == []
    assert events(core, "carton.closed") == []


def test_choose_box_and_reprint(core, service) -> None:
    number = find_order(core)
    state = service.open(number)
    assert service.choose_box(state.order_id, "XL", PACKER).open_carton.box_code == "XL"
    with pytest.raises(PackError):
        service.choose_box(state.order_id, "NOPE", PACKER)
    for u in order_units(core, number):
        for _ in range(u.quantity):
            service.scan_product(state.order_id, scan(u.gtin), PACKER)
    done = service.close_carton(state.order_id, PACKER)
    assert done.state.cartons[0].box_code == "XL"
    job = service.reprint(done.shipment.id, PACKER)
    assert job != done.print_job_id
    with core.uow() as uow:
        assert (
            uow.session.scalars(select(AuditEntry).where(AuditEntry.action == "label.reprint"))
            .one()
            .entity_id
            == done.shipment.sscc
        )
    with pytest.raises(PackError) as err:
        service.scan_product(state.order_id, scan(order_units(core, number)[0].gtin), PACKER)
    assert err.value.code is PackErrorCode.ALREADY_PACKED


def test_unknown_order(core, service) -> None:
    with pytest.raises(PackError) as err:
        service.open("SO-999999")
    assert err.value.code is PackErrorCode.ORDER_NOT_FOUND


def test_carton_advice_follows_what_is_packed_and_what_is_left(core, service) -> None:
    """The walk: everything of the order in one XL carton, yet the panel said "Suggested: XL
    — the rest needs about 2 cartons" (it sized the carton's contents plus the rest as one
    heap, and the heuristic did not fit a long mat into any box)."""
    number = find_order(core, min_lines=2)
    units = order_units(core, number)
    set_dims(core, units[0].sku, (700, 130, 130))  # longer than the XL box (650 mm)
    state = service.open(number)
    advice = advice_of(state)
    assert advice is not None and advice.kind is Advice.MORE_CARTONS
    assert advice.box.code == state.open_carton.box_code == "XL" and advice.is_chosen
    for u in units:
        for _ in range(u.quantity):
            out = service.scan_product(state.order_id, scan(u.gtin), PACKER)
    advice = advice_of(out.state)
    assert out.state.complete
    assert advice is not None and advice.kind is Advice.NOTHING_LEFT
    assert advice.units_left == 0 and advice.more_cartons == 0
    assert advice.box.code == "XL" and advice.is_chosen


def test_carton_advice_keeps_the_packers_box_and_recomputes_after_a_close(core, service) -> None:
    number = find_order(core, min_lines=2)
    units = order_units(core, number)
    state = service.open(number)
    suggested = advice_of(state).box.code
    assert suggested != "XL"
    chosen = advice_of(service.choose_box(state.order_id, "XL", PACKER))  # bigger: fine
    assert chosen.kind is Advice.FITS and chosen.is_chosen
    assert chosen.box.code == "XL"  # the panel does not name another box
    first = units[0]
    for _ in range(first.quantity):
        service.scan_product(state.order_id, scan(first.gtin), PACKER)
    one = service.close_carton(state.order_id, PACKER, open_next=True)
    # Carton 2 is sized for what is left only, and says so.
    rest = sum(u.quantity for u in units[1:])
    advice = advice_of(one.state)
    assert advice is not None and advice.kind is Advice.FITS and advice.units_left == rest
    assert advice.box.code == one.state.open_carton.box_code


def test_a_scan_into_a_big_order_does_not_work_out_the_carton_advice(
    core, service, monkeypatch
) -> None:
    """A B2B order of 200 units: the scan counts the unit and returns its state with what
    the advice needs, but does not run the 3D fit (the pack screen does, on its worker)."""
    from app.services import packing

    calls: list[int] = []
    real = packing.advise

    def counting(*args, **kwargs):  # a spy: counts, then runs the real advice
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(packing, "advise", counting)
    number = big_order(core, 200)
    units = order_units(core, number)
    state = service.open(number)
    out = service.scan_product(state.order_id, scan(units[0].gtin), PACKER)
    assert out.state.units_packed == 1 and out.state.units_expected == 200
    assert calls == []  # neither the open nor the scan worked out the advice
    request = out.state.advice_request
    assert request is not None and len(request.in_carton) == 1 and len(request.left) == 199
    assert request.carton_id == out.state.open_carton.id
    advice = request.compute()
    assert calls == [1]
    assert advice is not None and advice.units_left == 199
    assert advice.box.code == out.state.open_carton.box_code


def test_a_line_short_at_picking_is_packed_short_without_an_override(core, service) -> None:
    number = find_order(core, min_lines=2, min_line_qty=2)
    units = order_units(core, number)
    longest = max(units, key=lambda u: u.quantity)
    record_short_pick(core, number, longest.sku, 1)
    others = [u for u in units if u is not longest]
    record_short_pick(core, number, others[0].sku, others[0].quantity)  # none found at all
    state = service.open(number)
    lines = {line.sku: line for line in state.lines}
    partly, wholly = lines[longest.sku], lines[others[0].sku]
    assert (partly.ordered, partly.short, partly.expected) == (
        longest.quantity,
        1,
        longest.quantity - 1,
    )
    assert (wholly.ordered, wholly.short, wholly.expected) == (others[0].quantity,) * 2 + (0,)
    assert state.units_short == 1 + others[0].quantity
    for line in state.lines:
        gtin = next(u.gtin for u in units if u.sku == line.sku)
        for _ in range(line.expected):
            out = service.scan_product(state.order_id, scan(gtin), PACKER)
    with pytest.raises(PackError) as err:  # no more than was picked
        service.scan_product(state.order_id, scan(longest.gtin), PACKER)
    assert err.value.code is PackErrorCode.OVER_SCAN
    assert out.state.complete
    done = service.close_carton(state.order_id, PACKER)  # no supervisor needed
    assert done.order_done and done.overridden_by is None
    with core.uow() as uow:
        audit = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "pack.short_close")
        ).all()
        document = uow.session.get_one(PrintJob, done.print_job_id).document
    assert audit == []
    (closed,) = events(core, "carton.closed")
    assert "short_close" not in closed
    assert sorted(closed["short_picked"], key=lambda x: x["sku"]) == sorted(
        [
            {"line_no": partly.line_no, "sku": partly.sku, "ordered": partly.ordered, "short": 1},
            {
                "line_no": wholly.line_no,
                "sku": wholly.sku,
                "ordered": wholly.ordered,
                "short": wholly.ordered,
            },
        ],
        key=lambda x: x["sku"],
    )
    ordered = sum(u.quantity for u in units)
    note = f"SHORT SHIPPED: {state.units_short} of {ordered} units not picked"
    assert note in " ".join(pdf_text(document).split())  # the printed label says so
    # A reprint is rendered afresh from the database: it says so too.
    from app.services.shipping_labels import label_for_shipment

    with core.uow() as uow:
        again = label_for_shipment(uow.session, done.shipment.id, core.config, service.settings)
    assert again.note == note


def test_an_order_without_shortage_has_no_short_note(core, service) -> None:
    number = find_order(core)
    state = service.open(number)
    assert state.units_short == 0 and all(line.short == 0 for line in state.lines)
    for u in order_units(core, number):
        for _ in range(u.quantity):
            service.scan_product(state.order_id, scan(u.gtin), PACKER)
    done = service.close_carton(state.order_id, PACKER)
    with core.uow() as uow:
        document = uow.session.get_one(PrintJob, done.print_job_id).document
    assert "SHORT" not in pdf_text(document)
    (closed,) = events(core, "carton.closed")
    assert "short_picked" not in closed
