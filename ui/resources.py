"""Where the station's bundled files live (fonts, sounds, translations).

Resolved from this file, not the working directory, so ``python /path/to/main.py`` works from
anywhere.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"
SOUNDS_DIR = RESOURCES / "sounds"
I18N_DIR = RESOURCES / "i18n"
