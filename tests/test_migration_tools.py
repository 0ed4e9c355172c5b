"""The Alembic developer tools both schema trees share (app/persistence/migration_tools.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.persistence import migration_tools


def test_regenerate_initial_rewrites_the_one_migration(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "abc_initial.py").write_text("revision = 'abc'\n")
    calls: list[tuple[str, str]] = []

    def revision(message: str, scratch: Path) -> None:
        assert not any(versions.glob("*.py"))  # the old one is gone before the new is written
        calls.append((message, scratch.name))

    migration_tools.regenerate_initial(tmp_path, revision, "initial test schema")
    assert calls == [("initial test schema", "scratch.db")]


def test_regenerate_initial_refuses_after_a_second_migration(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    for name in ("a_initial.py", "b_add_x.py"):
        (versions / name).write_text("")
    with pytest.raises(SystemExit, match="add a revision instead"):
        migration_tools.regenerate_initial(tmp_path, lambda _m, _p: None, "initial")
    assert len(list(versions.glob("*.py"))) == 2  # nothing deleted


def test_developer_command_line(tmp_path: Path) -> None:
    made: list[str] = []
    regenerated: list[bool] = []

    def revision(message: str, scratch: Path) -> None:
        made.append(message)

    args = ("station schema migrations", revision, lambda: regenerated.append(True))
    assert migration_tools.developer_main(*args, ["revision", "-m", "add x"]) == 0
    assert migration_tools.developer_main(*args, ["revision"]) == 0
    assert migration_tools.developer_main(*args, ["regenerate-initial"]) == 0
    assert made == ["add x", "schema change"] and regenerated == [True]


def test_the_config_points_at_the_tree(tmp_path: Path) -> None:
    cfg = migration_tools.alembic_config(tmp_path, connection="conn")
    assert cfg.get_main_option("script_location") == str(tmp_path)
    assert cfg.attributes["connection"] == "conn"
