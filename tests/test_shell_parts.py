"""Shell parts on their own: sounds, banner, language choice, the real `main.py run` process,
and what the start-up path imports."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from ui.resources import ROOT, SOUNDS_DIR

pytestmark = pytest.mark.usefixtures("qapp")


def test_the_two_cues_are_distinct_short_wav_files() -> None:
    lengths = {}
    for cue in ("success", "error"):
        with wave.open(str(SOUNDS_DIR / f"{cue}.wav")) as w:
            assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
            lengths[cue] = w.getnframes() / w.getframerate()
    assert 0.05 < lengths["success"] < 0.3  # a blip, not a tune
    assert lengths["error"] > 2 * lengths["success"]  # the double buzz is clearly longer


def test_sound_player_never_fails_without_an_audio_device(qtbot: Any) -> None:
    from ui.sounds import SoundPlayer

    player = SoundPlayer(enabled=True, volume=0.5)
    with qtbot.waitSignal(player.played) as played:
        player.play("error")  # this machine has no sound card: silent, but no exception
    assert played.args[0] == "error"
    with pytest.raises(ValueError):
        player.play("fanfare")


def test_sounds_are_silent_when_qtmultimedia_cannot_load(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulates a station without libpulse0 (import of QtMultimedia fails) by blocking the
    import; the real library is present here, so this is the only way to reach that path."""
    from ui.sounds import SoundPlayer

    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import -> ImportError
    player = SoundPlayer(enabled=True, volume=0.5)
    with qtbot.waitSignal(player.played) as played:
        player.play("error")
    assert played.args == ["error", False]


def test_muted_player_still_reports_the_cue(qtbot: Any) -> None:
    from ui.sounds import SoundPlayer

    player = SoundPlayer(enabled=False, volume=0.5)
    with qtbot.waitSignal(player.played) as played:
        player.play("success")
    assert played.args == ["success", False]
    assert "PySide6.QtMultimedia" not in sys.modules or player._effects == {}


def test_banner_carries_a_word_and_a_symbol_not_only_a_colour(qtbot: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from ui.banner import FeedbackBanner

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1000, 600)
    banner = FeedbackBanner(parent)
    banner.show_fail("Wrong bin: scan A-01-02-1-1")
    assert (banner.symbol.text(), banner.word.text()) == ("✖", "ERROR")
    assert banner.text.text() == "Wrong bin: scan A-01-02-1-1"
    assert banner.width() == 1000 and banner.height() >= 120
    transparent = Qt.WidgetAttribute.WA_TransparentForMouseEvents
    assert not banner.testAttribute(transparent)  # an error is tapped away
    banner.mousePressEvent(_press())
    assert banner.kind == "" and not banner.isVisible()
    banner.show_ok("")
    assert (banner.symbol.text(), banner.word.text(), banner.kind) == ("✔", "OK", "ok")
    assert banner.testAttribute(transparent)  # success lets the next tap through


def _press() -> Any:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    return QMouseEvent(
        QMouseEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


@pytest.mark.parametrize(
    ("configured", "system", "expected"),
    [
        ("zh_CN", "en_US", "zh_CN"),
        ("en", "zh_CN", "en"),
        ("", "zh_CN", "zh_CN"),
        ("", "zh_TW", "zh_CN"),
        ("", "de_DE", "en"),
        ("", "C", "en"),
    ],
)
def test_language_from_config_else_locale(configured: str, system: str, expected: str) -> None:
    from ui.i18n import choose_language

    assert choose_language(configured, system) == expected


def test_translations_switch_and_clear(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.i18n import Translations

    translations = Translations(qapp)
    loaded = translations.use("zh_CN")
    assert "shell_zh_CN.qm" in loaded and "qtbase_zh_CN.qm" in loaded
    assert QCoreApplication.translate("Tabs", "Pick") == "拣货"
    translations.clear()
    assert QCoreApplication.translate("Tabs", "Pick") == "Pick"


def test_bundled_font_has_every_glyph_we_show(qapp: Any) -> None:
    """Symbols of the theme and every character of every shipped translation.

    Without font merging, so a glyph that only a system font has (and a bare station lacks)
    counts as missing.
    """
    import xml.etree.ElementTree as ET

    from PySide6.QtGui import QFont, QFontMetrics

    from ui import theme
    from ui.resources import I18N_DIR

    font = QFont(theme.load_fonts())
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    metrics = QFontMetrics(font)
    text = "".join(getattr(theme, n) for n in dir(theme) if n.startswith("SYMBOL_"))
    for ts in I18N_DIR.glob("*.ts"):
        text += "".join(t.text or "" for t in ET.parse(ts).getroot().iter("translation"))
    missing = sorted({ch for ch in text if ch.strip() and not metrics.inFontUcs4(ord(ch))})
    assert missing == []


# --- the real process ----------------------------------------------------------------------


def _run_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        WS_CONFIG=str(tmp_path / "station.toml"),
        WS_DATA_DIR=str(tmp_path / "data"),
    )
    return env


@pytest.fixture
def ready_data(tmp_path: Path, demo_db_template: Path) -> Path:
    """A data folder holding the demo database, so the process does not build it again."""
    import shutil

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(demo_db_template, data / "station.db")
    return data


@pytest.mark.usefixtures("ready_data")
def test_main_run_opens_the_window_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "main.py", "run"],
        cwd=ROOT,
        env=_run_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        seen = []
        for line in proc.stderr:
            seen.append(line)
            if "station ready" in line:
                break
        else:
            pytest.fail("the station never said it was ready:\n" + "".join(seen))
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=30)
        rest = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert rc == 0, rest
    assert "Traceback" not in "".join(seen) + rest


@pytest.mark.usefixtures("ready_data")
def test_start_up_path_keeps_heavy_modules_out(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "main.py", "run", "--exit-after-paint"],
        cwd=ROOT,
        env=_run_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    import json

    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["heavy_loaded"] == []


def test_config_error_names_the_key_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "station.toml").write_text("idle_logout_seconds = -1\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "main.py", "run"],
        cwd=ROOT,
        env=_run_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2
    assert "idle_logout_seconds" in out.stderr


def test_schema_fast_path_knows_a_current_database(tmp_path: Path) -> None:
    from app.persistence import schema
    from app.persistence.db import make_engine, sqlite_url

    engine = make_engine(sqlite_url(tmp_path / "s.db"))
    assert not schema.is_current(engine)
    schema.upgrade(engine)
    assert schema.head_revision() is not None
    assert schema.is_current(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'older'")
    assert not schema.is_current(engine)
    engine.dispose()


@pytest.mark.parametrize("role", ["primary", "danger", "keyPrimary"])
def test_a_disabled_coloured_button_looks_disabled(qtbot: Any, role: str) -> None:
    """A blue or red button that cannot be tapped must not look tappable (grey, like the
    others), e.g. Pack's 'Close carton' with nothing packed."""
    from PySide6.QtWidgets import QPushButton

    from ui import theme
    from ui.station import make_app

    make_app()
    button = QPushButton("Close carton")
    qtbot.addWidget(button)
    theme.set_role(button, role)
    button.resize(300, 100)
    button.show()

    def centre_colour() -> tuple[int, int, int]:
        image = button.grab().toImage()
        colour = image.pixelColor(10, image.height() // 2)
        return colour.red(), colour.green(), colour.blue()

    enabled = centre_colour()
    button.setEnabled(False)
    disabled = centre_colour()
    assert disabled != enabled
    assert max(disabled) - min(disabled) < 20  # grey, not the role's colour
