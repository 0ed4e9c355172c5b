"""Supervisor override to close an order short: badge (typed or scanned), PIN and a reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
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

from app.services.packing import Override
from ui import theme


class OverrideDialog(QDialog):
    """Collects an :class:`Override`; the screen checks it with the packing service.

    OK does not close the dialog: it emits ``submitted`` and the screen either accepts the
    dialog (override granted) or shows why not, so a wrong PIN can be typed again. The check
    (scrypt, tens of milliseconds) runs on a worker thread; meanwhile :meth:`set_checking`
    says so and the dialog takes no input, no second OK and no Cancel.
    """

    submitted = Signal()

    def __init__(self, missing_units: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supervisor override"))
        self.setMinimumWidth(760)
        # While the PIN is checked every button is disabled, and must look it: the red
        # "Close order short" and the chosen reason would otherwise still look tappable.
        self.setStyleSheet(
            f"QPushButton:checked {{ background:{theme.PRIMARY}; color:white;"
            f" border-color:{theme.PRIMARY}; font-weight:bold; }}"
            " QPushButton:disabled, QPushButton:checked:disabled,"
            ' QPushButton[role="danger"]:disabled'
            " { color:#6b7480; border-color:#c4cad1; background:#e9edf1; }"
        )
        layout = QVBoxLayout(self)
        title = QLabel(
            "▲ " + self.tr("Close the order with {n} item(s) missing").format(n=missing_units)
        )
        theme.set_role(title, "title")
        title.setWordWrap(True)
        layout.addWidget(title)
        hint = QLabel(self.tr("A supervisor scans their badge (or types it) and enters their PIN."))
        hint.setWordWrap(True)
        theme.set_role(hint, "hint")
        layout.addWidget(hint)
        form = QGridLayout()
        self.badge = QLineEdit()
        self.badge.setPlaceholderText(self.tr("Badge, e.g. USR-1006"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN"))
        form.addWidget(QLabel(self.tr("Badge")), 0, 0)
        form.addWidget(self.badge, 0, 1)
        form.addWidget(QLabel(self.tr("PIN")), 1, 0)
        form.addWidget(self.pin, 1, 1)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Reason")))
        reasons = QHBoxLayout()
        self.reason_group = QButtonGroup(self)
        self.reason_buttons: list[QPushButton] = []
        for text in (
            self.tr("Out of stock"),
            self.tr("Damaged"),
            self.tr("Customer request"),
        ):
            button = QPushButton(text)
            button.setCheckable(True)
            self.reason_group.addButton(button)
            self.reason_buttons.append(button)
            reasons.addWidget(button)
        layout.addLayout(reasons)
        self.reason_text = QLineEdit()
        self.reason_text.setPlaceholderText(self.tr("Or type the reason"))
        layout.addWidget(self.reason_text)
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.set_role(self.error, "error")
        self.error.hide()
        layout.addWidget(self.error)
        self.checking_note = QLabel("… " + self.tr("Checking the supervisor's PIN…"))
        theme.set_role(self.checking_note, "hint")
        self.checking_note.hide()
        layout.addWidget(self.checking_note)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.ok_button = QPushButton("✔ " + self.tr("Close order short"))
        theme.set_role(self.ok_button, "danger")
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self._ok)
        self._checking = False

    @property
    def checking(self) -> bool:
        return self._checking

    def _ok(self) -> None:
        if not self._checking:
            self.submitted.emit()

    def set_checking(self, checking: bool) -> None:
        """While the screen checks the supervisor's PIN: every input off, and a note."""
        self._checking = checking
        inputs: list[QWidget] = [
            self.badge,
            self.pin,
            self.reason_text,
            self.ok_button,
            self.cancel_button,
            *self.reason_buttons,
        ]
        for widget in inputs:
            widget.setEnabled(not checking)
        self.checking_note.setVisible(checking)
        if checking:
            self.error.hide()

    def reject(self) -> None:
        if not self._checking:  # Escape while checking would lose the answer
            super().reject()

    def set_badge(self, code: str) -> None:
        """A badge scanned while the dialog is open lands here; the PIN is next."""
        if self._checking:
            return
        self.badge.setText(code)
        self.pin.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText("✖ " + text)
        self.error.show()

    def override(self) -> Override:
        chosen = self.reason_group.checkedButton()
        reason = self.reason_text.text().strip() or (chosen.text() if chosen else "")
        return Override(self.badge.text().strip(), self.pin.text(), reason)
