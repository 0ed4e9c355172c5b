"""The Pick tab inside the real station window (tab bar, status bar, banner), as a picker meets it.

Found by walking the floor flows on a fresh ``make run``: the first *Start batch* on a station
that takes its batches from the (embedded) server said "No orders are waiting" although the
server had plenty (the claim only asks the sync worker for one); and at 1280x800 with the tab
bar shown the step page needed more height than it had, so Qt laid the action buttons over
each other and cut the Pause button off.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.bootstrap import StationCore
from app.persistence.models import Role
from app.services.session import UserSession
from tests.window_checks import in_language, rect_in
from ui.station import Station, make_app

SUPERVISOR = UserSession(6, "Sara Lopez", Role.SUPERVISOR, "USR-1006", "en")
PICKER = UserSession(2, "Anna Schmidt", Role.PICKER, "USR-1002", "en")


def user_id(core: StationCore, badge: str) -> int:
    from sqlalchemy import select

    from app.persistence.models import User

    with core.uow() as uow:
        return int(uow.session.scalar(select(User.id).where(User.badge_code == badge)) or 0)


@pytest.fixture
def local_station(core: StationCore, qtbot: Any) -> Iterator[Station]:
    """The station window without background parts: batches come from its own database."""
    st = Station(make_app(), in_language(core), parts=[])
    qtbot.addWidget(st.window)
    st.window.show()
    yield st
    st.stop()
    assert not [t for t in threading.enumerate() if t.name.startswith("pick-claim")]


def pick_screen_with_batch(st: Station, qtbot: Any, session: UserSession) -> Any:
    st.ctx.session.set(session)
    assert st.window.tabs.select("pick")
    screen = st.window.tabs.current_screen()
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.flow is not None, timeout=20_000)
    return screen


@pytest.mark.parametrize(
    ("size", "session"),
    [
        ((1280, 800), SUPERVISOR),  # three tabs: the tab bar is shown
        ((1280, 720), PICKER),  # one tab: no tab bar
        ((1024, 768), PICKER),
    ],
)
def test_the_step_fits_the_window(
    local_station: Station, qtbot: Any, size: tuple[int, int], session: UserSession
) -> None:
    local_station.window.resize(*size)
    screen = pick_screen_with_batch(local_station, qtbot, session)
    assert local_station.window.tabs.tabBar().isVisible() == (len(session.tabs) > 1)
    qtbot.wait(50)
    page = screen.step_page
    assert page.minimumSizeHint().height() <= page.height()
    buttons = [
        screen.short_button,
        screen.skip_button,
        screen.count_button,
        screen.undo_button,
        screen.pause_button,
    ]
    parts = [
        screen.bin_display,
        screen.product_name,
        screen.quantity_card,
        screen.tote_card,
        screen.chips,
        screen.prompt,
        screen.map,
        screen.next_bins,
        *buttons,
    ]
    for widget in parts:
        assert page.rect().contains(rect_in(widget, page)), widget
    for a, b in combinations(parts, 2):
        assert not rect_in(a, page).intersects(rect_in(b, page)), (a, b)
    for button in buttons:
        assert button.height() >= 64


def test_a_full_cart_summary_shows_every_order(local_station: Station, qtbot: Any) -> None:
    local_station.window.resize(1280, 800)
    screen = pick_screen_with_batch(local_station, qtbot, SUPERVISOR)
    orders = len(screen.view.totes)
    assert orders == 6  # a full demo cart
    while screen.flow is not None:
        screen.short("not_found")  # the quickest way to the end of the batch
    assert screen.pages.currentWidget() is screen.summary_page
    qtbot.wait(50)
    table = screen.summary_table
    assert table.rowCount() == orders
    last = table.visualItemRect(table.item(orders - 1, 0))
    assert table.viewport().rect().contains(last)  # no scrolling needed to see the last tote
    assert {table.item(r, 2).text() for r in range(orders)} == {"—"}  # nothing picked: no tick


# --- batches from the server -------------------------------------------------------------------


@pytest.fixture
def synced_station(core: StationCore, qtbot: Any, sqlite_demo_template: Path) -> Iterator[Station]:
    """The default embedded set-up: in-process server on loopback, sync worker, real HTTP."""
    shutil.copy(sqlite_demo_template, core.data_dir / "server.db")
    st = Station(make_app(), in_language(core), parts=["ui.sync_part:sync_part"])
    qtbot.addWidget(st.window)
    st.window.resize(1280, 800)
    st.window.show()
    yield st
    st.stop()
    assert not [
        t.name
        for t in threading.enumerate()
        if t.name.startswith(("sync-", "server-", "pick-claim"))
    ]


def test_the_first_tap_on_start_batch_gets_a_server_batch(
    synced_station: Station, core: StationCore, qtbot: Any
) -> None:
    st = synced_station
    st.start_parts()
    qtbot.waitUntil(lambda: "online" in st.window.status.server.text().lower(), timeout=30_000)
    errors: list[str] = []
    st.ctx.feedback.error.connect(errors.append)
    picker = UserSession(user_id(core, "USR-1002"), "Anna Schmidt", Role.PICKER, "USR-1002", "en")
    screen = pick_screen_with_batch(st, qtbot, picker)  # one tap, no second try
    assert screen.view.code.startswith("PB-")
    assert errors == []


def test_no_batch_and_no_server_says_the_server_is_unreachable(
    core: StationCore, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.printing_fixtures import free_port

    # A token, and nobody listening: offline. (A refused token: tests/test_sync_refused.py.)
    monkeypatch.setenv("WS_NO_KEYRING", "1")
    monkeypatch.setenv("WS_SERVER_TOKEN", "some-token")
    st = Station(
        make_app(),
        in_language(core, server_url=f"http://127.0.0.1:{free_port()}"),
        parts=["ui.sync_part:sync_part"],
    )
    qtbot.addWidget(st.window)
    st.window.resize(1280, 800)
    st.window.show()
    try:
        st.start_parts()
        qtbot.waitUntil(lambda: "offline" in st.window.status.server.text().lower(), timeout=10_000)
        errors: list[str] = []
        st.ctx.feedback.error.connect(errors.append)
        st.ctx.session.set(
            UserSession(user_id(core, "USR-1002"), "Anna", Role.PICKER, "USR-1002", "en")
        )
        screen = st.window.tabs.current_screen()
        qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
        assert "server cannot be reached" in errors[-1]
        assert "ConnectError" in errors[-1]  # the worker's reason, for whoever fixes it
        assert screen.start_button.isEnabled() and not screen.claiming
    finally:
        st.stop()
