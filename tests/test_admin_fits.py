"""Admin pages inside the real station window at floor-screen sizes.

Found by walking a fresh ``make run`` at 1280x800: Admin → Station needed far more height
than the window has under the tab bar and status bar, so Qt squeezed the form and its fields
ran over each other (the station id half hidden under the name, the kiosk box over the token
note, the volume slider under *Save settings*).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.bootstrap import StationCore
from app.persistence.models import Role
from app.services.session import UserSession
from tests.window_checks import assert_fits, in_language
from ui.station import Station, make_app

ADMIN = UserSession(8, "Admin", Role.ADMIN, "USR-1008", "en")
ADMIN_ZH = UserSession(8, "Admin", Role.ADMIN, "USR-1008", "zh_CN")


@pytest.fixture
def station(core: StationCore, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Station]:
    monkeypatch.setenv("WS_NO_KEYRING", "1")
    st = Station(make_app(), in_language(core))
    qtbot.addWidget(st.window)
    st.window.show()
    yield st
    st.stop()


@pytest.mark.parametrize(
    ("size", "session"),
    [((1280, 800), ADMIN), ((1280, 800), ADMIN_ZH), ((1024, 768), ADMIN)],
)
def test_station_settings_fit_the_window(
    station: Station, qtbot: Any, size: tuple[int, int], session: UserSession
) -> None:
    station.window.resize(*size)
    station.ctx.session.set(session)
    assert station.window.tabs.select("admin")
    admin: Any = station.window.tabs.current_screen()
    page: Any = admin.show_page("station")
    qtbot.wait(50)
    fields = [
        page.station_id,
        page.station_name,
        page.server_url,
        page.token,
        page.token_where,
        page.kiosk,
        page.idle,
        page.language,
        page.sounds,
        page.volume,
        page.save_button,
        page.exit_button,
    ]
    assert page.minimumSizeHint().height() <= page.height()
    assert all(widget.isVisible() for widget in fields)
    assert_fits(page, fields)


@pytest.mark.parametrize(
    ("size", "session"),
    [((1280, 800), ADMIN), ((1280, 800), ADMIN_ZH), ((1024, 768), ADMIN)],
)
def test_users_page_fits_the_window(
    station: Station, qtbot: Any, size: tuple[int, int], session: UserSession
) -> None:
    """The user form's fields are 64 px touch targets; all of it fits under the bars."""
    station.window.resize(*size)
    station.ctx.session.set(session)
    assert station.window.tabs.select("admin")
    admin: Any = station.window.tabs.current_screen()
    page: Any = admin.show_page("users")
    qtbot.wait(50)
    assert page.minimumSizeHint().height() <= page.height()
    assert_fits(
        page,
        [
            page.table,
            page.new_button,
            page.cards_button,
            page.all_cards_button,
            page.name,
            page.badge,
            page.pin,
            page.role,
            page.language,
            page.active,
            page.save_button,
        ],
    )
