"""Shipping label rendering: median ms per label, against ReportLab's QrCodeWidget.

    .venv/bin/python benchmarks/labels.py [--labels N] [--size 4x6] [--dpi 203]

Renders N different labels with the station's renderer, then each label again with the QR
drawn by ReportLab's ``QrCodeWidget`` instead (everything else the same), interleaved one of
each per round in the same process so machine noise hits both alike. The labels are the demo
site's orders (about a third with a Chinese ship-to), each with its own SSCC and address, so
every label embeds a different font subset and QR code, as at a real packing bench.

Prints median, best and p90 per label for both, the ratio, the medians for Chinese and Latin
ship-to labels apart, and the verdict against the target (≤ 3 ms per label, DESIGN.md §6).
Each label the station rendered is also converted to ZPL as a raw 9100 printer gets it
(``app.labels.zpl``: PDFium at the printer's dpi, 1-bit, hex graphic field) in the same round,
and that time is printed per label and against the render time.
Prints figures; asserts nothing. The machines are shared: run it a few times.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

    from app.labels import LabelData
    from app.labels.dots import DotGrid

TARGET_MS = 3.0


def demo_labels(count: int) -> list[LabelData]:
    """Labels for the demo orders, cycled, each with its own SSCC and weight."""
    from app.demo.site import generate
    from app.domain.sscc import make_sscc
    from app.labels import Address, LabelData

    orders = generate().orders
    ship_from = Address("Warehouse Station Demo DC", ("Lagerstraße 1", "20095 Hamburg"), "DE")
    labels = []
    for i in range(count):
        order = orders[i % len(orders)]
        to = order.ship_to
        city = " ".join(p for p in (to.city, to.region) if p)
        lines = [to.line1, *([to.line2] if to.line2 else []), f"{city} {to.postal_code}"]
        if to.phone:
            lines.append(to.phone)
        labels.append(
            LabelData(
                sscc=make_sscc(0, "0614141", 100000 + i),
                order_number=order.number,
                carton_index=1,
                carton_count=2,
                weight_g=1000 + i,
                carrier="SF Express",
                service="International Standard",
                ship_from=ship_from,
                ship_to=Address(to.name, tuple(lines), to.country),
            )
        )
    return labels


def widget_qr(data: str) -> Callable[..., int]:
    """A stand-in for ``qr.draw_qr`` drawing ``data`` with ReportLab's QrCodeWidget instead."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    from app.labels import qr

    def draw(
        canvas: Canvas,
        grid: DotGrid,
        matrix: list[list[bool]],
        left_dots: int,
        top_dots: int,
        module_dots: int,
    ) -> int:
        side_dots = qr.qr_size_dots(matrix, module_dots)
        side = side_dots * grid.dot_pt
        widget = QrCodeWidget(data, barLevel="M", barBorder=qr.QUIET_MODULES)
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, canvas, grid.x(left_dots), grid.y(top_dots + side_dots))
        return side_dots

    return draw


def _summary(name: str, ms: list[float]) -> str:
    p90 = statistics.quantiles(ms, n=10)[-1]
    return (
        f"{name}: median {statistics.median(ms):.2f} ms/label, "
        f"best {min(ms):.2f} ms, p90 {p90:.2f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--labels", type=int, default=300)
    parser.add_argument("--size", default="4x6")
    parser.add_argument("--dpi", type=int, default=203)
    args = parser.parse_args(argv)

    from app.labels import LABEL_SIZES, digital_link_uri, render_label
    from app.labels import qr as qr_module
    from app.labels.zpl import pdf_to_zpl

    labels = demo_labels(args.labels)
    stock = LABEL_SIZES[args.size]
    # font parsing, imports and PDFium's start-up, once
    zpl_bytes = len(pdf_to_zpl(render_label(labels[0], args.size, args.dpi), args.dpi, stock))

    ours: list[float] = []
    widget: list[float] = []
    to_zpl: list[float] = []
    original = qr_module.draw_qr

    def timed(label: LabelData, into: list[float]) -> bytes:
        start = time.perf_counter()
        pdf = render_label(label, args.size, args.dpi)
        into.append((time.perf_counter() - start) * 1000)
        return pdf

    gc.disable()
    try:
        for label in labels:  # interleaved: one of each per round
            pdf = timed(label, ours)
            start = time.perf_counter()
            pdf_to_zpl(pdf, args.dpi, stock)
            to_zpl.append((time.perf_counter() - start) * 1000)
            uri = digital_link_uri(label.resolver, label.sscc, label.order_number)
            qr_module.draw_qr = widget_qr(uri)
            try:
                timed(label, widget)
            finally:
                qr_module.draw_qr = original
    finally:
        gc.enable()

    chinese = [ms for ms, label in zip(ours, labels, strict=True) if label.ship_to.country == "CN"]
    latin = [ms for ms, label in zip(ours, labels, strict=True) if label.ship_to.country != "CN"]
    ours_ms = statistics.median(ours)
    widget_ms = statistics.median(widget)
    print(f"labels: {args.labels} x {args.size} at {args.dpi} dpi, demo orders, own SSCC each")
    print(_summary("station renderer          ", ours))
    print(_summary("same, QR by QrCodeWidget  ", widget))
    print(f"ratio (median widget / median station): {widget_ms / ours_ms:.1f}x")
    print(
        f"station, Chinese ship-to ({len(chinese)}): median {statistics.median(chinese):.2f} ms; "
        f"Latin ship-to ({len(latin)}): median {statistics.median(latin):.2f} ms"
    )
    verdict = "meets" if ours_ms <= TARGET_MS else "MISSES"
    print(f"target <= {TARGET_MS:.1f} ms/label median: {verdict} ({ours_ms:.2f} ms)")
    print(_summary("PDF -> ZPL (raw 9100)     ", to_zpl))
    print(
        f"ZPL conversion / PDF render (medians): {statistics.median(to_zpl) / ours_ms:.1f}x; "
        f"render + ZPL {ours_ms + statistics.median(to_zpl):.2f} ms/label; "
        f"{zpl_bytes / 1024:.0f} KiB of ZPL per label"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
