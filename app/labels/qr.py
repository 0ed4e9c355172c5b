"""QR codes drawn as merged rectangles on whole printer dots.

ReportLab's ``QrCodeWidget`` draws one rectangle per module through the graphics layer (about
30 ms per label here); merging runs of dark modules into rectangles and writing them as
integers in module units draws the same symbol in a fraction of that (DESIGN.md §5).

The module matrix comes from zxing-cpp's writer (libzint, C): it picks the data mask by the
ISO/IEC 18004 penalty score and segments the data into the cheapest modes, in ~0.2 ms. The
pure-Python ``qrcode`` took ~0.8 ms with one fixed mask and ~6 ms with mask selection, which
did not fit the 3 ms label budget (DESIGN.md §6).
"""

from __future__ import annotations

import zxingcpp
from reportlab.pdfgen.canvas import Canvas

from app.labels.dots import DotGrid, Rect, fill_rects

QUIET_MODULES = 4  # ISO/IEC 18004 quiet zone
MIN_MODULE_DOTS = 4
ERROR_CORRECTION = "M"  # 15 %: survives a scuffed carton corner, keeps the symbol small


def qr_matrix(data: str) -> list[list[bool]]:
    """Module matrix of ``data`` (level M, smallest version), dark is True, no quiet zone."""
    symbol = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_CORRECTION)
    # One pixel per module, 0 for dark and 255 for light, row after row.
    image = symbol.to_image(scale=1, add_quiet_zones=False)
    side = image.shape[1]
    if image.shape[0] != side or (side - 17) % 4:
        raise RuntimeError(f"zxing-cpp returned a {image.shape} image, not a QR module matrix")
    pixels = bytes(image)  # type: ignore[call-overload]  # the stub omits its buffer protocol
    return [[p == 0 for p in pixels[r * side : (r + 1) * side]] for r in range(side)]


def _dark_runs(row: list[bool]) -> list[tuple[int, int]]:
    """(first column, width) of each run of dark modules in a row."""
    runs: list[tuple[int, int]] = []
    start = -1
    for col, dark in enumerate(row):
        if dark:
            if start < 0:
                start = col
        elif start >= 0:
            runs.append((start, col - start))
            start = -1
    if start >= 0:
        runs.append((start, len(row) - start))
    return runs


def merged_rects(matrix: list[list[bool]]) -> list[Rect]:
    """Cover the dark modules with few rectangles: runs per row, stacked when rows repeat."""
    open_runs: dict[tuple[int, int], list[int]] = {}  # (col, width) -> [first row, height]
    done: list[Rect] = []
    for r, row in enumerate([*matrix, []]):  # the empty row closes the runs still open
        continued: dict[tuple[int, int], list[int]] = {}
        for run in _dark_runs(row):
            rect = continued[run] = open_runs.pop(run, [r, 0])
            rect[1] += 1
        done.extend((c, r0, w, h) for (c, w), (r0, h) in open_runs.items())
        open_runs = continued
    return done


def qr_size_dots(matrix: list[list[bool]], module_dots: int) -> int:
    """Side of the symbol including its quiet zone, in dots."""
    return (len(matrix) + 2 * QUIET_MODULES) * module_dots


def draw_qr(
    canvas: Canvas,
    grid: DotGrid,
    matrix: list[list[bool]],
    left_dots: int,
    top_dots: int,
    module_dots: int,
) -> int:
    """Draw with its quiet zone starting at (left, top) in dots; return the side in dots."""
    if module_dots < MIN_MODULE_DOTS:
        raise ValueError(f"QR modules need at least {MIN_MODULE_DOTS} dots, got {module_dots}")
    quiet = QUIET_MODULES * module_dots
    rects = merged_rects(matrix)
    fill_rects(canvas, grid, rects, left_dots + quiet, top_dots + quiet, module_dots, module_dots)
    return qr_size_dots(matrix, module_dots)
