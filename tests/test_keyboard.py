"""The on-screen keyboard with real widgets (offscreen): taps type, a touchscreen tap on a field
opens it (a mouse click does not), Done writes back, Cancel does not, the field's rules hold,
and no key event is ever needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from ui.keyboard import KeyboardDialog, KeyboardLauncher, OnScreenKeyboard, attach_keyboard
from ui.keyboard.keyboard import ROWS, SYMBOLS

SYMBOL_KEYS = tuple(SYMBOLS.values())  # what the symbols layer types (only there)


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
    """Taps only, as a person would: the symbols layer is switched on for a symbol that is
    only there, and off again for a letter."""
    symbols = keyboard.key("symbols")
    for ch in text:
        if ch == " ":
            tap(qtbot, keyboard.key("space"))
            continue
        wants_symbols = ch in SYMBOL_KEYS
        if (ch.isalpha() and symbols.isChecked()) or (wants_symbols and not symbols.isChecked()):
            tap(qtbot, symbols)
        if ch.isupper():
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


@pytest.mark.parametrize(
    "text",
    [
        "wss_Ab-9_x",  # a station token: "wss_" + token_urlsafe (letters, digits, _ and -)
        "https://wms.example.com:8443/api",
        "http://10.0.0.5:8000/?a=1&b=2#top+50%~x",
        "ops@example.com",
    ],
)
def test_taps_type_station_tokens_and_server_urls(qtbot, no_keys, text: str) -> None:
    field = QLineEdit()
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    keyboard.set_target(field)
    keyboard.show()
    tap_text(qtbot, keyboard, text)
    assert field.text() == text


def test_the_symbols_layer_is_toggled_and_shows_what_its_keys_type(qtbot, no_keys) -> None:
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    field = QLineEdit()
    keyboard.set_target(field)
    keyboard.show()
    symbols = keyboard.key("symbols")
    q = keyboard.key("q")
    assert q is keyboard.key("_")  # one key, two layers
    assert q.text() == "q"
    tap(qtbot, symbols)
    assert symbols.isChecked() and q.text() == "_"
    assert not keyboard.key("shift").isEnabled()  # no capitals among symbols
    for symbol in SYMBOL_KEYS:  # each key shows what it types ("&" is no mnemonic)
        label = keyboard.key(symbol).text()
        assert label.replace("&&", "&") == symbol and "&" not in label.replace("&&", ""), label
    tap(qtbot, q)
    tap(qtbot, q)  # the layer stays on for "://" and "__"
    tap(qtbot, keyboard.key("1"))  # digits are on both layers
    tap(qtbot, symbols)
    assert not symbols.isChecked() and q.text() == "q" and keyboard.key("shift").isEnabled()
    tap(qtbot, q)
    assert field.text() == "__1q"
    # Every symbol is on exactly one key and no symbol hides a letter or digit of the base layer.
    assert len(set(SYMBOL_KEYS)) == len(SYMBOL_KEYS)
    assert not set(SYMBOL_KEYS) & set("".join(ROWS))
    for ch in "_-:/.@?=&#+%":
        assert ch in SYMBOL_KEYS or ch in "".join(ROWS), ch
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


SCREENS = Path("/work/screens/review-fixes")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_an_admin_types_the_server_url_and_token_by_taps_only(
    qtbot, core, no_keys, language: str
) -> None:
    """Admin → Station on a kiosk without a keyboard: the place where a refused station is
    fixed (a new token, a server URL) must be typable with the on-screen keyboard."""
    from app.persistence.models import Role
    from app.services.session import UserSession
    from ui.admin.screen import AdminScreen
    from ui.context import StationContext
    from ui.i18n import Translations

    translations = Translations(QApplication.instance())
    translations.use(language)
    ctx = StationContext(core)
    ctx.session.set(UserSession(8, "Admin", Role.ADMIN, "USR-1008", "en"))
    screen = AdminScreen(ctx)
    qtbot.addWidget(screen)
    try:
        screen.resize(1280, 800)
        screen.show()
        qtbot.waitExposed(screen)
        station = screen.show_page("station")
        station.server_url.clear()
        for field, text in (
            (station.server_url, "https://wms.example.com:8443/api"),
            (station.token, "wss_Ab-9_x"),
        ):
            launcher = field.findChild(KeyboardLauncher)
            assert isinstance(launcher, KeyboardLauncher)
            launcher.action.trigger()  # the ⌨ in the field (a touch tap is tested above)
            dialog = launcher.dialog
            assert dialog is not None
            dialog.resize(1100, dialog.sizeHint().height())
            tap_text(qtbot, dialog.keyboard, text)
            if field is station.server_url:
                assert not dialog.keyboard.key("symbols").isChecked()  # "api": letters
                tap(qtbot, dialog.keyboard.key("symbols"))  # the layer, for the screenshot
                assert dialog.keyboard.key("q").text() == "_"
                if SCREENS.parent.exists():
                    SCREENS.mkdir(parents=True, exist_ok=True)
                    QApplication.processEvents()
                    dialog.grab().save(str(SCREENS / f"keyboard-symbols-{language}.png"))
            tap(qtbot, dialog.keyboard.key("done"))
            assert field.text() == text
    finally:
        screen.shutdown()
        translations.clear()
