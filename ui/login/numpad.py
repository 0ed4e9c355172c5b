"""A PIN pad sized for gloved fingers: 1-9, delete, 0, OK."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from ui import theme


class NumPad(QWidget):
    digit = Signal(str)
    delete = Signal()
    submit = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for i, label in enumerate("123456789"):
            self._add(grid, label, i // 3, i % 3)
        self._add(grid, "delete", 3, 0)
        self._add(grid, "0", 3, 1)
        self._add(grid, "ok", 3, 2)
        theme.set_role(self.keys["ok"], "keyPrimary")
        self._retranslate()

    def _add(self, grid: QGridLayout, key: str, row: int, column: int) -> None:
        button = QPushButton(key if key.isdigit() else "", self)
        theme.set_role(button, "key")
        if key.isdigit():
            button.clicked.connect(lambda: self.digit.emit(key))
        elif key == "delete":
            button.clicked.connect(self.delete)
        else:
            button.clicked.connect(self.submit)
        grid.addWidget(button, row, column)
        self.keys[key] = button

    def _retranslate(self) -> None:
        self.keys["delete"].setText(self.tr("Delete"))
        self.keys["ok"].setText(self.tr("OK"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
