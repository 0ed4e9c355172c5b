"""The form that adds or edits one scanner; it shows only the settings its type uses.

Ports and input devices found on the machine fill the pickers; a path can also be typed (a
``/dev/serial/by-id/...`` name survives re-plugging into another USB socket). Prefix and
suffix accept ``\\xNN`` escapes so an admin can enter STX/ETX framing bytes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import ScannerConfig
from drivers.scanners.ports import FoundPort
from ui import theme
from ui.scanners import texts

BAUDS = ("9600", "19200", "38400", "57600", "115200")
COLUMNS = 3  # settings side by side
WIDE = {"port": 2, "device": 2}  # paths are long: these cells take two columns
_ESCAPE = re.compile(r"\\x([0-9A-Fa-f]{2})|\\\\")


def escape(text: str) -> str:
    """Control characters as ``\\xNN`` so they can be seen and typed."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02X}")
        else:
            out.append(ch)
    return "".join(out)


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else "\\", text)


class ScannerEditor(QFrame):
    saved = Signal(object)  # ScannerConfig
    cancelled = Signal()
    refresh_ports = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scannerEditor")
        self.setStyleSheet(
            f"QFrame#scannerEditor {{ background: {theme.CARD}; border: 2px solid {theme.LINE};"
            " border-radius: 8px; }"
            f" QComboBox, QSpinBox, QLineEdit {{ min-height: {theme.TOUCH_MIN - 4}px;"
            " font-size: 22px; padding: 0 8px;"
            f" border: 2px solid {theme.LINE}; border-radius: 6px; background: {theme.CARD}; }}"
            " QWidget#editorForm { background: transparent; }"
            " QSpinBox::up-button, QSpinBox::down-button { width: 40px; }"
            f" QCheckBox {{ min-height: {theme.TOUCH_MIN}px; }}"
            " QCheckBox::indicator { width: 36px; height: 36px; }"
        )
        self._original: ScannerConfig = ScannerConfig()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        # Heading, Cancel and Save share the top row, and the settings are three columns of
        # "label above field" cells: the most a type shows (serial, 11) then fits in four
        # rows under the station's tab and status bars at 1024 x 768 without scrolling.
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 28px; font-weight: bold;")
        top.addWidget(self.heading, 1)
        outer.addLayout(top)

        form_host = QWidget()
        form_host.setObjectName("editorForm")
        self.form = QGridLayout(form_host)
        self.form.setHorizontalSpacing(24)
        self.form.setVerticalSpacing(8)
        for column in range(COLUMNS):
            self.form.setColumnStretch(column, 1)
        self.name = QLineEdit()
        self.type = QComboBox()
        for kind in ("serial", "wedge", "evdev", "simulated"):
            self.type.addItem(texts.type_name(kind), kind)
        self.type.currentIndexChanged.connect(self._show_rows)
        self.enabled = QCheckBox(self.tr("Use this scanner"))

        self.port = QComboBox()
        self.port.setEditable(True)
        self.refresh = QPushButton("⟳ " + self.tr("Find"))
        self.refresh.setMinimumHeight(theme.TOUCH_MIN)
        self.refresh.clicked.connect(self.refresh_ports)
        port_row = QWidget()
        port_box = QHBoxLayout(port_row)
        port_box.setContentsMargins(0, 0, 0, 0)
        port_box.addWidget(self.port, 1)
        port_box.addWidget(self.refresh)
        self.baud = QComboBox()
        self.baud.setEditable(True)
        self.baud.addItems(BAUDS)
        self.baud.setValidator(QIntValidator(50, 4_000_000, self))
        self.parity = QComboBox()
        for value, label in (
            ("none", self.tr("None")),
            ("even", self.tr("Even")),
            ("odd", self.tr("Odd")),
            ("mark", self.tr("Mark")),
            ("space", self.tr("Space")),
        ):
            self.parity.addItem(label, value)
        self.terminator = QComboBox()
        for value, label in (
            ("cr", self.tr("CR (carriage return)")),
            ("lf", self.tr("LF (line feed)")),
            ("crlf", self.tr("CR LF")),
            ("none", self.tr("None: a pause ends the scan")),
        ):
            self.terminator.addItem(label, value)
        self.inter_byte = _spin(5, 2000, " ms")
        self.device = QComboBox()
        self.device.setEditable(True)
        self.layout_box = QComboBox()
        self.layout_box.addItem(self.tr("US (QWERTY)"), "us")
        self.layout_box.addItem(self.tr("German (QWERTZ)"), "de")
        self.key_interval = _spin(5, 200, " ms")
        self.min_length = _spin(1, 64, "")
        self.suffix_key = QComboBox()
        for value, label in (
            ("enter", self.tr("Enter")),
            ("tab", self.tr("Tab")),
            ("none", self.tr("None: a pause ends the scan")),
        ):
            self.suffix_key.addItem(label, value)
        self.prefix = QLineEdit()
        self.suffix = QLineEdit()
        self.gs_substitute = QLineEdit()
        self.gs_substitute.setMaxLength(1)
        self.gs_substitute.setPlaceholderText(self.tr("e.g. ^ or ~ (empty: none)"))

        self.rows: dict[str, QWidget] = {
            "name": self.name,
            "type": self.type,
            "enabled": self.enabled,
            "port": port_row,
            "baud": self.baud,
            "parity": self.parity,
            "terminator": self.terminator,
            "inter_byte": self.inter_byte,
            "device": self.device,
            "layout": self.layout_box,
            "key_interval": self.key_interval,
            "min_length": self.min_length,
            "suffix_key": self.suffix_key,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "gs": self.gs_substitute,
        }
        labels = {
            "name": self.tr("Name"),
            "type": self.tr("Type"),
            "enabled": "",
            "port": self.tr("Port"),
            "baud": self.tr("Baud rate"),
            "parity": self.tr("Parity"),
            "terminator": self.tr("Ends with"),
            "inter_byte": self.tr("Pause that ends a scan"),
            "device": self.tr("Input device"),
            "layout": self.tr("Scanner keyboard country"),
            "key_interval": self.tr("Max time between keys"),
            "min_length": self.tr("Shortest scan"),
            "suffix_key": self.tr("Last key"),
            "prefix": self.tr("Remove prefix"),
            "suffix": self.tr("Remove suffix"),
            "gs": self.tr("GS stand-in character"),
        }
        self.cells: dict[str, QWidget] = {}
        for key, widget in self.rows.items():
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            if labels[key]:
                caption = QLabel(labels[key])
                caption.setStyleSheet(f"color: {theme.INK_MUTED}; font-weight: bold;")
                box.addWidget(caption)
            box.addWidget(widget)
            self.cells[key] = cell
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)
        scroll.setWidget(form_host)
        outer.addWidget(scroll, 1)
        self.form_scroll = scroll  # a fallback only: every type's settings fit without scrolling

        self.error = QLabel("")
        self.error.setWordWrap(True)
        theme.set_role(self.error, "error")
        self.error.setVisible(False)
        outer.addWidget(self.error)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.save_button = QPushButton(theme.SYMBOL_OK + " " + self.tr("Save"))
        theme.set_role(self.save_button, "primary")
        self.cancel_button.clicked.connect(self.cancelled)
        self.save_button.clicked.connect(lambda: self.saved.emit(self.value()))
        top.addWidget(self.cancel_button)
        top.addWidget(self.save_button)
        combos = [w for w in self.rows.values() if isinstance(w, QComboBox)] + [self.port]
        for combo in combos:
            # Long choices are cut at the field's edge instead of widening the columns past
            # the editor (at 1024 px the right column went under the frame).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)

    # -- filling and reading --------------------------------------------------------------
    def load(self, spec: ScannerConfig, *, new: bool) -> None:
        self._original = spec
        self.heading.setText(self.tr("New scanner") if new else self.tr("Edit scanner"))
        self.name.setText(spec.name)
        _select(self.type, spec.type)
        self.enabled.setChecked(spec.enabled)
        self.port.setEditText(spec.port)
        self.baud.setEditText(str(spec.baud))
        _select(self.parity, spec.parity)
        _select(self.terminator, spec.terminator)
        self.inter_byte.setValue(spec.inter_byte_timeout_ms)
        self.device.setEditText(spec.device)
        _select(self.layout_box, spec.keyboard_layout)
        self.key_interval.setValue(spec.max_key_interval_ms)
        self.min_length.setValue(spec.min_length)
        _select(self.suffix_key, spec.suffix_key)
        self.prefix.setText(escape(spec.strip_prefix))
        self.suffix.setText(escape(spec.strip_suffix))
        self.gs_substitute.setText(spec.gs_substitute)
        self.show_error("")
        self._show_rows()

    def set_ports(self, ports: list[FoundPort]) -> None:
        """Fill the pickers with what was found, keeping what is typed."""
        for combo, kind in ((self.port, "serial"), (self.device, "evdev")):
            typed = combo.currentText()
            combo.clear()
            for port in ports:
                if port.kind == kind:
                    label = (
                        port.path
                        if port.description in ("", port.path)
                        else (f"{port.path} — {port.description}")
                    )
                    combo.addItem(label, port.path)
            combo.setEditText(typed)

    def value(self) -> ScannerConfig:
        baud_text = self.baud.currentText().strip()
        return replace(
            self._original,
            name=self.name.text().strip(),
            type=str(self.type.currentData()),
            enabled=self.enabled.isChecked(),
            port=_chosen_path(self.port),
            baud=int(baud_text) if baud_text.isdigit() else 0,
            parity=str(self.parity.currentData()),
            terminator=str(self.terminator.currentData()),
            inter_byte_timeout_ms=self.inter_byte.value(),
            device=_chosen_path(self.device),
            keyboard_layout=str(self.layout_box.currentData()),
            max_key_interval_ms=self.key_interval.value(),
            min_length=self.min_length.value(),
            suffix_key=str(self.suffix_key.currentData()),
            strip_prefix=unescape(self.prefix.text()),
            strip_suffix=unescape(self.suffix.text()),
            gs_substitute=self.gs_substitute.text(),
        )

    def show_error(self, message: str) -> None:
        self.error.setText(f"{theme.SYMBOL_FAIL} {message}" if message else "")
        self.error.setVisible(bool(message))

    def _show_rows(self) -> None:
        kind = str(self.type.currentData())
        framing = {"prefix", "suffix", "gs"}
        visible = {"name", "type", "enabled"} | framing
        visible |= {
            "serial": {"port", "baud", "parity", "terminator", "inter_byte"},
            "wedge": {"key_interval", "min_length", "suffix_key"},
            "evdev": {"device", "layout", "suffix_key", "inter_byte"},
            "simulated": {"terminator"},
        }.get(kind, set())
        for cell in self.cells.values():
            self.form.removeWidget(cell)
            cell.hide()
        shown = [key for key in self.cells if key in visible]
        row = column = 0
        for key in shown:
            span = WIDE.get(key, 1)
            if column + span > COLUMNS:
                row, column = row + 1, 0
            self.form.addWidget(self.cells[key], row, column, 1, span)
            self.cells[key].show()
            column += span
            if column >= COLUMNS:
                row, column = row + 1, 0
        for r in range(self.form.rowCount()):
            self.form.setRowStretch(r, 0)
        self.form.setRowStretch(row + 1, 1)


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    return box


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def _chosen_path(combo: QComboBox) -> str:
    """The path of the picked entry, or the text as typed."""
    text = combo.currentText().strip()
    index = combo.findText(text)
    if index >= 0 and combo.itemData(index):
        return str(combo.itemData(index))
    return text
