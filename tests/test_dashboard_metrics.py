"""Each dashboard figure against the hand-made history of ``dashboard_history`` (known answers),
on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.dashboard.figures import Dashboard, from_json, to_json
from server.dashboard.metrics import Period, compute
from tests import dashboard_history as h


def _make_db(url: str) -> Iterator[Session]:
    from server import schema
    from server.db import make_engine, make_session_factory

    engine = make_engine(url)
    schema.upgrade(engine)
    factory = make_session_factory(engine)
    with factory() as session:
        h.build(session)
        session.commit()
    with factory() as session:
        yield session
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Session]:
    if request.param == "sqlite":
        yield from _make_db(f"sqlite+pysqlite:///{tmp_path / 'server.db'}")
    else:
        cluster = request.getfixturevalue("pg_cluster")  # the server's throwaway cluster
        yield from _make_db(cluster.url(cluster.create_database()))


@pytest.fixture
def board(session: Session) -> Dashboard:
    return compute(session, Period(h.T0, h.NOW), now=h.NOW)


def test_throughput(board: Dashboard) -> None:
    t = board.throughput
    assert (t.lines, t.units, t.orders_packed, t.hours) == (
        h.Expected.lines,
        h.Expected.units,
        h.Expected.orders_packed,
        8.0,
    )
    assert [(p.hour.hour, p.lines, p.units) for p in t.hourly if p.lines] == list(h.Expected.hourly)
    assert [(p.hour.hour, p.orders_packed) for p in t.hourly if p.orders_packed] == [(6, 4), (7, 1)]
    st1 = next(r for r in t.by_station if r.key == "st-1")
    assert (st1.lines, st1.units, st1.lines_per_hour) == (6, 9, 0.75)
    li = next(r for r in t.by_person if r.key == "Li Wei (USR-1001)")
    assert (li.lines, li.units) == (6, 9)
    tom = next(r for r in t.by_person if r.key.startswith("Tom Baker"))
    assert tom.orders_packed == 5 and tom.orders_per_hour == 0.62


def test_cycle_time_percentiles(board: Dashboard) -> None:
    steps = board.cycle
    assert [(s.from_status, s.to_status) for s in steps][2] == ("released", "picked")
    assert tuple(s.median_s for s in steps) == h.Expected.medians
    assert tuple(s.p90_s for s in steps) == h.Expected.p90s
    assert [(s.from_status, s.to_status) for s in steps if s.bottleneck] == [h.Expected.bottleneck]
    assert [s.count for s in steps] == [5, 5, 5, 5, 2]


def test_quality(board: Dashboard) -> None:
    q = board.quality
    assert (q.lines_picked, q.lines_short, q.short_rate) == (10, 2, h.Expected.short_rate)
    assert q.pack_errors == 3 and q.label_reprints == h.Expected.reprints == 2
    assert sorted((k.key, k.count) for k in q.label_reprints_by_station) == [
        ("st-1", 1),
        ("st-2", 1),
    ]
    assert q.pack_errors_by_person[0].key == "Tom Baker (USR-1004)"
    assert q.pack_errors_by_person[0].count == 2
    assert [(k.key, k.count) for k in q.pack_errors_by_sku] == [("SKU-10001", 2), ("SKU-10002", 1)]


def test_backlog(board: Dashboard) -> None:
    b = board.backlog
    assert (b.open_total, b.late, b.at_risk) == (6, 1, 1)
    assert {k.key: k.count for k in b.by_status} == {
        "received": 1,
        "packed": 3,
        "on_hold": 1,
        "backorder": 1,
    }
    assert b.by_priority[0].priority == 2 and b.by_priority[0].late == 1
    assert {k.key: k.count for k in b.by_due}["1-4h"] == 4


def test_exceptions(board: Dashboard) -> None:
    e = board.exceptions
    assert {k.key: k.count for k in e.by_kind} == {
        "event_rejected": 1,
        "on_hold": 1,
        "backorder": 1,
    }
    assert [(k.key, k.count) for k in e.device_faults_by_station] == [("st-1", 2)]
    held = next(i for i in e.items if i.kind == "on_hold")
    assert held.id == "order:SO-900006" and "release" in held.actions


def test_station_filter_and_json_round_trip(session: Session) -> None:
    board = compute(session, Period(h.T0, h.NOW, station="st-2"), now=h.NOW)
    assert board.throughput.lines == 4 and board.quality.lines_short == 0
    assert from_json(Dashboard, to_json(board)) == board
