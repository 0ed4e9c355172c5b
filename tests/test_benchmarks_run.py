"""Every benchmark still runs, on tiny inputs.

Benchmarks are not run by the test suite for their figures (timing is never asserted), but a
benchmark that no longer runs is found only when someone needs its figures: a schema change
broke the dashboard benchmark's data loader once without any test noticing. So each script
runs here in its own process with the smallest inputs it takes, and must exit 0 and print the
line that carries its result.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_cluster import _bin_dir, _missing

ROOT = Path(__file__).resolve().parent.parent

# script, arguments, a piece of the result line, needs PostgreSQL
RUNS = [
    ("routing.py", ["--quick"], "Median time per route", False),
    ("labels.py", ["--labels", "5"], "ms/label", False),
    ("pack_advice.py", ["--quick", "--sizes", "5,20"], "Carton advice per call", False),
    ("scan_latency.py", ["--scans", "20", "--bauds", "115200", "--warmup", "3"], "p99", False),
    ("startup.py", ["--runs", "1"], "login screen painted", False),
    ("sync_drain.py", ["--events", "200", "--repeat", "1"], "drain of 200 events", True),
    ("server_load.py", ["--stations", "3", "--seconds", "2"], "3 stations", True),
    ("dashboard.py", ["--picks", "3000", "--orders", "300", "--runs", "1"], "→ painted", True),
]


@pytest.mark.slow
@pytest.mark.parametrize(("script", "args", "expect", "needs_pg"), RUNS, ids=[r[0] for r in RUNS])
def test_benchmark_runs(script: str, args: list[str], expect: str, needs_pg: bool) -> None:
    if needs_pg and _bin_dir() is None:
        _missing("no PostgreSQL binaries found (initdb)")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert expect in run.stdout, run.stdout[-3000:]
