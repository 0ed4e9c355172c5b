"""The big success/failure flash across the top of the window.

Readable from a few metres: a coloured band with a symbol AND a word (never colour alone), then
the message. Success goes quickly and lets taps through, so it never hides or blocks the next
step; an error stays longer and a tap dismisses it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ui import theme

OK_MS = 1500
FAIL_MS = 6000


class FeedbackBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setMinimumHeight(120)
        self.kind = ""  # "ok" | "fail" while shown
        self._message = ""
        self.symbol = QLabel(self)
        self.word = QLabel(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.setSpacing(24)
        layout.addWidget(self.symbol)
        layout.addWidget(self.word)
        layout.addWidget(self.text, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def show_ok(self, message: str) -> None:
        self._show("ok", message, OK_MS)

    def show_fail(self, message: str) -> None:
        self._show("fail", message, FAIL_MS)

    def dismiss(self) -> None:
        self._timer.stop()
        self.kind = ""
        self.hide()

    def _show(self, kind: str, message: str, ms: int) -> None:
        self.kind = kind
        self._message = message
        theme.set_property(self, "kind", kind)
        # A success flash must not eat the next tap (on a tab, a button under it); an error
        # stays until it is tapped away or times out.
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, kind == "ok")
        self._retranslate()
        self.place()
        self.show()
        self.raise_()
        self._timer.start(ms)

    def _retranslate(self) -> None:
        if self.kind == "ok":
            self.symbol.setText(theme.SYMBOL_OK)
            self.word.setText(self.tr("OK"))
        else:
            self.symbol.setText(theme.SYMBOL_FAIL)
            self.word.setText(self.tr("ERROR"))
        # Screens put their ✔/✖ in front of a message (their message line has no other sign);
        # the banner shows its own symbol and word already, so it drops a repeated one.
        own = theme.SYMBOL_OK if self.kind == "ok" else theme.SYMBOL_FAIL
        self.text.setText(self._message.removeprefix(own).lstrip())

    def place(self) -> None:
        """Across the top, as tall as the message needs at the window's width: a long one
        (a server's refusal and who can fix it) wraps onto more lines instead of being cut."""
        parent = self.parentWidget()
        if parent is not None:
            height = self.heightForWidth(parent.width())
            if height < 0:
                height = self.sizeHint().height()
            self.setGeometry(0, 0, parent.width(), max(height, 120))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.dismiss()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.kind:
            self._retranslate()
        super().changeEvent(event)
