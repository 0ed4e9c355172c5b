"""The central server's database schema (SQLAlchemy 2.x, typed; PostgreSQL or SQLite).

The server owns orders, stock, reservations, waves and the event history; stations hold
replicas. Invariants the database enforces itself, so that no code path can break them:
stock is never negative and never more reserved than on hand (CHECK constraints, plus the
conditional ``UPDATE ... WHERE on_hand - reserved >= :q`` in allocation), an order is taken
once per (channel, external id), a station event once per idempotency key.

Schema changes go through the Alembic tree in ``server/migrations`` (``python main.py server
migrate``); ``tests/test_server_schema.py`` fails when models and migrations disagree.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both databases (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        datetime: UTCDateTime,
    }


class Role(enum.StrEnum):
    PICKER = "picker"
    PACKER = "packer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


ROLE_RANK = {Role.PICKER: 1, Role.PACKER: 1, Role.SUPERVISOR: 2, Role.ADMIN: 3}


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


class BatchStatus(enum.StrEnum):
    OPEN = "open"  # waiting for a station to claim it
    CLAIMED = "claimed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    PICKED = "picked"
    SHORT = "short"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class TokenKind(enum.StrEnum):
    STATION = "station"  # one station's own events, changes and task claims
    INTEGRATION = "integration"  # a sales channel: order intake and order status


class EventOutcome(enum.StrEnum):
    APPLIED = "applied"
    REJECTED = "rejected"
    IGNORED = "ignored"


def _enum(e: type[enum.Enum]) -> Enum:
    # Values, not names, and no native enum type: SQLite and PostgreSQL stay alike.
    return Enum(e, values_callable=lambda x: [m.value for m in x], native_enum=False, length=20)


# --- stations, tokens, people ----------------------------------------------------------------


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # Stock of this zone is sent to the station; None means every zone.
    zone: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """A bearer token, stored as its SHA-256 (tokens are 256-bit random, so no slow hash)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TokenKind] = mapped_column(_enum(TokenKind))
    name: Mapped[str] = mapped_column(String(100))
    station_id: Mapped[str | None] = mapped_column(ForeignKey("stations.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # shown in listings; not enough to use it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (
        CheckConstraint(
            "(kind = 'station') = (station_id IS NOT NULL)", name="station_token_has_station"
        ),
    )


def new_user_uid() -> str:
    return str(uuid.uuid4())


class User(Base):
    """A person who may log in at stations.

    ``uid`` is the identity stations know the user by (``app.sync.apply``): the badge code
    changes when a badge is reissued, and the integer ``id`` is only a row number of this
    database (a server rebuilt by ``seed-demo`` or an import, or a station moved from its
    embedded server to the site's server, would give the same small numbers to other people,
    and a station would then rename one person into another). A random UUID means the same
    person on every copy of this database and nobody anywhere else."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_user_uid)
    name: Mapped[str] = mapped_column(String(100))
    badge_code: Mapped[str] = mapped_column(String(40), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(_enum(Role))
    language: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    # When a station's background sign-in with this user's PIN last failed, until a sign-in
    # succeeds: such attempts have this budget of one instead of the lock-out counter
    # (server.services.user_sessions.login).
    background_failed_at: Mapped[datetime | None] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class UserSession(Base):
    """A person signed in at a station (badge + PIN checked here); needed for supervisor calls."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


# --- catalogue and stock ---------------------------------------------------------------------


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    length_mm: Mapped[int] = mapped_column(Integer, default=0)
    width_mm: Mapped[int] = mapped_column(Integer, default=0)
    height_mm: Mapped[int] = mapped_column(Integer, default=0)
    weight_g: Mapped[int] = mapped_column(Integer, default=0)
    lot_tracked: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Loaded on request (the feed asks with selectinload): event batches load products by
    # the hundred and never need their GTINs.
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
    __tablename__ = "product_gtins"

    gtin: Mapped[str] = mapped_column(String(14), primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    pack_quantity: Mapped[int] = mapped_column(Integer, default=1)

    product: Mapped[Product] = relationship(back_populates="gtins")


class Location(Base):
    """A bin. ``block``/``offset_m`` place it for routing (``app.domain.layout``)."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    zone: Mapped[str] = mapped_column(String(10), index=True)
    aisle: Mapped[int] = mapped_column(Integer)
    bay: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    slot: Mapped[int] = mapped_column(Integer)
    block: Mapped[int] = mapped_column(Integer, default=0)
    offset_m: Mapped[float] = mapped_column(Float, default=0.0)
    x_m: Mapped[float] = mapped_column(Float)
    y_m: Mapped[float] = mapped_column(Float)
    is_pick_face: Mapped[bool] = mapped_column(default=True)
    min_quantity: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Stock(Base):
    """Units of one product and lot in one bin. ``lot`` is '' when not lot-tracked, so the
    unique constraint holds (NULLs never collide in a unique index)."""

    __tablename__ = "stock"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    lot: Mapped[str] = mapped_column(String(20), default="")
    expiry: Mapped[date | None] = mapped_column(Date)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Plain lazy loads: a joined load would make ``FOR UPDATE`` lock the bin and product too.
    location: Mapped[Location] = relationship()
    product: Mapped[Product] = relationship()

    __table_args__ = (
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("reserved <= on_hand", name="reserved_within_on_hand"),
        UniqueConstraint("location_id", "product_id", "lot", name="uq_stock_bin_product_lot"),
    )


class StockMove(Base):
    """Ledger of every on-hand change: receipts, picks, counts. Sums explain the stock."""

    __tablename__ = "stock_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # receipt, pick, count, adjust
    quantity: Mapped[int] = mapped_column(Integer)  # signed change of on hand
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_lines.id"))
    station_id: Mapped[str | None] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(60))


class ReplenishmentTask(Base):
    """Move stock to a pick face that fell below its minimum. One open task per face and SKU:
    ``open_flag`` is True while open and NULL after, and NULLs never collide in the index."""

    __tablename__ = "replenishment_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    source_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="open")
    open_flag: Mapped[bool | None] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (
        UniqueConstraint(
            "location_id", "product_id", "open_flag", name="uq_replenishment_one_open"
        ),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )


# --- orders ----------------------------------------------------------------------------------


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
    due_at: Mapped[datetime | None] = mapped_column()
    status: Mapped[OrderStatus] = mapped_column(
        _enum(OrderStatus), default=OrderStatus.RECEIVED, index=True
    )
    # Where a hold came from, so releasing it resumes the order where it was.
    held_from: Mapped[OrderStatus | None] = mapped_column(_enum(OrderStatus))
    hold_reason: Mapped[str | None] = mapped_column(String(200))
    # SHA-256 of the canonical intake payload: a replay must be byte-for-byte the same order.
    payload_hash: Mapped[str] = mapped_column(String(64))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("pick_batches.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no"
    )

    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_orders_channel_external_id"),
        CheckConstraint("priority >= 0 AND priority <= 9", name="priority_range"),
    )


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    picked_quantity: Mapped[int] = mapped_column(Integer, default=0)
    short_quantity: Mapped[int] = mapped_column(Integer, default=0)
    packed_quantity: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()

    __table_args__ = (
        UniqueConstraint("order_id", "line_no", name="uq_order_lines_order_line_no"),
        UniqueConstraint("order_id", "product_id", name="uq_order_lines_order_product"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(
            "picked_quantity >= 0 AND short_quantity >= 0 AND packed_quantity >= 0",
            name="progress_not_negative",
        ),
    )


class Reservation(Base):
    """Units of one order line held at one stock row; ``quantity`` is what is still held."""

    __tablename__ = "reservations"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_line_id: Mapped[int] = mapped_column(
        ForeignKey("order_lines.id", ondelete="CASCADE"), index=True
    )
    stock_id: Mapped[int] = mapped_column(ForeignKey("stock.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    picked_quantity: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    stock: Mapped[Stock] = relationship()

    __table_args__ = (
        CheckConstraint("quantity >= 0 AND picked_quantity >= 0", name="not_negative"),
    )


class OrderEvent(Base):
    """The order's timeline: every status change and floor fact, with time, actor and station."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(60))
    station_id: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (Index("ix_order_events_order_at", "order_id", "id"),)


# --- waves and tasks -------------------------------------------------------------------------


class PickBatch(Base):
    """A cluster-pick trip (several orders, one walk) that one station claims."""

    __tablename__ = "pick_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    status: Mapped[BatchStatus] = mapped_column(
        _enum(BatchStatus), default=BatchStatus.OPEN, index=True
    )
    zone: Mapped[str | None] = mapped_column(String(10))
    station_id: Mapped[str | None] = mapped_column(ForeignKey("stations.id"), index=True)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    route_distance_m: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()

    tasks: Mapped[list[PickTask]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="PickTask.sequence"
    )


class PickTask(Base):
    __tablename__ = "pick_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("pick_batches.id", ondelete="CASCADE"), index=True
    )
    sequence: Mapped[int] = mapped_column(Integer)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"), index=True)
    reservation_id: Mapped[int | None] = mapped_column(ForeignKey("reservations.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    lot: Mapped[str] = mapped_column(String(20), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    picked_quantity: Mapped[int] = mapped_column(Integer, default=0)
    short_quantity: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[TaskStatus] = mapped_column(_enum(TaskStatus), default=TaskStatus.OPEN)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    batch: Mapped[PickBatch] = relationship(back_populates="tasks")

    __table_args__ = (
        UniqueConstraint("batch_id", "sequence", name="uq_pick_tasks_batch_sequence"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint(
            "picked_quantity >= 0 AND short_quantity >= 0", name="progress_not_negative"
        ),
    )


# --- packing ---------------------------------------------------------------------------------


class Carton(Base):
    __tablename__ = "cartons"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open, closed
    box_type: Mapped[str | None] = mapped_column(String(30))
    weight_g: Mapped[int | None] = mapped_column(Integer)
    units: Mapped[int] = mapped_column(Integer, default=0)
    sscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    carrier: Mapped[str | None] = mapped_column(String(40))
    service: Mapped[str | None] = mapped_column(String(40))
    station_id: Mapped[str | None] = mapped_column(String(40))
    closed_at: Mapped[datetime | None] = mapped_column()
    labelled_at: Mapped[datetime | None] = mapped_column()

    __table_args__ = (UniqueConstraint("order_id", "sequence", name="uq_cartons_order_sequence"),)


# --- sync, identifiers, exceptions -----------------------------------------------------------


class StationEvent(Base):
    """Every outbox event a station pushed, under a unique idempotency key, with its result.

    Recorded in the same transaction that applies it: a replay finds the key and returns the
    stored result instead of applying twice."""

    __tablename__ = "station_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    payload_hash: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[EventOutcome] = mapped_column(_enum(EventOutcome))
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class ExceptionRecord(Base):
    """Something a supervisor must look at: a fact the server could not apply, a discrepancy."""

    __tablename__ = "exceptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    message: Mapped[str] = mapped_column(Text)
    station_id: Mapped[str | None] = mapped_column(String(40))
    event_key: Mapped[str | None] = mapped_column(String(64))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column()
    resolved_by: Mapped[str | None] = mapped_column(String(60))


class IdentifierCounter(Base):
    """The next free value of a number series (order numbers, SSCC serial references)."""

    __tablename__ = "identifier_counters"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    next_value: Mapped[int] = mapped_column(BigInteger)


class IdentifierRange(Base):
    """A block of serials handed to one station, so stations mint offline without clashes."""

    __tablename__ = "identifier_ranges"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    station_id: Mapped[str] = mapped_column(ForeignKey("stations.id"), index=True)
    first: Mapped[int] = mapped_column(BigInteger)
    last: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("kind", "first", name="uq_identifier_ranges_kind_first"),
        CheckConstraint("first <= last", name="first_not_after_last"),
    )


class ChangeClock(Base):
    """One row: the last change sequence number handed out.

    Taken (row-locked) at the very end of each writing transaction, so sequence numbers
    become visible in commit order and a station's cursor never skips a change."""

    __tablename__ = "change_clock"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class ChangeFeed(Base):
    """The latest change of each entity a station may need: one row per entity, upserted.

    ``scope`` says who receives it: ``all``, ``zone:A`` or ``station:<id>``."""

    __tablename__ = "change_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(80))
    scope: Mapped[str] = mapped_column(String(60))
    seq: Mapped[int] = mapped_column(BigInteger, index=True)

    __table_args__ = (UniqueConstraint("kind", "key", name="uq_change_feed_kind_key"),)
