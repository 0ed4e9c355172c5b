"""What a station pulls: the current state of every entity changed since its cursor.

The feed lists (kind, key, seq) in commit order (:mod:`server.changes`); here each listed
entity is turned into a snapshot keyed by natural keys (SKU, bin code, order number, badge), so
the station can upsert it into its own database without knowing server ids. Users carry their
``uid`` as well: a badge code changes when a badge is reissued, the uid never does. A station gets
everything scoped ``all`` (products, bins, orders, users), the stock of its zone (every zone
when it has none), and its own batches and SSCC ranges.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from server import changes
from server.admin import users as user_admin
from server.models import (
    ChangeFeed,
    IdentifierRange,
    Location,
    Order,
    OrderLine,
    PickBatch,
    PickTask,
    Product,
    Station,
    Stock,
    User,
)

KINDS = ("product", "location", "user", "stock", "order", "batch", "range", "user_change")
# How each kind is named in the answer.
PLURAL = {
    "product": "products",
    "location": "locations",
    "user": "users",
    "stock": "stock",
    "order": "orders",
    "batch": "batches",
    "range": "identifier_ranges",
    "user_change": "user_changes",
}


@dataclass(frozen=True)
class ChangeSet:
    cursor: int
    has_more: bool
    items: dict[str, list[dict[str, Any]]]
    removed: list[dict[str, str]]

    def as_json(self) -> dict[str, Any]:
        return {
            "cursor": str(self.cursor),
            "has_more": self.has_more,
            **{PLURAL[kind]: self.items.get(kind, []) for kind in KINDS},
            "removed": self.removed,
        }


def changes_since(session: Session, station: Station, since: int, limit: int) -> ChangeSet:
    scope = or_(
        ChangeFeed.scope == changes.ALL,
        ChangeFeed.scope == changes.station_scope(station.id),
        (
            ChangeFeed.scope == changes.zone_scope(station.zone)
            if station.zone
            else ChangeFeed.scope.like("zone:%")
        ),
    )
    rows = session.execute(
        select(ChangeFeed.kind, ChangeFeed.key, ChangeFeed.seq)
        .where(ChangeFeed.seq > since, scope)
        .order_by(ChangeFeed.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    keys: dict[str, list[int]] = defaultdict(list)
    for kind, key, _seq in rows:
        keys[kind].append(int(key))
    items: dict[str, list[dict[str, Any]]] = {}
    removed: list[dict[str, str]] = []
    for kind, ids in keys.items():
        loader = _LOADERS.get(kind)
        if loader is None:
            continue
        found = loader(session, ids, station)
        items[kind] = [snap for _id, snap in found]
        present = {i for i, _ in found}
        removed.extend({"kind": kind, "key": str(i)} for i in ids if i not in present)
    cursor = int(rows[-1][2]) if rows else since
    return ChangeSet(cursor, has_more, items, removed)


def _products(
    session: Session, ids: list[int], _station: Station
) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for p in session.scalars(
        select(Product).where(Product.id.in_(ids)).options(selectinload(Product.gtins))
    ):
        out.append(
            (
                p.id,
                {
                    "sku": p.sku,
                    "name": p.name,
                    "length_mm": p.length_mm,
                    "width_mm": p.width_mm,
                    "height_mm": p.height_mm,
                    "weight_g": p.weight_g,
                    "lot_tracked": p.lot_tracked,
                    "gtins": [{"gtin": g.gtin, "pack_quantity": g.pack_quantity} for g in p.gtins],
                },
            )
        )
    return out


def _locations(
    session: Session, ids: list[int], _station: Station
) -> list[tuple[int, dict[str, Any]]]:
    return [
        (
            loc.id,
            {
                "code": loc.code,
                "zone": loc.zone,
                "aisle": loc.aisle,
                "bay": loc.bay,
                "level": loc.level,
                "slot": loc.slot,
                "block": loc.block,
                "offset_m": loc.offset_m,
                "x_m": loc.x_m,
                "y_m": loc.y_m,
                "is_pick_face": loc.is_pick_face,
                "min_quantity": loc.min_quantity,
            },
        )
        for loc in session.scalars(select(Location).where(Location.id.in_(ids)))
    ]


def _users(session: Session, ids: list[int], _station: Station) -> list[tuple[int, dict[str, Any]]]:
    # The PIN hash travels so that PIN login works at the station while the server is down;
    # the uid lets the station follow a badge change (the badge is not the identity).
    return [
        (u.id, user_admin.snapshot(u))
        for u in session.scalars(select(User).where(User.id.in_(ids)))
    ]


def _stock(session: Session, ids: list[int], station: Station) -> list[tuple[int, dict[str, Any]]]:
    query = (
        select(Stock)
        .where(Stock.id.in_(ids))
        .options(joinedload(Stock.location), joinedload(Stock.product))
    )
    return [
        (
            s.id,
            {
                "location": s.location.code,
                "sku": s.product.sku,
                "lot": s.lot or None,
                "expiry": s.expiry.isoformat() if s.expiry else None,
                "on_hand": s.on_hand,
                "reserved": s.reserved,
            },
        )
        for s in session.scalars(query)
        if station.zone is None or s.location.zone == station.zone
    ]


def _orders(
    session: Session, ids: list[int], _station: Station
) -> list[tuple[int, dict[str, Any]]]:
    out = []
    query = (
        select(Order)
        .where(Order.id.in_(ids))
        .options(selectinload(Order.lines).joinedload(OrderLine.product))
    )
    for o in session.scalars(query):
        out.append(
            (
                o.id,
                {
                    "number": o.number,
                    "channel": o.channel,
                    "external_id": o.external_id,
                    "customer_name": o.customer_name,
                    "ship_to": {
                        "name": o.ship_to_name,
                        "line1": o.ship_to_line1,
                        "line2": o.ship_to_line2,
                        "city": o.ship_to_city,
                        "region": o.ship_to_region,
                        "postal_code": o.ship_to_postal_code,
                        "country": o.ship_to_country,
                        "phone": o.ship_to_phone,
                    },
                    "priority": o.priority,
                    "due_at": o.due_at.isoformat() if o.due_at else None,
                    "status": o.status.value,
                    "created_at": o.created_at.isoformat(),
                    "updated_at": o.updated_at.isoformat(),
                    "lines": [
                        {
                            "line_no": ln.line_no,
                            "sku": ln.product.sku,
                            "quantity": ln.quantity,
                            "picked_quantity": ln.picked_quantity,
                            "short_quantity": ln.short_quantity,
                            "packed_quantity": ln.packed_quantity,
                        }
                        for ln in o.lines
                    ],
                },
            )
        )
    return out


def batch_snapshot(session: Session, batch: PickBatch) -> dict[str, Any]:
    rows = session.execute(
        select(PickTask, Order.number, OrderLine.line_no, Product.sku, Location.code)
        .join(OrderLine, OrderLine.id == PickTask.order_line_id)
        .join(Order, Order.id == OrderLine.order_id)
        .join(Product, Product.id == PickTask.product_id)
        .join(Location, Location.id == PickTask.location_id)
        .where(PickTask.batch_id == batch.id)
        .order_by(PickTask.sequence)
    ).all()
    return {
        "code": batch.code,
        "status": batch.status.value,
        "station_id": batch.station_id,
        "zone": batch.zone,
        "priority": batch.priority,
        "route_distance_m": batch.route_distance_m,
        "created_at": batch.created_at.isoformat(),
        "tasks": [
            {
                "sequence": t.sequence,
                "order": number,
                "line_no": line_no,
                "sku": sku,
                "location": code,
                "lot": t.lot or None,
                "quantity": t.quantity,
                "picked_quantity": t.picked_quantity,
                "short_quantity": t.short_quantity,
                "status": t.status.value,
            }
            for t, number, line_no, sku, code in rows
        ],
    }


def _batches(
    session: Session, ids: list[int], station: Station
) -> list[tuple[int, dict[str, Any]]]:
    return [
        (b.id, batch_snapshot(session, b))
        for b in session.scalars(select(PickBatch).where(PickBatch.id.in_(ids)))
        if b.station_id == station.id
    ]


def _ranges(session: Session, ids: list[int], station: Station) -> list[tuple[int, dict[str, Any]]]:
    return [
        (r.id, {"kind": r.kind, "first": r.first, "last": r.last})
        for r in session.scalars(select(IdentifierRange).where(IdentifierRange.id.in_(ids)))
        if r.station_id == station.id
    ]


def _user_changes(
    session: Session, ids: list[int], station: Station
) -> list[tuple[int, dict[str, Any]]]:
    # An admin's decision on a user change this station made offline (scoped to it).
    return user_admin.decision_snapshots(session, ids, station.id)


_LOADERS = {
    "product": _products,
    "location": _locations,
    "user": _users,
    "stock": _stock,
    "order": _orders,
    "batch": _batches,
    "range": _ranges,
    "user_change": _user_changes,
}


def touch_all(session: Session, kinds: Iterable[str] = KINDS) -> None:
    """Put every entity into the feed (after a bulk load that bypassed the services)."""
    wanted = set(kinds)
    if "product" in wanted:
        for (pid,) in session.execute(select(Product.id)):
            changes.touch(session, "product", str(pid))
    if "location" in wanted:
        for (lid,) in session.execute(select(Location.id)):
            changes.touch(session, "location", str(lid))
    if "user" in wanted:
        for (uid,) in session.execute(select(User.id)):
            changes.touch(session, "user", str(uid))
    if "stock" in wanted:
        for sid, zone in session.execute(
            select(Stock.id, Location.zone).join(Location, Location.id == Stock.location_id)
        ):
            changes.touch(session, "stock", str(sid), changes.zone_scope(zone))
    if "order" in wanted:
        for (oid,) in session.execute(select(Order.id)):
            changes.touch(session, "order", str(oid))
