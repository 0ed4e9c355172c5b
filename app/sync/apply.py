"""Apply a pulled change set to the station's database, by natural keys.

The server names everything by SKU, bin code, badge, order number and batch code; rows are
found (or made) by those keys, so the station's own ids never matter. Users are the exception:
a badge code changes when a badge is reissued, so they are found by the server's ``uid``
(:mod:`app.services.user_replicas`). The pull only runs when the outbox is empty
(:mod:`app.sync.engine`), so the server's state already includes every fact this station
reported, and taking it is safe. Two exceptions keep local work intact: an order never moves
*back* along the normal path (a station that just claimed it locally keeps it "picking" until
the server catches up), and a task's picked count never goes down.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.persistence.chunks import chunks
from app.persistence.models import (
    AuditEntry,
    BatchStatus,
    IdentifierRange,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    OutboxEvent,
    OutboxStatus,
    PickBatch,
    PickTask,
    PickTaskStatus,
    Product,
    ProductGtin,
    StockItem,
    SyncState,
    utcnow,
)
from app.services.pick_claim import LAYOUT_KEY
from app.services.user_replicas import UserReplicas

log = logging.getLogger(__name__)

PATH = (
    OrderStatus.RECEIVED,
    OrderStatus.VALIDATED,
    OrderStatus.ALLOCATED,
    OrderStatus.RELEASED,
    OrderStatus.PICKING,
    OrderStatus.PICKED,
    OrderStatus.PACKING,
    OrderStatus.PACKED,
    OrderStatus.SHIPPED,
)
RANK = {s: i for i, s in enumerate(PATH)}
BATCH_STATUS = {
    "open": BatchStatus.OPEN,
    "claimed": BatchStatus.OPEN,
    "in_progress": BatchStatus.IN_PROGRESS,
    "done": BatchStatus.DONE,
    "cancelled": BatchStatus.DONE,
}
TASK_STATUS = {
    "open": PickTaskStatus.OPEN,
    "picked": PickTaskStatus.PICKED,
    "short": PickTaskStatus.SHORT,
    "skipped": PickTaskStatus.SKIPPED,
    "cancelled": PickTaskStatus.SHORT,
}


@dataclass
class Applied:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n


def _dt(raw: Any) -> datetime | None:
    return datetime.fromisoformat(raw) if isinstance(raw, str) and raw else None


def _date(raw: Any) -> date | None:
    return date.fromisoformat(raw) if isinstance(raw, str) and raw else None


class _Applier:
    def __init__(self, session: Session, station_id: str) -> None:
        self.s = session
        self.station_id = station_id  # this station: its own audit entries name it
        self.products: dict[str, Product] = {}
        self.locations: dict[str, Location] = {}
        self.orders: dict[str, Order] = {}
        self.users = UserReplicas(session)
        self.stock: dict[tuple[int, int, str | None], StockItem] = {}

    def preload(self, changes: dict[str, Any]) -> None:
        """Load every row the page names with a few IN queries, not one query per item."""
        tasks = [t for b in changes.get("batches", []) for t in b.get("tasks", [])]
        skus = {p["sku"] for p in changes.get("products", [])}
        skus |= {x["sku"] for x in changes.get("stock", [])} | {t["sku"] for t in tasks}
        skus |= {ln["sku"] for o in changes.get("orders", []) for ln in o.get("lines", [])}
        codes = {x["code"] for x in changes.get("locations", [])}
        codes |= {x["location"] for x in changes.get("stock", [])} | {t["location"] for t in tasks}
        numbers = {o["number"] for o in changes.get("orders", [])} | {t["order"] for t in tasks}
        badges = {u["badge_code"] for u in changes.get("users", [])}
        uids = {u["uid"] for u in changes.get("users", []) if u.get("uid")}
        decided = [c for c in changes.get("user_changes", []) if isinstance(c, dict)]
        uids |= {str(c["uid"]) for c in decided if c.get("uid")}
        badges |= {str(c["badge_code"]) for c in decided if c.get("badge_code")}
        for chunk in chunks(sorted(skus)):
            for p in self.s.scalars(
                select(Product).where(Product.sku.in_(chunk)).options(selectinload(Product.gtins))
            ):
                self.products[p.sku] = p
        for chunk in chunks(sorted(codes)):
            for loc in self.s.scalars(select(Location).where(Location.code.in_(chunk))):
                self.locations[loc.code] = loc
        for chunk in chunks(sorted(numbers)):
            for o in self.s.scalars(
                select(Order).where(Order.number.in_(chunk)).options(selectinload(Order.lines))
            ):
                self.orders[o.number] = o
        self.users.preload(uids, badges)
        # Users changed here and not decided yet keep the local version (user_replicas);
        # the changes this page decides are settled below and do not hold their user back.
        self.users.load_open_changes(str(k) for c in decided for k in c.get("events") or [])
        location_ids = sorted({self.locations[c].id for c in codes if c in self.locations})
        for chunk in chunks(sorted(location_ids)):
            for row in self.s.scalars(select(StockItem).where(StockItem.location_id.in_(chunk))):
                self.stock[(row.location_id, row.product_id, row.lot)] = row

    # -- lookups that create placeholders (a later page fills them in) ----------------------

    def product(self, sku: str) -> Product:
        p = self.products.get(sku) or self.s.scalar(select(Product).where(Product.sku == sku))
        if p is None:
            p = Product(sku=sku, name=sku)
            self.s.add(p)
            self.s.flush()
        self.products[sku] = p
        return p

    def location(self, code: str) -> Location | None:
        loc = self.locations.get(code) or self.s.scalar(
            select(Location).where(Location.code == code)
        )
        if loc is not None:
            self.locations[code] = loc
        return loc

    def order(self, number: str) -> Order | None:
        o = self.orders.get(number) or self.s.scalar(select(Order).where(Order.number == number))
        if o is not None:
            self.orders[number] = o
        return o

    # -- kinds ------------------------------------------------------------------------------

    def apply_product(self, d: dict[str, Any]) -> None:
        p = self.product(d["sku"])
        p.name = d["name"]
        p.length_mm, p.width_mm, p.height_mm = d["length_mm"], d["width_mm"], d["height_mm"]
        p.weight_g = d["weight_g"]
        p.lot_tracked = d["lot_tracked"]
        p.updated_at = utcnow()
        have = {g.gtin: g for g in p.gtins}
        for g in d.get("gtins", []):
            if g["gtin"] in have:
                have[g["gtin"]].pack_quantity = g["pack_quantity"]
            else:
                owner = self.s.get(ProductGtin, g["gtin"])
                if owner is not None:  # the GTIN moved to this product
                    owner.product_id = p.id
                    owner.pack_quantity = g["pack_quantity"]
                else:
                    p.gtins.append(ProductGtin(gtin=g["gtin"], pack_quantity=g["pack_quantity"]))

    def apply_location(self, d: dict[str, Any]) -> None:
        loc = self.location(d["code"])
        if loc is None:
            loc = Location(code=d["code"])
            self.s.add(loc)
            self.locations[d["code"]] = loc
        for name in ("zone", "aisle", "bay", "level", "slot", "x_m", "y_m"):
            setattr(loc, name, d[name])
        loc.is_pick_face = d["is_pick_face"]
        loc.min_quantity = d["min_quantity"]

    def apply_user(self, d: dict[str, Any]) -> None:
        # By the server's uid, so a new badge renames the person instead of adding one
        # (app.services.user_replicas).
        self.users.upsert(d)

    def attach_approved(self, d: dict[str, Any]) -> None:
        """Before the page's users: a user made here offline and now approved is the
        server's ``uid``, even if the server has changed the badge again since (then the
        users item that follows renames this row rather than adding a second one)."""
        uid = d.get("uid")
        if d.get("decision") != "approved" or not uid or not self._undecided(d):
            return
        user = self.users.by_badge(str(d.get("badge_code")))
        if user is not None and user.server_uid is None:
            self.users.attach(user, str(uid))

    def _undecided(self, d: dict[str, Any]) -> list[OutboxEvent]:
        keys = [str(k) for k in d.get("events") or []]
        return [
            row
            for row in self.s.scalars(
                select(OutboxEvent).where(OutboxEvent.key.in_(keys)).order_by(OutboxEvent.id)
            )
            if not (row.result or {}).get("decision")
        ]

    def apply_user_change(self, d: dict[str, Any]) -> None:
        """An admin's decision on a user change this station made offline. Approved: the
        events count as sent (the user itself comes as a ``users`` item). Rejected: the
        events are marked rejected with who and why, and the local user goes back to the
        server's version, or is disabled when the server has none (it was new here). Applied
        once: a decision already recorded on the events is skipped."""
        rows = self._undecided(d)
        if not rows:
            return
        approved = d.get("decision") == "approved"
        now = utcnow()
        decision = {
            "decision": "approved" if approved else "rejected",
            "reason": str(d.get("reason") or ""),
            "by": d.get("by"),
            "by_name": d.get("by_name"),
            "at": d.get("at"),
            "applied_at": now.isoformat(),
            "badge": d.get("badge_code"),
        }
        if not approved:
            decision.update(self._roll_back(d, now))
        elif isinstance(d.get("user"), dict):
            # The merged user as approved (it may have come in an earlier page while the
            # change was still open here, and was kept back then).
            self.users.upsert(d["user"])
        who = f"{d.get('by_name') or ''} ({d.get('by') or '?'})".strip()
        for row in rows:
            row.status = OutboxStatus.SENT if approved else OutboxStatus.REJECTED
            row.result = {**(row.result or {}), "decision": decision}
            row.last_error = None if approved else f"rejected by {who}: {decision['reason']}"[:500]
        actor = self.users.by_badge(str(d.get("by")))
        self.s.add(
            AuditEntry(
                user_id=actor.id if actor is not None else None,
                station_id=self.station_id,
                action="user.change_approved" if approved else "user.change_rejected",
                entity="user",
                entity_id=str(decision.get("badge")),
                detail={k: v for k, v in decision.items() if k != "applied_at"},
            )
        )

    def _roll_back(self, d: dict[str, Any], now: datetime) -> dict[str, Any]:
        """Undo a rejected change here: the server's version of the user, else disabled."""
        badge = str(d.get("badge_code"))
        user = self.users.by_badge(badge)
        if user is None:
            return {"rolled_back": "gone"}
        server = d.get("user")
        if isinstance(server, dict):
            uid = server.get("uid")
            other = self.users.find(uid, server["badge_code"])
            same = other is user or (other is None and (not uid or user.server_uid in (None, uid)))
            if same:
                self.users.upsert(server, row=user)
                user.updated_at = now
                return {"rolled_back": "restored", "badge": user.badge_code}
            log.warning("rejected change of %s: the server's user is another row here", badge)
        user.active = False
        user.updated_at = now
        return {"rolled_back": "disabled"}

    def apply_stock(self, d: dict[str, Any]) -> None:
        loc = self.location(d["location"])
        if loc is None:
            log.warning("stock for unknown bin %s skipped until the bin arrives", d["location"])
            return
        product = self.product(d["sku"])
        lot = d.get("lot") or None
        if loc.id is None:
            self.s.flush()
        row = self.stock.get((loc.id, product.id, lot))
        if row is None:
            row = StockItem(location_id=loc.id, product_id=product.id, lot=lot)
            self.s.add(row)
            self.stock[(loc.id, product.id, lot)] = row
        row.expiry = _date(d.get("expiry"))
        row.quantity = int(d["on_hand"])

    def apply_order(self, d: dict[str, Any]) -> None:
        order = self.order(d["number"])
        server_status = OrderStatus(d["status"])
        a = d["ship_to"]
        if order is None:
            order = Order(number=d["number"], status=server_status)
            self.s.add(order)
            self.orders[d["number"]] = order
        elif not _moves_back(order.status, server_status):
            order.status = server_status
        order.channel, order.external_id = d["channel"], d["external_id"]
        order.customer_name = d["customer_name"]
        order.ship_to_name, order.ship_to_line1, order.ship_to_line2 = (
            a["name"],
            a["line1"],
            a.get("line2"),
        )
        order.ship_to_city, order.ship_to_region = a["city"], a.get("region")
        order.ship_to_postal_code, order.ship_to_country = a["postal_code"], a["country"]
        order.ship_to_phone = a.get("phone")
        order.priority = d["priority"]
        order.due_at = _dt(d.get("due_at"))
        order.created_at = _dt(d.get("created_at")) or utcnow()
        order.updated_at = _dt(d.get("updated_at")) or utcnow()
        lines = {ln.line_no: ln for ln in order.lines}
        for ld in d["lines"]:
            line = lines.get(ld["line_no"])
            if line is None:
                line = OrderLine(line_no=ld["line_no"], quantity=ld["quantity"])
                order.lines.append(line)
            line.product_id = self.product(ld["sku"]).id
            line.quantity = ld["quantity"]
            line.picked_quantity = ld["picked_quantity"]
            line.short_quantity = ld["short_quantity"]
            line.packed_quantity = ld["packed_quantity"]

    def apply_batch(self, d: dict[str, Any]) -> None:
        batch = self.s.scalar(select(PickBatch).where(PickBatch.code == d["code"]))
        status = BATCH_STATUS.get(d["status"], BatchStatus.OPEN)
        if batch is None:
            batch = PickBatch(code=d["code"], origin="server", status=status)
            self.s.add(batch)
        elif status is BatchStatus.DONE or batch.status is BatchStatus.OPEN:
            batch.status = status  # a batch under way here keeps its local state until done
        batch.station_id = d.get("station_id")
        batch.route_distance_m = d.get("route_distance_m")
        tasks = {t.sequence: t for t in batch.tasks}
        for td in d["tasks"]:
            order = self.order(td["order"])
            loc = self.location(td["location"])
            if order is None or loc is None:
                log.warning("task %s/%s names an unknown order or bin", d["code"], td["sequence"])
                continue
            line = next((ln for ln in order.lines if ln.line_no == td["line_no"]), None)
            if line is None:
                continue
            task = tasks.get(td["sequence"])
            server_status = TASK_STATUS.get(td["status"], PickTaskStatus.OPEN)
            if task is None:
                task = PickTask(
                    sequence=td["sequence"],
                    walk_position=float(td["sequence"]),
                    order_line_id=line.id,
                    location_id=loc.id,
                    product_id=self.product(td["sku"]).id,
                    quantity=td["quantity"],
                    picked_quantity=0,
                    lot=td.get("lot"),
                    status=server_status,
                )
                batch.tasks.append(task)
            elif server_status is not PickTaskStatus.OPEN:
                task.status = server_status
            task.picked_quantity = min(
                task.quantity, max(task.picked_quantity, int(td["picked_quantity"]))
            )
            if td["status"] == "cancelled":
                task.short_reason = "cancelled"

    def apply_range(self, d: dict[str, Any]) -> None:
        exists = self.s.scalar(
            select(IdentifierRange.id).where(
                IdentifierRange.kind == d["kind"], IdentifierRange.first == d["first"]
            )
        )
        if exists is not None:
            return
        overlap = self.s.scalar(
            select(IdentifierRange.id).where(
                IdentifierRange.kind == d["kind"],
                IdentifierRange.first <= d["last"],
                IdentifierRange.last >= d["first"],
            )
        )
        if overlap is not None:
            log.error(
                "range %s %s..%s overlaps a stored one; ignored", d["kind"], d["first"], d["last"]
            )
            return
        self.s.add(
            IdentifierRange(kind=d["kind"], first=d["first"], last=d["last"], next_value=d["first"])
        )


