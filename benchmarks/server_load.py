"""Server latency with 50 stations pushing and pulling at once (p50 / p95 / p99).

    .venv/bin/python benchmarks/server_load.py [--stations 50] [--seconds 20] [--think 0.5]

Two server processes (``main.py server``, as behind a load balancer) on one throwaway
PostgreSQL, on 127.0.0.1. Each simulated station first takes the whole change feed (not
timed), claims a pick batch, then loops: push its next few pick confirmations (or, between
batches, a heartbeat event), pull changes since its cursor, wait ``think`` seconds. Every
request's latency is recorded. Baseline in the same run: one station alone, same loop.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support.sync_site import ServerProcess, build_site, make_token, start_postgres


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Station:
    def __init__(self, name: str, token: str, base: str) -> None:
        self.name = name
        self.http = httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
        )
        self.cursor = "0"
        self.tasks: list[dict[str, Any]] = []
        self.batch = ""
        self.push_ms: list[float] = []
        self.pull_ms: list[float] = []
        self.errors = 0

    async def pull(self, timed: bool) -> None:
        while True:
            start = time.perf_counter()
            r = await self.http.get(
                f"/api/v1/stations/{self.name}/changes", params={"since": self.cursor}
            )
            if timed:
                self.pull_ms.append((time.perf_counter() - start) * 1000)
            if r.status_code != 200:
                self.errors += 1
                return
            page = r.json()
            self.cursor = page["cursor"]
            if not page["has_more"] or timed:
                return

    async def claim(self) -> None:
        r = await self.http.post(f"/api/v1/stations/{self.name}/batches/claim")
        batch = r.json().get("batch") if r.status_code == 200 else None
        self.tasks = list(batch["tasks"]) if batch else []
        self.batch = batch["code"] if batch else ""

    def next_events(self) -> list[dict[str, Any]]:
        take, self.tasks = self.tasks[:3], self.tasks[3:]
        if not take:
            return [{"key": str(uuid.uuid4()), "type": "station.heartbeat", "payload": {}}]
        return [
            {
                "key": str(uuid.uuid4()),
                "type": "pick.confirmed",
                "payload": {
                    "order": t["order"],
                    "line_no": t["line_no"],
                    "sku": t["sku"],
                    "location": t["location"],
                    "quantity": t["quantity"],
                    "lot": t["lot"],
                    "batch": self.batch,
                    "sequence": t["sequence"],
                },
            }
            for t in take
        ]

    async def loop(self, until: float, think: float) -> None:
        while time.perf_counter() < until:
            if not self.tasks and self.batch:
                await self.claim()
            start = time.perf_counter()
            r = await self.http.post(
                f"/api/v1/stations/{self.name}/events", json={"events": self.next_events()}
            )
            self.push_ms.append((time.perf_counter() - start) * 1000)
            if r.status_code != 200:
                self.errors += 1
            await self.pull(timed=True)
            await asyncio.sleep(think)


async def run(stations: list[Station], seconds: float, think: float) -> None:
    await asyncio.gather(*(s.pull(timed=False) for s in stations))  # the first, full pull
    await asyncio.gather(*(s.claim() for s in stations))
    until = time.perf_counter() + seconds
    await asyncio.gather(*(s.loop(until, think) for s in stations))
    await asyncio.gather(*(s.http.aclose() for s in stations))


def report(label: str, stations: list[Station], seconds: float) -> tuple[float, float]:
    push = [x for s in stations for x in s.push_ms]
    pull = [x for s in stations for x in s.pull_ms]
    errors = sum(s.errors for s in stations)
    both = push + pull
    print(
        f"{label}: {len(push)} pushes, {len(pull)} pulls in {seconds:.0f} s "
        f"({len(both) / seconds:.0f} requests/s), {errors} errors"
    )
    for name, values in (("push", push), ("pull", pull), ("all ", both)):
        print(
            f"  {name} p50 {pct(values, 50):7.1f} ms   p95 {pct(values, 95):7.1f} ms   "
            f"p99 {pct(values, 99):7.1f} ms   mean {statistics.fmean(values):7.1f} ms"
        )
    return pct(both, 50), pct(both, 99)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--think", type=float, default=2.0, help="seconds between rounds (the sync interval)"
    )
    args = parser.parse_args(argv)
    print("load average at start: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    cluster = start_postgres()
    if cluster is None:
        print("skipped: no PostgreSQL binaries (Debian package postgresql)")
        return 0
    servers: list[ServerProcess] = []
    try:
        print(f"setting up: demo site + {args.stations * 12} more orders ...", flush=True)
        template = cluster.create_database(name="load_template")
        build_site(cluster.url(template), extra_orders=args.stations * 12)
        url = cluster.url(cluster.create_database(template=template))
        tokens = {f"ld-{i}": make_token(url, "station", f"ld-{i}") for i in range(args.stations)}
        tokens["solo"] = make_token(url, "station", "solo")
        servers = [ServerProcess(url, tokens["solo"]), ServerProcess(url, tokens["solo"])]

        solo = [Station("solo", tokens["solo"], servers[0].base)]
        asyncio.run(run(solo, min(args.seconds, 10), args.think))
        base50, base99 = report("baseline, 1 station", solo, min(args.seconds, 10))

        crowd = [
            Station(name, tokens[name], servers[i % 2].base)
            for i, name in enumerate(n for n in tokens if n != "solo")
        ]
        asyncio.run(run(crowd, args.seconds, args.think))
        p50, p99 = report(f"{args.stations} stations, 2 server processes", crowd, args.seconds)
        print(f"ratio to the lone station: p50 {p50 / base50:.1f}x, p99 {p99 / base99:.1f}x")
    finally:
        for s in servers:
            s.stop()
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
