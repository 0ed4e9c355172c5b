"""A developer's stand-in for a scanner: type a code in the status bar, press Enter.

Shown only with ``main.py run --dev-scans`` (or ``WS_DEV_SCANS=1``). It publishes on the same
scan bus as the real drivers, so everything after it is the real path.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from drivers.scanners.base import RawScan
from ui.context import ScanBus

SOURCE = "developer"


class DevScanEntry(QWidget):
    def __init__(self, bus: ScanBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self.edit = QLineEdit(self)
        self.edit.setMinimumWidth(260)
        self.edit.returnPressed.connect(self.send)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self._retranslate()

    def send(self) -> None:
        text = self.edit.text()
        self.edit.clear()
        if text:
            self._bus.publish(RawScan(text.encode(), time.monotonic(), SOURCE))

    def _retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Test scan + Enter"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
