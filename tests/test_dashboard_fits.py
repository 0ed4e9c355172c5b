"""The Dashboard tab inside the real station window at floor-screen sizes.

Found by walking a fresh ``make run`` at 1280x800 (a supervisor: the station's tab bar is
shown): the section tabs needed more width than the screen, so *Exceptions* and *Order
lookup* hid behind two arrow buttons a few pixels wide; the throughput charts were laid over
each other; the backlog tables showed one row and the order lookup's tables none at all.
No server here: the layout does not depend on the figures.
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
from tests.window_checks import in_language, rect_in
from ui.station import Station, make_app

SUPERVISOR = UserSession(6, "Sara Lopez", Role.SUPERVISOR, "USR-1006", "en")
SUPERVISOR_ZH = UserSession(7, "Chen Jing", Role.SUPERVISOR, "USR-1007", "zh_CN")
ROW_PX = 52  # ui.admin.widgets.touch_table's row height


@pytest.fixture
def station(core: StationCore, qtbot: Any) -> Iterator[Station]:
    st = Station(make_app(), in_language(core))
    st.ctx.services["dashboard_client"] = lambda: None  # no server: offline figures
    qtbot.addWidget(st.window)
    st.window.show()
    yield st
    st.stop()
    assert not [t.name for t in threading.enumerate() if t.name.startswith("dashboard")]


@pytest.mark.parametrize(
    ("size", "session"),
    [((1280, 800), SUPERVISOR), ((1280, 800), SUPERVISOR_ZH), ((1024, 768), SUPERVISOR)],
)
def test_every_section_is_reachable_and_readable(
    station: Station, qtbot: Any, size: tuple[int, int], session: UserSession
) -> None:
    from ui.dashboard.panels import TablePanel

    station.window.resize(*size)
    station.ctx.session.set(session)
    assert station.window.tabs.select("dashboard")
    screen: Any = station.window.tabs.current_screen()
    sections = screen.sections
    qtbot.wait(50)
    bar = sections.tabBar()
    for i in range(sections.count()):
        # Every section's tab is on screen whole: no scrolling the tab bar with tiny arrows.
        assert bar.rect().contains(bar.tabRect(i)), sections.tabText(i)
        assert bar.tabRect(i).height() >= 56
    for i in range(sections.count()):
        sections.setCurrentIndex(i)
        qtbot.wait(20)
        page = sections.currentWidget()
        for panel in page.findChildren(TablePanel):
            if not panel.isVisibleTo(page):
                continue
            table = panel.table
            # Room for three rows under the header: a table that shows one row (or none) is
            # a table nobody can read.
            assert table.viewport().height() >= 3 * ROW_PX, (sections.tabText(i), panel)
            assert panel.export_button.height() >= 64
    charts = [screen.chart, screen.station_chart, screen.person_chart]
    page = charts[0].parentWidget()
    for a, b in combinations(charts, 2):
        assert not rect_in(a, page).intersects(rect_in(b, page)), (a, b)
    for chart in charts:
        assert chart.height() >= chart.minimumHeight()


def test_a_done_action_is_said_in_words(station: Station, qtbot: Any) -> None:
    """The walk's *Assign a count* answered "Done: assign_count exc:1": the action's code and
    the record id, not what a supervisor tapped nor which order it was."""
    from app.dashboard.figures import ActionResult, ExceptionItem

    station.ctx.session.set(SUPERVISOR)
    assert station.window.tabs.select("dashboard")
    screen: Any = station.window.tabs.current_screen()
    screen._items = [
        ExceptionItem("exc:1", "short_pick", "1 short", "station-1", "SO-100017", None)
    ]
    oks: list[str] = []
    station.ctx.feedback.success.connect(oks.append)
    screen._on_action_done(ActionResult("exc:1", "assign_count", True, "ok"))
    text = screen.action_status.text()
    assert "Assign a count" in text and "SO-100017" in text
    assert "assign_count" not in text and "exc:1" not in text
    assert oks == [text.removeprefix("✔ ")]


def test_figures_kept_from_before_say_their_time_while_signing_in(
    station: Station, qtbot: Any
) -> None:
    """The walk's second supervisor saw the first one's figures (kept on disk) under "Sign in
    to the server to see the figures.": numbers on screen with a text saying there are none,
    and no time to tell how old they are."""
    from datetime import UTC, datetime

    station.ctx.session.set(SUPERVISOR)
    assert station.window.tabs.select("dashboard")
    screen: Any = station.window.tabs.current_screen()
    screen.fetched_at = datetime(2026, 12, 6, 7, 42, 10, tzinfo=UTC)
    screen._on_refused(401, "sign in")
    text = screen.status.text()
    assert not screen.sign_in_button.isHidden()
    shown = screen.fetched_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert shown in text and "Sign in" in text
