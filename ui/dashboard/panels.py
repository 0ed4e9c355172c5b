"""Building blocks of the Dashboard tab: figure cards, exportable tables, the throughput chart
and the cycle-time bars. Each shows plain figures; none fetches anything."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dashboard.cache import format_duration
from app.dashboard.figures import CycleStep, HourPoint, RateRow
from ui.admin.widgets import big_button, touch_table
from ui.dashboard.csv_export import export_table

ALERT_BG = QColor("#fde2e2")
ALERT_FG = QColor("#8a1010")
WARN_BG = QColor("#fff4d6")
TABLE_HEADER_PX = 48  # a header row at the dashboard's 20 px bold, with padding
TABLE_ROW_PX = 52  # touch_table's row height
TABLE_SCROLLBAR_PX = 40  # the theme's touch-sized horizontal scroll bar


def _readable(chart: QChart, *axes: QAbstractAxis) -> None:
    """Chart text readable at arm's length: 14 pt bold title, 12 pt labels and legend."""
    title = chart.titleFont()
    title.setPointSize(14)
    title.setBold(True)
    chart.setTitleFont(title)
    legend = chart.legend().font()
    legend.setPointSize(12)
    chart.legend().setFont(legend)
    for axis in axes:
        font = axis.labelsFont()
        font.setPointSize(12)
        axis.setLabelsFont(font)


class Card(QFrame):
    """One big number with its caption; ``alert`` adds colour AND a ▲ sign."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(110)
        layout = QVBoxLayout(self)
        self.value = QLabel("—")
        self.value.setStyleSheet("font-size:40px; font-weight:bold;")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("font-size:18px; color:#333;")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, text: str, alert: bool = False) -> None:
        self.value.setText(f"▲ {text}" if alert else text)
        self.setStyleSheet(
            "Card { background:#fde2e2; border:3px solid #8a1010; }"
            if alert
            else "Card { background:#f4f6f8; border:1px solid #c0c0c0; }"
        )


class TablePanel(QWidget):
    """A titled table with an Export CSV button; rows are lists of display strings."""

    def __init__(
        self,
        title: str,
        headers: Sequence[str],
        export_name: str,
        export_folder: Callable[[], Path],
        parent: QWidget | None = None,
        *,
        min_rows: int = 3,
    ) -> None:
        super().__init__(parent)
        self._export_name = export_name
        self._export_folder = export_folder
        self.last_export: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel(title)
        self.title.setStyleSheet("font-size:22px; font-weight:bold;")
        top.addWidget(self.title, 1)
        self.export_button = big_button(self.tr("Export CSV"))
        self.export_button.clicked.connect(self.export)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.table: QTableWidget = touch_table()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        # Never fewer than ``min_rows`` rows in view (header, frame and room for a horizontal
        # scroll bar counted): the page scrolls rather than the table shrinking to nothing.
        self.table.setMinimumHeight(
            TABLE_HEADER_PX + min_rows * TABLE_ROW_PX + TABLE_SCROLLBAR_PX + 4
        )
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: Sequence[Sequence[str]], alert_rows: Sequence[int] = ()) -> None:
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c > 0 and text[:1].isdigit():
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if r in alert_rows:
                    item.setBackground(QBrush(ALERT_BG))
                    item.setForeground(QBrush(ALERT_FG))
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        if self.table.columnCount() <= 4:  # short tables fill their panel
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        else:
            self.table.resizeColumnsToContents()
            last = self.table.columnCount() - 1
            header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)

    def export(self) -> Path:
        self.last_export = export_table(self.table, self._export_folder(), self._export_name)
        return self.last_export


class ThroughputChart(QChartView):
    """Lines picked and orders packed per hour (bars), units picked per hour (line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(320)
        self.points: list[HourPoint] = []
        self.setChart(QChart())

    def show_points(
        self, points: Sequence[HourPoint], local_hour: Callable[[HourPoint], str]
    ) -> None:
        self.points = list(points)
        chart = QChart()
        chart.setTitle(self.tr("Throughput per hour"))
        title_font = chart.titleFont()
        title_font.setPointSize(14)
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        font = chart.legend().font()
        font.setPointSize(12)
        chart.legend().setFont(font)
        lines = QBarSet(self.tr("Lines picked"))
        packed = QBarSet(self.tr("Orders packed"))
        lines.setColor(QColor("#1a5fb4"))
        packed.setColor(QColor("#e66100"))
        units = QLineSeries()
        units.setName(self.tr("Units picked"))
        units.setColor(QColor("#26a269"))
        categories = []
        top = 1
        for i, p in enumerate(points):
            lines.append(p.lines)
            packed.append(p.orders_packed)
            units.append(i, p.units)
            categories.append(local_hour(p))
            top = max(top, p.lines, p.units, p.orders_packed)
        bars = QBarSeries()
        bars.append(lines)
        bars.append(packed)
        chart.addSeries(bars)
        chart.addSeries(units)
        x = QBarCategoryAxis()
        x.append(categories or ["—"])
        y = QValueAxis()
        y.setRange(0, top)
        y.applyNiceNumbers()  # whole-number ticks, so "%d" labels are exact
        y.setLabelFormat("%d")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, units):
            series.attachAxis(x)
            series.attachAxis(y)
        _readable(chart, x, y)
        self.setChart(chart)


