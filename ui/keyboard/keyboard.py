"""An on-screen keyboard for touch kiosks: Latin letters, digits, symbols, space, backspace, shift.

Why not Qt Virtual Keyboard: PySide6 ships it (``QT_IM_MODULE=qtvirtualkeyboard`` loads the
plugin here), but in a widgets application it shows as a separate QtQuick top-level window. On
this machine (offscreen) it never became visible (``inputMethod().isVisible()`` stayed false),
it cannot be grabbed or tested with the widget it types into, and a kiosk window that stays on
top covers it. This keyboard is plain widgets with 64 px keys: it opens as a dialog over the
field's window, types into a preview that has the field's validator, echo mode and length
limit (so a PIN stays hidden and digits-only), and writes back when the person taps Done.

A symbols layer (the ``#+=`` key, on until tapped again) turns the letter keys into
``_ : / ? = & # + % ~`` and more: a station token (``wss_`` + ``token_urlsafe``, with ``_`` and
``-``) and a server URL (``https://host:8443/path``) are typed in Admin → Station on a kiosk
that has no keyboard. The digits and ``- , . @`` stay where they are on both layers.

:func:`attach_keyboard` makes it available on a ``QLineEdit``: a tap from a touchscreen on the
field opens it (a mouse click or a physical keyboard does not), and a trailing ⌨ action opens
it for anyone. Where a site sets ``QT_IM_MODULE=qtvirtualkeyboard``, taps are left to Qt's
keyboard and only the action opens this one.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QIcon, QInputDevice, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

KEY_PX = 64
ROWS = ("1234567890", "qwertyuiop", "asdfghjkl-", "zxcvbnm,.@")
# The symbols layer: what each letter key types while it is on. URL and token characters come
# first, on the top letter row; none repeats a digit or one of "- , . @" (on both layers).
SYMBOL_ROWS = ("_:/?=&#+%~", "!*()'\";$|", "[]{}<>\\")
SYMBOLS: dict[str, str] = {
    letter: symbol
    for letters, symbols in zip(ROWS[1:], SYMBOL_ROWS, strict=True)
    for letter, symbol in zip(letters, symbols, strict=False)
}
KEY_STYLE = (
    f"QPushButton {{ font-size:24px; min-width:{KEY_PX}px; min-height:{KEY_PX}px; padding:0; }}"
    "QPushButton:checked { background:#1a5fb4; color:white; }"
)


class OnScreenKeyboard(QWidget):
    """Keys that type into a target ``QLineEdit`` through ``insert``/``backspace``, so the
    target's validator and length limit apply as to real typing; keys never take focus."""

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target: QLineEdit | None = None
        self.keys: dict[str, QPushButton] = {}
        self.setStyleSheet(KEY_STYLE)
        grid = QGridLayout(self)
        grid.setSpacing(6)
        for r, row in enumerate(ROWS):
            offset = 1 if r == 3 else 0  # the shift key starts the last letter row
            for c, ch in enumerate(row):
                button = self._key(ch, ch)
                button.clicked.connect(lambda _=False, k=ch: self._tap(k))
                grid.addWidget(button, r, c + offset)
        backspace = self._key("backspace", "⌫")
        backspace.setAccessibleName(self.tr("Backspace"))
        backspace.setAutoRepeat(True)
        backspace.clicked.connect(self.backspace)
        grid.addWidget(backspace, 0, 10)
        shift = self._key("shift", "⇧")
        shift.setAccessibleName(self.tr("Capital letter"))
        shift.setCheckable(True)
        shift.toggled.connect(self._relabel)
        grid.addWidget(shift, 3, 0)
        symbols = self._key("symbols", "#+=")
        symbols.setAccessibleName(self.tr("Symbols"))
        symbols.setToolTip(self.tr("Symbols: _ : / ? = & # + %"))
        symbols.setCheckable(True)
        symbols.toggled.connect(self._relabel)
        grid.addWidget(symbols, 4, 0)
        for letter, symbol in SYMBOLS.items():
            self.keys[symbol] = self.keys[letter]  # key("_") is the key that types it
        space = self._key("space", self.tr("Space"))
        space.clicked.connect(lambda: self.type_key(" "))
        grid.addWidget(space, 4, 1, 1, 7)
        ok = self._key("done", "✔ " + self.tr("Done"))
        ok.setStyleSheet("font-weight:bold; background:#1a5fb4; color:white;")
        ok.clicked.connect(self.done)
        grid.addWidget(ok, 4, 8, 1, 3)

    def _key(self, name: str, label: str) -> QPushButton:
        button = QPushButton(label)
        button.setObjectName(f"key_{name}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps its cursor
        button.setMinimumSize(KEY_PX, KEY_PX)
        self.keys[name] = button
        return button

    def set_target(self, edit: QLineEdit | None) -> None:
        self._target = edit

    def key(self, name: str) -> QPushButton:
        """A key by what it types ("a", "7", "_" on the symbols layer) or its name ("space",
        "backspace", "shift", "symbols", "done"), for tests and for tapping."""
        return self.keys[name]

    def _tap(self, base: str) -> None:
        """A letter-row key: its symbol while the symbols layer is on."""
        if self.keys["symbols"].isChecked():
            base = SYMBOLS.get(base, base)
        self.type_key(base)

    def type_key(self, text: str) -> None:
        if self._target is None:
            return
        shift = self.keys["shift"]
        if shift.isChecked() and text.isalpha():
            text = text.upper()
            shift.setChecked(False)  # one capital, as on a phone
        self._target.insert(text)

    def backspace(self) -> None:
        if self._target is not None:
            self._target.backspace()

    def _relabel(self, _checked: bool = False) -> None:
        symbols = self.keys["symbols"].isChecked()
        shift = self.keys["shift"]
        if symbols and shift.isChecked():
            shift.setChecked(False)  # calls back here
            return
        shift.setEnabled(not symbols)  # no capitals among symbols
        self.keys["symbols"].setText("abc" if symbols else "#+=")
        upper = shift.isChecked()
        for row in ROWS:
            for ch in row:
                if symbols and ch in SYMBOLS:
                    self.keys[ch].setText(SYMBOLS[ch].replace("&", "&&"))  # not a mnemonic
                elif ch.isalpha():
                    self.keys[ch].setText(ch.upper() if upper else ch)


class KeyboardDialog(QDialog):
    """The keyboard over the field's window, with a preview of what is typed; Done writes the
    preview back into the field, Cancel leaves the field as it was."""

    def __init__(self, target: QLineEdit, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else target.window())
        self._target = target
        self.setWindowTitle(self.tr("Keyboard"))
        layout = QVBoxLayout(self)
        caption = title or _label_of(target) or target.accessibleName()
        caption = caption or target.placeholderText()
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("font-size:22px;")
        self.caption.setWordWrap(True)
        self.caption.setVisible(bool(caption))
        layout.addWidget(self.caption)
        row = QHBoxLayout()
        self.preview = QLineEdit(target.text())
        self.preview.setEchoMode(target.echoMode())
        self.preview.setMaxLength(target.maxLength())
        self.preview.setValidator(target.validator())
        self.preview.setPlaceholderText(target.placeholderText())
        self.preview.setStyleSheet(f"font-size:24px; min-height:{KEY_PX}px;")
        self.preview.returnPressed.connect(self.accept)  # a physical keyboard works too
        row.addWidget(self.preview, 1)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setMinimumSize(140, KEY_PX)
        self.cancel.setStyleSheet("font-size:22px;")
        self.cancel.clicked.connect(self.reject)
        row.addWidget(self.cancel)
        layout.addLayout(row)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.set_target(self.preview)
        self.keyboard.done.connect(self.accept)
        layout.addWidget(self.keyboard)
        self.accepted.connect(self._write_back)
        self.preview.setFocus()
        self.preview.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.preview and event.type() == QEvent.Type.FocusIn:
            # Qt selects all of a field focused on opening; a tap would then replace the
            # person's text instead of adding to it.
            QTimer.singleShot(0, self.preview, self._cursor_to_end)
        return False

    def _cursor_to_end(self) -> None:
        self.preview.deselect()
        self.preview.end(False)

    def _write_back(self) -> None:
        self._target.setText(self.preview.text())
        self._target.setFocus()


def _label_of(edit: QLineEdit) -> str:
    """The form label that names the field: ``QFormLayout.addRow("Name", edit)`` makes one
    with the field as its buddy."""
    for label in edit.window().findChildren(QLabel):
        if label.buddy() is edit:
            return label.text()
    return ""


def _keyboard_icon() -> QIcon:
    pixmap = QPixmap(48, 48)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    font = QFont()
    font.setPixelSize(40)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "⌨")
    painter.end()
    return QIcon(pixmap)


