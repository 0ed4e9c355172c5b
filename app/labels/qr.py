"""QR codes drawn as one PDF path of merged rectangles on whole printer dots.

ReportLab's ``QrCodeWidget`` draws one rectangle per module through the graphics layer (about
30 ms per label here); one path of merged rectangles draws the same symbol in a fraction of
that (DESIGN.md §5). ``qrcode`` only computes the module matrix.
"""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import BIT_LIMIT_TABLE
from reportlab.pdfgen.canvas import Canvas

from app.labels.dots import DotGrid

QUIET_MODULES = 4  # ISO/IEC 18004 quiet zone
MIN_MODULE_DOTS = 4
# Choosing the mask by penalty score costs ~5 ms in pure Python; any of the eight masks is a
# valid symbol and decodes the same, so one fixed mask keeps the label inside its 3 ms budget.
FIXED_MASK = 0

Rect = tuple[int, int, int, int]  # column, row, width, height in modules


def byte_mode_version(data: str) -> int:
    """Smallest version holding ``data`` as one byte-mode segment at level M.

    Computed from the capacity table: qrcode's own ``fit`` encodes the data twice to find it.
    """
    n = len(data.encode("utf-8"))
    limits = BIT_LIMIT_TABLE[ERROR_CORRECT_M]
    for version in range(1, 41):
        count_bits = 8 if version < 10 else 16
        if 4 + count_bits + 8 * n <= limits[version]:
            return version
    raise ValueError(f"{n} bytes do not fit in a QR code at level M")


def qr_matrix(data: str) -> list[list[bool]]:
    """Module matrix of ``data`` (level M, smallest version), without quiet zone."""
    code = qrcode.QRCode(
        version=byte_mode_version(data),
        error_correction=ERROR_CORRECT_M,
        border=0,
        mask_pattern=FIXED_MASK,
    )
    code.add_data(data, optimize=0)
    code.make(fit=False)
    return [[bool(v) for v in row] for row in code.get_matrix()]


def merged_rects(matrix: list[list[bool]]) -> list[Rect]:
    """Cover the dark modules with few rectangles: runs per row, stacked when rows repeat."""
    open_runs: dict[tuple[int, int], list[int]] = {}  # (col, width) -> [row, height]
    done: list[Rect] = []
    for r, row in enumerate(matrix):
        runs: list[tuple[int, int]] = []
        c, n = 0, len(row)
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                runs.append((start, c - start))
            else:
                c += 1
        current = set(runs)
        for key in list(open_runs):
            if key not in current:
                row0, height = open_runs.pop(key)
                done.append((key[0], row0, key[1], height))
        for key in runs:
            if key in open_runs:
                open_runs[key][1] += 1
            else:
                open_runs[key] = [r, 1]
    done.extend((k[0], v[0], k[1], v[1]) for k, v in open_runs.items())
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
    x0 = left_dots + QUIET_MODULES * module_dots
    y0 = top_dots + QUIET_MODULES * module_dots
    path = canvas.beginPath()
    m = module_dots
    for col, row, w, h in merged_rects(matrix):
        x = grid.x(x0 + col * m)
        y = grid.y(y0 + (row + h) * m)
        path.rect(x, y, w * m * grid.dot_pt, h * m * grid.dot_pt)
    canvas.drawPath(path, stroke=0, fill=1)
    return qr_size_dots(matrix, module_dots)
