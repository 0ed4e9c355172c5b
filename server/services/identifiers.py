"""Blocks of serial numbers for stations to mint offline (SSCC serial references).

A block comes from one counter row advanced with ``UPDATE ... RETURNING``: the row lock makes
two concurrent requests (any server process) get disjoint blocks, so no two stations ever
mint the same SSCC, connected or not (DESIGN.md §4).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from server import changes
from server.models import IdentifierCounter, IdentifierRange

# SSCC = extension digit + company prefix + serial reference + check digit (18 digits). With a
# 7-digit company prefix the serial reference has 9 digits.
SSCC_SERIAL_MAX = 999_999_999


def allocate_range(session: Session, station_id: str, kind: str, size: int) -> IdentifierRange:
    dialect = session.get_bind().dialect.name
    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert(IdentifierCounter).values(kind=kind, next_value=1).on_conflict_do_nothing()
    )
    top = session.execute(
        update(IdentifierCounter)
        .where(IdentifierCounter.kind == kind)
        .values(next_value=IdentifierCounter.next_value + size)
        .returning(IdentifierCounter.next_value)
    ).scalar_one()
    first, last = int(top) - size, int(top) - 1
    if kind == "sscc" and last > SSCC_SERIAL_MAX:
        raise RuntimeError("SSCC serial references are exhausted for this company prefix")
    block = IdentifierRange(kind=kind, station_id=station_id, first=first, last=last)
    session.add(block)
    session.flush()
    changes.touch(session, "range", str(block.id), changes.station_scope(station_id))
    return block


def ensure_range(session: Session, station_id: str, kind: str, size: int) -> None:
    """Every station holds at least one block from its first pull on."""
    has = session.scalar(
        select(IdentifierRange.id)
        .where(IdentifierRange.station_id == station_id, IdentifierRange.kind == kind)
        .limit(1)
    )
    if has is None:
        allocate_range(session, station_id, kind, size)