def _from_touch(event: QMouseEvent) -> bool:
    device = event.pointingDevice()
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen


class KeyboardLauncher(QObject):
    """Opens the keyboard for one field: on a touchscreen tap, or from the field's ⌨ action."""

    opened = Signal(object)  # the KeyboardDialog

    def __init__(self, edit: QLineEdit, title: str = "") -> None:
        super().__init__(edit)
        self._edit = edit
        self._title = title
        self.dialog: KeyboardDialog | None = None
        self.action = edit.addAction(_keyboard_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.action.setToolTip(self.tr("On-screen keyboard"))
        self.action.triggered.connect(self.open)
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._edit
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and _from_touch(event)
            and self._edit.isEnabled()
            and not self._edit.isReadOnly()
            and os.environ.get("QT_IM_MODULE") != "qtvirtualkeyboard"
        ):
            QTimer.singleShot(0, self, self.open)  # after the field has taken the tap itself
        return False

    def open(self) -> KeyboardDialog:
        if self.dialog is not None:
            if self.dialog.isVisible():
                return self.dialog
            self.dialog.deleteLater()  # a fresh one copies the field's text again
        self.dialog = KeyboardDialog(self._edit, self._title)
        self.dialog.open()
        self.opened.emit(self.dialog)
        return self.dialog


def attach_keyboard(edit: QLineEdit, title: str = "") -> KeyboardLauncher:
    """Make the on-screen keyboard available on ``edit``; ``title`` says what to type (the
    field's accessible name or placeholder otherwise). Attaching twice returns the first."""
    existing = edit.findChild(KeyboardLauncher)
    if isinstance(existing, KeyboardLauncher):
        return existing
    return KeyboardLauncher(edit, title)


def attach_keyboards(root: QWidget) -> list[KeyboardLauncher]:
    """The keyboard on every text field of a form (``root`` and below); the line edits inside
    spin boxes, date edits and combo boxes are left alone (they have their own arrows)."""
    launchers = []
    for edit in root.findChildren(QLineEdit):
        parent = edit.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox) or edit.isReadOnly():
            continue
        launchers.append(attach_keyboard(edit))
    return launchers
