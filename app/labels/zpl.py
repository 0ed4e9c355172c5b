"""Label PDFs as ZPL for thermal label printers (Zebra and the printers that speak its language).

A Zebra printer on TCP 9100 takes ZPL, not PDF. The label is already drawn on the printer's
dot grid (:mod:`app.labels.dots`), so it is rasterized here at exactly the printer's dpi with
PDFium (pypdfium2), thresholded to one bit per dot without dithering (dithering would fray
bar edges), and sent as one graphic field covering the label::

    ^XA ^PW<width> ^LL<length> ^FO0,0^GFA,<bytes>,<bytes>,<bytes per row>,<hex>^FS ^PQ1 ^XZ

Two details keep bars on whole dots:

- pypdfium2's ``PdfPage.render`` stretches the page to a whole number of pixels (100 mm at
  203 dpi is 799.2 dots, drawn into 800), which moves bars near the right edge by most of a
  dot. So the page is rendered with an explicit matrix of exactly ``dpi / 72`` from the
  top-left corner, the corner :mod:`app.labels.dots` measures from.
- PDFium fills a one-rectangle path by snapping it to whole pixels, rounding its size *up*.
  ReportLab writes the dot size with six decimals; where that rounds up (72/203 = 0.354680),
  a bar of n dots measures n + 0.0005 and would gain a dot. Rendering at a scale smaller by
  :data:`SHRINK` (0.02 dot over a whole 300 dpi label) keeps every bar its true width.

The graphic field is plain ASCII hex: every ZPL II printer and emulation reads it. (The Z64
form, zlib + base64 + a CRC, is about 20 times smaller, but its CRC variant could not be
checked against a real printer here; plain hex is ~250 KB for a 4x6 in label at 203 dpi,
a fraction of a second on a 100 Mbit/s link.)

Pure core code: no Qt, no database, no I/O. PDFium is not thread-safe, so one lock guards it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.labels.model import DPIS, LABEL_SIZES, LabelSize

if TYPE_CHECKING:
    import pypdfium2

THRESHOLD = 128  # grey below this is a black dot: the half-way point, no dithering
SHRINK = 1e-5  # relative: keeps PDFium's round-up from widening a bar (see the docstring)
SIZE_TOLERANCE_PT = 0.5  # a page this close to the printer's label size is that size

_PDFIUM_LOCK = threading.Lock()
# Grey byte -> ASCII '1' (black) or '0' (white); int(..., 2) then packs 8 dots a byte in C.
_TO_BITS = bytes(0x31 if v < THRESHOLD else 0x30 for v in range(256))


class ZplError(ValueError):
    """The document cannot become a label for this printer; the message says why."""


@dataclass(frozen=True)
class Raster:
    """One bit per printer dot, rows top to bottom, the leftmost dot in the high bit; 1 = black.

    ``bytes_per_row`` * 8 may exceed ``width``: the padding dots are white.
    """

    width: int
    height: int
    bytes_per_row: int
    data: bytes


def media_dots(size: LabelSize, dpi: int) -> tuple[int, int]:
    """Print width and label length in whole dots (nearest: 150 mm at 203 dpi is 1199)."""
    return round(size.width_pt * dpi / 72.0), round(size.height_pt * dpi / 72.0)


def _open(pdf: bytes) -> pypdfium2.PdfDocument:
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as exc:
        raise ZplError(f"the label is not a readable PDF ({exc})") from exc


def rasterize(pdf: bytes, dpi: int, size: LabelSize | None = None) -> Raster:
    """The one-page label ``pdf`` at ``dpi``, one bit per dot.

    With ``size`` (the printer's label stock) the page must be that size: a 100 x 150 mm label
    sent to a printer loaded with 4 x 6 in stock is refused here rather than printed cut off.
    """
    if dpi not in DPIS:
        raise ZplError(f"dpi must be one of {DPIS}, got {dpi}")
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    with _PDFIUM_LOCK:
        doc = _open(pdf)
        try:
            if len(doc) != 1:
                raise ZplError(f"a label is one page, this document has {len(doc)}")
            page = doc[0]
            try:
                page_w, page_h = page.get_size()
                if size is not None and (
                    abs(page_w - size.width_pt) > SIZE_TOLERANCE_PT
                    or abs(page_h - size.height_pt) > SIZE_TOLERANCE_PT
                ):
                    raise ZplError(
                        f"the label is {page_w * 25.4 / 72:.0f} x {page_h * 25.4 / 72:.0f} mm "
                        f"but the printer is set up for {size.name} labels"
                    )
                width, height = media_dots(size or LabelSize("page", page_w, page_h, ""), dpi)
                bytes_per_row = (width + 7) // 8
                padded = bytes_per_row * 8
                bitmap = pypdfium2.PdfBitmap.new_native(
                    padded, height, format=pdfium_c.FPDFBitmap_Gray
                )
                try:
                    bitmap.fill_rect((255, 255, 255, 255), 0, 0, padded, height)
                    scale = dpi / 72.0 * (1.0 - SHRINK)
                    matrix = pdfium_c.FS_MATRIX(scale, 0.0, 0.0, scale, 0.0, 0.0)
                    clip = pdfium_c.FS_RECTF(0.0, 0.0, float(padded), float(height))
                    pdfium_c.FPDF_RenderPageBitmapWithMatrix(
                        bitmap.raw, page.raw, ctypes.byref(matrix), ctypes.byref(clip), 0
                    )
                    stride = bitmap.stride
                    grey = bytes(bitmap.buffer)
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            doc.close()
    if stride != padded:  # PDFium aligns rows to 4 bytes; padded is a multiple of 8 already
        grey = b"".join(grey[r * stride : r * stride + padded] for r in range(height))
    bits = grey.translate(_TO_BITS)
    data = int(bits, 2).to_bytes(bytes_per_row * height, "big")
    return Raster(width, height, bytes_per_row, data)


def raster_to_zpl(raster: Raster, copies: int = 1) -> bytes:
    """One ZPL label format printing ``raster`` from the label's top-left corner."""
    total = raster.bytes_per_row * raster.height
    return b"".join(
        (
            b"^XA\n",
            f"^PW{raster.width}\n^LL{raster.height}\n".encode("ascii"),
            f"^FO0,0^GFA,{total},{total},{raster.bytes_per_row},".encode("ascii"),
            raster.data.hex().upper().encode("ascii"),
            b"^FS\n",
            f"^PQ{copies}\n".encode("ascii"),
            b"^XZ\n",
        )
    )


def pdf_to_zpl(pdf: bytes, dpi: int, size: LabelSize | None = None) -> bytes:
    """The label PDF as ZPL for a printer of ``dpi`` loaded with ``size`` labels."""
    return raster_to_zpl(rasterize(pdf, dpi, size))


def zpl_converter(label_size: str, dpi: int) -> Callable[[bytes], bytes]:
    """What a driver calls on each job's PDF for a ZPL printer with this stock and resolution."""
    if label_size not in LABEL_SIZES:
        raise ZplError(f"unknown label size {label_size!r}; one of {', '.join(LABEL_SIZES)}")
    size = LABEL_SIZES[label_size]

    def convert(pdf: bytes) -> bytes:
        return pdf_to_zpl(pdf, dpi, size)

    return convert
