"""Admin → Printers and Admin → Scanners inside the real station window at floor-screen sizes.

Found by a new user at 1280x800 (the station's tab and status bars shown): the Printers page
needed about 970 px of height for its list, a form of nine stacked fields, five buttons and the
print queue, so Qt laid the fields over each other; and the form did not show the printer that
was highlighted (an empty name and "CUPS queue" beside the ``labels`` PDF printer). At
1024x768 the scanner editor's right column ran under its frame and most settings were behind
a scroll bar.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from app import config as config_module
from app.bootstrap import StationCore
from app.config import PrinterConfig, ScannerConfig
from app.persistence.models import Role
from app.services.session import UserSession
from tests.window_checks import assert_fits, in_language, rect_in
from ui.station import Station, make_app

ADMIN = UserSession(8, "Admin", Role.ADMIN, "USR-1008", "en")
ADMIN_ZH = UserSession(8, "Admin", Role.ADMIN, "USR-1008", "zh_CN")
SIZES = [((1280, 800), ADMIN), ((1280, 800), ADMIN_ZH), ((1024, 768), ADMIN)]
SCREENS = Path(os.environ.get("WS_SCREENS_DIR", "/work/screens/printers-fit"))


@pytest.fixture
def station(core: StationCore, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Station]:
    monkeypatch.setenv("WS_NO_KEYRING", "1")
    st = Station(make_app(), in_language(core))
    qtbot.addWidget(st.window)
    st.window.show()
    yield st
    st.stop()
    assert not [
        t for t in threading.enumerate() if t.name.startswith(("print", "cups", "scanners"))
    ]


def save_screenshot(station: Station, name: str) -> None:
    """A picture for review (the layout is asserted, not the looks)."""
    try:
        SCREENS.mkdir(parents=True, exist_ok=True)
        station.window.grab().save(str(SCREENS / f"{name}.png"))
    except OSError:
        pass


def tag(size: tuple[int, int], session: UserSession) -> str:
    return f"{size[0]}x{size[1]}_{session.language}"


def open_page(station: Station, qtbot: Any, size: tuple[int, int], session: UserSession, key: str):
    station.window.resize(*size)
    station.ctx.session.set(session)
    assert station.window.tabs.select("admin")
    admin: Any = station.window.tabs.current_screen()
    page: Any = admin.show_page(key)
    qtbot.wait(50)
    return page


def printer_widgets(page: Any) -> list[QWidget]:
    form = page.form
    fields = [
        page.name,
        page.type,
        page.queue,
        page.rescan_button,
        page.host,
        page.port,
        page.folder,
        page.size_choice,
        page.dpi,
        page.language,
    ]
    labels = [form.labelForField(f) for f in (page.name, page.type, page.folder, page.language)]
    labels += [form.labelForField(page.queue_row), form.labelForField(page.host_row)]
    return [
        page.sections.tabBar(),
        page.add_button,
        page.remove_button,
        page.test_button,
        page.table,
        page.status,
        page.form_title,
        page.save_button,
        *fields,
        *[label for label in labels if label is not None],
    ]


@pytest.mark.parametrize(("size", "session"), SIZES)
def test_printers_page_fits_and_shows_the_selected_printer(
    station: Station, qtbot: Any, size: tuple[int, int], session: UserSession
) -> None:
    page = open_page(station, qtbot, size, session, "printers")
    assert page.minimumSizeHint().height() <= page.height()
    # The highlighted printer is the one in the form: the default PDF folder ``labels``.
    assert page._selected_index() == 0
    assert page.name.text() == "labels"
    assert page.type.currentData() == "pdf"
    assert page.folder.isVisibleTo(page) and not page.queue.isVisibleTo(page)
    for kind in ("pdf", "cups", "raw"):  # each type shows its own fields; none overlap
        page.type.setCurrentIndex(page.type.findData(kind))
        qtbot.wait(20)
        assert_fits(page, printer_widgets(page))
    assert page.host.isVisibleTo(page) and page.port.isVisibleTo(page)
    assert not page.folder.isVisibleTo(page)
    page.table.clearSelection()
    page.table.selectRow(0)  # choosing it again shows it as saved, not as typed over
    assert (page.type.currentData(), page.folder.isVisibleTo(page)) == ("pdf", True)
    save_screenshot(station, f"printers_{tag(size, session)}")
    page.sections.setCurrentIndex(1)
    qtbot.wait(20)
    save_screenshot(station, f"printers_queue_{tag(size, session)}")
    assert page.jobs.isVisible()
    assert page.rect().contains(rect_in(page.jobs, page))
    assert not page.add_button.isVisible()  # the list's buttons belong to the list


def test_printers_form_follows_the_selection_and_edits_apply_at_once(
    station: Station, qtbot: Any, tmp_path: Path
) -> None:
    """Edit, save and remove reach the print queue's printers without a restart: a test
    label goes to the folder just saved, a removed printer is gone from the registry."""
    page = open_page(station, qtbot, (1280, 800), ADMIN, "printers")
    printing = page.printing
    page.add_button.click()
    assert page._selected_index() is None and page.form_title.text() == "New printer"
    page.name.setText("zebra")
    page.type.setCurrentIndex(page.type.findData("raw"))
    page.host.setText("127.0.0.1")
    page.port.setValue(9101)
    page.save_button.click()
    assert [p.name for p in page.printers] == ["labels", "zebra"]
    assert page._selected_index() == 1 and page.name.text() == "zebra"  # kept selected
    page.table.selectRow(0)
    assert (page.name.text(), page.type.currentData()) == ("labels", "pdf")
    assert not page.host.isVisibleTo(page)
    page.table.selectRow(1)
    assert (page.name.text(), page.type.currentData(), page.host.text()) == (
        "zebra",
        "raw",
        "127.0.0.1",
    )
    assert page.port.value() == 9101 and page.language.currentData() == "zpl"
    # Edit the PDF printer: a new folder, used by the very next label.
    folder = tmp_path / "edited-labels"
    page.table.selectRow(0)
    page.folder.setText(str(folder))
    page.dpi.setCurrentIndex(page.dpi.findData(300))
    page.save_button.click()
    assert "labels" in page.status.text()
    assert config_module.load().printers[0] == PrinterConfig(
        name="labels", type="pdf", folder=str(folder), dpi=300
    )
    assert printing.registry.config("labels") == config_module.load().printers[0]
    assert page.connection_text("labels") == f"PDF: {folder}"
    printing.start()  # the page made the print part; the station did not start it
    try:
        page.test_button.click()
        qtbot.waitUntil(lambda: any(folder.glob("*.pdf")), timeout=10_000)
        qtbot.waitUntil(lambda: page.health_text("labels").startswith("✔"), timeout=10_000)
        save_screenshot(station, "printers_edited_1280x800_en")
        # Remove the raw printer: gone from the file, the list and the queue's printers.
        page.table.selectRow(1)
        page.remove_button.click()
        assert [p.name for p in config_module.load().printers] == ["labels"]
        assert printing.registry.names() == ["labels"]
        assert page.table.rowCount() == 1 and page.name.text() == "labels"
        qtbot.waitUntil(lambda: "zebra" not in printing.health(), timeout=10_000)
    finally:
        printing.stop()
    assert not printing.worker.running


def scanner_list_widgets(page: Any) -> list[QWidget]:
    return [page.add_button, page.edit_button, page.remove_button, page.list, page.stack]


def scanner_editor_widgets(page: Any) -> list[QWidget]:
    """The editor's heading, buttons and settings cells (each a caption over its field)."""
    editor = page.editor
    cells = [cell for cell in editor.cells.values() if cell.isVisibleTo(page)]
    return [editor.heading, editor.cancel_button, editor.save_button, *cells]


