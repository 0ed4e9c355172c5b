"""The station's database schema (SQLAlchemy 2.x, typed).

The station keeps a replica of what it needs from the central server (products, bins, stock,
orders, users) plus its own work state (pick batches, cartons, shipments, print jobs) and the
outbox of events it still has to push. ORM objects stay inside services: they never reach the
UI and never cross a thread (DESIGN.md §3).

Schema changes go through Alembic (``app/persistence/migrations``); a test fails when these
models and the migrations disagree.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timestamps are stored in UTC; the UI converts to local time."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}


class Role(enum.StrEnum):
    PICKER = "picker"
    PACKER = "packer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class OrderStatus(enum.StrEnum):
    RECEIVED = "received"
    VALIDATED = "validated"
    ALLOCATED = "allocated"
    RELEASED = "released"
    PICKING = "picking"
    PICKED = "picked"
    PACKING = "packing"
    PACKED = "packed"
    SHIPPED = "shipped"
    ON_HOLD = "on_hold"
    BACKORDER = "backorder"
    CANCELLED = "cancelled"


class PickTaskStatus(enum.StrEnum):
    OPEN = "open"
    PICKED = "picked"
    SHORT = "short"
    SKIPPED = "skipped"


class BatchStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    PAUSED = "paused"
    DONE = "done"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    REJECTED = "rejected"
    HELD = "held"  # the server took it and waits for an admin's decision (a user change)


def _enum(e: type[enum.Enum]) -> Enum:
    # Store the value, not the name, and no native enum: SQLite and PostgreSQL stay alike.
    return Enum(e, values_callable=lambda x: [m.value for m in x], native_enum=False, length=20)


# --- catalogue -----------------------------------------------------------------------------


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    length_mm: Mapped[int] = mapped_column(Integer, default=0)
    width_mm: Mapped[int] = mapped_column(Integer, default=0)
    height_mm: Mapped[int] = mapped_column(Integer, default=0)
    weight_g: Mapped[int] = mapped_column(Integer, default=0)
    image_path: Mapped[str | None] = mapped_column(String(300))
    lot_tracked: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    gtins: Mapped[list[ProductGtin]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint(
            "length_mm >= 0 AND width_mm >= 0 AND height_mm >= 0 AND weight_g >= 0",
            name="dimensions_not_negative",
        ),
    )


class ProductGtin(Base):
    """A product may carry several GTINs (each unit, inner pack, old and new packaging)."""

    __tablename__ = "product_gtins"

    gtin: Mapped[str] = mapped_column(String(14), primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    pack_quantity: Mapped[int] = mapped_column(Integer, default=1)

    product: Mapped[Product] = relationship(back_populates="gtins")


class Location(Base):
    """A bin. ``code`` is what is printed on the bin label, e.g. ``A-03-12-2-1``."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    zone: Mapped[str] = mapped_column(String(10))
    aisle: Mapped[int] = mapped_column(Integer)
    bay: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    slot: Mapped[int] = mapped_column(Integer)
    # Floor coordinates in metres (x across aisles, y along them), used for routing and maps.
    x_m: Mapped[float] = mapped_column(Float)
    y_m: Mapped[float] = mapped_column(Float)
    is_pick_face: Mapped[bool] = mapped_column(default=True)
    min_quantity: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        UniqueConstraint("zone", "aisle", "bay", "level", "slot", name="uq_locations_address"),
    )


class StockItem(Base):
    """Units of one product (and lot) in one bin, as last known to the station."""

    __tablename__ = "stock_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    lot: Mapped[str | None] = mapped_column(String(20))
    expiry: Mapped[date | None] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer, default=0)

    location: Mapped[Location] = relationship()
    product: Mapped[Product] = relationship()

    __table_args__ = (
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        UniqueConstraint("location_id", "product_id", "lot", name="uq_stock_items_bin_product_lot"),
    )


# --- people --------------------------------------------------------------------------------


