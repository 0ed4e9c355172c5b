"""Why an exception action was taken, by taps only: preset reasons per action (translated),
an optional note typed on the on-screen keyboard; the server audits the English reason.
Real server over HTTP, real widgets offscreen, no key event anywhere (tests.test_keyboard)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from server.dashboard.tables import AuditEntry
from tests.test_dashboard_e2e import SUPERVISOR, _ctx
from tests.test_dashboard_texts import Floor, floor  # noqa: F401 (fixture)
from tests.test_keyboard import no_keys, tap, tap_text  # noqa: F401 (fixture)
from tests.window_checks import threads_left
from ui.dashboard.reason_dialog import ReasonDialog

SCREENS = Path("/work/screens/texts")


@pytest.fixture(autouse=True)
def _no_leaked_workers() -> Iterator[None]:

    yield
    assert threads_left("dashboard") == []


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    from ui.i18n import Translations

    translations = Translations(QApplication.instance())
    translations.use(request.param)
    yield request.param
    translations.clear()


def _while_modal(steps: Callable[[ReasonDialog], None], errors: list[BaseException]) -> None:
    """Run ``steps`` on the reason dialog once its exec() loop runs; never leave it open."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, ReasonDialog), dialog
            steps(dialog)
        except BaseException as exc:
            errors.append(exc)
        finally:
            if isinstance(dialog, ReasonDialog) and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)


def _save(widget, name: str) -> None:
    if SCREENS.parent.exists():
        SCREENS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SCREENS / name))


def test_assign_a_count_with_a_preset_reason_and_a_note_by_taps_only(
    qtbot,
    core,
    floor: Floor,  # noqa: F811
    language: str,
    no_keys,  # noqa: F811
) -> None:
    from ui.dashboard.screen import DashboardScreen

    client = floor.site.client(floor.site.sign_in("USR-9006"))
    screen = DashboardScreen(_ctx(core, SUPERVISOR, client))
    try:
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.period.setCurrentIndex(2)
        with qtbot.waitSignal(screen.painted, timeout=20_000):
            screen.refresh()
        row = next(i for i, item in enumerate(screen._items) if item.kind == "short_pick")
        screen.exception_table.table.selectRow(row)
        screen.sections.setCurrentIndex(screen.sections.indexOf(screen.lookup) - 1)
        screen.show()
        qtbot.waitExposed(screen)
        _save(screen, f"exceptions-{language}.png")
        zh = language == "zh_CN"
        seen: dict[str, object] = {}

        def steps(dialog: ReasonDialog) -> None:
            seen["presets"] = [b.text() for b in dialog.preset_buttons]
            assert all(b.height() >= 64 for b in dialog.preset_buttons)
            _save(dialog, f"reason-dialog-{language}.png")
            tap(qtbot, dialog.ok)  # nothing chosen: refused with a clear word, still open
            seen["hint"] = dialog.hint.text()
            assert dialog.isVisible()
            tap(qtbot, dialog.preset_buttons[0])
            tap(qtbot, dialog.keyboard_button)
            keyboard = dialog.keyboard.dialog
            assert keyboard is not None and keyboard.isVisible()
            tap_text(qtbot, keyboard.keyboard, "Aisle 2")
            _save(keyboard, f"reason-keyboard-{language}.png")
            tap(qtbot, keyboard.keyboard.key("done"))
            assert dialog.note.text() == "Aisle 2"
            _save(dialog, f"reason-dialog-chosen-{language}.png")
            tap(qtbot, dialog.ok)

        errors: list[BaseException] = []
        _while_modal(steps, errors)
        with qtbot.waitSignal(screen.source.action_done, timeout=20_000) as done:
            qtbot.mouseClick(screen.action_buttons["assign_count"], Qt.MouseButton.LeftButton)
        assert errors == []
        assert done.args[0].ok and done.args[0].action == "assign_count"
        assert seen["presets"][0] == ("库位看起来是空的" if zh else "Bin looked empty")
        assert ("请点选或填写原因" if zh else "Tap a reason or write one") in str(seen["hint"])
        with floor.site.server.factory() as s:
            entry = s.scalar(
                select(AuditEntry).where(AuditEntry.action == "exception.assign_count")
            )
        assert entry is not None
        # The audit log keeps the English preset (same for every reader) and the note.
        assert entry.reason == "Bin looked empty — Aisle 2"
    finally:
        screen.shutdown()
        client.close()


