"""Station pick services on a real SQLite copy of the demo site (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.bootstrap import open_core
from app.persistence.models import (
    CountTask,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    OutboxEvent,
    PickTask,
    Product,
    StockItem,
    Tote,
    User,
)
from app.routing import Stop, route
from app.services.pick_claim import station_layout
from app.services.pick_views import BatchView, PickingError
from app.services.picking import PickingService

TODAY = date(2026, 11, 22)  # the demo site's "now"


@pytest.fixture
def service(core) -> PickingService:
    return PickingService(core, today=lambda: TODAY)


@pytest.fixture
def picker(core) -> int:
    with core.uow() as uow:
        return uow.session.scalar(select(User.id).where(User.badge_code == "USR-1001"))


@dataclass(frozen=True)
class Event:
    type: str
    key: str
    payload: dict


def events(core, type_: str | None = None) -> list[Event]:
    with core.uow() as uow:
        q = select(OutboxEvent).order_by(OutboxEvent.id)
        if type_:
            q = q.where(OutboxEvent.type == type_)
        return [Event(e.type, e.key, dict(e.payload)) for e in uow.session.scalars(q)]


def finish(service: PickingService, view: BatchView, user: int) -> BatchView:
    while view.current is not None:
        step = view.current
        view = service.confirm(view.batch_id, step.task_id, step.remaining, None, step.tote, user)
    return view


def total_stock(core) -> int:
    with core.uow() as uow:
        return uow.session.scalar(select(func.sum(StockItem.quantity)))


def test_claim_forms_one_routed_walk_with_a_tote_per_order(core, service, picker) -> None:
    view = service.claim_next(picker, cart_code="CART-01")
    assert view.status == "in_progress" and view.cart == "CART-01"
    assert 1 <= len(view.totes) <= service.cart.totes
    assert len({tote for _order, tote in view.totes}) == len(view.totes)
    assert view.current is not None and view.current.position == 1
    with core.uow() as uow:
        s = uow.session
        numbers = [n for n, _t in view.totes]
        for order in s.scalars(select(Order).where(Order.number.in_(numbers))):
            assert order.status == OrderStatus.PICKING
            assert s.scalar(select(Tote.code).where(Tote.order_id == order.id))
        tasks = list(
            s.scalars(
                select(PickTask)
                .where(PickTask.batch_id == view.batch_id)
                .order_by(PickTask.walk_position)
            )
        )
        # Every unit of every line is planned, from bins that hold it.
        for order in s.scalars(select(Order).where(Order.number.in_(numbers))):
            for line in order.lines:
                planned = sum(t.quantity for t in tasks if t.order_line_id == line.id)
                assert planned == line.quantity
        layout = station_layout(s)
        stops = []
        for t in tasks:
            loc = s.get_one(Location, t.location_id)
            pos = layout.locate(loc.x_m, loc.y_m)
            stops.append(Stop(loc.code, pos.aisle, pos.block, pos.offset_m))
    # The steps follow the optimal walk through the batch's bins.
    best = route(layout, stops)
    walked = list(dict.fromkeys(s.code for s in stops))
    assert view.route_m == pytest.approx(best.distance_m)
    assert route(layout, [next(s for s in stops if s.code == c) for c in walked]).distance_m == (
        pytest.approx(best.distance_m)
    )
    # A second picker gets other orders.
    other = service.claim_next(picker)
    assert not {n for n, _ in other.totes} & {n for n, _ in view.totes}


def test_a_whole_batch_confirmed_step_by_step(core, service, picker) -> None:
    before = total_stock(core)
    view = service.claim_next(picker)
    units = view.units_total
    steps = view.steps_total
    view = finish(service, view, picker)
    assert view.status == "done" and view.units_done == units and view.units_left == 0
    assert total_stock(core) == before - units
    confirmed = events(core, "pick.confirmed")
    assert len(confirmed) == steps
    p = confirmed[0].payload
    assert set(p) >= {"order", "line_no", "sku", "location", "quantity", "batch", "sequence",
                      "tote", "user", "station_id"}  # fmt: skip
    assert p["user"] == "USR-1001"
    with core.uow() as uow:
        for number, _tote in view.totes:
            order = uow.session.scalar(select(Order).where(Order.number == number))
            assert order.status == OrderStatus.PICKED
    summary = service.summary(view.batch_id)
    assert summary.units_picked == units and summary.units_short == 0
    assert events(core, "batch.completed") == []  # a station-made batch: the server knows none


def test_wrong_tote_or_step_changes_nothing(core, service, picker) -> None:
    view = service.claim_next(picker)
    step = view.current
    assert step is not None
    n = len(events(core))
    with pytest.raises(PickingError) as wrong_tote:
        service.confirm(view.batch_id, step.task_id, 1, None, "TOTE-9999", picker)
    assert wrong_tote.value.code == "wrong_tote"
    with pytest.raises(PickingError) as too_many:
        service.confirm(view.batch_id, step.task_id, step.remaining + 1, None, step.tote, picker)
    assert too_many.value.code == "bad_quantity"
    with pytest.raises(PickingError) as wrong_step:
        service.confirm(view.batch_id, step.task_id + 10_000, 1, None, step.tote, picker)
    assert wrong_step.value.code == "wrong_step"
    assert len(events(core)) == n
    assert service.view(view.batch_id).current == step


def _only_other_stock_at(core, task_id: int, code: str | None, quantity: int = 0) -> None:
    """Empty every other bin of the step's product; put ``quantity`` in bin ``code``."""
    with core.uow() as uow:
        s = uow.session
        task = s.get_one(PickTask, task_id)
        for row in s.scalars(
            select(StockItem).where(
                StockItem.product_id == task.product_id, StockItem.location_id != task.location_id
            )
        ):
            row.quantity = 0
        if code is not None:
            loc = s.scalar(select(Location).where(Location.code == code))
            s.add(StockItem(location_id=loc.id, product_id=task.product_id, quantity=quantity))
        uow.commit()