def _moves_back(local: OrderStatus, server: OrderStatus) -> bool:
    return local in RANK and server in RANK and RANK[server] < RANK[local]


# Master data first, so the rows that refer to it find it.
ORDER = (
    ("products", "apply_product"),
    ("locations", "apply_location"),
    ("users", "apply_user"),
    ("stock", "apply_stock"),
    ("orders", "apply_order"),
    ("batches", "apply_batch"),
    ("identifier_ranges", "apply_range"),
    ("user_changes", "apply_user_change"),  # after "users": a rollback has the last word
)


def apply_changes(session: Session, changes: dict[str, Any], *, station_id: str) -> Applied:
    """Upsert everything in one pulled page; the caller commits (with the new cursor).
    ``station_id`` is this station's, for the audit entries written here (like every other
    entry of this station, not taken from an event's payload)."""
    applier = _Applier(session, station_id)
    applier.preload(changes)
    applied = Applied()
    layout = changes.get("layout")
    if isinstance(layout, dict):
        # Picking routes with it (``app.services.pick_claim.station_layout``).
        text = json.dumps(layout, sort_keys=True)
        row = session.get(SyncState, LAYOUT_KEY)
        if row is None:
            session.add(SyncState(key=LAYOUT_KEY, value=text))
        elif row.value != text:
            row.value = text
    for item in changes.get("user_changes", []):
        applier.attach_approved(item)
    for name, method in ORDER:
        for item in changes.get(name, []):
            getattr(applier, method)(item)
            applied.add(name)
        session.flush()
    return applied
