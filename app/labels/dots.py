"""The printer's dot grid, measured from the label's top-left corner.

A thermal head prints whole dots; a bar edge between two dots is rounded one way or the other
and bar widths stop matching the symbology. So barcodes and QR modules are placed in whole
dots counted from the top-left corner, where both the printer and poppler start their grid
(the page height in points need not be a whole number of dots, e.g. 150 mm at 203 dpi).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

Rect = tuple[int, int, int, int]  # left, top, width, height in whole units


@dataclass(frozen=True)
class DotGrid:
    dpi: int
    page_height_pt: float

    @property
    def dot_pt(self) -> float:
        return 72.0 / self.dpi

    def x(self, dots: int) -> float:
        """PDF x (points from the left) of a dot column boundary."""
        return dots * 72.0 / self.dpi

    def y(self, dots_from_top: int) -> float:
        """PDF y (points from the bottom) of a dot row boundary counted from the top."""
        return self.page_height_pt - dots_from_top * 72.0 / self.dpi

    def dots(self, points: float) -> int:
        """Whole dots that fit in ``points`` (rounded down: never overflow a block)."""
        return int(points * self.dpi / 72.0 + 1e-9)

    def dots_for_mm(self, mm: float) -> int:
        """Nearest whole number of dots to a length in millimetres (at least one)."""
        return max(1, round(mm * self.dpi / 25.4))


def fill_rects(
    canvas: Canvas,
    grid: DotGrid,
    rects: Iterable[Rect],
    left_dots: int,
    top_dots: int,
    unit_w_dots: int,
    unit_h_dots: int,
) -> None:
    """Fill rectangles measured in whole units (modules) from a dot corner, y pointing down.

    One transform puts the origin at (``left_dots``, ``top_dots``) with units of
    ``unit_w_dots`` x ``unit_h_dots`` dots, so each rectangle is four small integers: cheap to
    write and exact. Each rectangle is filled on its own (``re f``) rather than as one path:
    72/dpi is not exact in the PDF's decimals, and rasterizers (poppler, Acrobat) snap a fill
    that is a single rectangle to the pixel grid but not a path of many, where
    ``pdftoppm -mono`` then drew every bar one dot wider. The operators are written directly
    because ReportLab's ``rect`` costs ~2 µs each and a QR code has ~250 of them.
    """
    dot = grid.dot_pt
    canvas.saveState()
    canvas.transform(
        unit_w_dots * dot, 0, 0, -unit_h_dots * dot, grid.x(left_dots), grid.y(top_dots)
    )
    canvas.addLiteral("\n".join(f"{x} {y} {w} {h} re f" for x, y, w, h in rects))
    canvas.restoreState()
