"""The one label font: WenQuanYi Micro Hei, a TrueType CJK font that ReportLab embeds.

ReportLab's CID font STSong-Light is never embedded (a printer without it prints nothing) and
ReportLab does not fall back per character, so every string on the label, Latin or Chinese,
uses this font (DESIGN.md §5).

ReportLab embeds a fresh subset of the font in every PDF, which is most of the cost of saving
a label. Two settings keep that subset small and cheap to build, see :func:`_load`.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Not the badge cards' "WQYMicroHei": the label font is set up differently (_load) and must
# not depend on which of the two modules registered its font first in a process.
FONT = "WQYMicroHei-Label"
FONT_PATH = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
_lock = threading.Lock()


def _load() -> TTFont:
    """Parse the .ttc once per process (~0.1 s) and set it up for many small documents.

    ``asciiReadable=False``: by default ReportLab puts all 96 printable ASCII characters in
    every subset so that the page's text is readable ASCII; a label uses about half of them,
    so the subset (glyphs, widths, ToUnicode map) is about half the size without them. Text
    still extracts and searches through the ToUnicode map.

    Table cache: each subset copies the font tables it needs out of the 5 MB file, including
    all of ``glyf`` (3.5 MB) and ``post`` (0.5 MB), about 0.15 ms per label. The file never
    changes, so each table is copied once.
    """
    font = TTFont(FONT, str(FONT_PATH), subfontIndex=0, asciiReadable=False)
    font.face.get_table = functools.cache(font.face.get_table)
    return font


def label_font() -> str:
    """Register the font once per process and name it."""
    with _lock:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(_load())
    return FONT


def fit_text(text: str, width_pt: float, size: float, minimum: float = 5.0) -> tuple[float, float]:
    """The largest font size up to ``size`` at which ``text`` fits ``width_pt``, and the
    text's width at that size (for aligning it without measuring it again)."""
    width = pdfmetrics.stringWidth(text, label_font(), size)
    if width <= width_pt:
        return size, width
    fitted = max(minimum, size * width_pt / width)
    return fitted, width * fitted / size
