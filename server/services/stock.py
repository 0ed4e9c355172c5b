"""Stock per bin and lot: what is there, receipts, counts, and replenishment of pick faces.

Every change of on-hand goes with a ``stock_moves`` row, so the stock of any bin is explained
by its history (receipts − picks ± counts).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, contains_eager

from server.models import (
    Location,
    Product,
    ReplenishmentTask,
    Reservation,
    Stock,
    StockMove,
    utcnow,
)
from server.schemas import ReceiptIn, StockOut, StockRowOut
from server.services.allocation import touch_stock


class UnknownItem(LookupError):
    """A SKU or bin code the server does not know; the message names it."""


def view(session: Session, sku: str) -> StockOut:
    product = session.scalar(select(Product).where(Product.sku == sku))
    if product is None:
        raise UnknownItem(f"unknown SKU {sku!r}")
    rows = session.scalars(
        select(Stock)
        .join(Location, Location.id == Stock.location_id)
        .where(Stock.product_id == product.id)
        .options(contains_eager(Stock.location))
        .order_by(Location.code, Stock.lot)
    ).all()
    bins = [
        StockRowOut(
            location=s.location.code,
            zone=s.location.zone,
            sku=sku,
            lot=s.lot or None,
            expiry=s.expiry,
            on_hand=s.on_hand,
            reserved=s.reserved,
            available=s.on_hand - s.reserved,
        )
        for s in rows
    ]
    on_hand = sum(b.on_hand for b in bins)
    reserved = sum(b.reserved for b in bins)
    return StockOut(
        sku=sku, on_hand=on_hand, reserved=reserved, available=on_hand - reserved, bins=bins
    )


def stock_row(
    session: Session, location: Location, product: Product, lot: str, *, create: bool
) -> Stock | None:
    row = session.scalar(
        select(Stock)
        .where(Stock.location_id == location.id, Stock.product_id == product.id, Stock.lot == lot)
        .with_for_update()
    )
    if row is None and create:
        row = Stock(location_id=location.id, product_id=product.id, lot=lot, on_hand=0, reserved=0)
        session.add(row)
        session.flush()
        session.refresh(row)
    return row


def receive(
    session: Session, receipt: ReceiptIn, *, actor: str, station_id: str | None = None
) -> tuple[Stock, int]:
    """Book units into a bin; returns the stock row and the product id (for backorders)."""
    location = session.scalar(select(Location).where(Location.code == receipt.location))
    if location is None:
        raise UnknownItem(f"unknown bin {receipt.location!r}")
    product = session.scalar(select(Product).where(Product.sku == receipt.sku))
    if product is None:
        raise UnknownItem(f"unknown SKU {receipt.sku!r}")
    row = stock_row(session, location, product, receipt.lot or "", create=True)
    assert row is not None
    row.on_hand += receipt.quantity
    if receipt.expiry is not None:
        row.expiry = receipt.expiry
    row.updated_at = utcnow()
    session.add(
        StockMove(
            stock_id=row.id,
            kind="receipt",
            quantity=receipt.quantity,
            station_id=station_id,
            actor=actor,
        )
    )
    touch_stock(session, row.id, location.zone)
    close_replenishment_if_met(session, location, product.id)
    return row, product.id


def face_quantity(session: Session, location_id: int, product_id: int) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(Stock.on_hand), 0)).where(
            Stock.location_id == location_id, Stock.product_id == product_id
        )
    )
    return int(total or 0)


def open_replenishments(session: Session, faces: list[tuple[Location, int, int]]) -> int:
    """Open a replenishment task for each pick face (bin, product id, units there now) that
    fell below its minimum. One open task per face and product: the unique index holds that
    even when two processes race, and ``ON CONFLICT DO NOTHING`` lets the loser pass."""
    wanted = [
        (location, product_id, here)
        for location, product_id, here in faces
        if location.is_pick_face and here < location.min_quantity
    ]
    # Where to take the units from: the reserve bin with most available, one query for all.
    source: dict[int, tuple[int, int]] = {}
    products = sorted({product_id for _, product_id, _ in wanted})
    if products:
        available = Stock.on_hand - Stock.reserved
        for product_id, location_id, free in session.execute(
            select(Stock.product_id, Stock.location_id, available)
            .join(Location, Location.id == Stock.location_id)
            .where(
                Stock.product_id.in_(products),
                Location.is_pick_face.is_(False),
                available > 0,
            )
        ):
            if product_id not in source or free > source[product_id][1]:
                source[product_id] = (location_id, free)
    rows = [
        {
            "location_id": location.id,
            "product_id": product_id,
            "source_location_id": source[product_id][0] if product_id in source else None,
            "quantity": max(1, location.min_quantity * 4 - here),
            "status": "open",
            "open_flag": True,
            "created_at": utcnow(),
        }
        for location, product_id, here in wanted
    ]
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(ReplenishmentTask).on_conflict_do_nothing(
        index_elements=["location_id", "product_id", "open_flag"]
    )
    session.execute(stmt, rows)
    return len(rows)


def close_replenishment_if_met(
    session: Session, location: Location, product_id: int, here: int | None = None
) -> None:
    """Close the face's open task once it holds its minimum again (``here``: the units there
    now, when the caller knows better than the database, e.g. before a flush)."""
    if here is None:
        here = face_quantity(session, location.id, product_id)
    if here < location.min_quantity:
        return
    for task in session.scalars(
        select(ReplenishmentTask).where(
            ReplenishmentTask.location_id == location.id,
            ReplenishmentTask.product_id == product_id,
            ReplenishmentTask.open_flag.is_(True),
        )
    ):
        task.status = "done"
        task.open_flag = None
        task.done_at = utcnow()


def held_at(session: Session, stock_id: int) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(Reservation.quantity), 0)).where(
            Reservation.stock_id == stock_id
        )
    )
    return int(total or 0)
