"""Lay out and draw one GS1 logistic label into PDF bytes.

Top to bottom: ship-from and carrier, ship-to, order (Code 128 + QR with the Digital Link)
with carton and weight, and at the bottom the SSCC as GS1-128 with its human-readable text,
as the GS1 logistic label guideline places it. Barcodes sit on whole printer dots.
"""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from app.labels import barcodes, qr
from app.labels.dots import DotGrid
from app.labels.fonts import fit_text, label_font
from app.labels.model import DPIS, LABEL_SIZES, MM, LabelData, LabelSize, digital_link_uri

MARGIN_MM = 3.0
SSCC_MAX_BAR_MM = 32.0  # GS1 logistic label: 32 mm bars at X = 0.495 mm
ORDER_BAR_MM = 12.0


def _module_dots(dpi: int, target_mm: float, minimum: int) -> int:
    return max(minimum, round(target_mm * dpi / 25.4))


class _Page:
    """Drawing helpers in points measured from the top-left, on one canvas.

    All text goes into one PDF text object, drawn by :meth:`finish`: one ``BT``/``ET`` and
    no ReportLab text object per string (a label has about twenty strings). Nothing on the
    label overlaps the text, so drawing it last changes nothing on paper.
    """

    def __init__(self, canvas: Canvas, size: LabelSize, grid: DotGrid) -> None:
        self.c = canvas
        self.w = size.width_pt
        self.h = size.height_pt
        self.grid = grid
        self.font = label_font()
        self.words = canvas.beginText()

    def text(
        self, x: float, top: float, text: str, size: float, width: float, align: str = "left"
    ) -> float:
        """Draw ``text`` with its top at ``top``; shrink to ``width``; return the next top."""
        size, text_width = fit_text(text, width, size)
        if align == "right":
            x += width - text_width
        elif align == "centre":
            x += (width - text_width) / 2
        self.words.setFont(self.font, size)
        self.words.setTextOrigin(x, self.h - top - size * 0.9)
        self.words.textOut(text)
        return top + size * 1.22

    def finish(self) -> None:
        self.c.drawText(self.words)

    def hline(self, top: float) -> None:
        self.c.rect(0, self.h - top - self.grid.dot_pt, self.w, 2 * self.grid.dot_pt, 0, 1)

    def vline(self, x: float, top: float, bottom: float) -> None:
        self.c.rect(x, self.h - bottom, 2 * self.grid.dot_pt, bottom - top, 0, 1)


def render_label(data: LabelData, size: str = "4x6", dpi: int = 203) -> bytes:
    """The label as a one-page PDF of exactly the label's size, fonts embedded."""
    if size not in LABEL_SIZES:
        raise ValueError(f"unknown label size {size!r}; one of {', '.join(LABEL_SIZES)}")
    if dpi not in DPIS:
        raise ValueError(f"dpi must be one of {DPIS}, got {dpi}")
    stock = LABEL_SIZES[size]
    out = io.BytesIO()
    # Page compression off: zlib costs more than the bytes it saves on a one-page label. The
    # initial font is ours too, or ReportLab lists a non-embedded Helvetica in the PDF.
    canvas = Canvas(
        out,
        pagesize=(stock.width_pt, stock.height_pt),
        pageCompression=0,
        initialFontName=label_font(),
        initialFontSize=10,
    )
    canvas.setTitle(f"{data.order_number} {data.sscc}")
    canvas.setCreator("Warehouse Station")
    page = _Page(canvas, stock, DotGrid(dpi, stock.height_pt))
    margin = MARGIN_MM * MM
    top = margin
    top = _draw_header(page, data, top, margin)
    page.hline(top)
    top = _draw_ship_to(page, data, top + 2 * MM, margin)
    page.hline(top)
    top = _draw_order(page, data, top + 1 * MM, margin)
    page.hline(top)
    _draw_sscc(page, data, top, margin)
    page.finish()
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw_header(page: _Page, data: LabelData, top: float, margin: float) -> float:
    split = page.w * 0.56
    inner = split - margin - 2 * MM
    y = page.text(margin, top, "SHIP FROM", 6.5, inner)
    y = page.text(margin, y, data.ship_from.name, 9, inner)
    for line in data.ship_from.lines[:3]:
        y = page.text(margin, y, line, 8, inner)
    if data.ship_from.country:
        y = page.text(margin, y, data.ship_from.country, 8, inner)
    right_x = split + 2 * MM
    right_w = page.w - right_x - margin
    r = page.text(right_x, top, "CARRIER", 6.5, right_w)
    r = page.text(right_x, r, data.carrier, 16, right_w)
    r = page.text(right_x, r, data.service, 11, right_w)
    if data.note:
        r = page.text(right_x, r + 1 * MM, data.note, 9, right_w)
    bottom = max(y, r, top + 22 * MM) + 1 * MM
    page.vline(split, top - margin, bottom)
    return bottom


