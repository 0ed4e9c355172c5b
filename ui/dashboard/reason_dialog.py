"""Asks the supervisor why, before an exception action is sent (every action is audited)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.admin.widgets import big_button


class ReasonDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        label.setStyleSheet("font-size:22px;")
        layout.addWidget(label)
        self.reason = QLineEdit()
        self.reason.setStyleSheet("font-size:22px; min-height:64px;")
        layout.addWidget(self.reason)
        row = QHBoxLayout()
        self.ok = big_button(self.tr("Do it"), primary=True)
        self.ok.clicked.connect(self._accept)
        cancel = big_button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        row.addWidget(self.ok)
        layout.addLayout(row)
        self.hint = QLabel()
        layout.addWidget(self.hint)

    def _accept(self) -> None:
        if not self.reason.text().strip():
            self.hint.setText("✖ " + self.tr("Say why: the reason goes into the audit log."))
            return
        self.accept()

    def text(self) -> str:
        return self.reason.text().strip()
