"""Code 128 and GS1-128 on whole printer dots, with their quiet zones kept in the layout.

ReportLab's Code 128 adds a 0.25 in quiet zone by default, which shifts every bar off the
dot grid; here the quiet zone is zero inside the widget (``lquiet``/``rquiet``) and the
layout reserves ten modules each side instead, and the module is a whole number of dots.
"""

from __future__ import annotations

from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfgen.canvas import Canvas

from app.labels.dots import DotGrid

QUIET_MODULES = 10  # ISO/IEC 15417 minimum quiet zone each side
FNC1 = "\xf1"  # ReportLab's Code 128 spelling of FNC1


def gs1_128_value(element_string: str) -> str:
    """A GS1-128 symbol starts with FNC1; ``element_string`` is AIs and data, e.g. ``00...``."""
    return FNC1 + element_string


def _symbol(value: str, module_dots: int, height_dots: int, grid: DotGrid) -> Code128:
    return Code128(
        value,
        barWidth=module_dots * grid.dot_pt,
        barHeight=height_dots * grid.dot_pt,
        quiet=0,
        lquiet=0,
        rquiet=0,
        humanReadable=0,
    )


def code128_modules(value: str) -> int:
    """Width of the symbol in modules, without quiet zones."""
    symbol = Code128(value, barWidth=1.0, quiet=0, lquiet=0, rquiet=0, humanReadable=0)
    return round(symbol.width)


def draw_code128(
    canvas: Canvas,
    grid: DotGrid,
    value: str,
    left_dots: int,
    top_dots: int,
    module_dots: int,
    height_dots: int,
) -> int:
    """Draw the bars with their first bar at ``left_dots``; return the bar width in dots."""
    symbol = _symbol(value, module_dots, height_dots, grid)
    symbol.drawOn(canvas, grid.x(left_dots), grid.y(top_dots + height_dots))
    return round(symbol.width / grid.dot_pt)
