"""Badge cards as a PDF: one ID-1 card (85.6 x 54 mm) per user, ten to an A4 sheet.

Each card carries the user's name (Latin or Chinese), role and the badge code as Code 128
with the human-readable code beneath. The bars are a whole number of 0.25 mm modules and the
quiet zones are set explicitly (ReportLab's default 0.25 in quiet zone does not fit a card),
so any scanner at the station reads them. Names use the bundled WenQuanYi Micro Hei TrueType
font, embedded in the PDF, because ReportLab's CID fonts are not embedded (DESIGN.md §5).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

CARD_W = 85.6 * mm
CARD_H = 54.0 * mm
MODULE = 0.33 * mm  # narrow bar: readable by handheld and fixed scanners
QUIET = 10 * MODULE  # Code 128 needs at least ten modules of quiet zone
FONT = "WQYMicroHei"
FONT_PATH = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"


@dataclass(frozen=True)
class BadgeCard:
    name: str
    badge_code: str
    role: str


def _register_font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH), subfontIndex=0))
    return FONT


def _draw_card(canvas: Canvas, card: BadgeCard, x: float, y: float, site_name: str) -> None:
    font = _register_font()
    canvas.setLineWidth(0.3)
    canvas.setStrokeGray(0.6)
    canvas.roundRect(x, y, CARD_W, CARD_H, 3 * mm)  # cutting guide
    canvas.setFillGray(0)
    canvas.setFont(font, 8)
    canvas.drawString(x + 5 * mm, y + CARD_H - 7 * mm, site_name)
    canvas.drawRightString(x + CARD_W - 5 * mm, y + CARD_H - 7 * mm, card.role.upper())
    canvas.setFont(font, 16)
    canvas.drawString(x + 5 * mm, y + CARD_H - 16 * mm, card.name)
    barcode = Code128(
        card.badge_code,
        barWidth=MODULE,
        barHeight=14 * mm,
        quiet=True,
        lquiet=QUIET,
        rquiet=QUIET,
        humanReadable=False,
    )
    bx = x + (CARD_W - barcode.width) / 2
    barcode.drawOn(canvas, bx, y + 12 * mm)
    canvas.setFont(font, 11)
    canvas.drawCentredString(x + CARD_W / 2, y + 6.5 * mm, card.badge_code)


def render_cards(cards: Sequence[BadgeCard], site_name: str = "Warehouse Station") -> bytes:
    """The PDF bytes of all ``cards``, ten per A4 page (two columns, five rows)."""
    if not cards:
        raise ValueError("no badge cards to print")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle("Badge cards")
    page_w, page_h = A4
    margin_x = (page_w - 2 * CARD_W - 8 * mm) / 2
    margin_y = (page_h - 5 * CARD_H - 4 * 4 * mm) / 2
    for i, card in enumerate(cards):
        slot = i % 10
        if i and slot == 0:
            canvas.showPage()
        col, row = slot % 2, slot // 2
        x = margin_x + col * (CARD_W + 8 * mm)
        y = page_h - margin_y - (row + 1) * CARD_H - row * 4 * mm
        _draw_card(canvas, card, x, y, site_name)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_cards(
    path: Path, cards: Sequence[BadgeCard], site_name: str = "Warehouse Station"
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_cards(cards, site_name))
    return path