@pytest.mark.parametrize(("size", "session"), SIZES)
def test_scanners_page_and_editor_fit(
    station: Station, qtbot: Any, size: tuple[int, int], session: UserSession
) -> None:
    station.ctx.core.config.scanners = [
        ScannerConfig(name="dock", type="serial", port="/dev/serial/by-id/usb-Scanner-if00"),
        ScannerConfig(name="bench", type="simulated"),
        ScannerConfig(name="keyboard", type="wedge"),
        ScannerConfig(name="hid", type="evdev", device="/dev/input/by-id/usb-Scan-event-kbd"),
    ]
    page = open_page(station, qtbot, size, session, "scanners")
    assert page.minimumSizeHint().height() <= page.height()
    assert_fits(page, scanner_list_widgets(page))
    save_screenshot(station, f"scanners_{tag(size, session)}")
    for index, spec in enumerate(station.ctx.core.config.scanners):
        page.list.set_current(index)
        page.edit_scanner()
        qtbot.wait(20)
        editor = page.editor
        assert editor.name.text() == spec.name
        assert_fits(page, scanner_editor_widgets(page))
        for field in [*editor.rows.values(), editor.refresh]:  # each inside its cell
            assert_fits(page, [field])
        if spec.type == "serial":
            save_screenshot(station, f"scanners_editor_{tag(size, session)}")
        # Every setting of the type in view at once: the scroll area is only a fallback.
        scroll = editor.form_scroll
        assert scroll.verticalScrollBar().maximum() == 0, spec.type
        assert scroll.widget().width() <= scroll.viewport().width(), spec.type
        for cell in editor.cells.values():
            if cell.isVisibleTo(page):
                assert scroll.viewport().rect().contains(rect_in(cell, scroll.viewport()))
        editor.cancel_button.click()
    assert page.list.isVisible() and page.add_button.isVisible()
