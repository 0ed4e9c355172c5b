"""The change feed stations pull: which entities changed, in commit order.

Services call :func:`touch` for every entity a station may need; at commit the touched keys get
sequence numbers from the single ``change_clock`` row and are upserted into ``change_feed``
(one row per entity, so the feed never grows beyond the number of entities).

Why the clock row: with a plain sequence, transaction A may take number 10 and commit after B
took 11 and committed; a station that read 11 would move its cursor past 10 and never see A's
change. Taking the clock row lock as the last statement before commit makes numbers visible in
commit order. Writers queue on that one row only for the instant between it and their commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from server.models import ChangeClock, ChangeFeed

_PENDING = "ws_pending_changes"

ALL = "all"


def zone_scope(zone: str) -> str:
    return f"zone:{zone}"


def station_scope(station_id: str) -> str:
    return f"station:{station_id}"


def touch(session: Session, kind: str, key: str, scope: str = ALL) -> None:
    """Mark entity ``kind``/``key`` changed in this transaction (last scope wins)."""
    pending: dict[tuple[str, str], str] = session.info.setdefault(_PENDING, {})
    pending[(kind, key)] = scope


def snapshot(session: Session) -> dict[tuple[str, str], str]:
    """The touches so far, to put back when a savepoint is rolled back."""
    return dict(session.info.get(_PENDING, {}))


def restore(session: Session, saved: dict[tuple[str, str], str]) -> None:
    session.info[_PENDING] = dict(saved)


def flush_pending(session: Session) -> None:
    """``before_commit`` hook: number the touched entities and upsert them into the feed."""
    pending: dict[tuple[str, str], str] | None = session.info.pop(_PENDING, None)
    if not pending:
        return
    session.flush()  # every other write first: the clock lock is the last one taken
    top = _advance_clock(session, len(pending))
    first = top - len(pending) + 1
    rows = [
        {"kind": kind, "key": key, "scope": scope, "seq": first + i}
        for i, ((kind, key), scope) in enumerate(pending.items())
    ]
    dialect = session.get_bind().dialect.name
    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(ChangeFeed)
    stmt = stmt.on_conflict_do_update(
        index_elements=["kind", "key"],
        set_={"seq": stmt.excluded.seq, "scope": stmt.excluded.scope},
    )
    session.execute(stmt, rows)


def _advance_clock(session: Session, n: int) -> int:
    stmt = (
        update(ChangeClock)
        .where(ChangeClock.id == 1)
        .values(value=ChangeClock.value + n)
        .returning(ChangeClock.value)
    )
    value = session.execute(stmt).scalar()
    if value is None:  # first change ever: create the clock (a concurrent twin may race us)
        dialect = session.get_bind().dialect.name
        insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
        session.execute(insert(ChangeClock).values(id=1, value=0).on_conflict_do_nothing())
        value = session.execute(stmt).scalar()
    assert value is not None
    return int(value)


def current(session: Session) -> int:
    return int(session.scalar(select(ChangeClock.value).where(ChangeClock.id == 1)) or 0)
