"""Linux key codes to characters for a scanner's keyboard country (US and German so far).

A USB HID scanner "types" by key position, not by character: in German mode it presses the key
that is Z on a US keyboard to send "y". Reading it through evdev we get the positions and must
decode them with the same country table the scanner was set to. Letter case comes from Shift
alone, so the station's CapsLock cannot corrupt a scan.

Key codes are the kernel's (``include/uapi/linux/input-event-codes.h``), a stable ABI, written
out here so this module needs neither python-evdev nor Linux.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

KEY_ESC = 1
KEY_MINUS, KEY_EQUAL, KEY_BACKSPACE, KEY_TAB = 12, 13, 14, 15
KEY_LEFTBRACE, KEY_RIGHTBRACE, KEY_ENTER, KEY_LEFTCTRL = 26, 27, 28, 29
KEY_SEMICOLON, KEY_APOSTROPHE, KEY_GRAVE, KEY_LEFTSHIFT, KEY_BACKSLASH = 39, 40, 41, 42, 43
KEY_COMMA, KEY_DOT, KEY_SLASH, KEY_RIGHTSHIFT, KEY_KPASTERISK = 51, 52, 53, 54, 55
KEY_LEFTALT, KEY_SPACE, KEY_CAPSLOCK, KEY_NUMLOCK = 56, 57, 58, 69
KEY_KP7, KEY_KP8, KEY_KP9, KEY_KPMINUS = 71, 72, 73, 74
KEY_KP4, KEY_KP5, KEY_KP6, KEY_KPPLUS = 75, 76, 77, 78
KEY_KP1, KEY_KP2, KEY_KP3, KEY_KP0, KEY_KPDOT = 79, 80, 81, 82, 83
KEY_102ND, KEY_KPENTER, KEY_RIGHTCTRL, KEY_KPSLASH, KEY_RIGHTALT = 86, 96, 97, 98, 100

NUMBER_ROW = range(2, 12)  # KEY_1 .. KEY_0
TOP_ROW = range(16, 26)  # KEY_Q .. KEY_P
HOME_ROW = range(30, 39)  # KEY_A .. KEY_L
BOTTOM_ROW = range(44, 51)  # KEY_Z .. KEY_M

KEYPAD_DIGITS = {
    KEY_KP0: 0,
    KEY_KP1: 1,
    KEY_KP2: 2,
    KEY_KP3: 3,
    KEY_KP4: 4,
    KEY_KP5: 5,
    KEY_KP6: 6,
    KEY_KP7: 7,
    KEY_KP8: 8,
    KEY_KP9: 9,
}
SHIFTS = frozenset({KEY_LEFTSHIFT, KEY_RIGHTSHIFT})
CTRLS = frozenset({KEY_LEFTCTRL, KEY_RIGHTCTRL})


@dataclass(frozen=True)
class Layout:
    name: str
    plain: Mapping[int, str]
    shift: Mapping[int, str]
    altgr: Mapping[int, str] = field(default_factory=dict)
    dead: frozenset[str] = frozenset()  # accents that wait for the next key (German ^ ´ `)
    altgr_is_alt: bool = True  # US keyboards: right Alt is just Alt


def _rows(number: str, top: str, home: str, bottom: str) -> dict[int, str]:
    keys: dict[int, str] = {}
    for codes, chars in (
        (NUMBER_ROW, number),
        (TOP_ROW, top),
        (HOME_ROW, home),
        (BOTTOM_ROW, bottom),
    ):
        keys.update(zip(codes, chars, strict=True))
    return keys


def _keypad(decimal: str) -> dict[int, str]:
    keys = {code: str(digit) for code, digit in KEYPAD_DIGITS.items()}
    keys.update(
        {
            KEY_KPDOT: decimal,
            KEY_KPSLASH: "/",
            KEY_KPASTERISK: "*",
            KEY_KPMINUS: "-",
            KEY_KPPLUS: "+",
            KEY_SPACE: " ",
        }
    )
    return keys


US = Layout(
    name="us",
    plain=_rows("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
    | _keypad(".")
    | {
        KEY_MINUS: "-",
        KEY_EQUAL: "=",
        KEY_LEFTBRACE: "[",
        KEY_RIGHTBRACE: "]",
        KEY_SEMICOLON: ";",
        KEY_APOSTROPHE: "'",
        KEY_GRAVE: "`",
        KEY_BACKSLASH: "\\",
        KEY_COMMA: ",",
        KEY_DOT: ".",
        KEY_SLASH: "/",
        KEY_102ND: "\\",
    },
    shift=_rows("!@#$%^&*()", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
    | {
        KEY_MINUS: "_",
        KEY_EQUAL: "+",
        KEY_LEFTBRACE: "{",
        KEY_RIGHTBRACE: "}",
        KEY_SEMICOLON: ":",
        KEY_APOSTROPHE: '"',
        KEY_GRAVE: "~",
        KEY_BACKSLASH: "|",
        KEY_COMMA: "<",
        KEY_DOT: ">",
        KEY_SLASH: "?",
        KEY_102ND: "|",
        KEY_SPACE: " ",
    },
)

DE = Layout(
    name="de",
    plain=_rows("1234567890", "qwertzuiop", "asdfghjkl", "yxcvbnm")
    | _keypad(",")
    | {
        KEY_MINUS: "ß",
        KEY_EQUAL: "´",
        KEY_LEFTBRACE: "ü",
        KEY_RIGHTBRACE: "+",
        KEY_SEMICOLON: "ö",
        KEY_APOSTROPHE: "ä",
        KEY_GRAVE: "^",
        KEY_BACKSLASH: "#",
        KEY_COMMA: ",",
        KEY_DOT: ".",
        KEY_SLASH: "-",
        KEY_102ND: "<",
    },
    shift=_rows('!"§$%&/()=', "QWERTZUIOP", "ASDFGHJKL", "YXCVBNM")
    | {
        KEY_MINUS: "?",
        KEY_EQUAL: "`",
        KEY_LEFTBRACE: "Ü",
        KEY_RIGHTBRACE: "*",
        KEY_SEMICOLON: "Ö",
        KEY_APOSTROPHE: "Ä",
        KEY_GRAVE: "°",
        KEY_BACKSLASH: "'",
        KEY_COMMA: ";",
        KEY_DOT: ":",
        KEY_SLASH: "_",
        KEY_102ND: ">",
        KEY_SPACE: " ",
    },
    altgr={
        3: "²",
        4: "³",
        8: "{",
        9: "[",
        10: "]",
        11: "}",
        KEY_MINUS: "\\",
        16: "@",
        18: "€",
        KEY_RIGHTBRACE: "~",
        KEY_102ND: "|",
        50: "µ",
    },
    dead=frozenset({"^", "´", "`"}),
    altgr_is_alt=False,
)

LAYOUTS: dict[str, Layout] = {"us": US, "de": DE}

SUFFIX_KEYS = ("enter", "tab", "none")
GS = "\x1d"


class KeyDecoder:
    """Turns a scanner's key events into frames of text.

    ``feed(code, value)`` takes one EV_KEY event (value 1 press, 0 release, 2 auto-repeat) and
    returns a finished frame when the suffix key (Enter or Tab) is pressed. Ctrl+] is GS (0x1D),
    as scanners send it; Alt + keypad digits is a character by its decimal code (the Windows
    convention many scanners use for characters the layout lacks, e.g. Alt+029 for GS).
    """

    def __init__(self, layout: Layout, suffix_key: str = "enter") -> None:
        if suffix_key not in SUFFIX_KEYS:
            raise ValueError(f"suffix key {suffix_key!r} is not one of {', '.join(SUFFIX_KEYS)}")
        self.layout = layout
        self.suffix_key = suffix_key
        self._text: list[str] = []
        self._shift: set[int] = set()
        self._ctrl: set[int] = set()
        self._alt = False
        self._altgr = False
        self._alt_digits = ""
        self._dead = ""

    @property
    def pending(self) -> str:
        return "".join(self._text)

    def take(self) -> str:
        """The text so far, as a frame (for a scanner with no suffix key, after a pause)."""
        self._flush_dead()
        text = "".join(self._text)
        self._text.clear()
        return text

    def feed(self, code: int, value: int) -> str | None:
        if self._modifier(code, value):
            return None
        if value == 0:
            return None
        if code in (KEY_ENTER, KEY_KPENTER) or (code == KEY_TAB and self.suffix_key == "tab"):
            return self.take()
        if self._alt and code in KEYPAD_DIGITS:
            self._alt_digits += str(KEYPAD_DIGITS[code])
            return None
        if self._ctrl:
            if code == KEY_RIGHTBRACE:
                self._emit(GS)
            return None
        if code == KEY_TAB:
            self._emit("\t")
            return None
        if self._altgr:
            char = self.layout.altgr.get(code)
        elif self._shift:
            char = self.layout.shift.get(code)
        else:
            char = self.layout.plain.get(code)
        if char is None:
            return None
        if char in self.layout.dead and not self._dead:
            self._dead = char
            return None
        if self._dead:
            accent, self._dead = self._dead, ""
            self._text.append(accent)
            if char == " ":
                return None
        self._text.append(char)
        return None

    def _emit(self, char: str) -> None:
        self._flush_dead()
        self._text.append(char)

    def _flush_dead(self) -> None:
        if self._dead:
            self._text.append(self._dead)
            self._dead = ""

    def _modifier(self, code: int, value: int) -> bool:
        down = value != 0
        if code in SHIFTS:
            (self._shift.add if down else self._shift.discard)(code)
        elif code in CTRLS:
            (self._ctrl.add if down else self._ctrl.discard)(code)
        elif code == KEY_LEFTALT or (code == KEY_RIGHTALT and self.layout.altgr_is_alt):
            self._alt = down
            if not down and self._alt_digits:
                number, self._alt_digits = int(self._alt_digits), ""
                if number < 256:
                    self._emit(chr(number))
        elif code == KEY_RIGHTALT:
            self._altgr = down
        elif code in (KEY_CAPSLOCK, KEY_NUMLOCK):
            pass  # the scanner's case comes from Shift; lock keys change nothing here
        else:
            return False
        return True
