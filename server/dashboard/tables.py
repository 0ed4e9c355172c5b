"""The dashboard's part of the server schema: the audit log table and the indexes its
aggregates need. Declared here, on the server's metadata, so the dashboard's schema needs stay
with the dashboard; ``server/migrations/env.py`` imports this module so Alembic sees them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models import Base, OrderEvent, StationEvent, StockMove, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(60))  # badge code
    actor_name: Mapped[str] = mapped_column(String(100))
    station_id: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(String(500), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_action", "action"),
    )


# Throughput reads picks by time; packed orders and cycle times read status changes by time;
# quality and faults read pushed floor facts by type and time.
Index(
    "ix_stock_moves_kind_at",
    StockMove.kind,
    StockMove.at,
    # PostgreSQL answers the throughput figures from the index alone (SQLite ignores this).
    postgresql_include=["quantity", "station_id", "actor"],
)
Index("ix_order_events_to_status_at", OrderEvent.to_status, OrderEvent.at)
Index("ix_order_events_at", OrderEvent.at)
Index("ix_station_events_type_received_at", StationEvent.type, StationEvent.received_at)