def test_short_pick_reroutes_to_another_bin(core, service, picker) -> None:
    view = service.claim_next(picker)
    step = view.current
    assert step is not None
    _only_other_stock_at(core, step.task_id, "B-10-25-1-1", 50)  # the far corner
    steps_before = view.steps_total
    result = service.short(view.batch_id, step.task_id, "empty_bin", picker)
    assert result.rerouted_to == ("B-10-25-1-1",) and result.short_quantity == 0
    assert result.view.steps_total == steps_before + len(result.rerouted_to)
    rerouted = events(core, "pick.rerouted")
    assert len(rerouted) == 1 and rerouted[0].payload["reason"] == "empty_bin"
    assert rerouted[0].payload["quantity"] == step.remaining
    assert events(core, "pick.short") == []
    with core.uow() as uow:
        counts = list(uow.session.scalars(select(CountTask)))
        assert [(c.reason, c.product_id is not None) for c in counts] == [("empty_bin", True)]
    done = finish(service, result.view, picker)
    with core.uow() as uow:
        line = uow.session.scalar(
            select(OrderLine).join(PickTask, PickTask.order_line_id == OrderLine.id)
            .where(PickTask.id == step.task_id)
        )  # fmt: skip
        assert line.short_quantity == 0 and line.picked_quantity == line.quantity
    assert done.status == "done" and done.units_short == 0


def test_a_bin_that_came_up_short_is_not_offered_again(core, service, picker) -> None:
    """Short at the first bin, then at the bin the units went to: the line goes short rather
    than sending the picker back to the first bin, which still shows stock until counted."""
    view = service.claim_next(picker)
    step = view.current
    assert step is not None
    _only_other_stock_at(core, step.task_id, "B-10-25-1-1", 50)
    first = service.short(view.batch_id, step.task_id, "empty_bin", picker)
    assert first.rerouted_to == ("B-10-25-1-1",)
    with core.uow() as uow:
        rerouted = uow.session.scalar(
            select(PickTask.id)
            .join(Location, Location.id == PickTask.location_id)
            .where(PickTask.batch_id == view.batch_id, Location.code == "B-10-25-1-1")
        )  # fmt: skip
    walk = first.view
    while walk.current is not None and walk.current.task_id != rerouted:
        here = walk.current
        walk = service.confirm(walk.batch_id, here.task_id, here.remaining, None, here.tote, picker)
    second = service.short(view.batch_id, rerouted, "not_found", picker)
    assert second.rerouted_to == () and second.short_quantity == step.remaining
    with core.uow() as uow:
        assert uow.session.scalar(select(func.count(CountTask.id))) == 2


def test_short_pick_without_other_stock_marks_the_line_short(core, service, picker) -> None:
    view = service.claim_next(picker)
    step = view.current
    assert step is not None
    _only_other_stock_at(core, step.task_id, None)
    result = service.short(view.batch_id, step.task_id, "damaged", picker)
    assert result.rerouted_to == () and result.short_quantity == step.remaining
    (short,) = events(core, "pick.short")
    assert short.payload["quantity"] == step.remaining and short.payload["reason"] == "damaged"
    assert short.payload["location"] == step.bin.code and short.payload["order"] == step.order
    assert result.view.units_short == step.remaining
    done = finish(service, result.view, picker)
    summary = service.summary(done.batch_id)
    assert summary.lines_short == 1 and summary.units_short == step.remaining
    assert summary.count_tasks == 1
    with pytest.raises(PickingError):
        service.short(view.batch_id, step.task_id, "lost in space", picker)


