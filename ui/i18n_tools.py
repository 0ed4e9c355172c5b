"""``python -m ui.i18n_tools``: refresh every translation source from the code, then compile.

One translation source per UI area: ``ui/<area>/`` -> ``resources/i18n/<area>_zh_CN.ts``; the
shell's area is ``ui/*.py`` plus ``ui/login/``. ``pyside6-lupdate`` merges new strings into the
existing ``.ts`` (translations already made are kept; strings gone from the code are dropped),
then ``pyside6-lrelease`` compiles each ``.ts`` to the ``.qm`` the station loads. Translate
with Qt Linguist (``pyside6-linguist resources/i18n/<area>_zh_CN.ts``) or any editor, then run
this again. ``python -m ui.i18n_tools pick`` refreshes one area only. ``--check`` changes
nothing and exits 1 when a string is untranslated or a ``.qm`` is stale (the test suite runs
the same check).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ui.resources import I18N_DIR, ROOT

UI_DIR = ROOT / "ui"
LANGUAGES = ("zh_CN",)
SHELL = "shell"
SHELL_FOLDERS = ("login",)  # sub-folders of ui/ that belong to the shell's area


def tool(name: str) -> str:
    """A Qt tool from the venv that runs this Python, else from PATH."""
    local = Path(sys.executable).with_name(name)
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 into this environment")
    return found


def areas() -> dict[str, list[Path]]:
    """Area name -> its Python source files (only areas that have any)."""
    result: dict[str, list[Path]] = {SHELL: sorted(UI_DIR.glob("*.py"))}
    for folder in sorted(
        p for p in UI_DIR.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    ):
        files = sorted(folder.rglob("*.py"))
        if folder.name in SHELL_FOLDERS:
            result[SHELL] += files
        elif files:
            result[folder.name] = files
    return result


def ts_path(area: str, language: str) -> Path:
    return I18N_DIR / f"{area}_{language}.ts"


def lupdate(files: list[Path], ts: Path, language: str) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *[str(f) for f in files],
            "-source-language",
            "en",
            "-target-language",
            language,
            "-locations",
            "none",  # no line numbers: a moved line must not change the file
            "-no-obsolete",
            "-silent",
            "-ts",
            str(ts),
        ],
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
    )


@dataclass(frozen=True)
class Untranslated:
    file: str
    context: str
    source: str


def untranslated(ts: Path) -> list[Untranslated]:
    """Messages with no finished translation (vanished and obsolete ones do not count)."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            forms = [] if translation is None else translation.findall("numerusform")
            empty = translation is None or (
                not (translation.text or "").strip()
                and not any((f.text or "").strip() for f in forms)
            )
            if kind == "unfinished" or empty:
                found.append(Untranslated(ts.name, name, message.findtext("source", "")))
    return found


def update(only: list[str]) -> int:
    known = areas()
    for name in only:
        if name not in known:
            raise SystemExit(f"no UI area {name!r}; areas: {', '.join(known)}")
    for area, files in known.items():
        if only and area not in only:
            continue
        for language in LANGUAGES:
            ts = ts_path(area, language)
            existed = ts.exists()
            lupdate(files, ts, language)
            if not existed and not _messages(ts):  # an area with nothing to translate yet
                ts.unlink()
                continue
            lrelease(ts, ts.with_suffix(".qm"))
            missing = untranslated(ts)
            state = f"{len(missing)} untranslated" if missing else "complete"
            print(f"{ts.relative_to(ROOT)}: {state}")
    return 0


def problems() -> list[str]:
    """Everything that is not finished: run against temporary copies, so nothing changes."""
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for area, files in areas().items():
            for language in LANGUAGES:
                ts = ts_path(area, language)
                fresh = Path(tmp) / ts.name
                if ts.exists():
                    shutil.copy(ts, fresh)
                lupdate(files, fresh, language)
                found += [
                    f"{m.file}: untranslated [{m.context}] {m.source!r}"
                    for m in untranslated(fresh)
                ]
                if not ts.exists():
                    if _messages(fresh):
                        found.append(f"{ts.name}: missing (run python -m ui.i18n_tools)")
                    continue
                if _messages(fresh) != _messages(ts):
                    found.append(
                        f"{ts.name}: out of date with the code (run python -m ui.i18n_tools)"
                    )
                qm = ts.with_suffix(".qm")
                compiled = Path(tmp) / qm.name
                lrelease(ts, compiled)
                if not qm.exists():
                    found.append(f"{qm.name}: missing (run python -m ui.i18n_tools)")
                elif qm.read_bytes() != compiled.read_bytes():
                    found.append(f"{qm.name}: stale, not compiled from {ts.name}")
    return found


def _messages(ts: Path) -> set[tuple[str, str, str]]:
    return {
        (c.findtext("name", ""), m.findtext("source", ""), m.findtext("translation", ""))
        for c in ET.parse(ts).getroot().iter("context")
        for m in c.iter("message")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.i18n_tools", description=__doc__)
    parser.add_argument("--check", action="store_true", help="report problems, change nothing")
    parser.add_argument("areas", nargs="*", help="only these areas (default: all), e.g. shell pick")
    args = parser.parse_args(argv)
    if not args.check:
        return update(args.areas)
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
