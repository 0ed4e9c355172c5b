"""The one label font: WenQuanYi Micro Hei, a TrueType CJK font that ReportLab embeds.

ReportLab's CID font STSong-Light is never embedded (a printer without it prints nothing) and
ReportLab does not fall back per character, so every string on the label, Latin or Chinese,
uses this font (DESIGN.md §5).
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "WQYMicroHei"  # same name as the badge cards: one registration serves both
FONT_PATH = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
_lock = threading.Lock()


def label_font() -> str:
    """Register the font once per process (parsing the .ttc takes a while) and name it."""
    with _lock:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH), subfontIndex=0))
    return FONT


def fit_size(text: str, width_pt: float, size: float, minimum: float = 5.0) -> float:
    """The largest font size up to ``size`` at which ``text`` fits ``width_pt``."""
    width = pdfmetrics.stringWidth(text, label_font(), size)
    if width <= width_pt:
        return size
    return max(minimum, size * width_pt / width)
