"""Station pick services: claim a batch, confirm, short, skip, undo, pause, resume, finish.

Every method is one user action: one unit of work, one commit, the state change and its outbox
event together (DESIGN.md §4), plain data back. No Qt. The screen calls these on the GUI
thread for the quick per-scan actions (a handful of local SQLite statements) and from a worker
for the claim (batching and routing take tens of milliseconds).

Outbox events (field names from :mod:`app.sync.events`; ``station_id`` is added by the unit of
work): ``pick.confirmed``, ``pick.short`` (only units the order line will not get),
``pick.rerouted`` (units of a short moved to other bins: not short for the line),
``pick.skipped``, ``pick.undone`` (the ``pick.confirmed`` payload again plus ``undoes``: that
event's key), and ``batch.started``/``batch.completed`` for batches the server made.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.bootstrap import StationCore
from app.domain.layout import BinPosition
from app.persistence.models import (
    BatchStatus,
    CountTask,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    PickAction,
    PickBatch,
    PickTask,
    PickTaskStatus,
    Product,
    ProductGtin,
    StockItem,
    Tote,
    User,
)
from app.persistence.unit_of_work import UnitOfWork
from app.routing.batching import CartCapacity
from app.routing.distance import cheapest_insertion
from app.services.pick_claim import (
    TO_DO,
    ClaimRequest,
    ClaimSource,
    claim_from_released_orders,
    pickable_stock,
    station_layout,
    stock_in_use,
)
from app.services.pick_views import (
    BatchSummary,
    BatchView,
    BinLabel,
    LotInfo,
    MapStop,
    OrderResult,
    PickingError,
    PickStep,
    ProductInfo,
    ShortResult,
)
from app.sync import events as ev

SHORT_REASONS = ("empty_bin", "damaged", "not_found", "quantity_wrong")
DEFAULT_CART = CartCapacity(totes=6, tote_volume_l=60.0)
PICK_REROUTED = "pick.rerouted"
PICK_UNDONE = "pick.undone"


def _now() -> datetime:
    return datetime.now(UTC)


class PickingService:
    def __init__(
        self,
        core: StationCore,
        *,
        claim_source: ClaimSource = claim_from_released_orders,
        cart: CartCapacity = DEFAULT_CART,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._core = core
        self._claim_source = claim_source
        self.cart = cart
        self.today = today

    # -- starting and resuming ----------------------------------------------------------------

    def active_batch(self, user_id: int) -> BatchView | None:
        """The batch this user left in progress or paused at this station (after a restart)."""
        with self._core.uow() as uow:
            batch = uow.session.scalar(
                select(PickBatch)
                .where(
                    PickBatch.user_id == user_id,
                    PickBatch.station_id == uow.station_id,
                    PickBatch.status.in_((BatchStatus.IN_PROGRESS, BatchStatus.PAUSED)),
                )
                .order_by(PickBatch.id.desc())
            )
            return None if batch is None else self._view(uow.session, batch)

    def claim_next(
        self, user_id: int, *, cart_code: str | None = None, first_tote: str | None = None
    ) -> BatchView:
        """Claim the next batch; ``PickingError('no_work')`` when there is none."""
        with self._core.uow() as uow:
            request = ClaimRequest(
                uow.station_id, user_id, cart_code, first_tote, self.cart, self.today()
            )
            batch_id = self._claim_source(uow.session, request)
            if batch_id is None:
                raise PickingError("no_work")
            batch = uow.session.get_one(PickBatch, batch_id)
            if batch.origin == "server":
                uow.add_event(ev.BATCH_STARTED, {"batch": batch.code, **self._user(uow, user_id)})
            uow.audit(
                "pick.batch_claimed",
                user_id=user_id,
                entity="pick_batch",
                entity_id=batch.code,
                detail={"cart": cart_code, "tote": first_tote},
            )
            view = self._view(uow.session, batch)
            uow.commit()
            return view

    def waiting_orders(self) -> int:
        """Released orders not yet in a batch (what the start page shows)."""
        with self._core.uow() as uow:
            return (
                uow.session.scalar(
                    select(func.count())
                    .select_from(Order)
                    .where(Order.status == OrderStatus.RELEASED)
                )
                or 0
            )

    def view(self, batch_id: int) -> BatchView:
        with self._core.uow() as uow:
            return self._view(uow.session, uow.session.get_one(PickBatch, batch_id))

    # -- the step actions ---------------------------------------------------------------------

    def confirm(
        self,
        batch_id: int,
        task_id: int,
        quantity: int,
        lot: str | None,
        tote: str,
        user_id: int | None,
    ) -> BatchView:
        """Units of the current step are in the tote: record them, take them off local stock."""
        with self._core.uow() as uow:
            s = uow.session
            batch, task = self._current(s, batch_id, task_id)
            if not 1 <= quantity <= task.quantity - task.picked_quantity:
                raise PickingError("bad_quantity", quantity=str(quantity))
            tote_row = s.get(Tote, task.tote_id) if task.tote_id else None
            if tote_row is None or tote_row.code != tote:
                raise PickingError("wrong_tote", tote=tote)
            product = s.get_one(Product, task.product_id)
            if product.lot_tracked and not lot:
                lot = task.lot
            stock = s.scalar(
                select(StockItem).where(
                    StockItem.location_id == task.location_id,
                    StockItem.product_id == task.product_id,
                    StockItem.lot.is_(None) if lot is None else StockItem.lot == lot,
                )
            )
            if (
                product.lot_tracked
                and stock is not None
                and stock.expiry is not None
                and stock.expiry < self.today()
            ):
                raise PickingError("expired_lot", lot=lot or "")
            taken = 0
            if stock is not None:
                taken = min(quantity, stock.quantity)
                stock.quantity -= taken
            task.picked_quantity += quantity
            task.lot = lot
            task.updated_at = _now()
            if task.picked_quantity == task.quantity:
                task.status = PickTaskStatus.PICKED
            line = s.get_one(OrderLine, task.order_line_id)
            line.picked_quantity += quantity
            payload = self._confirmed_payload(s, batch, task, quantity, lot, tote, user_id)
            event = uow.add_event(ev.PICK_CONFIRMED, payload)
            s.add(
                PickAction(
                    batch_id=batch.id,
                    task_id=task.id,
                    kind="confirm",
                    quantity=quantity,
                    lot=lot,
                    stock_item_id=stock.id if stock else None,
                    stock_taken=taken,
                    tote_code=tote,
                    event_key=event.key,
                    user_id=user_id,
                )
            )
            self._finish_if_done(uow, batch, user_id)
            view = self._view(s, batch)
            uow.commit()
            return view

    def short(self, batch_id: int, task_id: int, reason: str, user_id: int | None) -> ShortResult:
        """The bin cannot give the rest of the step: send it to other bins with stock if any,
        else the order line goes short. Either way the bin gets a count task."""
        if reason not in SHORT_REASONS:
            raise PickingError("bad_reason", reason=reason)
        with self._core.uow() as uow:
            s = uow.session
            batch, task = self._current(s, batch_id, task_id)
            missing = task.quantity - task.picked_quantity
            task.status = PickTaskStatus.SHORT
            task.short_reason = reason
            task.updated_at = _now()
            s.add(
                CountTask(location_id=task.location_id, product_id=task.product_id, reason=reason)
            )
            moved = self._reroute(s, batch, task, missing)
            rest = missing - sum(q for _code, q in moved)
            line = s.get_one(OrderLine, task.order_line_id)
            base = self._line_payload(s, batch, task, user_id)
            if moved:
                uow.add_event(
                    PICK_REROUTED,
                    {
                        **base,
                        "quantity": missing - rest,
                        "reason": reason,
                        "to": [{"location": c, "quantity": q} for c, q in moved],
                    },
                )
                s.add(
                    PickAction(
                        batch_id=batch.id,
                        task_id=task.id,
                        kind="reroute",
                        quantity=missing - rest,
                        reason=reason,
                        user_id=user_id,
                    )
                )
            if rest:
                line.short_quantity += rest
                uow.add_event(ev.PICK_SHORT, {**base, "quantity": rest, "reason": reason})
                s.add(
                    PickAction(
                        batch_id=batch.id,
                        task_id=task.id,
                        kind="short",
                        quantity=rest,
                        reason=reason,
                        user_id=user_id,
                    )
                )
            self._finish_if_done(uow, batch, user_id)
            view = self._view(s, batch)
            uow.commit()
            return ShortResult(view, tuple(c for c, _q in moved), rest)

    def skip(self, batch_id: int, task_id: int, user_id: int | None) -> BatchView:
        """Put the step at the end of the walk (the picker comes back to it)."""
        with self._core.uow() as uow:
            s = uow.session
            batch, task = self._current(s, batch_id, task_id)
            task.status = PickTaskStatus.SKIPPED
            task.walk_position = max(t.walk_position for t in batch.tasks) + 1
            task.updated_at = _now()
            uow.add_event(ev.PICK_SKIPPED, self._line_payload(s, batch, task, user_id))
            s.add(PickAction(batch_id=batch.id, task_id=task.id, kind="skip", user_id=user_id))
            view = self._view(s, batch)
            uow.commit()
            return view

    def undo_last(self, batch_id: int, user_id: int | None) -> BatchView:
        """Take back the batch's last confirmation: units, stock and line; the step is current
        again. The server gets ``pick.undone`` carrying the undone event's key."""
        with self._core.uow() as uow:
            s = uow.session
            batch = self._active(s, batch_id)
            last = s.scalar(
                select(PickAction)
                .where(
                    PickAction.batch_id == batch.id,
                    PickAction.kind == "confirm",
                    PickAction.undone.is_(False),
                )
                .order_by(PickAction.id.desc())
            )
            if last is None:
                raise PickingError("nothing_to_undo")
            task = s.get_one(PickTask, last.task_id)
            if task.status == PickTaskStatus.SHORT:
                raise PickingError("nothing_to_undo")  # the step was closed by a short since
            task.picked_quantity -= last.quantity
            task.status = PickTaskStatus.OPEN
            task.updated_at = _now()
            s.get_one(OrderLine, task.order_line_id).picked_quantity -= last.quantity
            if last.stock_item_id is not None:
                s.get_one(StockItem, last.stock_item_id).quantity += last.stock_taken
            last.undone = True
            payload = self._confirmed_payload(
                s, batch, task, last.quantity, last.lot, last.tote_code or "", user_id
            )
            event = uow.add_event(PICK_UNDONE, {**payload, "undoes": last.event_key})
            s.add(
                PickAction(
                    batch_id=batch.id,
                    task_id=task.id,
                    kind="undo",
                    quantity=last.quantity,
                    lot=last.lot,
                    event_key=event.key,
                    user_id=user_id,
                )
            )
            view = self._view(s, batch)
            uow.commit()
            return view

    def pause(self, batch_id: int, user_id: int | None) -> BatchView:
        return self._set_status(batch_id, BatchStatus.PAUSED, user_id, "pick.paused")

    def resume(self, batch_id: int, user_id: int | None) -> BatchView:
        return self._set_status(batch_id, BatchStatus.IN_PROGRESS, user_id, "pick.resumed")

    def summary(self, batch_id: int) -> BatchSummary:
        with self._core.uow() as uow:
            s = uow.session
            batch = s.get_one(PickBatch, batch_id)
            rows = s.execute(
                select(PickTask, OrderLine, Order, Tote)
                .join(OrderLine, OrderLine.id == PickTask.order_line_id)
                .join(Order, Order.id == OrderLine.order_id)
                .outerjoin(Tote, Tote.id == PickTask.tote_id)
                .where(PickTask.batch_id == batch.id)
                .order_by(PickTask.sequence)
            ).all()
            per_order: dict[str, tuple[str, dict[int, OrderLine]]] = {}
            for _task, line, order, tote in rows:
                entry = per_order.setdefault(order.number, (tote.code if tote else "", {}))
                entry[1][line.id] = line
            results = tuple(
                OrderResult(
                    number,
                    tote,
                    sum(ln.picked_quantity for ln in lines.values()),
                    sum(ln.short_quantity for ln in lines.values()),
                    sum(1 for ln in lines.values() if ln.short_quantity),
                )
                for number, (tote, lines) in per_order.items()
            )
            counts = len(
                {
                    a.task_id
                    for a in s.scalars(select(PickAction).where(PickAction.batch_id == batch.id))
                    if a.kind in ("short", "reroute")
                }
            )
            return BatchSummary(
                batch.code,
                results,
                sum(r.units_picked for r in results),
                sum(r.units_short for r in results),
                sum(r.lines_short for r in results),
                counts,
                batch.route_distance_m or 0.0,
                batch.started_at,
                batch.finished_at,
            )

    # -- internals ----------------------------------------------------------------------------

    def _set_status(
        self, batch_id: int, status: BatchStatus, user_id: int | None, action: str
    ) -> BatchView:
        with self._core.uow() as uow:
            batch = uow.session.get_one(PickBatch, batch_id)
            if batch.status not in (BatchStatus.IN_PROGRESS, BatchStatus.PAUSED):
                raise PickingError("not_active", batch=batch.code)
            batch.status = status
            uow.audit(action, user_id=user_id, entity="pick_batch", entity_id=batch.code)
            view = self._view(uow.session, batch)
            uow.commit()
            return view

    def _active(self, s: Session, batch_id: int) -> PickBatch:
        batch = s.get(PickBatch, batch_id)
        if batch is None or batch.status != BatchStatus.IN_PROGRESS:
            raise PickingError("not_active", batch=batch.code if batch else str(batch_id))
        return batch

    def _current(self, s: Session, batch_id: int, task_id: int) -> tuple[PickBatch, PickTask]:
        """The batch (in progress) and the task, which must be the step to do now."""
        batch = self._active(s, batch_id)
        todo = _to_do(batch)
        if not todo or todo[0].id != task_id:
            raise PickingError("wrong_step", batch=batch.code)
        return batch, todo[0]

    def _user(self, uow: UnitOfWork, user_id: int | None) -> dict[str, Any]:
        if user_id is None:
            return {}
        user = uow.session.get(User, user_id)
        return {"user": user.badge_code} if user else {}

    def _line_payload(
        self, s: Session, batch: PickBatch, task: PickTask, user_id: int | None
    ) -> dict[str, Any]:
        line = s.get_one(OrderLine, task.order_line_id)
        order = s.get_one(Order, line.order_id)
        product = s.get_one(Product, task.product_id)
        location = s.get_one(Location, task.location_id)
        payload: dict[str, Any] = {
            "order": order.number,
            "line_no": line.line_no,
            "sku": product.sku,
            "location": location.code,
            "batch": batch.code,
            "sequence": task.sequence,
        }
        if user_id is not None and (user := s.get(User, user_id)) is not None:
            payload["user"] = user.badge_code
        return payload

    def _confirmed_payload(
        self,
        s: Session,
        batch: PickBatch,
        task: PickTask,
        quantity: int,
        lot: str | None,
        tote: str,
        user_id: int | None,
    ) -> dict[str, Any]:
        base = self._line_payload(s, batch, task, user_id)
        return ev.pick_confirmed(
            base["order"],
            base["line_no"],
            base["sku"],
            base["location"],
            quantity,
            lot=lot,
            batch=base["batch"],
            sequence=base["sequence"],
            tote=tote or None,
            user=base.get("user"),
        )

    def _reroute(
        self, s: Session, batch: PickBatch, task: PickTask, missing: int
    ) -> list[tuple[str, int]]:
        """Send ``missing`` units to other bins with free stock and no open count, each at the
        cheapest place in the rest of the walk. Returns (bin code, units) per new step."""
        layout = station_layout(s)
        in_use = stock_in_use(s)
        # A bin someone came up short at is suspect until it is counted: never send the picker
        # back to it (two short bins would otherwise hand the units back and forth for ever).
        suspect = set(
            s.scalars(
                select(CountTask.location_id).where(
                    CountTask.product_id == task.product_id, CountTask.status == "open"
                )
            )
        ) | {task.location_id}
        options = [
            r
            for r in pickable_stock(s, {task.product_id}, self.today())
            if r.location_id not in suspect
        ]
        if not options:
            return []
        todo = [t for t in _to_do(batch) if t.id != task.id]
        locations = {
            loc.id: loc
            for loc in s.scalars(
                select(Location).where(
                    Location.id.in_(
                        {r.location_id for r in options}
                        | {t.location_id for t in todo}
                        | {task.location_id}
                    )
                )
            )
        }

        def where(location_id: int) -> BinPosition:
            loc = locations[location_id]
            return layout.locate(loc.x_m, loc.y_m)

        moved: list[tuple[str, int]] = []
        next_sequence = max(t.sequence for t in batch.tasks) + 1
        for row in options:
            if missing <= 0:
                break
            free = row.quantity - in_use.get((row.location_id, row.product_id, row.lot), 0)
            if free <= 0:
                continue
            q = min(free, missing)
            walk: list[BinPosition | None] = [where(task.location_id)]
            walk += [where(t.location_id) for t in todo]
            i = cheapest_insertion(layout, walk, where(row.location_id))
            before = task.walk_position if i == 1 else todo[i - 2].walk_position
            after = todo[i - 1].walk_position if i - 1 < len(todo) else before + 2
            new = PickTask(
                order_line_id=task.order_line_id,
                location_id=row.location_id,
                product_id=task.product_id,
                tote_id=task.tote_id,
                sequence=next_sequence,
                walk_position=(before + after) / 2,
                quantity=q,
                lot=row.lot,
                status=PickTaskStatus.OPEN,
            )
            batch.tasks.append(new)
            todo.insert(i - 1, new)
            next_sequence += 1
            missing -= q
            moved.append((locations[row.location_id].code, q))
        s.flush()
        return moved

    def _finish_if_done(self, uow: UnitOfWork, batch: PickBatch, user_id: int | None) -> None:
        s = uow.session
        s.flush()
        if _to_do(batch):
            return
        batch.status = BatchStatus.DONE
        batch.finished_at = _now()
        order_ids = {s.get_one(OrderLine, t.order_line_id).order_id for t in batch.tasks}
        for order in s.scalars(select(Order).where(Order.id.in_(order_ids))):
            if all(ln.picked_quantity + ln.short_quantity >= ln.quantity for ln in order.lines):
                order.status = OrderStatus.PICKED
                order.updated_at = _now()
        if batch.origin == "server":
            uow.add_event(ev.BATCH_COMPLETED, {"batch": batch.code, **self._user(uow, user_id)})
        uow.audit("pick.batch_done", user_id=user_id, entity="pick_batch", entity_id=batch.code)

    def _view(self, s: Session, batch: PickBatch) -> BatchView:
        layout = station_layout(s)
        rows = s.execute(
            select(PickTask, OrderLine, Order, Location, Product, Tote)
            .join(OrderLine, OrderLine.id == PickTask.order_line_id)
            .join(Order, Order.id == OrderLine.order_id)
            .join(Location, Location.id == PickTask.location_id)
            .join(Product, Product.id == PickTask.product_id)
            .outerjoin(Tote, Tote.id == PickTask.tote_id)
            .where(PickTask.batch_id == batch.id)
            .order_by(PickTask.walk_position, PickTask.sequence)
        ).all()
        lines: dict[int, OrderLine] = {}
        totes: dict[str, str] = {}
        stops: list[MapStop] = []
        todo = [r for r in rows if r[0].status in TO_DO]
        current_row = todo[0] if todo and batch.status != BatchStatus.DONE else None
        for task, line, order, loc, _product, tote in rows:
            lines[line.id] = line
            totes.setdefault(order.number, tote.code if tote else "")
            if current_row is not None and task.id == current_row[0].id:
                state = "current"
            elif task.status in TO_DO:
                state = "todo"
            elif task.status == PickTaskStatus.SHORT:
                state = "short"
            else:
                state = "done"
            if stops and stops[-1].code == loc.code and stops[-1].state == state:
                continue  # several steps at one bin: one dot on the map
            stops.append(MapStop(loc.code, loc.x_m, loc.y_m, state))
        done = sum(1 for r in rows if r[0].status not in TO_DO)
        current = None
        if current_row is not None:
            current = self._step(s, current_row, done + 1, len(rows))
        can_undo = batch.status == BatchStatus.IN_PROGRESS and (
            s.scalar(
                select(PickAction.id).where(
                    PickAction.batch_id == batch.id,
                    PickAction.kind == "confirm",
                    PickAction.undone.is_(False),
                )
            )
            is not None
        )
        units_total = sum(ln.quantity for ln in lines.values())
        return BatchView(
            batch_id=batch.id,
            code=batch.code,
            status=str(batch.status),
            cart=batch.cart_code,
            totes=tuple(totes.items()),
            current=current,
            steps_done=done,
            steps_total=len(rows),
            units_done=sum(ln.picked_quantity for ln in lines.values()),
            units_total=units_total,
            units_short=sum(ln.short_quantity for ln in lines.values()),
            route_m=batch.route_distance_m or 0.0,
            layout=layout,
            stops=tuple(stops),
            can_undo=can_undo,
        )

    def _step(self, s: Session, row: Any, position: int, total: int) -> PickStep:
        task, line, order, loc, product, tote = row
        gtins = tuple(
            (g.gtin.zfill(14), g.pack_quantity)
            for g in s.scalars(select(ProductGtin).where(ProductGtin.product_id == product.id))
        )
        lots = tuple(
            LotInfo(r.lot, r.expiry)
            for r in s.scalars(
                select(StockItem).where(
                    StockItem.location_id == loc.id,
                    StockItem.product_id == product.id,
                    StockItem.lot.is_not(None),
                )
            )
            if r.lot
        )
        return PickStep(
            task_id=task.id,
            position=position,
            total=total,
            bin=BinLabel.of(loc.code),
            product=ProductInfo(
                product.sku, product.name, product.image_path, product.lot_tracked, gtins
            ),
            quantity=task.quantity,
            picked=task.picked_quantity,
            tote=tote.code if tote else "",
            order=order.number,
            line_no=line.line_no,
            lot=task.lot,
            lots=lots,
            deferred=task.status == PickTaskStatus.SKIPPED,
        )


def _to_do(batch: PickBatch) -> list[PickTask]:
    """The steps still to walk, in walk order."""
    return sorted(
        (t for t in batch.tasks if t.status in TO_DO), key=lambda t: (t.walk_position, t.sequence)
    )
