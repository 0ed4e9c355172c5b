"""How long a station needs to drain 10,000 queued events to the server after an outage.

    .venv/bin/python benchmarks/sync_drain.py [--events 10000] [--skip-sqlite]

The server runs as its own process (``main.py server``) on 127.0.0.1, on a throwaway
PostgreSQL cluster; the station is a real station database (SQLite WAL, synchronous=FULL)
whose outbox holds realistic floor events — picks, pack scans, cartons closed, labels printed
for released orders — and drains it with :class:`app.sync.engine.SyncEngine` exactly as the
sync worker does (batches of 500, in order, each marked sent locally).

Target (DESIGN.md §6): 10,000 events ≤ 5 s. Baselines measured in the same run: the same drain
to a SQLite-backed server, and one event per request (on a sample, extrapolated).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support.sync_site import (
    FloorEvent,
    ServerProcess,
    build_site,
    floor_events,
    make_token,
    remove,
    start_postgres,
    station_with_outbox,
    temp_dir,
)

TARGET_S = 5.0


def run(
    db_url: str, events: list[FloorEvent], folder: Path, *, batch: int, station: str
) -> tuple[float, int, int]:
    from app.sync.client import SyncClient
    from app.sync.engine import SyncEngine

    token = make_token(db_url, "station", station)
    server = ServerProcess(db_url, token)
    core = station_with_outbox(folder / station, station, events)
    try:
        client = SyncClient(server.base, station, token, timeout_s=120)
        engine = SyncEngine(core.uow, client, push_batch=batch)
        start = time.perf_counter()
        sent, rejected = engine.push_pending()
        took = time.perf_counter() - start
        client.close()
    finally:
        core.close()
        server.stop()
    return took, sent, rejected


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="drains to PostgreSQL (median)")
    args = parser.parse_args(argv)
    n = args.events
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    folder = temp_dir()
    cluster = start_postgres()
    if cluster is None:
        print("skipped: no PostgreSQL binaries (Debian package postgresql)")
        return 0
    try:
        print(f"setting up: demo site + {n // 8 + 300} more orders on PostgreSQL ...", flush=True)
        template = cluster.create_database(name="bench_template")
        build_site(cluster.url(template), extra_orders=n // 8 + 300)
        events = floor_events(cluster.url(template), n)
        if len(events) < n:
            print(f"only {len(events)} events could be made; draining those")
        n = len(events)
        kinds: dict[str, int] = {}
        for e in events:
            kinds[e.type] = kinds.get(e.type, 0) + 1
        print("events: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))

        runs = []
        for r in range(args.repeat):
            pg_url = cluster.url(cluster.create_database(template=template))
            took, sent, rejected = run(pg_url, events, folder, batch=500, station=f"bench-pg{r}")
            runs.append(took)
            print(f"PostgreSQL server, batches of 500, run {r + 1}: {sent} events in {took:.2f} s "
                  f"= {sent / took:,.0f} events/s ({rejected} rejected)", flush=True)  # fmt: skip
        took = statistics.median(runs)
        rate = n / took

        sample = min(300, n)
        one_url = cluster.url(cluster.create_database(template=template))
        one_took, one_sent, _ = run(one_url, events[:sample], folder, batch=1, station="bench-one")
        one_rate = one_sent / one_took
        print(f"PostgreSQL server, one event per request: {one_sent} events in {one_took:.2f} s "
              f"= {one_rate:,.0f} events/s (→ {n / one_rate:.1f} s for {n})")  # fmt: skip

        lite_rate = None
        if not args.skip_sqlite:
            from app.persistence.db import sqlite_url

            lite_db = folder / "server.db"
            # The same deterministic site and orders, built again on SQLite.
            build_site(sqlite_url(lite_db), extra_orders=n // 8 + 300)
            lite_events = floor_events(sqlite_url(lite_db), n)
            l_took, l_sent, _ = run(sqlite_url(lite_db), lite_events, folder, batch=500,
                                    station="bench-lite")  # fmt: skip
            lite_rate = l_sent / l_took
            print(f"SQLite server, batches of 500: {l_sent} events in {l_took:.2f} s "
                  f"= {lite_rate:,.0f} events/s")  # fmt: skip

        print()
        verdict = "MET" if took <= TARGET_S * n / 10_000 else "MISSED"
        print(f"drain of {n} events to PostgreSQL: median {took:.2f} s, best {min(runs):.2f} s "
              f"of {len(runs)}; target ≤ {TARGET_S:.0f} s per 10,000: {verdict}")  # fmt: skip
        print(f"(load average when it started: {load_before}; the machine is shared)")
        print(f"ratio batched / one-per-request: {rate / one_rate:.1f}x faster")
        if lite_rate:
            print(f"ratio PostgreSQL / SQLite server: {rate / lite_rate:.2f}")
    finally:
        cluster.stop()
        remove(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
