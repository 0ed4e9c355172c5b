"""The printer's dot grid, measured from the label's top-left corner.

A thermal head prints whole dots; a bar edge between two dots is rounded one way or the other
and bar widths stop matching the symbology. So barcodes and QR modules are placed in whole
dots counted from the top-left corner, where both the printer and poppler start their grid
(the page height in points need not be a whole number of dots, e.g. 150 mm at 203 dpi).
"""

from __future__ import annotations

from dataclasses import dataclass


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
