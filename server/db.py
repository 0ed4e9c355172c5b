"""Database engines for the server, and the transaction helper that retries lost races.

PostgreSQL in production; SQLite (the station's durable settings: WAL, ``BEGIN IMMEDIATE``)
when no URL is given. Under PostgreSQL's READ COMMITTED, concurrent allocations and pushes can
deadlock or hit serialization failures; :func:`transaction` re-runs the whole unit of work
then, so callers write plain sequential code.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.persistence.db import make_engine as make_sqlite_engine
from app.persistence.db import sqlite_url

log = logging.getLogger(__name__)

T = TypeVar("T")

RETRYABLE_PG_CODES = {"40001", "40P01", "55P03"}  # serialization, deadlock, lock not available
MAX_ATTEMPTS = 8


def normalise_url(url: str) -> str:
    """Accept the usual ``postgresql://`` form and use psycopg 3 for it."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def default_url(data_dir: object) -> str:
    from pathlib import Path

    return sqlite_url(Path(str(data_dir)) / "server.db")


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = make_sqlite_engine(url)
    else:
        engine = create_engine(
            url,
            pool_size=pool_size,
            max_overflow=pool_size * 2,
            pool_pre_ping=True,
            pool_timeout=30,
        )
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from server import changes  # registers the before-commit hook on this factory

    factory = sessionmaker(bind=engine, expire_on_commit=False)
    event.listen(factory, "before_commit", changes.flush_pending)
    return factory


def is_retryable(exc: BaseException) -> bool:
    """A lost race worth re-running: deadlock, serialization failure, SQLite busy, or a unique
    key taken by a concurrent twin (the rerun sees the twin's row and takes the replay path)."""
    if isinstance(exc, IntegrityError):
        return getattr(exc.orig, "sqlstate", None) == "23505" or "UNIQUE" in str(exc.orig)
    if isinstance(exc, DBAPIError):
        code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
        if code in RETRYABLE_PG_CODES:
            return True
        if isinstance(exc, OperationalError) and "database is locked" in str(exc.orig):
            return True
    return False


def transaction(factory: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    """Run ``work(session)`` in one transaction and commit; re-run it on a lost race."""
    attempt = 0
    while True:
        attempt += 1
        with factory() as session:
            try:
                result = work(session)
                session.commit()
                return result
            except DBAPIError as exc:
                session.rollback()
                if attempt >= MAX_ATTEMPTS or not is_retryable(exc):
                    raise
                log.info(
                    "retrying a transaction after %s (attempt %d)", type(exc).__name__, attempt
                )
        time.sleep(random.uniform(0, 0.005 * 2**attempt))


@contextmanager
def read_session(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session for reads; rolled back at the end (nothing to commit)."""
    with factory() as session:
        try:
            yield session
        finally:
            session.rollback()
