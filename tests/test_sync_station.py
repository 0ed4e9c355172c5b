"""The station's side of sync against a real server over HTTP on 127.0.0.1: pick work flows to
the server, the station keeps working while the server is down and catches up, a station
killed with SIGKILL mid-push loses nothing and applies nothing twice."""

from __future__ import annotations

import logging
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.bootstrap import StationCore
from app.persistence.models import OutboxEvent, OutboxStatus, StockItem, SyncState
from app.sync.claim import server_claim_source
from app.sync.client import ServerUnavailable, SyncClient
from app.sync.engine import CURSOR_KEY, SyncEngine
from app.sync.status import SyncState as State
from app.sync.status import SyncStatus
from app.sync.worker import Backoff, SyncWorker
from tests.server_fixtures import RunningServer, fresh_db, running_server

ROOT = Path(__file__).resolve().parents[1]
STATION = "station-1"  # the station id of the ``core`` fixture's default config
KILLS = 7  # SIGKILLs per backend in the crash test


@pytest.fixture(params=["sqlite", "postgresql"])
def server_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return fresh_db(request, request.param, tmp_path)


def engine_for(core: StationCore, server: RunningServer, token: str, **kw: Any) -> SyncEngine:
    return SyncEngine(core.uow, SyncClient(server.url, STATION, token, timeout_s=10), **kw)


def server_stock(server: RunningServer, token: str, sku: str) -> dict[str, Any]:
    r = httpx.get(
        f"{server.url}/api/v1/stock",
        params={"sku": sku},
        headers={"Authorization": f"Bearer {token}"},
    )
    return dict(r.json())


def local_quantity(core: StationCore, location_code: str, sku: str) -> int:
    from app.persistence.models import Location, Product

    with core.uow() as u:
        return int(
            u.session.scalar(
                select(func.coalesce(func.sum(StockItem.quantity), 0))
                .join(Location, Location.id == StockItem.location_id)
                .join(Product, Product.id == StockItem.product_id)
                .where(Location.code == location_code, Product.sku == sku)
            )
            or 0
        )


def outbox_counts(core: StationCore) -> dict[str, int]:
    with core.uow() as u:
        return {
            str(s): int(n)
            for s, n in u.session.execute(
                select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status)
            )
        }


def pick_whole_batch(core: StationCore) -> tuple[str, list[tuple[str, str, str]]]:
    """Claim the pulled server batch with the real picking service and pick every step.
    Returns the batch code and the (order, bin, sku) of each step."""
    from app.services.picking import PickingService

    picking = PickingService(core, claim_source=server_claim_source(lambda: None))
    with core.uow() as u:
        from app.persistence.models import User

        user_id = u.session.scalar(select(User.id).where(User.badge_code == "USR-1001"))
    assert user_id is not None
    view = picking.claim_next(user_id)
    steps = []
    while view.current is not None:
        step = view.current
        steps.append((step.order, step.bin.code, step.product.sku))
        view = picking.confirm(
            view.batch_id, step.task_id, step.remaining, step.lot, step.tote, user_id
        )
    return view.code, steps


def test_picks_reach_the_server_and_the_station_takes_the_servers_state(
    core: StationCore, server_url: str
) -> None:
    with running_server(server_url) as server:
        token = server.token(station=STATION)
        engine = engine_for(core, server, token, pull_limit=1500)
        engine.run_once()  # first pull: the whole site
        engine.batch_demand = 1
        report = engine.run_once()
        assert report.claimed == 1
        code, steps = pick_whole_batch(core)
        assert code.startswith("PB-")
        queued = outbox_counts(core)[OutboxStatus.PENDING]
        assert queued == len(steps) + 2  # batch.started, one pick per step, batch.completed
        report = engine.run_once()
        assert report.pushed == queued and report.rejected == 0
        assert OutboxStatus.PENDING not in outbox_counts(core)
        for order, location, sku in steps:
            status = httpx.get(
                f"{server.url}/api/v1/orders/{order}", headers={"Authorization": f"Bearer {token}"}
            ).json()
            assert status["status"] == "picked"
            on_server = sum(
                b["on_hand"]
                for b in server_stock(server, token, sku)["bins"]
                if b["location"] == location
            )
            assert local_quantity(core, location, sku) == on_server


