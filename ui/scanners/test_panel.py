"""The "test scan" panel: every scan's bytes in hex, its AIM identifier, what it parsed to, and
how long it took from the last byte to the screen.

It is what an admin looks at when a scanner "does not work": the raw bytes show a lost GS,
a wrong terminator or a wrong baud rate at a glance.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from drivers.scanners.aim import symbology_name
from drivers.scanners.base import RawScan
from ui import theme
from ui.scanners import texts

MAX_HEX_BYTES = 192
HISTORY_ROWS = 6


@dataclass(frozen=True)
class ScanReport:
    """One scan as the panel shows it; ``accepted`` decides the feedback sound."""

    source: str
    latency_ms: float
    aim: str
    hex: str
    visible: str
    accepted: bool
    kind: str  # app.scan kind, or "error"
    title: str
    fields: list[tuple[str, str]]
    problem: str  # what was wrong and what to do ("" when accepted)


def hex_bytes(data: bytes) -> str:
    shown = " ".join(f"{b:02X}" for b in data[:MAX_HEX_BYTES])
    if len(data) > MAX_HEX_BYTES:
        shown += f" … ({len(data)} B)"
    return shown


def report_for(raw: RawScan, now: float | None = None) -> ScanReport:
    """Parse and describe one scan (the parser is imported here: it loads biip).

    ``now`` is when the scan reached the GUI thread; latency is measured to it, so the
    parser's own time (and its first import) does not count as the scanner's.
    """
    from app.scan import ScanError, describe, parse_scan, visible
    from ui.scan_texts import scan_error_text

    latency = ((now if now is not None else time.monotonic()) - raw.timestamp) * 1000.0
    aim = raw.aim or ""
    if aim and (name := symbology_name(aim)):
        aim = f"{aim} · {name}"
    text = visible(raw.data.decode("utf-8", errors="backslashreplace"))
    if raw.error is not None:
        kind = "error"
        fields = [(texts.field_name("message"), raw.error)]
        problem = texts.frame_error_text(raw.error_code)
    else:
        result = parse_scan(raw.data)
        view = describe(result)
        kind = str(view["kind"])
        hidden = {"kind", "raw", "raw_visible"} | ({"code"} if kind == "error" else set())
        fields = [
            (texts.field_name(key), _value(value))
            for key, value in view.items()
            if key not in hidden and value not in (None, [], "")
        ]
        problem = scan_error_text(result) if isinstance(result, ScanError) else ""
    return ScanReport(
        source=raw.source,
        latency_ms=latency,
        aim=aim,
        hex=hex_bytes(raw.data),
        visible=text,
        accepted=kind != "error",
        kind=kind,
        title=texts.kind_name(kind),
        fields=fields,
        problem=problem,
    )


def breakable(text: str, every: int = 8) -> str:
    """Allow a long run without spaces (a barcode) to wrap: zero-width spaces between chunks."""
    return "\u200b".join(text[i : i + every] for i in range(0, len(text), every))


def _value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class ScanTestPanel(QFrame):
    simulate = Signal(str)  # text typed in the "simulate a scan" box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanTestPanel")
        # One style sheet for the panel; a scan only flips the verdict's "state" property, which
        # is far cheaper than a new style sheet per scan (the latency benchmark showed it).
        self.setStyleSheet(
            f"QFrame#scanTestPanel {{ background: {theme.CARD}; border: 2px solid {theme.LINE};"
            " border-radius: 8px; }"
            " QLabel#verdict { color: white; border-radius: 6px; padding: 8px 12px;"
            " font-size: 24px; font-weight: bold; }"
            f' QLabel#verdict[state="ok"] {{ background: {theme.OK}; }}'
            f' QLabel#verdict[state="fail"] {{ background: {theme.FAIL}; }}'
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(8)
        title = QLabel(self.tr("Test scan"))
        title.setStyleSheet("font-size: 28px; font-weight: bold;")
        self.hint = QLabel(self.tr("Scan any barcode with any scanner."))
        self.hint.setWordWrap(True)
        theme.set_role(self.hint, "hint")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.hint, 1)
        layout.addLayout(top)

        self.verdict = QLabel("")
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setMinimumHeight(52)
        layout.addWidget(self.verdict)

        # Everything about the scan scrolls, so a long 2D code never pushes the rest off screen.
        details = QWidget()
        details.setObjectName("scanDetails")
        details.setStyleSheet("QWidget#scanDetails { background: transparent; }")
        details_box = QVBoxLayout(details)
        details_box.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPixelSize(18)
        self.values: dict[str, QLabel] = {}
        # (key, label, row, column, columns spanned by the value)
        cells = [
            ("source", self.tr("Scanner"), 0, 0, 1),
            ("latency", self.tr("Latency"), 0, 2, 1),
            ("aim", self.tr("AIM identifier"), 1, 0, 3),
            ("hex", self.tr("Bytes (hex)"), 2, 0, 3),
            ("text", self.tr("As text"), 3, 0, 3),
            ("fields", self.tr("Parsed"), 4, 0, 3),
        ]
        for key, label_text, row, column, span in cells:
            label = QLabel(label_text)
            label.setStyleSheet(f"color: {theme.INK_MUTED}; font-weight: bold;")
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            value = QLabel("—")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            if key in ("hex", "text"):
                value.setFont(mono)
            grid.addWidget(label, row, column)
            grid.addWidget(value, row, column + 1, 1, span)
            self.values[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        details_box.addLayout(grid)

        # Recent scans: a fixed grid of labels whose texts move down. A QTableWidget looked the
        # same but its repaint cost ~5 ms a scan (measured): most of this page's latency.
        history = QFrame()
        history.setObjectName("scanHistory")
        history.setStyleSheet(
            f"QFrame#scanHistory {{ border-top: 2px solid {theme.LINE}; }}"
            " QFrame#scanHistory QLabel { font-size: 18px; }"
        )
        table = QGridLayout(history)
        table.setContentsMargins(0, 6, 0, 0)
        table.setHorizontalSpacing(16)
        table.setVerticalSpacing(2)
        headers = [self.tr("Time"), self.tr("Scanner"), self.tr("Result"), self.tr("ms")]
        for column, text in enumerate(headers):
            label = QLabel(text)
            label.setStyleSheet(f"color: {theme.INK_MUTED}; font-weight: bold;")
            table.addWidget(label, 0, column)
        self.history_cells: list[list[QLabel]] = []
        for row in range(HISTORY_ROWS):
            row_cells = [QLabel("") for _ in headers]
            for column, cell in enumerate(row_cells):
                table.addWidget(cell, row + 1, column)
            self.history_cells.append(row_cells)
        table.setColumnStretch(2, 1)
        self.history_rows: list[list[str]] = []
        details_box.addWidget(history)
        details_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(details)
        scroll.viewport().setAutoFillBackground(False)
        layout.addWidget(scroll, 1)

        self.simulate_row = QWidget()
        sim = QHBoxLayout(self.simulate_row)
        sim.setContentsMargins(0, 0, 0, 0)
        self.simulate_edit = QLineEdit()
        self.simulate_edit.setPlaceholderText(self.tr("Text for a simulated scanner"))
        self.simulate_button = QPushButton(self.tr("Simulate scan"))
        self.simulate_button.clicked.connect(self._simulate)
        self.simulate_edit.returnPressed.connect(self._simulate)
        sim.addWidget(self.simulate_edit, 1)
        sim.addWidget(self.simulate_button)
        layout.addWidget(self.simulate_row)
        self.simulate_row.setVisible(False)
        self.last: ScanReport | None = None

    def _simulate(self) -> None:
        text = self.simulate_edit.text()
        if text:
            self.simulate.emit(text)
            self.simulate_edit.clear()

    def show_report(self, report: ScanReport) -> None:
        self.last = report
        if report.accepted:
            accepted = self.tr("Accepted")
            verdict = f"{theme.SYMBOL_OK} {accepted}: {report.title}"
        else:
            refused = self.tr("Not accepted")
            verdict = f"{theme.SYMBOL_FAIL} {refused}: {report.problem}"
        self.verdict.setText(verdict)
        state = "ok" if report.accepted else "fail"
        if self.verdict.property("state") != state:
            theme.set_property(self.verdict, "state", state)
        self.values["source"].setText(report.source)
        self.values["latency"].setText(self.tr("%1 ms").replace("%1", f"{report.latency_ms:.1f}"))
        self.values["aim"].setText(report.aim or self.tr("none"))
        self.values["hex"].setText(report.hex)
        self.values["text"].setText(breakable(report.visible))
        self.values["fields"].setText(
            "   ".join(f"{name}: {breakable(value, 24)}" for name, value in report.fields) or "—"
        )
        self._add_history(report)

    def _add_history(self, report: ScanReport) -> None:
        symbol = theme.SYMBOL_OK if report.accepted else theme.SYMBOL_FAIL
        row = [
            datetime.now().strftime("%H:%M:%S"),
            report.source,
            f"{symbol} {report.title}",
            f"{report.latency_ms:.1f}",
        ]
        self.history_rows = [row, *self.history_rows][:HISTORY_ROWS]
        for cells, texts_in_row in zip(self.history_cells, self.history_rows, strict=False):
            for cell, text in zip(cells, texts_in_row, strict=True):
                cell.setText(text)