def test_skip_defers_the_step_to_the_end(core, service, picker) -> None:
    view = service.claim_next(picker)
    while view.steps_total < 2:  # need two steps to see the order change
        finish(service, view, picker)
        view = service.claim_next(picker)
    first = view.current
    assert first is not None
    view = service.skip(view.batch_id, first.task_id, picker)
    assert view.current is not None and view.current.task_id != first.task_id
    (skipped,) = events(core, "pick.skipped")
    assert skipped.payload["location"] == first.bin.code
    # Confirm everything else: the skipped step comes last, marked as deferred.
    while view.current is not None and view.current.task_id != first.task_id:
        c = view.current
        view = service.confirm(view.batch_id, c.task_id, c.remaining, None, c.tote, picker)
    assert view.current is not None and view.current.deferred
    assert view.current.position == view.steps_total
    assert finish(service, view, picker).status == "done"


def test_undo_last_confirmation(core, service, picker) -> None:
    view = service.claim_next(picker)
    step = view.current
    assert step is not None and not view.can_undo
    before = total_stock(core)
    view = service.confirm(view.batch_id, step.task_id, step.remaining, None, step.tote, picker)
    assert view.can_undo and total_stock(core) == before - step.remaining
    view = service.undo_last(view.batch_id, picker)
    assert view.current is not None and view.current.task_id == step.task_id
    assert view.current.picked == 0 and view.units_done == 0
    assert total_stock(core) == before
    (confirmed,) = events(core, "pick.confirmed")
    (undone,) = events(core, "pick.undone")
    assert undone.payload["undoes"] == confirmed.key
    assert undone.payload["quantity"] == confirmed.payload["quantity"]
    assert not view.can_undo
    with pytest.raises(PickingError) as nothing:
        service.undo_last(view.batch_id, picker)
    assert nothing.value.code == "nothing_to_undo"


def test_pause_and_resume_survive_a_restart(core, service, picker) -> None:
    view = service.claim_next(picker)
    step = view.current
    assert step is not None
    if step.remaining > 1:  # a partial confirm stays on the same step
        view = service.confirm(view.batch_id, step.task_id, 1, None, step.tote, picker)
    paused = service.pause(view.batch_id, picker)
    assert paused.status == "paused"
    with pytest.raises(PickingError):
        service.confirm(view.batch_id, step.task_id, 1, None, step.tote, picker)
    core.close()
    again = open_core(core.config, core.data_dir, seed_demo=False)
    try:
        fresh = PickingService(again, today=lambda: TODAY)
        resumed = fresh.active_batch(picker)
        assert resumed is not None and resumed.batch_id == view.batch_id
        assert resumed.status == "paused" and resumed.current == paused.current
        running = fresh.resume(resumed.batch_id, picker)
        assert running.status == "in_progress"
        assert fresh.active_batch(picker + 1) is None  # someone else's batch is not theirs
    finally:
        again.close()


def test_an_expired_lot_is_refused(core, service, picker) -> None:
    view = service.claim_next(picker)
    step = view.current
    assert step is not None
    with core.uow() as uow:
        s = uow.session
        task = s.get_one(PickTask, step.task_id)
        s.get_one(Product, task.product_id).lot_tracked = True
        row = s.scalar(
            select(StockItem).where(
                StockItem.location_id == task.location_id,
                StockItem.product_id == task.product_id,
            )
        )
        row.lot, row.expiry, task.lot = "LOLD1", TODAY - timedelta(days=1), "LOLD1"
        uow.commit()
    with pytest.raises(PickingError) as expired:
        service.confirm(view.batch_id, step.task_id, 1, "LOLD1", step.tote, picker)
    assert expired.value.code == "expired_lot"
    assert events(core, "pick.confirmed") == []


def test_no_released_orders_means_no_work(core, service, picker) -> None:
    with core.uow() as uow:
        for order in uow.session.scalars(select(Order)):
            order.status = OrderStatus.PACKED
        uow.commit()
    with pytest.raises(PickingError) as none:
        service.claim_next(picker)
    assert none.value.code == "no_work"


def test_a_scanned_tote_takes_the_first_order(core, service, picker) -> None:
    view = service.claim_next(picker, first_tote="TOTE-0007")
    assert view.totes[0][1] == "TOTE-0007"
    with pytest.raises(PickingError) as busy:
        service.claim_next(picker, first_tote="TOTE-0007")
    assert busy.value.code == "tote_in_use"