def _draw_ship_to(page: _Page, data: LabelData, top: float, margin: float) -> float:
    width = page.w - 2 * margin
    to = data.ship_to
    y = page.text(margin, top, "SHIP TO", 6.5, width)
    y = page.text(margin, y, to.name, 15, width)
    for line in to.lines[:4]:
        y = page.text(margin, y, line, 11.5, width)
    if to.country:
        y = page.text(margin, y, to.country, 12.5, width)
    return max(y, top + 36 * MM) + 1 * MM


def _draw_order(page: _Page, data: LabelData, top: float, margin: float) -> float:
    grid = page.grid
    uri = digital_link_uri(data.resolver, data.sscc, data.order_number)
    matrix = qr.qr_matrix(uri)
    qr_module = _module_dots(grid.dpi, 0.5, qr.MIN_MODULE_DOTS)
    side = qr.qr_size_dots(matrix, qr_module)
    # The quiet zone is white label stock; let it reach into the margin but not off the label.
    qr_left = grid.dots(page.w) - grid.dots_for_mm(1.0) - side
    qr_top = grid.dots(top) + 1
    qr.draw_qr(page.c, grid, matrix, qr_left, qr_top, qr_module)

    left_w = grid.x(qr_left) - margin
    y = page.text(margin, top, "ORDER", 6.5, left_w)
    module = _module_dots(grid.dpi, 0.375, 2)
    widths = barcodes.code128_widths(data.order_number)
    modules = sum(widths)
    while module > 2 and (modules + 2 * barcodes.QUIET_MODULES) * module > grid.dots(left_w):
        module -= 1
    quiet = barcodes.QUIET_MODULES * module
    bar_left = max(grid.dots(margin), quiet)
    bar_top = grid.dots(y) + 2
    bar_h = grid.dots_for_mm(ORDER_BAR_MM)
    bar_w = barcodes.draw_code128(page.c, grid, widths, bar_left, bar_top, module, bar_h)
    y = grid.x(bar_top + bar_h) + 0.8 * MM  # dots to points: same scale both ways
    y = page.text(grid.x(bar_left), y, data.order_number, 11, grid.x(bar_w), align="centre")
    y = page.text(
        margin, y + 1 * MM, f"CARTON {data.carton_index} OF {data.carton_count}", 12, left_w
    )
    y = page.text(margin, y, f"WEIGHT {data.weight_g / 1000:.2f} KG", 12, left_w)
    return max(y, grid.x(qr_top + side)) + 0.5 * MM


def _draw_sscc(page: _Page, data: LabelData, top: float, margin: float) -> None:
    grid = page.grid
    module = _module_dots(grid.dpi, 0.5, 3)
    widths = barcodes.code128_widths(barcodes.gs1_128_value("00" + data.sscc))
    modules = sum(widths)
    page_dots = grid.dots(page.w)
    while module > 2 and (modules + 2 * barcodes.QUIET_MODULES) * module > page_dots:
        module -= 1
    bar_w = modules * module
    bar_left = (page_dots - bar_w) // 2
    hri_size = 13.0
    bottom = page.h - margin - hri_size * 1.25
    caption_top = page.text(margin, top + 1 * MM, "SSCC", 7, page.w - 2 * margin)
    bar_top = grid.dots(caption_top) + 2
    bar_h = min(grid.dots_for_mm(SSCC_MAX_BAR_MM), grid.dots(bottom) - bar_top)
    barcodes.draw_code128(page.c, grid, widths, bar_left, bar_top, module, bar_h)
    page.text(
        margin,
        grid.x(bar_top + bar_h) + 0.8 * MM,
        f"(00) {data.sscc}",
        hri_size,
        page.w - 2 * margin,
        align="centre",
    )
