"""Run every benchmark script in this folder, one after the other, and show what each prints.

    .venv/bin/python benchmarks/run_all.py [NAME ...]

``make benchmarks`` calls this. Each ``benchmarks/*.py`` (but this one) runs in its own
process with its default arguments; a failing script is reported and the others still run.
The exit status is 1 when any script failed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts(names: list[str]) -> list[Path]:
    found = sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)
    if names:
        found = [p for p in found if p.stem in names]
    return found


def main(argv: list[str]) -> int:
    failed = []
    for script in scripts(argv):
        print(f"=== {script.name} ===", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        took = time.perf_counter() - start
        status = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
        print(f"--- {script.name}: {status} in {took:.1f} s\n", flush=True)
        if result.returncode != 0:
            failed.append(script.name)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
