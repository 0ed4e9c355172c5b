"""The few SQL expressions that differ between PostgreSQL and SQLite, in one place.

Every figure is computed by the database (aggregates, window functions); only the spelling of
"seconds since the epoch" and of percentiles differs. PostgreSQL has ``percentile_cont``;
SQLite gets the same linear interpolation from ``row_number()`` and ``count()`` windows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, cast, func


def epoch_seconds(column: Any, dialect: str) -> ColumnElement[float]:
    """Seconds since 1970-01-01 UTC of a timestamp column."""
    if dialect == "postgresql":
        return cast(func.extract("epoch", column), Float)
    # SQLite stores 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC); julianday keeps the fraction.
    return (func.julianday(column) - 2440587.5) * 86400.0


def epoch_sql(column: str, dialect: str) -> str:
    """The same as :func:`epoch_seconds`, spelled as SQL text for hand-written statements."""
    if dialect == "postgresql":
        return f"extract(epoch from {column})"
    return f"((julianday({column}) - 2440587.5) * 86400.0)"


def hour_index(column: Any, dialect: str) -> ColumnElement[int]:
    """Whole hours since the epoch: a bucket key that both databases group on cheaply."""
    if dialect == "postgresql":
        return cast(func.floor(func.extract("epoch", column) / 3600), Integer)
    return cast(func.floor((func.julianday(column) - 2440587.5) * 24.0 + 1e-9), Integer)


def percentile_sql(dialect: str, source: str, group: str, value: str, ps: tuple[float, ...]) -> str:
    """SQL computing, for each ``group`` of the table or CTE named ``source``, the count and the
    continuous percentiles ``ps`` of ``value`` (``p0, p1, ...`` columns), like
    ``percentile_cont``: linear interpolation at position (n - 1) * p of the sorted values."""
    if dialect == "postgresql":
        cols = ", ".join(
            f"percentile_cont({p}) WITHIN GROUP (ORDER BY {value}) AS p{i}"
            for i, p in enumerate(ps)
        )
        return f"SELECT {group} AS grp, count(*) AS n, {cols} FROM {source} s GROUP BY {group}"
    parts = []
    for i, p in enumerate(ps):
        pos = f"((n - 1) * {p})"
        lo = f"CAST({pos} AS INTEGER)"
        frac = f"(((max(n) - 1) * {p}) - CAST((max(n) - 1) * {p} AS INTEGER))"
        at_lo = f"max(CASE WHEN rn = {lo} THEN v END)"
        at_hi = f"max(CASE WHEN rn = {lo} + 1 THEN v END)"
        parts.append(f"{at_lo} + {frac} * (coalesce({at_hi}, {at_lo}) - {at_lo}) AS p{i}")
    return (
        f"SELECT grp, max(n) AS n, {', '.join(parts)} FROM ("
        f"SELECT {group} AS grp, {value} AS v, "
        f"row_number() OVER (PARTITION BY {group} ORDER BY {value}) - 1 AS rn, "
        f"count(*) OVER (PARTITION BY {group}) AS n FROM {source} s) r GROUP BY grp"
    )