def test_the_station_keeps_working_offline_and_catches_up(
    core: StationCore, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Server stopped: picking goes on, events queue, the worker reports offline; server back
    on the same address: the queue drains and both sides agree."""
    url = fresh_db(request, "sqlite", tmp_path)
    statuses: list[SyncStatus] = []
    seen = threading.Condition()

    def on_status(status: SyncStatus) -> None:
        with seen:
            statuses.append(status)
            seen.notify_all()

    def wait_for(predicate: Any, timeout: float = 30) -> SyncStatus:
        with seen:
            assert seen.wait_for(lambda: statuses and predicate(statuses[-1]), timeout), statuses[
                -3:
            ]
            return statuses[-1]

    with running_server(url) as server:
        token = server.token(station=STATION)
        port = int(server.url.rsplit(":", 1)[1])
        client = SyncClient(server.url, STATION, token, timeout_s=5)
        worker = SyncWorker(
            core.uow,
            lambda: SyncEngine(core.uow, client),
            on_status,
            interval_s=0.1,
            backoff=Backoff(first_s=0.05, factor=2, max_s=0.3),
        )
        worker.start()
        try:
            wait_for(lambda s: s.state is State.ONLINE)
            worker.request_batch()
            deadline = time.monotonic() + 20
            while not _has_server_batch(core) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _has_server_batch(core)
            server.thread.stop()  # the server goes away; the station goes on alone
            _code, steps = pick_whole_batch(core)  # all local: no network involved
            queued = len(steps) + 2  # batch.started, one pick per step, batch.completed
            offline = wait_for(lambda s: s.state is State.OFFLINE and s.queued == queued)
            assert offline.last_error and token not in offline.last_error
            with running_server(url, port=port) as again:
                wait_for(lambda s: s.state is State.ONLINE and s.queued == 0)
                for order, location, sku in steps:
                    status = httpx.get(
                        f"{again.url}/api/v1/orders/{order}",
                        headers={"Authorization": f"Bearer {token}"},
                    ).json()
                    assert status["status"] == "picked"
                    on_server = sum(
                        b["on_hand"]
                        for b in server_stock(again, token, sku)["bins"]
                        if b["location"] == location
                    )
                    assert local_quantity(core, location, sku) == on_server
        finally:
            worker.stop()
    assert not worker.running


def _has_server_batch(core: StationCore) -> bool:
    from app.persistence.models import PickBatch

    with core.uow() as u:
        return bool(
            u.session.scalar(
                select(func.count()).select_from(PickBatch).where(PickBatch.origin == "server")
            )
        )


def test_a_server_that_is_down_raises_unavailable_and_counts_the_attempt(core: StationCore) -> None:
    with core.uow() as u:
        u.add_event("pick.skipped", {"order": "SO-100001", "line_no": 1})
        u.commit()
    client = SyncClient("http://127.0.0.1:9", STATION, "wss_x", timeout_s=2)
    with pytest.raises(ServerUnavailable):
        SyncEngine(core.uow, client).run_once()
    with core.uow() as u:
        row = u.session.scalar(select(OutboxEvent))
        assert row is not None and row.status is OutboxStatus.PENDING and row.attempts == 1
        assert "wss_x" not in (row.last_error or "")
    client.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sigkill_mid_push_loses_nothing_and_applies_nothing_twice(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str
) -> None:
    url = fresh_db(request, backend, tmp_path)
    data = tmp_path / "crash-station"
    data.mkdir()
    with running_server(url) as server:
        token = server.token(station="crash-st")
        shop = server.token("integration", station=None)
        line = httpx.get(
            f"{server.url}/api/v1/orders/SO-100001", headers={"Authorization": f"Bearer {shop}"}
        ).json()["lines"][0]
        sku = line["sku"]
        bin_code = server_stock(server, shop, sku)["bins"][0]["location"]
        # Plenty of stock in that bin, so every pick is a plain delta of one unit.
        r = httpx.post(
            f"{server.url}/api/v1/stock/receipts",
            json={"location": bin_code, "sku": sku, "quantity": 100_000},
            headers={"Authorization": f"Bearer {shop}"},
        )
        assert r.status_code == 201
        before = server_stock(server, shop, sku)
        env = {**os.environ, "WS_TEST_TOKEN": token}
        args = [sys.executable, "-m", "tests.sync_child", str(data), server.url, "SO-100001",
                str(line["line_no"]), sku, bin_code]  # fmt: skip
        rng = random.Random(7)
        kills = 0
        for _ in range(KILLS):
            child = subprocess.Popen(
                [*args, "60"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
            assert child.stdout is not None
            target = rng.randint(3, 50)  # kill after that many events were made
            for raw in child.stdout:
                if raw.strip().isdigit() and int(raw) >= target:
                    break
            time.sleep(rng.uniform(0, 0.03))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                kills += 1
            child.wait(30)
        assert kills >= KILLS - 1  # a child may finish its events before the kill lands
        final = subprocess.run([*args, "0"], cwd=ROOT, env=env, capture_output=True, timeout=120)
        assert final.returncode == 0, final.stderr[-2000:]

        from app.persistence.db import make_engine, sqlite_url

        station_db = make_engine(sqlite_url(data / "station.db"))
        with station_db.connect() as conn:
            made = dict(conn.execute(select(OutboxEvent.key, OutboxEvent.status)).all())
        station_db.dispose()
        assert made and set(made.values()) == {OutboxStatus.SENT}
        from server.models import StationEvent

        with server.factory() as session:
            on_server = dict(
                session.execute(
                    select(StationEvent.key, StationEvent.outcome).where(
                        StationEvent.station_id == "crash-st"
                    )
                ).all()
            )
        assert set(on_server) == set(made)  # nothing lost, nothing invented
        assert {str(v) for v in on_server.values()} == {"applied"}
        after = server_stock(server, shop, sku)
        assert before["on_hand"] - after["on_hand"] == len(made)  # each applied exactly once
        status = httpx.get(
            f"{server.url}/api/v1/orders/SO-100001", headers={"Authorization": f"Bearer {shop}"}
        ).json()
        picked_line = next(ln for ln in status["lines"] if ln["line_no"] == line["line_no"])
        assert picked_line["picked"] == line["picked"] + len(made)


def test_the_embedded_server_never_logs_its_token(
    core: StationCore, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from server.embedded import start_embedded

    caplog.set_level(logging.DEBUG)
    embedded = start_embedded(tmp_path / "emb", STATION)
    try:
        engine = SyncEngine(core.uow, SyncClient(embedded.url, STATION, embedded.token))
        engine.run_once()
        with core.uow() as u:
            assert u.session.get(SyncState, CURSOR_KEY) is not None
        engine.client.close()
    finally:
        embedded.stop()
    assert embedded.token not in caplog.text and embedded.token not in repr(embedded)
    # A second start revokes the first run's token.
    again = start_embedded(tmp_path / "emb", STATION)
    try:
        old = httpx.get(
            f"{again.url}/api/v1/health", headers={"Authorization": f"Bearer {embedded.token}"}
        )
        new = httpx.get(
            f"{again.url}/api/v1/health", headers={"Authorization": f"Bearer {again.token}"}
        )
        assert (old.status_code, new.status_code) == (401, 200)
    finally:
        again.stop()
