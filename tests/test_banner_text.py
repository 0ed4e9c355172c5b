"""The feedback banner's own symbol and word are not repeated by the message.

Found walking a fresh ``make run``: a wrong bin flashed "✖ ERROR ✖ Wrong bin …" because the
screens' messages carry their symbol (for the message line under the step, where it is the
only sign) and the banner puts its own in front.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from ui import theme
from ui.banner import FeedbackBanner


@pytest.mark.parametrize(
    ("kind", "message", "shown"),
    [
        ("fail", "✖ Wrong bin A-02-10-1-1. Go to bin A-02-05-1-1.", "Wrong bin A-02-10-1-1."),
        ("ok", "✔ 1 counted: scan tote TOTE-0001", "1 counted: scan tote TOTE-0001"),
        ("ok", "Order SO-100117 packed", "Order SO-100117 packed"),
    ],
)
def test_the_message_does_not_repeat_the_symbol(
    qtbot: Any, kind: str, message: str, shown: str
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1280, 800)
    banner = FeedbackBanner(parent)
    (banner.show_fail if kind == "fail" else banner.show_ok)(message)
    symbol = theme.SYMBOL_FAIL if kind == "fail" else theme.SYMBOL_OK
    assert banner.symbol.text() == symbol
    assert banner.text.text().startswith(shown)
    assert symbol not in banner.text.text()
