"""The Pack tab inside the real station window at floor-screen sizes.

Found by walking a fresh ``make run`` at 1280x800: with an order open, the carton panel (box,
suggestion, weight, three buttons) needed more height than it had, so Qt laid *Close carton,
next carton*, *Close carton, finish order* and *Leave order* over each other and cut the last
one off; with the tab bar (a supervisor) the suggestion text ran over the box choice too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from itertools import combinations
from typing import Any

import pytest

from app.bootstrap import StationCore
from app.persistence.models import Role
from app.services.session import UserSession
from tests.pack_helpers import find_order, give_sscc_range
from tests.window_checks import in_language, rect_in
from ui.station import Station, make_app

SUPERVISOR = UserSession(6, "Sara Lopez", Role.SUPERVISOR, "USR-1006", "en")
PACKER = UserSession(4, "Tom Baker", Role.PACKER, "USR-1004", "en")
PACKER_ZH = UserSession(5, "Wang Fang", Role.PACKER, "USR-1005", "zh_CN")


@pytest.fixture
def station(core: StationCore, qtbot: Any) -> Iterator[Station]:
    """The station window without background parts (no server: the order comes from the
    station's own database)."""
    give_sscc_range(core)
    st = Station(make_app(), in_language(core))
    qtbot.addWidget(st.window)
    st.window.show()
    yield st
    st.stop()
    assert not [t for t in threading.enumerate() if t.name.startswith(("print", "pack-"))]


@pytest.mark.parametrize(
    ("size", "session"),
    [
        ((1280, 800), SUPERVISOR),  # three tabs: the tab bar is shown
        ((1280, 800), PACKER),  # one tab: no tab bar
        ((1280, 800), PACKER_ZH),
        ((1024, 768), SUPERVISOR),
    ],
)
def test_the_open_order_fits_the_window(
    station: Station, core: StationCore, qtbot: Any, size: tuple[int, int], session: UserSession
) -> None:
    station.window.resize(*size)
    station.ctx.session.set(session)
    assert station.window.tabs.select("pack")
    screen: Any = station.window.tabs.current_screen()
    screen.open_code(find_order(core, min_lines=2))
    assert screen.pages.currentWidget() is screen.pack_page
    qtbot.waitUntil(lambda: screen.advice_current, timeout=10_000)  # the longest text it has
    qtbot.wait(50)
    page = screen.pack_page
    buttons = [screen.next_button, screen.finish_button, screen.leave_button]
    parts = [
        screen.order_title,
        screen.progress,
        screen.lines,
        screen.carton_title,
        screen.box_choice,
        screen.suggestion_label,
        screen.weight_label,
        screen.carton_units,
        *buttons,
    ]
    assert page.minimumSizeHint().height() <= page.height()
    for widget in parts:
        assert widget.isVisible(), widget
        assert page.rect().contains(rect_in(widget, page)), widget
    for a, b in combinations(parts, 2):
        assert not rect_in(a, page).intersects(rect_in(b, page)), (a, b)
    for button in buttons:
        assert button.height() >= 64, button.text()
    # The suggestion is read in full: it gets the height its wrapped text needs.
    label = screen.suggestion_label
    assert label.height() >= label.heightForWidth(label.width())


def test_counts_read_as_english(station: Station, core: StationCore, qtbot: Any) -> None:
    """The walk read "1 item(s) in this carton" and "Order … packed: 1 carton(s)"."""
    import time

    from drivers.scanners.base import RawScan
    from tests.pack_helpers import order_units

    station.ctx.session.set(PACKER)
    assert station.window.tabs.select("pack")
    screen: Any = station.window.tabs.current_screen()
    number = find_order(core, min_lines=2)
    screen.open_code(number)
    assert screen.carton_units.text() == "0 items in this carton"
    units = order_units(core, number)
    scans = [u.gtin for u in units for _ in range(u.quantity)]
    screen.handle_scan(RawScan(data=scans[0].encode(), timestamp=time.monotonic(), source="t"))
    assert screen.carton_units.text() == "1 item in this carton"
    for gtin in scans[1:]:
        screen.handle_scan(RawScan(data=gtin.encode(), timestamp=time.monotonic(), source="t"))
    assert screen.carton_units.text() == f"{len(scans)} items in this carton"
    screen.finish_button.click()
    assert screen.done_title.text() == f"✔ Order {number} packed: 1 carton"
