"""Code 128 and GS1-128 on whole printer dots, with their quiet zones kept in the layout.

ReportLab's Code 128 adds a 0.25 in quiet zone by default, which shifts every bar off the
dot grid. So ReportLab only encodes here (code set choice, check character, FNC1) and the
bars are drawn as one path in module units, each module a whole number of dots; the layout
reserves ten modules of quiet zone each side.
"""

from __future__ import annotations

from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfgen.canvas import Canvas

from app.labels.dots import DotGrid, Rect, fill_rects

QUIET_MODULES = 10  # ISO/IEC 15417 minimum quiet zone each side
FNC1 = "\xf1"  # ReportLab's Code 128 spelling of FNC1


def gs1_128_value(element_string: str) -> str:
    """A GS1-128 symbol starts with FNC1; ``element_string`` is AIs and data, e.g. ``00...``."""
    return FNC1 + element_string


def code128_widths(value: str) -> list[int]:
    """Widths in modules of the symbol's bars and spaces, left to right, without quiet zones.

    Code 128 starts with a bar and alternates bar, space, bar... ReportLab spells a bar as an
    upper-case letter and a space as a lower-case one, ``A``/``a`` one module wide, ``B``/``b``
    two, and so on. Encoding once and drawing from the widths avoids ReportLab re-encoding the
    value each time the widget's size is asked for.
    """
    symbol = Code128(value, quiet=0, humanReadable=0)
    symbol.validate()
    symbol.encode()
    return [ord(element.lower()) - ord("a") + 1 for element in symbol.decompose()]


def draw_code128(
    canvas: Canvas,
    grid: DotGrid,
    widths: list[int],
    left_dots: int,
    top_dots: int,
    module_dots: int,
    height_dots: int,
) -> int:
    """Draw the bars with the first one at ``left_dots``; return the bar width in dots."""
    bars: list[Rect] = []
    x = 0
    for i, width in enumerate(widths):
        if i % 2 == 0:  # a bar; odd elements are spaces
            bars.append((x, 0, width, height_dots))
        x += width
    fill_rects(canvas, grid, bars, left_dots, top_dots, module_dots, 1)  # x: modules, y: dots
    return x * module_dots
