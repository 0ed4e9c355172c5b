"""A small map of the aisles: the batch's walk, what is done, where to go next.

Drawn with QPainter from the layout and the batch's stops (plain data from the service). The
front cross-aisle and the depot are at the bottom, as a picker standing at the depot sees the
aisles. Shapes carry the meaning as well as colours: a hollow circle for a bin still to visit,
a tick for done, a cross for short, a big ringed dot for the next bin, a triangle for the
picker (at the last bin done, or at the depot).
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.layout import Layout
from app.services.pick_views import MapStop
from ui import theme

RACK = QColor("#c9d1da")
ROUTE = QColor(theme.PRIMARY)
DONE = QColor("#6b7480")
NEXT = QColor(theme.FAIL)
SHORT = QColor(theme.WARN)


class AisleMap(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_: Layout | None = None
        self.stops: tuple[MapStop, ...] = ()
        self.setMinimumSize(260, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 300)

    def show_route(self, layout: Layout, stops: tuple[MapStop, ...]) -> None:
        self.layout_ = layout
        self.stops = stops
        self.update()

    # --- geometry ------------------------------------------------------------------------

    def _snap(self, stop: MapStop) -> tuple[float, float]:
        """The stop on its aisle's centre line (where the picker stands to reach the bin)."""
        assert self.layout_ is not None
        pos = self.layout_.locate(stop.x_m, stop.y_m)
        return self.layout_.point(pos)

    def _walk(self, a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
        """Along an aisle, or out to the best cross-aisle, across, and in again."""
        assert self.layout_ is not None
        lay = self.layout_
        if abs(a[0] - b[0]) < lay.pitch_m / 2:
            return [a, b]
        ys = [lay.cross_aisle_y(k) for k in range(lay.blocks + 1)]
        y = min(ys, key=lambda yk: abs(a[1] - yk) + abs(b[1] - yk))
        return [a, (a[0], y), (b[0], y), b]

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(theme.CARD))
        painter.setPen(QPen(QColor(theme.LINE), 2))
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        if self.layout_ is None:
            painter.end()
            return
        lay = self.layout_
        width_m = (lay.aisles - 1) * lay.pitch_m + 2 * lay.pitch_m
        depth_m = lay.cross_aisle_y(lay.blocks) + lay.cross_aisle_m
        margin = 14.0
        scale = min((self.width() - 2 * margin) / width_m, (self.height() - 2 * margin) / depth_m)
        left = (self.width() - width_m * scale) / 2 + lay.pitch_m * scale
        bottom = self.height() - (self.height() - depth_m * scale) / 2

        def to_px(x: float, y: float) -> QPointF:
            return QPointF(left + x * scale, bottom - y * scale)

        # Racks: a strip each side of every aisle, block by block.
        rack_w = lay.pitch_m * 0.3 * scale
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(RACK)
        for j in range(lay.aisles):
            for b in range(lay.blocks):
                top = to_px(lay.aisle_x(j), lay.position_y(b, lay.block_length_m))
                h = lay.block_length_m * scale
                for side in (-1, 1):
                    x = top.x() + side * lay.pitch_m * 0.2 * scale - rack_w / 2
                    painter.drawRect(QRectF(x, top.y(), rack_w, h))

        depot = to_px(*lay.depot)
        points = [(lay.depot[0], lay.depot[1])] + [self._snap(s) for s in self.stops]
        points.append(points[0])
        path = QPainterPath(to_px(*points[0]))
        for start, end in itertools.pairwise(points):
            for corner in self._walk(start, end)[1:]:
                path.lineTo(to_px(*corner))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(ROUTE, 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(path)

        picker = depot
        for stop, (x, y) in zip(self.stops, points[1:-1], strict=False):
            p = to_px(x, y)
            if stop.state in ("done", "short"):
                picker = p
            self._draw_stop(painter, p, stop.state)
        # The depot (a square) and the picker (a triangle at the last bin done).
        painter.setPen(QPen(QColor(theme.INK), 2))
        painter.setBrush(QColor(theme.INK))
        painter.drawRect(QRectF(depot.x() - 7, depot.y() - 7, 14, 14))
        tri = QPolygonF(
            [
                QPointF(picker.x(), picker.y() - 16),
                QPointF(picker.x() - 9, picker.y() - 30),
                QPointF(picker.x() + 9, picker.y() - 30),
            ]
        )
        painter.setBrush(QColor(theme.OK))
        painter.drawPolygon(tri)
        painter.end()

    def _draw_stop(self, painter: QPainter, p: QPointF, state: str) -> None:
        if state == "current":
            painter.setPen(QPen(NEXT, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(p, 13, 13)
            painter.setBrush(NEXT)
            painter.drawEllipse(p, 7, 7)
        elif state == "done":
            painter.setPen(QPen(DONE, 3))
            painter.drawLine(QPointF(p.x() - 5, p.y()), QPointF(p.x() - 1, p.y() + 4))
            painter.drawLine(QPointF(p.x() - 1, p.y() + 4), QPointF(p.x() + 6, p.y() - 5))
        elif state == "short":
            painter.setPen(QPen(SHORT, 3))
            painter.drawLine(QPointF(p.x() - 5, p.y() - 5), QPointF(p.x() + 5, p.y() + 5))
            painter.drawLine(QPointF(p.x() - 5, p.y() + 5), QPointF(p.x() + 5, p.y() - 5))
        else:
            painter.setPen(QPen(ROUTE, 2.5))
            painter.setBrush(QColor(theme.CARD))
            painter.drawEllipse(p, 6, 6)