def test_a_reason_is_a_preset_a_note_or_both(qtbot, no_keys) -> None:  # noqa: F811
    dialog = ReasonDialog("Why?", "Dismiss — SO-1: why?", action="dismiss")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.preset_buttons[0].text() == "Checked, nothing to do"
    tap(qtbot, dialog.preset_buttons[1])
    assert dialog.text() == "Already solved on the floor"
    tap(qtbot, dialog.preset_buttons[2])  # one choice at a time
    assert dialog.text() == "Same as another exception"
    unknown = ReasonDialog("Why?", "Sign off: why?", action="sign_off")  # a newer action
    qtbot.addWidget(unknown)
    assert unknown.preset_buttons == [] and unknown.note_label.text() == "Reason:"
    unknown.note.setText("agreed by phone")
    assert unknown.text() == "agreed by phone"


def test_presets_read_in_the_station_language_and_notes_as_written() -> None:
    from ui.dashboard import reasons
    from ui.i18n import Translations

    translations = Translations(QApplication.instance())
    translations.use("zh_CN")
    try:
        assert reasons.display("Duplicate order") == "重复订单"
        assert reasons.display("Duplicate order — SO-100001") == "重复订单 — SO-100001"
        assert reasons.display("customer called") == "customer called"
    finally:
        translations.clear()
    assert reasons.compose("Duplicate order", "  ") == "Duplicate order"
    assert reasons.compose("", " typed ") == "typed"


def test_the_note_is_limited_so_that_preset_and_note_fit_what_the_server_takes(
    qtbot,
    no_keys,  # noqa: F811
) -> None:
    from server.api.dashboard import ActionIn
    from ui.dashboard import reasons

    server_max = next(
        getattr(m, "max_length", None)
        for m in ActionIn.model_fields["reason"].metadata
        if getattr(m, "max_length", None)
    )
    assert server_max == reasons.MAX_REASON
    for action in [*reasons.PRESETS, "sign_off"]:  # and an action with no presets
        dialog = ReasonDialog("Why?", f"{action}: why?", action=action)
        qtbot.addWidget(dialog)
        limit = dialog.note.maxLength()
        assert 400 <= limit <= server_max, action
        dialog.note.setText("n" * 1000)  # pasted or typed on and on: cut at the limit
        assert len(dialog.note.text()) == limit
        for button in dialog.preset_buttons:  # the longest preset and a full note still fit
            tap(qtbot, button)
            assert len(dialog.text()) <= server_max, (action, dialog.chosen())
        assert str(limit) in dialog.note.placeholderText()  # says so before it stops taking


def test_a_reason_the_server_does_not_take_says_so_clearly(
    qtbot,
    core,
    floor: Floor,  # noqa: F811
    language: str,
) -> None:
    """A server that still answers 422 for the reason (a newer server with a lower limit):
    the supervisor reads that the reason was too long, not the validation error's JSON."""
    from ui.dashboard.screen import DashboardScreen

    client = floor.site.client(floor.site.sign_in("USR-9006"))
    screen = DashboardScreen(_ctx(core, SUPERVISOR, client))
    try:
        qtbot.addWidget(screen)
        with qtbot.waitSignal(screen.painted, timeout=20_000):
            screen.refresh()
        item = next(i for i in screen._items if i.kind == "short_pick")
        with qtbot.waitSignal(screen.source.action_failed, timeout=20_000):
            screen.act_on(item, "assign_count", "Bin looked empty — " + "n" * 490)
        text = screen.action_status.text()
        assert "string_too_long" not in text and "[{" not in text, text
        assert "500" in text
        assert ("太长" if language == "zh_CN" else "too long") in text
    finally:
        screen.shutdown()
        client.close()
