"""Minting identifiers from ranges the server reserved for this station.

The server hands each station blocks of serial numbers (``identifier_ranges``, one row per
block); the station mints from them offline. Minting is one conditional UPDATE inside the
caller's unit of work (SQLite ``BEGIN IMMEDIATE``), so two processes of the same station never
get the same number, and a number is used only when the transaction that uses it commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update

from app.persistence.models import IdentifierRange
from app.persistence.unit_of_work import UnitOfWork

SSCC_KIND = "sscc"


class RangeExhausted(RuntimeError):
    """No reserved numbers left: the station must reach the server for a new range."""


@dataclass(frozen=True)
class RangeView:
    id: int
    kind: str
    first: int
    last: int
    next_value: int

    @property
    def remaining(self) -> int:
        return self.last - self.next_value + 1


def add_range(uow: UnitOfWork, kind: str, first: int, last: int) -> None:
    """Store a block received from the server (the caller commits).

    Refuses a block that overlaps one already stored: minting twice from the same numbers
    would produce duplicate identifiers.
    """
    if first > last or first < 0:
        raise ValueError(f"bad range {first}..{last}")
    overlap = uow.session.scalar(
        select(func.count())
        .select_from(IdentifierRange)
        .where(
            IdentifierRange.kind == kind,
            IdentifierRange.first <= last,
            IdentifierRange.last >= first,
        )
    )
    if overlap:
        raise ValueError(f"range {first}..{last} overlaps a stored {kind} range")
    uow.session.add(IdentifierRange(kind=kind, first=first, last=last, next_value=first))


def next_serial(uow: UnitOfWork, kind: str) -> int:
    """Take the next number of the oldest block that has one left (inside the caller's UoW)."""
    candidates = uow.session.scalars(
        select(IdentifierRange.id)
        .where(IdentifierRange.kind == kind, IdentifierRange.next_value <= IdentifierRange.last)
        .order_by(IdentifierRange.id)
    ).all()
    for range_id in candidates:
        taken = uow.session.execute(
            update(IdentifierRange)
            .where(
                IdentifierRange.id == range_id,
                IdentifierRange.next_value <= IdentifierRange.last,
            )
            .values(next_value=IdentifierRange.next_value + 1)
            .returning(IdentifierRange.next_value)
        ).scalar_one_or_none()
        if taken is not None:
            return int(taken) - 1
    raise RangeExhausted(
        f"no {kind.upper()} numbers left on this station: connect it to the server "
        "to receive a new range"
    )


def ranges(uow: UnitOfWork, kind: str) -> list[RangeView]:
    rows = uow.session.scalars(
        select(IdentifierRange).where(IdentifierRange.kind == kind).order_by(IdentifierRange.id)
    ).all()
    return [RangeView(r.id, r.kind, r.first, r.last, r.next_value) for r in rows]


def remaining(uow: UnitOfWork, kind: str) -> int:
    """Numbers still available; the sync worker asks for a new block when this runs low."""
    return sum(r.remaining for r in ranges(uow, kind))
