"""A PIN pad dialog big enough for gloved fingers; used to leave kiosk mode."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.admin.widgets import BAD_STYLE, big_button


class PinDialog(QDialog):
    """Asks for a PIN; ``check(pin)`` decides. A wrong PIN says so and clears the field."""

    def __init__(
        self, title: str, prompt: str, check: Callable[[str], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._check = check
        self.setWindowTitle(title)
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(prompt)
        self.prompt.setStyleSheet("font-size:24px;")
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setStyleSheet("font-size:36px; min-height:72px;")
        self.field.returnPressed.connect(self.try_accept)
        layout.addWidget(self.field)
        self.error = QLabel()
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        grid = QGridLayout()
        for n in range(1, 10):
            grid.addWidget(self._key(str(n)), (n - 1) // 3, (n - 1) % 3)
        back = big_button("←")
        back.clicked.connect(self.field.backspace)
        grid.addWidget(back, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        ok = big_button(self.tr("OK"), primary=True)
        ok.clicked.connect(self.try_accept)
        grid.addWidget(ok, 3, 2)
        layout.addLayout(grid)
        cancel = big_button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel)

    def _key(self, digit: str) -> QWidget:
        button = big_button(digit)
        button.setMinimumSize(96, 72)
        button.clicked.connect(lambda: self.field.insert(digit))
        return button

    def try_accept(self) -> None:
        if self._check(self.field.text()):
            self.accept()
            return
        self.field.clear()
        self.error.setText("✖ " + self.tr("Wrong PIN. Ask an admin to enter theirs."))
        self.error.setStyleSheet(BAD_STYLE + " font-size:20px;")
