"""Display pieces of the pick step: the bin code in big parts, the scan-stage chips, a card."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.services.pick_flow import Stage
from app.services.pick_views import BinLabel
from ui import theme

BIN_VALUE_PX = 72
CARD_STYLE = (
    f"QFrame#pickCard {{ background:{theme.CARD}; border:2px solid {theme.LINE};"
    " border-radius:8px; }"
)


class Card(QFrame):
    """A white panel with a small caption over a big value and a detail line."""

    def __init__(self, parent: QWidget | None = None, value_px: int = theme.FONT_HUGE_PX) -> None:
        super().__init__(parent)
        self.setObjectName("pickCard")
        self.setStyleSheet(CARD_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.setSpacing(0)
        self.caption = QLabel(self)
        theme.set_role(self.caption, "hint")
        self.value = QLabel(self)
        self.value.setStyleSheet(f"font-size:{value_px}px; font-weight:bold;")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        for w in (self.caption, self.value, self.detail):
            layout.addWidget(w)


class BinCodeDisplay(QFrame):
    """``A-03-12-2-1`` as five boxes: zone, aisle, bay, level, slot, each with its caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(8)
        self.cells: list[Card] = []
        for _ in range(5):
            cell = Card(self, BIN_VALUE_PX)
            cell.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell.detail.hide()
            self.cells.append(cell)
            self.row.addWidget(cell)
        self.label = BinLabel("")
        self._retranslate()

    def show_bin(self, label: BinLabel) -> None:
        self.label = label
        parts = [label.zone, label.aisle, label.bay, label.level, label.slot]
        if not label.zone:  # a code outside our pattern: show it whole
            parts = [label.code, "", "", "", ""]
        for cell, part in zip(self.cells, parts, strict=True):
            cell.value.setText(part)
            cell.setVisible(bool(part))
        self._retranslate()

    def _retranslate(self) -> None:
        captions = [
            self.tr("Zone"),
            self.tr("Aisle"),
            self.tr("Bay"),
            self.tr("Level"),
            self.tr("Slot"),
        ]
        if self.label.code and not self.label.zone:
            captions[0] = self.tr("Bin")
        for cell, caption in zip(self.cells, captions, strict=True):
            cell.caption.setText(caption)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


class StageChips(QWidget):
    """① Bin → ② Product → ③ Tote, the current one filled, finished ones ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.chips = {stage: QLabel(self) for stage in Stage}
        for chip in self.chips.values():
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setMinimumHeight(48)
            row.addWidget(chip, 1)
        self.stage = Stage.BIN
        self.show_stage(Stage.BIN)

    def show_stage(self, stage: Stage) -> None:
        self.stage = stage
        order = list(Stage)
        names = {
            Stage.BIN: self.tr("Bin"),
            Stage.PRODUCT: self.tr("Product"),
            Stage.TOTE: self.tr("Tote"),
        }
        for i, (s, chip) in enumerate(self.chips.items()):
            if order.index(s) < order.index(stage):
                chip.setText(f"✔ {names[s]}")
                style = f"color:{theme.OK}; border:2px solid {theme.OK}; background:#e3f3e6;"
            elif s == stage:
                chip.setText(f"▶ {i + 1}. {names[s]}")
                style = (
                    f"color:white; background:{theme.PRIMARY}; border:2px solid {theme.PRIMARY};"
                )
            else:
                chip.setText(f"{i + 1}. {names[s]}")
                style = f"color:{theme.INK_MUTED}; border:2px solid {theme.LINE};"
            chip.setStyleSheet(
                style + f"border-radius:6px; font-size:{theme.FONT_PX}px; font-weight:bold;"
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_stage(self.stage)
        super().changeEvent(event)
