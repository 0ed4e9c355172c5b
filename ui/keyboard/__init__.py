"""A small on-screen keyboard for the few fields on a touch kiosk that need typing."""

from ui.keyboard.keyboard import (
    KeyboardDialog,
    KeyboardLauncher,
    OnScreenKeyboard,
    attach_keyboard,
    attach_keyboards,
)

__all__ = [
    "KeyboardDialog",
    "KeyboardLauncher",
    "OnScreenKeyboard",
    "attach_keyboard",
    "attach_keyboards",
]
