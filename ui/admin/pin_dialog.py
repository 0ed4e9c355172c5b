"""A PIN pad dialog big enough for gloved fingers; used to leave kiosk mode.

Checking a PIN against its scrypt hash takes tens of milliseconds (more under load), so the
GUI thread must not do it. Without a ``check`` function the dialog only collects the PIN: OK
emits :attr:`PinDialog.pin_submitted` and shows "Checking the PIN…" with every key disabled
until the owner, having checked on a worker thread, calls :meth:`PinDialog.checked` or
:meth:`PinDialog.check_failed`. A ``check`` function is for cheap checks (format only).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.admin.widgets import BAD_STYLE, WARN_STYLE, big_button


class PinDialog(QDialog):
    """Asks for a PIN; ``check(pin)`` decides, or the owner does (see the module docstring).
    A wrong PIN says so and clears the field."""

    pin_submitted = Signal(str)

    def __init__(
        self,
        title: str,
        prompt: str,
        check: Callable[[str], bool] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._checking = False
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
        self.keys: list[QPushButton] = []
        for n in range(1, 10):
            grid.addWidget(self._key(str(n)), (n - 1) // 3, (n - 1) % 3)
        back = big_button("←")
        back.clicked.connect(self.field.backspace)
        self.keys.append(back)
        grid.addWidget(back, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        self.ok_button = big_button(self.tr("OK"), primary=True)
        # The primary colour is set on the button itself; while checking it must look off.
        self.ok_button.setStyleSheet(
            f"QPushButton {{ {self.ok_button.styleSheet()} }}"
            " QPushButton:disabled { color:#6b7480; background:#e9edf1; }"
        )
        self.ok_button.clicked.connect(self.try_accept)
        grid.addWidget(self.ok_button, 3, 2)
        layout.addLayout(grid)
        self.cancel_button = big_button(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.cancel_button)

    def _key(self, digit: str) -> QWidget:
        button = big_button(digit)
        button.setMinimumSize(96, 72)
        button.clicked.connect(lambda: self.field.insert(digit))
        self.keys.append(button)
        return button

    @property
    def checking(self) -> bool:
        """The PIN is being checked elsewhere; the pad takes nothing meanwhile."""
        return self._checking

    def try_accept(self) -> None:
        if self._checking:
            return
        if self._check is None:
            self.set_checking(True)
            self.pin_submitted.emit(self.field.text())
            return
        if self._check(self.field.text()):
            self.accept()
            return
        self._wrong()

    def set_checking(self, checking: bool) -> None:
        self._checking = checking
        for widget in (*self.keys, self.ok_button, self.cancel_button, self.field):
            widget.setEnabled(not checking)
        if checking:
            self.error.setText("… " + self.tr("Checking the PIN…"))
            self.error.setStyleSheet(WARN_STYLE + " font-size:20px;")
        else:
            self.error.clear()
            self.error.setStyleSheet("")
            self.field.setFocus()

    def checked(self, ok: bool) -> None:
        """The owner's answer for the PIN it was given: close, or say it was wrong."""
        self.set_checking(False)
        if ok:
            self.accept()
        else:
            self._wrong()

    def check_failed(self, text: str) -> None:
        """The check itself failed (database error): say so; the PIN can be entered again."""
        self.set_checking(False)
        self.field.clear()
        self.error.setText("✖ " + text)
        self.error.setStyleSheet(BAD_STYLE + " font-size:20px;")

    def reject(self) -> None:
        if not self._checking:  # Escape while checking would orphan the answer
            super().reject()

    def _wrong(self) -> None:
        self.field.clear()
        self.error.setText("✖ " + self.tr("Wrong PIN. Ask an admin to enter theirs."))
        self.error.setStyleSheet(BAD_STYLE + " font-size:20px;")
