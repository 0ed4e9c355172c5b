"""Touch-sized building blocks shared by the admin and dashboard pages.

Targets are at least 64 px high and text is large enough to read at arm's length; status is
never colour alone: every status carries a word and a symbol as well.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QWidget

TOUCH = 64
BASE_STYLE = """
QWidget { font-size: 20px; }
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateTimeEdit { min-height: 64px; padding: 0 8px; }
QCheckBox { min-height: 64px; }
QCheckBox::indicator { width: 36px; height: 36px; }
QHeaderView::section { font-weight: bold; padding: 6px; background: #e8e8e8; }
QTableWidget { gridline-color: #cccccc; }
"""

OK_STYLE = "background:#dff5e1; color:#0b5d1e; border:2px solid #0b5d1e; padding:8px;"
WARN_STYLE = "background:#fff4d6; color:#6b4a00; border:2px solid #b07d00; padding:8px;"
BAD_STYLE = "background:#fde2e2; color:#8a1010; border:2px solid #8a1010; padding:8px;"


def big_button(text: str, parent: QWidget | None = None, *, primary: bool = False) -> QPushButton:
    button = QPushButton(text, parent)
    button.setMinimumHeight(TOUCH)
    button.setMinimumWidth(120)
    style = "QPushButton { font-size:20px; padding:0 16px; %s }" % (  # 64 px: the min height
        "background:#1a5fb4; color:white; font-weight:bold;" if primary else ""
    )
    # Greyed when it cannot be tapped, a blue one too (its own colour would say "tap me").
    style += " QPushButton:disabled { color:#6b7480; background:#e9edf1; border-color:#c4cad1; }"
    button.setStyleSheet(style)
    return button


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("font-size:28px; font-weight:bold;")
    return label


def status_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setMinimumHeight(48)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def show_status(label: QLabel, text: str, kind: str = "ok") -> None:
    """``kind`` is ok, warn or bad; the text carries its own ✔/▲/✖ so colour is not alone."""
    symbol = {"ok": "✔", "warn": "▲", "bad": "✖"}[kind]
    style = {"ok": OK_STYLE, "warn": WARN_STYLE, "bad": BAD_STYLE}[kind]
    label.setText(f"{symbol} {text}")
    label.setStyleSheet(style)


def touch_table(parent: QWidget | None = None) -> QTableWidget:
    table = QTableWidget(parent)
    table.verticalHeader().setDefaultSectionSize(52)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table
