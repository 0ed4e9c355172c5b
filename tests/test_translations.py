"""Every UI area's Chinese translation is complete, compiled, and in step with the code.

Runs the same check as ``python -m ui.i18n_tools --check``, per area, on temporary copies.
A new area (a folder under ``ui/``) fails until its ``.ts`` exists
(``python -m ui.i18n_tools <area>`` creates it) and every string in it is translated.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ui import i18n_tools as tools

AREAS = tools.areas()


@pytest.mark.parametrize("area", sorted(AREAS))
@pytest.mark.parametrize("language", tools.LANGUAGES)
def test_area_is_translated_and_compiled(area: str, language: str, tmp_path: Path) -> None:
    ts = tools.ts_path(area, language)
    # Every UI area ships Chinese: a new area without its .ts is unfinished work, not a skip.
    assert ts.exists(), f"{ts.name} missing: run python -m ui.i18n_tools {area}, translate it"
    fresh = tmp_path / ts.name
    shutil.copy(ts, fresh)
    tools.lupdate(AREAS[area], fresh, language)
    todo = tools.untranslated(fresh)
    assert [f"[{m.context}] {m.source}" for m in todo] == [], f"untranslated in {ts.name}"
    assert tools.untranslated(ts) == []
    assert tools._messages(fresh) == tools._messages(ts), (
        f"{ts.name} is out of date with the code: run python -m ui.i18n_tools {area}"
    )
    qm = ts.with_suffix(".qm")
    assert qm.exists(), f"{qm.name} missing: run python -m ui.i18n_tools {area}"
    compiled = tmp_path / qm.name
    tools.lrelease(ts, compiled)
    assert qm.read_bytes() == compiled.read_bytes(), f"{qm.name} is stale: run the tool"


def test_the_check_finds_an_unfinished_translation(tmp_path: Path) -> None:
    ts = tmp_path / "demo_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="zh_CN"><context><name>X</name>'
        "<message><source>Done</source><translation>完成</translation></message>"
        '<message><source>Todo</source><translation type="unfinished"></translation></message>'
        '<message><source>Gone</source><translation type="vanished">旧</translation></message>'
        "<message><source>Empty</source><translation></translation></message>"
        "</context></TS>\n",
        encoding="utf-8",
    )
    assert [m.source for m in tools.untranslated(ts)] == ["Todo", "Empty"]


def test_shell_area_takes_the_top_level_and_the_login_folder() -> None:
    names = {p.relative_to(tools.UI_DIR).as_posix() for p in AREAS["shell"]}
    assert {"main_window.py", "login/login_screen.py"} <= names
    assert not any(n.startswith(("admin/", "pick/")) for n in names)
