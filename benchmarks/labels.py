"""Shipping label rendering: median ms per label, against ReportLab's QrCodeWidget.

    .venv/bin/python benchmarks/labels.py [--labels N] [--size 4x6] [--dpi 203]

Renders N different labels (each its own SSCC, so nothing is cached between them) with the
station's renderer (QR drawn from qrcode's matrix as one merged path), then the same labels
with the QR drawn by ReportLab's ``QrCodeWidget`` instead, in the same process, interleaved
in rounds so machine noise hits both alike. Prints the medians, the ratio, and the target
(≤ 3 ms per label, DESIGN.md §6). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 3.0


def _widget_qr(canvas, grid, matrix, left_dots, top_dots, module_dots):  # type: ignore[no-untyped-def]
    """Baseline: the same QR data and size through ReportLab's QrCodeWidget."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    from app.labels import qr

    data = _widget_qr.current_data  # type: ignore[attr-defined]
    side_dots = qr.qr_size_dots(matrix, module_dots)
    side = side_dots * grid.dot_pt
    widget = QrCodeWidget(data, barLevel="M", barBorder=qr.QUIET_MODULES)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(side, side, transform=[side / (x1 - x0), 0, 0, side / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, grid.x(left_dots), grid.y(top_dots + side_dots))
    return side_dots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=300)
    parser.add_argument("--size", default="4x6")
    parser.add_argument("--dpi", type=int, default=203)
    args = parser.parse_args(argv)

    from app.domain.sscc import make_sscc
    from app.labels import Address, LabelData, digital_link_uri, render_label
    from app.labels import qr as qr_module

    def data(i: int) -> LabelData:
        return LabelData(
            sscc=make_sscc(0, "0614141", 100000 + i),
            order_number=f"SO-{100001 + i % 200:06d}",
            carton_index=1,
            carton_count=2,
            weight_g=1000 + i,
            carrier="SF Express",
            service="International Standard",
            ship_from=Address(
                "Warehouse Station Demo DC", ("Lagerstraße 1", "20095 Hamburg"), "DE"
            ),
            ship_to=Address("王芳", ("南京东路128号", "12楼3室", "上海市 上海 200000"), "CN"),
        )

    labels = [data(i) for i in range(args.labels)]
    render_label(labels[0], args.size, args.dpi)  # font registration and imports, once

    ours: list[float] = []
    widget: list[float] = []
    original = qr_module.draw_qr

    def timed(fn: Callable[[], bytes], into: list[float]) -> None:
        start = time.perf_counter()
        fn()
        into.append((time.perf_counter() - start) * 1000)

    gc.disable()
    try:
        for label in labels:  # interleaved: one of each per round
            timed(lambda label=label: render_label(label, args.size, args.dpi), ours)
            _widget_qr.current_data = digital_link_uri(  # type: ignore[attr-defined]
                label.resolver, label.sscc, label.order_number
            )
            qr_module.draw_qr = _widget_qr
            try:
                timed(lambda label=label: render_label(label, args.size, args.dpi), widget)
            finally:
                qr_module.draw_qr = original
    finally:
        gc.enable()

    ours_ms = statistics.median(ours)
    widget_ms = statistics.median(widget)
    print(f"labels: {args.labels} x {args.size} at {args.dpi} dpi, each with its own SSCC")
    print(
        f"station renderer (QR as one merged path): median {ours_ms:.2f} ms/label, "
        f"p90 {statistics.quantiles(ours, n=10)[-1]:.2f} ms"
    )
    print(
        f"same label with ReportLab QrCodeWidget:   median {widget_ms:.2f} ms/label, "
        f"p90 {statistics.quantiles(widget, n=10)[-1]:.2f} ms"
    )
    print(f"ratio widget / station: {widget_ms / ours_ms:.1f}x faster")
    verdict = "meets" if ours_ms <= TARGET_MS else "MISSES"
    print(f"target <= {TARGET_MS:.1f} ms/label: {verdict} ({ours_ms:.2f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
