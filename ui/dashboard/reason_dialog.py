"""Asks the supervisor why, before an exception action is sent (every action is audited).

On a touch kiosk there is no keyboard: the usual reasons for the action are big buttons to tap
(:mod:`ui.dashboard.reasons`), and a note is optional — typed on a physical keyboard, or on the
on-screen keyboard that a tap on the note field (or its ⌨ button) opens. A reason is a preset,
a note, or both. The note is limited so that the longest preset and the note together fit
what the server takes for a reason (:data:`ui.dashboard.reasons.MAX_REASON`).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.admin.widgets import TOUCH, big_button
from ui.dashboard import reasons
from ui.keyboard import KeyboardDialog, attach_keyboard

PRESET_COLUMNS = 2


class ReasonDialog(QDialog):
    def __init__(
        self, title: str, prompt: str, parent: QWidget | None = None, *, action: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        label.setStyleSheet("font-size:22px;")
        layout.addWidget(label)
        self.presets: list[str] = list(reasons.presets(action))
        self.preset_buttons: list[QPushButton] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        grid = QGridLayout()
        for i, preset in enumerate(self.presets):
            button = QPushButton(reasons.translate(preset))
            button.setCheckable(True)
            button.setMinimumHeight(TOUCH)
            button.setStyleSheet(
                "QPushButton { font-size:20px; padding:8px 12px; text-align:left; }"
                "QPushButton:checked { background:#1a5fb4; color:white; font-weight:bold; }"
            )
            button.toggled.connect(self._on_choice)
            self._group.addButton(button, i)
            grid.addWidget(button, i // PRESET_COLUMNS, i % PRESET_COLUMNS)
            self.preset_buttons.append(button)
        layout.addLayout(grid)
        self.note_label = QLabel(
            self.tr("Add a note (optional):") if self.presets else self.tr("Reason:")
        )
        layout.addWidget(self.note_label)
        row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setAccessibleName(prompt)
        self.note.setStyleSheet(f"font-size:22px; min-height:{TOUCH}px;")
        # Preset + note must fit the server's limit (a longer reason was a 422); the
        # on-screen keyboard's preview takes the same limit.
        limit = reasons.note_limit(action)
        self.note.setMaxLength(limit)
        self.note.setPlaceholderText(self.tr("up to %1 characters").replace("%1", str(limit)))
        self.note.textChanged.connect(self._on_choice)
        row.addWidget(self.note, 1)
        self.keyboard = attach_keyboard(self.note, prompt)
        self.keyboard_button = big_button("⌨ " + self.tr("Keyboard"))
        self.keyboard_button.clicked.connect(self.open_keyboard)
        row.addWidget(self.keyboard_button)
        layout.addLayout(row)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        self.ok = big_button(self.tr("Do it"), primary=True)
        self.ok.clicked.connect(self._accept)
        cancel = big_button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)

    # Kept for callers from before presets: the note field was the whole reason.
    @property
    def reason(self) -> QLineEdit:
        return self.note

    def open_keyboard(self) -> KeyboardDialog:
        return self.keyboard.open()

    def chosen(self) -> str:
        """The English preset tapped, or ""."""
        i = self._group.checkedId()
        return self.presets[i] if 0 <= i < len(self.presets) else ""

    def _on_choice(self) -> None:
        if self.text():
            self.hint.clear()

    def _accept(self) -> None:
        if not self.text():
            self.hint.setText(
                "✖ " + self.tr("Tap a reason or write one: it goes into the audit log.")
            )
            return
        self.accept()

    def text(self) -> str:
        """The reason as it is sent and audited: the English preset, the note, or both."""
        return reasons.compose(self.chosen(), self.note.text())
