"""Cold start of the station: process start to the login screen painted (offscreen Qt).

    .venv/bin/python benchmarks/startup.py [--runs N]

Each run is a fresh ``python main.py run --exit-after-paint`` process on a ready demo database
(the first start, which builds the demo site, is not what a picker waits for every morning).
The time is taken by this script from spawning the process to reading the line the station
prints once the login screen has painted, so it includes the interpreter's own start.

Printed next to baselines measured in the same run — a bare interpreter, and an interpreter
that only imports QtWidgets and shows an empty window — because the machine is shared and
ratios travel better than milliseconds. One extra run with ``-X importtime`` gives the share
of the start spent importing, and the biggest imports. Target (DESIGN.md §6): ≤ 1 s.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_S = 1.0

EMPTY_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "from PySide6.QtCore import QTimer\n"
    "app = QApplication([]); w = QWidget(); w.resize(1280, 800); w.show()\n"
    "QTimer.singleShot(0, lambda: (print('painted', flush=True), app.quit()))\n"
    "app.exec()\n"
)


def _env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        WS_CONFIG=str(folder / "station.toml"),
        WS_DATA_DIR=str(folder / "data"),
    )
    return env


def _timed(cmd: list[str], env: dict[str, str], marker: str) -> tuple[float, str, str]:
    """Seconds from spawn to the first stdout line containing ``marker``; that line; stderr."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    line = ""
    elapsed = float("nan")
    for raw in proc.stdout:
        if marker in raw:
            elapsed = time.perf_counter() - start
            line = raw.strip()
            break
    _, err = proc.communicate(timeout=120)
    if proc.returncode != 0 or not line:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return elapsed, line, err


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _import_profile(stderr: str) -> tuple[float, list[tuple[float, str]]]:
    """Total import time (top-level imports only) and the biggest top-level imports."""
    top: list[tuple[float, str]] = []
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S.*)$", line)
        if m and not m.group(2).startswith(" "):
            top.append((int(m.group(1)) / 1e6, m.group(2).strip()))
    return sum(t for t, _ in top), sorted(top, reverse=True)[:8]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = _env(folder)
        subprocess.run(
            [py, "main.py", "demo-data"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        station: list[float] = []
        inside: list[float] = []
        bare: list[float] = []
        empty: list[float] = []
        report: dict[str, object] = {}
        for _ in range(args.runs):  # interleaved, so load on the machine hits all alike
            t, _line, _ = _timed([py, "-c", "print('up', flush=True)"], env, "up")
            bare.append(t)
            t, _line, _ = _timed([py, "-c", EMPTY_WINDOW], env, "painted")
            empty.append(t)
            t, line, _ = _timed([py, "main.py", "run", "--exit-after-paint"], env, "painted_s")
            station.append(t)
            report = json.loads(line)
            inside.append(float(str(report["painted_s"])))
        t_prof, _line, err = _timed(
            [py, "-X", "importtime", "main.py", "run", "--exit-after-paint"], env, "painted_s"
        )
    imports_s, biggest = _import_profile(err)
    s, e, b = _median(station), _median(empty), _median(bare)
    ms = 1000
    lines = [
        f"station start-up: process start -> login screen painted, {args.runs} runs",
        f"  median {s * ms:7.0f} ms   (min {min(station) * ms:.0f}, max {max(station) * ms:.0f})",
        f"  inside the process, from loading the run command: {_median(inside) * ms:.0f} ms",
        f"  baseline: bare interpreter {b * ms:.0f} ms; empty Qt window {e * ms:.0f} ms",
        f"  ratio to the empty Qt window: {s / e:.2f}x; beyond it: {(s - e) * ms:.0f} ms",
        f"  importing: {imports_s * ms:.0f} ms of {t_prof * ms:.0f} ms in an -X importtime run"
        f" ({imports_s / t_prof:.0%}; importtime itself slows imports). Biggest:",
        *[f"    {seconds * ms:6.0f} ms  {name}" for seconds, name in biggest],
        f"  modules loaded at paint: {report.get('modules')};"
        f" heavy ones (server, ReportLab, Alembic, biip, audio): {report.get('heavy_loaded')}",
        f"  target <= {TARGET_S * ms:.0f} ms: {'within' if s <= TARGET_S else 'OVER'}"
        f" ({s / TARGET_S:.0%} of the budget)",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
