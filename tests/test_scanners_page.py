"""Admin → Scanners page: live health, the test panel, edits saved and applied (Qt offscreen)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import config as config_module
from app.bootstrap import StationCore
from app.config import ScannerConfig
from drivers.scanners.base import Health, HealthCode, HealthState, RawScan
from drivers.scanners.simulated import SimulatedScanner
from tests.scanner_support import SocatPair
from ui.context import StationContext
from ui.scanners.page import ScannersPage
from ui.scanners.part import ScannerPart


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert [t.name for t in threading.enumerate() if t not in before] == []


class Setup:
    def __init__(self, core: StationCore, qtbot: QtBot) -> None:
        core.config = replace(core.config, scanners=[ScannerConfig(name="bench", type="simulated")])
        self.ctx = StationContext(core)
        self.part = ScannerPart(self.ctx)
        self.part.start()
        self.page = ScannersPage(self.ctx)
        qtbot.addWidget(self.page)
        # The shell routes scans to the visible screen; here the page is the screen.
        self.ctx.scans.raw_scan.connect(self.page.handle_scan)
        self.ok: list[str] = []
        self.fail: list[str] = []
        self.ctx.feedback.success.connect(self.ok.append)
        self.ctx.feedback.error.connect(self.fail.append)
        self.page.resize(1020, 650)
        self.page.show()

    def close(self) -> None:
        self.page.shutdown()
        self.part.stop()


@pytest.fixture
def setup(core: StationCore, qtbot: QtBot) -> Iterator[Setup]:
    s = Setup(core, qtbot)
    yield s
    s.close()


def test_test_panel_shows_bytes_aim_parsed_result_and_latency(setup: Setup, qtbot: QtBot) -> None:
    page = setup.page
    assert page.panel.simulate_row.isVisibleTo(page)
    page.panel.simulate_edit.setText("]C10109501101530003172705311012345\x1d21SER42")
    page.panel.simulate_button.click()
    qtbot.waitUntil(lambda: page.panel.last is not None)
    report = page.panel.last
    assert report is not None and report.accepted and report.kind == "product"
    assert report.aim == "]C1 · GS1-128"
    assert report.hex.startswith("5D 43 31 30 31") and " 1D " in report.hex
    assert ("GTIN", "09501101530003") in report.fields
    assert ("Expiry", "2027-05-31") in report.fields and ("Lot", "12345") in report.fields
    assert report.latency_ms >= 0
    assert page.panel.values["hex"].text() == report.hex
    assert "ms" in page.panel.values["latency"].text()
    assert setup.ok and not setup.fail


def test_refused_scans_say_what_is_wrong(setup: Setup, qtbot: QtBot) -> None:
    bench = setup.part.manager.driver("bench")
    assert isinstance(bench, SimulatedScanner)
    bench.feed(b"\xff\xfe\x00\r")  # what a wrong baud rate looks like
    qtbot.waitUntil(lambda: len(setup.fail) == 1)
    assert "baud rate" in setup.fail[0]
    bench.scan("XYZ-NOT-OURS")
    qtbot.waitUntil(lambda: len(setup.fail) == 2)
    assert setup.page.panel.last is not None and not setup.page.panel.last.accepted
    assert len(setup.page.panel.history_rows) == 2
    assert setup.page.panel.history_cells[1][1].text() == "bench"


def test_health_changes_show_in_the_list(setup: Setup, qtbot: QtBot) -> None:
    row = setup.page.rows["bench"]
    qtbot.waitUntil(lambda: "Connected" in row.state.text())
    bench = setup.part.manager.driver("bench")
    assert isinstance(bench, SimulatedScanner)
    bench.unplug()
    qtbot.waitUntil(lambda: "Reconnecting" in row.state.text())
    assert "Unplugged" in row.state.text()
    setup.ctx.status.device_changed.emit(
        "bench", Health(HealthState.ERROR, "detail for the admin", HealthCode.BUSY)
    )
    assert "Another program" in row.state.text() and row.detail.text() == "detail for the admin"


def test_add_a_serial_scanner_saves_and_applies_it(
    setup: Setup, qtbot: QtBot, tmp_path: Path
) -> None:
    pty = SocatPair(tmp_path)
    pty.start()
    try:
        page = setup.page
        page.add_button.click()
        assert page.stack.currentWidget() is page.editor
        page.editor.name.setText("dock")
        page.editor.port.setEditText(str(pty.station_end))
        page.editor.baud.setEditText("115200")
        page.editor.save_button.click()
        assert page.stack.currentWidget() is page.panel
        saved = config_module.load()
        assert [s.name for s in saved.scanners] == ["bench", "dock"]
        dock = saved.scanners[1]
        assert (dock.type, dock.port, dock.baud) == ("serial", str(pty.station_end), 115200)
        assert setup.ctx.core.config.scanners[1] == dock
        qtbot.waitUntil(lambda: setup.part.manager.health("dock").state is HealthState.CONNECTED)
        qtbot.waitUntil(lambda: "Connected" in page.rows["dock"].state.text())
        pty.write(b"A-01-02-3-1\r")
        qtbot.waitUntil(lambda: page.panel.last is not None and page.panel.last.source == "dock")
        assert page.panel.last.kind == "location"
    finally:
        setup.part.manager.stop()
        pty.stop()


def test_bad_settings_are_not_saved(setup: Setup) -> None:
    page = setup.page
    page.add_button.click()
    page.editor.name.setText("broken")
    page.editor.port.setEditText("")
    page.editor.save_button.click()
    assert page.stack.currentWidget() is page.editor
    assert "port" in page.editor.error.text()
    assert [s.name for s in setup.ctx.core.config.scanners] == ["bench"]
    assert setup.fail and "Not saved" in setup.fail[-1]
    page.editor.name.setText("bench")  # a name in use
    page.editor.port.setEditText("/dev/ttyUSB9")
    page.editor.save_button.click()
    assert "already called" in page.editor.error.text()


def test_edit_and_remove(setup: Setup) -> None:
    page = setup.page
    page.list.set_current(0)
    page.edit_scanner()
    page.editor.enabled.setChecked(False)
    page.editor.save_button.click()
    assert setup.part.manager.health("bench") == Health(HealthState.STOPPED, "disabled")
    assert "Switched off" in page.rows["bench"].state.text()
    page.remove_button.click()  # first tap only asks
    assert [s.name for s in setup.ctx.core.config.scanners] == ["bench"]
    page.remove_button.click()
    assert setup.ctx.core.config.scanners == []
    assert config_module.load().scanners == []
    assert setup.part.manager.names() == []
    assert page.empty.isVisibleTo(page)


def test_raw_scan_from_any_driver_is_shown(setup: Setup, qtbot: QtBot) -> None:
    import time

    setup.ctx.scans.publish(RawScan(b"USR-1001", time.monotonic(), "wedge", None))
    qtbot.waitUntil(lambda: setup.page.panel.last is not None)
    assert setup.page.panel.last is not None and setup.page.panel.last.kind == "badge"


def test_admin_tab_passes_scans_to_the_scanners_page(setup: Setup, qtbot: QtBot) -> None:
    import time

    from ui.admin.screen import AdminScreen

    admin = AdminScreen(setup.ctx)
    qtbot.addWidget(admin)
    try:
        page = admin.show_page("scanners")
        assert isinstance(page, ScannersPage)
        admin.handle_scan(RawScan(b"TOTE-0042", time.monotonic(), "bench"))
        assert page.panel.last is not None and page.panel.last.kind == "tote"
        admin.show_page("audit")
        admin.handle_scan(RawScan(b"TOTE-0042", time.monotonic(), "bench"))
        assert setup.fail[-1] == "This page does not take scans."
    finally:
        admin.shutdown()