class User(Base):
    """A person who may log in here; a replica of the server's user.

    ``server_uid`` is the server's identity of the person (``server.models.User.uid``): pulled
    users are matched on it, so a reissued badge renames the row (its audit and pick history
    stays with it) instead of adding a second person while the old badge keeps working. None
    for a user the server has not confirmed yet (made here offline, or the demo site before
    its first pull); such rows are matched by badge once and then get it."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    server_uid: Mapped[str | None] = mapped_column(String(36), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(100))
    badge_code: Mapped[str] = mapped_column(String(40), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(_enum(Role))
    language: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RetiredBadge(Base):
    """A badge code a user had before it was changed: scanning it is refused with "this badge
    was replaced" rather than "not known", and the audit log names whose it was. Removed when
    the code is given to someone again."""

    __tablename__ = "retired_badges"

    badge_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    retired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# --- orders --------------------------------------------------------------------------------


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    channel: Mapped[str] = mapped_column(String(30))
    external_id: Mapped[str] = mapped_column(String(60))
    customer_name: Mapped[str] = mapped_column(String(120))
    ship_to_name: Mapped[str] = mapped_column(String(120))
    ship_to_line1: Mapped[str] = mapped_column(String(200))
    ship_to_line2: Mapped[str | None] = mapped_column(String(200))
    ship_to_city: Mapped[str] = mapped_column(String(100))
    ship_to_region: Mapped[str | None] = mapped_column(String(100))
    ship_to_postal_code: Mapped[str] = mapped_column(String(20))
    ship_to_country: Mapped[str] = mapped_column(String(2))
    ship_to_phone: Mapped[str | None] = mapped_column(String(40))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[OrderStatus] = mapped_column(_enum(OrderStatus), default=OrderStatus.RECEIVED)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no"
    )

    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_orders_channel_external_id"),
    )


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    picked_quantity: Mapped[int] = mapped_column(Integer, default=0)
    short_quantity: Mapped[int] = mapped_column(Integer, default=0)
    packed_quantity: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()

    __table_args__ = (
        UniqueConstraint("order_id", "line_no", name="uq_order_lines_order_line_no"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(
            "picked_quantity >= 0 AND short_quantity >= 0 AND packed_quantity >= 0",
            name="progress_not_negative",
        ),
    )


# --- picking -------------------------------------------------------------------------------


class Tote(Base):
    __tablename__ = "totes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    # The order whose units are in the tote right now (None when empty).
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))


class PickBatch(Base):
    """A cluster-pick trip: several orders, one tote each, routed as one walk."""

    __tablename__ = "pick_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    status: Mapped[BatchStatus] = mapped_column(_enum(BatchStatus), default=BatchStatus.OPEN)
    station_id: Mapped[str | None] = mapped_column(String(40))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cart_code: Mapped[str | None] = mapped_column(String(30))
    # "station": formed here from released orders; "server": a task list pulled by sync (only
    # those are known to the server, so only they send batch.started/batch.completed).
    origin: Mapped[str] = mapped_column(String(10), default="station")
    route_distance_m: Mapped[float | None] = mapped_column(Float)
    current_step: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    tasks: Mapped[list[PickTask]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="PickTask.sequence"
    )


class PickTask(Base):
    """Pick ``quantity`` of a product from one bin into one tote, step ``sequence`` of a walk."""

    __tablename__ = "pick_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("pick_batches.id", ondelete="CASCADE"), index=True
    )
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    tote_id: Mapped[int | None] = mapped_column(ForeignKey("totes.id"))
    sequence: Mapped[int] = mapped_column(Integer)
    # Where the step is in the walk now. ``sequence`` stays the task's identity (the server's
    # task number for pulled batches); skips and re-routed picks only move this.
    walk_position: Mapped[float] = mapped_column(Float, default=0.0)
    quantity: Mapped[int] = mapped_column(Integer)
    picked_quantity: Mapped[int] = mapped_column(Integer, default=0)
    lot: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[PickTaskStatus] = mapped_column(
        _enum(PickTaskStatus), default=PickTaskStatus.OPEN
    )
    short_reason: Mapped[str | None] = mapped_column(String(30))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    batch: Mapped[PickBatch] = relationship(back_populates="tasks")

    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(
            "picked_quantity >= 0 AND picked_quantity <= quantity", name="picked_within_quantity"
        ),
    )


class PickAction(Base):
    """What the picker did at a step (confirm, short, reroute, skip, undo), in order.

    The local history behind "undo the last confirmation" (which units, which lot, from which
    stock row, under which outbox event) and the end-of-batch summary. The server learns the
    same facts from the outbox events.
    """

    __tablename__ = "pick_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("pick_batches.id", ondelete="CASCADE"), index=True
    )
    task_id: Mapped[int] = mapped_column(ForeignKey("pick_tasks.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    lot: Mapped[str | None] = mapped_column(String(20))
    stock_item_id: Mapped[int | None] = mapped_column(ForeignKey("stock_items.id"))
    stock_taken: Mapped[int] = mapped_column(Integer, default=0)  # what left the local stock
    tote_code: Mapped[str | None] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(String(30))
    event_key: Mapped[str | None] = mapped_column(String(36))
    undone: Mapped[bool] = mapped_column(default=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CountTask(Base):
    """A request to count a bin, raised by a short pick."""

    __tablename__ = "count_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    reason: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# --- packing and shipping ------------------------------------------------------------------


class Carton(Base):
    """One physical package of an order; an order may ship in several."""

    __tablename__ = "cartons"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    box_type: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="open")
    gross_weight_g: Mapped[int | None] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    items: Mapped[list[CartonItem]] = relationship(
        back_populates="carton", cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("order_id", "sequence", name="uq_cartons_order_sequence"),)


class CartonItem(Base):
    __tablename__ = "carton_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    carton_id: Mapped[int] = mapped_column(ForeignKey("cartons.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    lot: Mapped[str | None] = mapped_column(String(20))
    quantity: Mapped[int] = mapped_column(Integer)

    carton: Mapped[Carton] = relationship(back_populates="items")

    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)


class Shipment(Base):
    """The shipping record of one closed carton, identified by its SSCC."""

    __tablename__ = "shipments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    carton_id: Mapped[int] = mapped_column(ForeignKey("cartons.id"), unique=True)
    sscc: Mapped[str] = mapped_column(String(18), unique=True)
    carrier: Mapped[str] = mapped_column(String(40))
    service: Mapped[str] = mapped_column(String(40))
    weight_g: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IdentifierRange(Base):
    """A block of serial numbers the server handed this station (SSCC serial references).

    Minting offline from a reserved block means two stations never mint the same SSCC.
    """

    __tablename__ = "identifier_ranges"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    next_value: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint("first <= next_value AND next_value <= last + 1", name="next_in_range"),
    )


class PrintJob(Base):
    """A label waiting for, or sent to, a printer. Stored before it is sent: never lost."""

    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"))
    printer: Mapped[str] = mapped_column(String(60))
    document: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    printed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# --- sync and audit ------------------------------------------------------------------------


class OutboxEvent(Base):
    """A fact the station still has to tell the server (transactional outbox, DESIGN.md §4).

    Written in the same transaction as the state change it describes. ``key`` is made once,
    when the event is made, and every retry reuses it.
    """

    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[OutboxStatus] = mapped_column(_enum(OutboxStatus), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SyncState(Base):
    """Small key/value facts about sync, such as the pull cursor and the last success."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    station_id: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
