"""The on-screen keyboard with real widgets (offscreen): taps type, a touchscreen tap on a field
opens it (a mouse click does not), Done writes back, Cancel does not, the field's rules hold,
and no key event is ever needed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from ui.keyboard import KeyboardDialog, KeyboardLauncher, OnScreenKeyboard, attach_keyboard


class KeyCounter(QObject):
    """Counts key presses anywhere in the application: the kiosk has no keyboard."""

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self.presses += 1
        return False


@pytest.fixture
def no_keys() -> Iterator[KeyCounter]:
    counter = KeyCounter()
    app = QApplication.instance()
    app.installEventFilter(counter)
    yield counter
    app.removeEventFilter(counter)
    assert counter.presses == 0, "typed with key events; a kiosk has only taps"


def tap(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tap_text(qtbot, keyboard: OnScreenKeyboard, text: str) -> None:
    for ch in text:
        if ch == " ":
            tap(qtbot, keyboard.key("space"))
        elif ch.isupper():
            tap(qtbot, keyboard.key("shift"))
            tap(qtbot, keyboard.key(ch.lower()))
        else:
            tap(qtbot, keyboard.key(ch))


def test_taps_type_letters_digits_capitals_space_and_backspace(qtbot, no_keys) -> None:
    field = QLineEdit()
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    keyboard.set_target(field)
    keyboard.show()
    tap_text(qtbot, keyboard, "Ola Nordmann 2x")
    tap(qtbot, keyboard.key("backspace"))
    assert field.text() == "Ola Nordmann 2"
    assert not keyboard.key("shift").isChecked()  # one capital per shift, as on a phone
    for name, button in keyboard.keys.items():
        assert button.height() >= 64 and button.width() >= 64, name
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus, name


def test_the_fields_rules_hold_for_taps(qtbot, no_keys) -> None:
    pin = QLineEdit()
    pin.setValidator(QIntValidator(0, 999_999))
    pin.setMaxLength(4)
    pin.setEchoMode(QLineEdit.EchoMode.Password)
    qtbot.addWidget(pin)
    dialog = KeyboardDialog(pin, "PIN")
    qtbot.addWidget(dialog)
    assert dialog.preview.echoMode() == QLineEdit.EchoMode.Password
    tap_text(qtbot, dialog.keyboard, "12a345")
    assert dialog.preview.text() == "1234"  # the letter refused, the fifth digit too
    assert pin.text() == ""  # nothing written until Done
    tap(qtbot, dialog.keyboard.key("done"))
    assert pin.text() == "1234"


@pytest.fixture
def form(qtbot) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit("Ola")
    field.setPlaceholderText("Name")
    layout.addWidget(field)
    qtbot.addWidget(window)
    window.resize(800, 200)
    window.show()
    qtbot.waitExposed(window)
    return window, field


def test_a_touchscreen_tap_on_the_field_opens_the_keyboard_and_done_writes_back(
    qtbot, form, no_keys
) -> None:
    window, field = form
    launcher = attach_keyboard(field)
    assert attach_keyboard(field) is launcher  # attaching twice changes nothing
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)  # a mouse: no keyboard pops up
    QApplication.processEvents()
    assert launcher.dialog is None
    touch = QTest.createTouchDevice()
    point = field.mapTo(window, field.rect().center())
    with qtbot.waitSignal(launcher.opened, timeout=2_000) as opened:
        QTest.touchEvent(window, touch).press(0, point).commit()
        QTest.touchEvent(window, touch).release(0, point).commit()
    dialog = opened.args[0]
    QApplication.processEvents()  # the dialog takes focus as a window would
    assert dialog.isVisible() and dialog.preview.text() == "Ola"
    assert not dialog.preview.hasSelectedText()  # a tap adds to the text, never replaces it
    assert dialog.caption.text() == "Name"
    tap_text(qtbot, dialog.keyboard, " N")
    tap(qtbot, dialog.keyboard.key("done"))
    assert not dialog.isVisible()
    assert field.text() == "Ola N"


def test_cancel_leaves_the_field_and_the_action_opens_it_for_a_mouse(qtbot, form) -> None:
    _, field = form
    launcher = attach_keyboard(field, "Who?")
    launcher.action.trigger()  # the ⌨ icon in the field
    dialog = launcher.dialog
    assert dialog is not None and dialog.caption.text() == "Who?"
    tap(qtbot, dialog.keyboard.key("x"))
    tap(qtbot, dialog.cancel)
    assert field.text() == "Ola"
    again = launcher.open()
    assert again is not dialog and again.preview.text() == "Ola"
    again.reject()


def test_an_admin_adds_a_user_on_the_touchscreen_without_a_keyboard(qtbot, core, no_keys) -> None:
    from app.persistence.models import Role
    from app.services.session import UserSession
    from ui.admin.screen import AdminScreen
    from ui.context import StationContext

    ctx = StationContext(core)
    ctx.session.set(UserSession(8, "Admin", Role.ADMIN, "USR-1008", "en"))
    screen = AdminScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1280, 720)
    screen.show()
    qtbot.waitExposed(screen)
    page = screen.show_page("users")
    tap(qtbot, page.new_button)
    touch = QTest.createTouchDevice()

    def type_into(field: QLineEdit, text: str, caption: str) -> None:
        point = field.mapTo(screen, field.rect().center())
        launcher = field.findChild(KeyboardLauncher)  # attached by the Admin tab itself
        assert isinstance(launcher, KeyboardLauncher)
        with qtbot.waitSignal(launcher.opened, timeout=2_000) as opened:
            QTest.touchEvent(screen, touch).press(0, point).commit()
            QTest.touchEvent(screen, touch).release(0, point).commit()
        dialog = opened.args[0]
        QApplication.processEvents()
        assert dialog.caption.text() == caption
        tap_text(qtbot, dialog.keyboard, text)
        tap(qtbot, dialog.keyboard.key("done"))

    type_into(page.name, "Ola Nordmann", "Name")
    type_into(page.badge, "USR-1009", "Badge code")
    type_into(page.pin, "4321", "PIN")
    assert (page.name.text(), page.badge.text(), page.pin.text()) == (
        "Ola Nordmann",
        "USR-1009",
        "4321",
    )
    with qtbot.waitSignal(page.saved, timeout=10_000):
        tap(qtbot, page.save_button)
    badges = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]
    assert "USR-1009" in badges
    station = screen.show_page("station")
    assert isinstance(station.server_url.findChild(KeyboardLauncher), KeyboardLauncher)
    assert station.idle.findChild(KeyboardLauncher) is None  # a spin box has its arrows
    screen.shutdown()
