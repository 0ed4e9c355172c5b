"""The layers of DESIGN.md §3, checked on every run (the Makefile also runs lint-imports)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("package", ["app", "server"])
def test_core_never_imports_qt(package: str) -> None:
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"} for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_importing_the_core_loads_no_qt() -> None:
    code = (
        "import sys, app.bootstrap, app.config, app.demo.site, app.persistence.models;"
        "print([m for m in sys.modules if m.startswith('PySide6')])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_migrations_match_the_models(tmp_path: Path) -> None:
    from app.persistence import schema
    from app.persistence.db import make_engine, sqlite_url

    engine = make_engine(sqlite_url(tmp_path / "check.db"))
    schema.check(engine)  # raises when a model changed without a migration


def test_station_database_is_durable(tmp_path: Path) -> None:
    from app.persistence.db import make_engine, sqlite_url

    engine = make_engine(sqlite_url(tmp_path / "d.db"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
