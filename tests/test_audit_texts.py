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
from tests.window_checks import threads_left
from ui.context import StationContext

SCREENS = Path("/work/screens/texts")
DECIDED = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # when the admin decided (on the server)


@pytest.fixture(autouse=True)
def _no_leaked_workers() -> Iterator[None]:

    yield
    assert threads_left("admin-") == []


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


@pytest.fixture
def identity_log(core) -> object:
    """Entries from the user identity work and offline user changes, made by the real code:
    an old badge scanned after the person got a new one, a decided offline change (approved by
    an admin known here; rejected by one this station does not know), and the disabling of a
    row the server does not have (as app.sync.engine.refresh_users writes it)."""
    from sqlalchemy import select, update

    from app.persistence.models import OutboxEvent, OutboxStatus
    from app.services.auth import AuthService, LoginFailure
    from app.sync.apply import apply_changes

    anna = next(u for u in users.list_users(core.uow) if u.badge_code == "USR-1002")
    draft = users.UserDraft("Anna Schmidt", "USR-1092", "picker", "en")
    users.save_local(core.uow, draft, user_id=anna.id, actor_id=8)  # new badge, old retired
    refused = AuthService(core.uow).login_with_badge("USR-1002")
    assert isinstance(refused, LoginFailure) and refused.reason.value == "badge_replaced"
    users.save_local(
        core.uow, users.UserDraft("Ben Test", "USR-2002", "packer", "en", pin="4321"),
        user_id=None, actor_id=8,
    )  # fmt: skip
    with core.uow() as u:
        keys = {r.payload["badge_code"]: r.key for r in u.session.scalars(select(OutboxEvent))}
        u.session.execute(update(OutboxEvent).values(status=OutboxStatus.HELD))
        at = DECIDED.isoformat()
        apply_changes(
            u.session,
            {
                "user_changes": [
                    {"decision": "approved", "events": [keys["USR-1092"]], "uid": None,
                     "badge_code": "USR-1092", "reason": "new badge", "by": "USR-1008",
                     "by_name": "Admin", "at": at, "user": None},
                    {"decision": "rejected", "events": [keys["USR-2002"]], "uid": None,
                     "badge_code": "USR-2002", "reason": "Wrong person or badge",
                     "by": "USR-9001", "by_name": "Head Office", "at": at, "user": None},
                ]
            },
            station_id=u.station_id,
        )  # fmt: skip
        u.audit("user.disabled", user_id=None, entity="user", entity_id="USR-1003",
                detail={"name": "Zhang Min", "via": "server", "not_on_server": True})  # fmt: skip
        u.commit()
    return core


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_replaced_badges_decided_changes_and_users_not_on_the_server_are_translated(
    qtbot, identity_log, language: str
) -> None:
    from ui.i18n import Translations

    translations = Translations(QApplication.instance())
    translations.use(language)
    screen, page = _page(qtbot, identity_log)
    decided = DECIDED.astimezone().strftime("%Y-%m-%d %H:%M")  # in the station's time zone
    try:
        rows = _rows(page)
        refused, approved = rows["login_failed"], rows["user.change_approved"]
        rejected, gone = rows["user.change_rejected"], rows["user.disabled"]
        if language == "zh_CN":
            assert refused[5].splitlines() == ["方式：工牌", "原因：工牌已换新"]
            assert approved[3] == "批准用户变更"
            assert approved[4] == "Admin 批准了工作站对用户 Anna Schmidt (USR-1092)的变更"
            assert (
                rejected[4] == "Head Office (USR-9001) 拒绝了工作站对用户 Ben Test (USR-2002)的变更"
            )
            assert rejected[5].splitlines()[0] == "原因：人员或工牌错误"  # a preset, translated
            assert "本工作站：用户已停用" in rejected[5].splitlines()
            assert gone[5].splitlines() == ["保存途径：服务器", "服务器上没有此用户：是"]
        else:
            assert refused[4] == "Login refused for badge USR-1002"
            assert refused[5].splitlines() == ["How: badge", "Reason: badge replaced by a new one"]
            assert approved[3] == "User change approved"
            assert (
                approved[4] == "Admin approved a station's change of user Anna Schmidt (USR-1092)"
            )
            assert approved[5].splitlines()[0] == "Reason: new badge"
            # Decided by an admin this station does not know: named from the decision.
            assert rejected[4] == (
                "Head Office (USR-9001) rejected a station's change of user Ben Test (USR-2002)"
            )
            assert rejected[5].splitlines() == [
                "Reason: Wrong person or badge",
                f"Decided at: {decided}",
                "At this station: user disabled",
            ]
            assert gone[5].splitlines() == ["Saved via: the server", "Not on the server: yes"]
        raw = ("badge_replaced", "not_on_server", "rolled_back", "by_name", "decision", "+00:00")
        for cells in (refused, approved, rejected, gone):
            assert not [w for w in raw if w in cells[3] + cells[4] + cells[5]]
        if SCREENS.parent.exists():
            SCREENS.mkdir(parents=True, exist_ok=True)
            screen.show()
            qtbot.waitExposed(screen)
            QApplication.processEvents()
            screen.grab().save(str(SCREENS / f"audit-identity-{language}.png"))
    finally:
        screen.shutdown()
        translations.clear()
