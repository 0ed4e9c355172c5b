"""Exception actions on the server (SQLite and PostgreSQL): each changes what it should, needs
a reason, fits only its kind of item, and leaves an audit entry with who and why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from server import models as m
from server.dashboard import actions
from server.dashboard.tables import AuditEntry
from server.services.user_sessions import Actor
from tests.test_dashboard_metrics import _make_db

WHO = Actor(6, "USR-1006", "Sara Lopez", m.Role.SUPERVISOR, "st-1")


@pytest.fixture(params=["sqlite", "postgresql"])
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Session]:
    if request.param == "sqlite":
        yield from _make_db(f"sqlite+pysqlite:///{tmp_path / 'server.db'}")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        yield from _make_db(cluster.url(cluster.create_database()))


def _status(session: Session, number: str) -> m.OrderStatus:
    return session.scalar(select(m.Order.status).where(m.Order.number == number))


def test_cancel_a_backorder_is_audited(session: Session) -> None:
    result = actions.act(session, "order:SO-900007", "cancel", "customer withdrew", WHO)
    session.commit()
    assert result.order_status == "cancelled" and _status(session, "SO-900007").value == "cancelled"
    entry = session.scalar(select(AuditEntry))
    assert (entry.action, entry.actor, entry.reason) == (
        "exception.cancel",
        "USR-1006",
        "customer withdrew",
    )


def test_reallocate_a_backorder_moves_it_on(session: Session) -> None:
    result = actions.act(session, "order:SO-900007", "reallocate", "stock received", WHO)
    session.commit()
    assert result.order_status != "backorder"
    assert _status(session, "SO-900007") != m.OrderStatus.BACKORDER


def test_dismiss_and_assign_count_resolve_exception_records(session: Session) -> None:
    record = session.scalar(select(m.ExceptionRecord).where(m.ExceptionRecord.status == "open"))
    actions.act(session, f"exc:{record.id}", "dismiss", "duplicate of a known issue", WHO)
    session.commit()
    session.refresh(record)
    assert record.status == "resolved" and record.resolved_by == "USR-1006"
    assert record.detail["resolution"]["reason"] == "duplicate of a known issue"
    short = m.ExceptionRecord(
        kind="short_pick", message="1 short", station_id="st-1",
        detail={"location": "A-01-01-1-1", "sku": "SKU-10001"},
    )  # fmt: skip
    session.add(short)
    session.commit()
    actions.act(session, f"exc:{short.id}", "assign_count", "count bin", WHO, assignee="USR-1002")
    session.commit()
    session.refresh(short)
    assert short.status == "count_assigned"
    assert short.detail["resolution"]["count"] == {
        "location": "A-01-01-1-1",
        "sku": "SKU-10001",
        "assignee": "USR-1002",
    }
    assert len(session.scalars(select(AuditEntry)).all()) == 2


@pytest.mark.parametrize(
    ("item", "action", "reason", "message"),
    [
        ("order:SO-900006", "release", "  ", "reason"),
        ("order:SO-900006", "reallocate", "x", "does not apply"),
        ("order:SO-900008", "release", "x", "does not apply"),
        ("order:SO-999999", "release", "x", "no order"),
        ("exc:999999", "dismiss", "x", "no exception"),
        ("nonsense", "dismiss", "x", "unknown item"),
    ],
)
def test_actions_that_do_not_fit_are_refused_and_change_nothing(
    session: Session, item: str, action: str, reason: str, message: str
) -> None:
    with pytest.raises(actions.ActionError, match=message):
        actions.act(session, item, action, reason, WHO)
    session.rollback()
    assert _status(session, "SO-900006") == m.OrderStatus.ON_HOLD
    assert session.scalar(select(AuditEntry)) is None
