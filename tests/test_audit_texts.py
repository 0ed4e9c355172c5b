"""The audit log reads as sentences and "label: value" lines in the admin's language, not as
codes, database ids and JSON (real station database, real widgets offscreen, shipped .qm)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.admin import users
from app.admin.audit import AuditRow
from app.persistence.models import Role
from app.services.session import UserSession
from ui.context import StationContext

SCREENS = Path("/work/screens/texts")


@pytest.fixture(autouse=True)
def _no_leaked_workers() -> Iterator[None]:
    import threading

    yield
    assert [t.name for t in threading.enumerate() if t.name.startswith("admin-")] == []


@pytest.fixture
def logged(core) -> object:
    """What a first morning leaves in a station's log: a user created and disabled by the
    admin, logins by PIN and badge, a refused badge, an idle logout, and an action this
    station does not know (written by a newer version)."""
    draft = users.UserDraft("Ola Nordmann", "USR-1009", "picker", "en", pin="4321")
    created = users.save_local(core.uow, draft, user_id=None, actor_id=8)
    off = users.UserDraft("Ola Nordmann", "USR-1009", "picker", "en", active=False)
    users.save_local(core.uow, off, user_id=created.id, actor_id=8)
    with core.uow() as uow:
        uow.audit("login", user_id=8, entity="user", entity_id="8", detail={"method": "pin"})
        uow.audit("login_failed", user_id=None, entity="badge", entity_id="XYZ-1",
                  detail={"method": "badge", "reason": "unknown_badge"})  # fmt: skip
        uow.audit("logout", user_id=6, entity="user", entity_id="6", detail={"reason": "idle"})
        uow.audit("robot.dance", user_id=8, detail={"speed": 3, "style": {"arms": "up"}})
        uow.commit()
    return core


def _page(qtbot, core):
    from ui.admin.screen import AdminScreen

    ctx = StationContext(core)
    ctx.session.set(UserSession(8, "Admin", Role.ADMIN, "USR-1008", "en"))
    screen = AdminScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1280, 720)
    page = screen.show_page("audit")
    page.search()
    return screen, page


def _rows(page) -> dict[str, list[str]]:
    """Action code (the tooltip) -> the row's cells; the newest entry of each action."""
    t = page.table
    rows: dict[str, list[str]] = {}
    for r in range(t.rowCount()):
        code = t.item(r, 3).toolTip() or t.item(r, 3).text()
        rows.setdefault(code, [t.item(r, c).text() for c in range(t.columnCount())])
    return rows


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_audit_log_reads_as_sentences_and_lines(qtbot, logged, language: str) -> None:
    from ui.i18n import Translations

    translations = Translations(QApplication.instance())
    translations.use(language)
    screen, page = _page(qtbot, logged)
    try:
        rows = _rows(page)
        zh = language == "zh_CN"
        disabled = rows["user.disabled"]
        if zh:
            assert disabled[3] == "停用用户"
            assert disabled[4] == "Admin 停用了用户 Ola Nordmann (USR-1009)"
            assert disabled[5].splitlines() == ["角色：拣货员", "已更改 PIN：否"]
            assert rows["login"][4] == "Admin (USR-1008) 已登录"
            assert rows["login"][5] == "方式：PIN"
            assert rows["login_failed"][4] == "工牌 XYZ-1 登录被拒"
            assert rows["login_failed"][5].splitlines() == ["方式：工牌", "原因：未知工牌"]
            assert rows["logout"][5] == "原因：闲置超时"
        else:
            assert disabled[3] == "User disabled"
            assert disabled[4] == "Admin disabled user Ola Nordmann (USR-1009)"
            assert disabled[5].splitlines() == ["Role: Picker", "PIN changed: no"]
            assert rows["user.created"][4] == "Admin created user Ola Nordmann (USR-1009)"
            assert rows["login"][4] == "Admin (USR-1008) logged in"
            assert rows["login"][5] == "How: PIN"
            assert rows["login_failed"][4] == "Login refused for badge XYZ-1"
            assert rows["login_failed"][5].splitlines() == ["How: badge", "Reason: badge not known"]
            assert rows["logout"][4] == "Sara Lopez (USR-1006) logged out"
            assert rows["logout"][5] == "Reason: idle time-out"
        # Unknown to this station: its code and raw values, never a crash or an empty cell.
        assert rows["robot.dance"][3] == "robot.dance"
        assert rows["robot.dance"][4] == "Admin: robot.dance"
        colon = "：" if zh else ": "
        assert rows["robot.dance"][5].splitlines() == [f"speed{colon}3", f"style{colon}arms: up"]
        assert not any("{" in cells[5] for cells in rows.values())  # no JSON anywhere
        assert not any(cells[4].startswith("user 8") for cells in rows.values())
        assert all(page.table.rowHeight(r) >= 52 for r in range(page.table.rowCount()))
        if SCREENS.parent.exists():
            SCREENS.mkdir(parents=True, exist_ok=True)
            screen.show()
            qtbot.waitExposed(screen)
            QApplication.processEvents()  # rows settle to the shown column widths
            screen.grab().save(str(SCREENS / f"audit-{language}.png"))
    finally:
        screen.shutdown()
        translations.clear()


def test_server_rows_name_the_person_and_translate_preset_reasons() -> None:
    from ui.admin import audit_texts

    row = AuditRow(
        at=datetime.now(UTC), who="Sara Lopez (USR-1006)", station_id="st-1",
        action="exception.cancel", entity="order SO-100001", detail="", source="server",
        actor_name="Sara Lopez", actor_badge="USR-1006", entity_kind="order",
        entity_id="SO-100001", reason="Duplicate order — customer called twice",
        details={"item": "order:SO-100001", "order_status": "cancelled"},
    )  # fmt: skip
    assert audit_texts.what(row) == "Sara Lopez cancelled order SO-100001"
    assert audit_texts.detail_lines(row) == [
        "Reason: Duplicate order — customer called twice",
        "Item: order SO-100001",
        "Order now: cancelled",
    ]