class RateChart(QChartView):
    """Lines picked and orders packed per hour for each station or person (top ten)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.keys: list[str] = []
        self.setChart(QChart())

    def show_rates(self, rows: Sequence[RateRow]) -> None:
        top = sorted(rows, key=lambda r: (r.lines_per_hour + r.orders_per_hour, r.key))[-10:]
        self.keys = [r.key for r in top]
        chart = QChart()
        chart.setTitle(self._title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        lines = QBarSet(self.tr("Lines/h"))
        packed = QBarSet(self.tr("Orders/h"))
        lines.setColor(QColor("#1a5fb4"))
        packed.setColor(QColor("#e66100"))
        for r in top:
            lines.append(r.lines_per_hour)
            packed.append(r.orders_per_hour)
        series = QHorizontalBarSeries()
        series.append(lines)
        series.append(packed)
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append(self.keys or ["—"])
        x = QValueAxis()
        x.setRange(0, max([1.0, *(max(r.lines_per_hour, r.orders_per_hour) for r in top)]))
        x.applyNiceNumbers()
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        series.attachAxis(y)
        _readable(chart, x, y)
        self.setChart(chart)


class CyclePanel(QWidget):
    """Median and p90 per step as a table with bars; the bottleneck row is red AND labelled."""

    def __init__(self, export_folder: Callable[[], Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table_panel = TablePanel(
            self.tr("Cycle time per step"),
            [
                self.tr("Step"),
                self.tr("Orders"),
                self.tr("Median"),
                self.tr("90th percentile"),
                self.tr("Median (bar)"),
                self.tr("Note"),
            ],
            "cycle-time",
            export_folder,
        )
        layout.addWidget(self.table_panel)
        self.bottleneck = QLabel()
        self.bottleneck.setStyleSheet("font-size:22px;")
        self.bottleneck.setWordWrap(True)
        layout.addWidget(self.bottleneck)

    def show_steps(self, steps: Sequence[CycleStep], step_name: Callable[[str], str]) -> None:
        longest = max((s.median_s or 0.0 for s in steps), default=0.0) or 1.0
        rows = []
        alert = []
        for i, s in enumerate(steps):
            name = f"{step_name(s.from_status)} → {step_name(s.to_status)}"
            note = "▲ " + self.tr("BOTTLENECK") if s.bottleneck else ""
            rows.append(
                [
                    name,
                    str(s.count),
                    format_duration(s.median_s),
                    format_duration(s.p90_s),
                    "",
                    note,
                ]
            )
            if s.bottleneck:
                alert.append(i)
        self.table_panel.set_rows(rows, alert)
        table = self.table_panel.table
        for i, s in enumerate(steps):
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(round(1000 * (s.median_s or 0.0) / longest))
            bar.setTextVisible(False)
            bar.setStyleSheet(
                "QProgressBar::chunk { background:%s; }"
                % ("#c01c28" if s.bottleneck else "#1a5fb4")
            )
            table.setCellWidget(i, 4, bar)
        table.setColumnWidth(4, 260)
        worst = next((s for s in steps if s.bottleneck), None)
        if worst is None:
            self.bottleneck.setText(self.tr("No finished steps in this period."))
            self.bottleneck.setStyleSheet("font-size:22px;")
        else:
            self.bottleneck.setText(
                "▲ "
                + self.tr("Bottleneck: %1 (median %2)")
                .replace("%1", f"{step_name(worst.from_status)} → {step_name(worst.to_status)}")
                .replace("%2", format_duration(worst.median_s))
            )
            self.bottleneck.setStyleSheet(
                "font-size:22px; font-weight:bold; color:#8a1010; background:#fde2e2; padding:8px;"
            )
