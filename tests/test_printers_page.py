"""Admin → Printers with real widgets: add a raw printer, live health, test print, remove."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import zxingcpp

from app import config as config_module
from app.domain.sscc import make_sscc
from tests.printing_fixtures import decode_zpl, run_raw_printer

SCREENS = Path(os.environ.get("WS_SCREENS_DIR", "/work/screens/pack"))
raw_printer = pytest.fixture(run_raw_printer, name="raw_printer")


@pytest.fixture
def page(core, qtbot):
    from PySide6.QtWidgets import QApplication

    from ui import theme
    from ui.context import StationContext
    from ui.printers import PrintersPage
    from ui.printers.part import printing_for

    theme.apply(QApplication.instance())
    ctx = StationContext(core)
    printing = printing_for(ctx)
    printing.worker.health_interval_s = 0.2
    printing.start()
    p = PrintersPage(ctx)
    qtbot.addWidget(p)
    p.resize(1100, 900)
    p.show()
    yield p
    p.shutdown()
    printing.stop()
    assert not printing.worker.running


def test_add_raw_printer_test_print_and_remove(page, raw_printer, qtbot) -> None:
    assert [p.name for p in page.printers] == ["labels"]  # the default PDF folder
    qtbot.waitUntil(lambda: page.health_text("labels").startswith("✔"), timeout=10000)
    page.add_button.click()
    page.name.setText("zebra")
    page.type.setCurrentIndex(page.type.findData("raw"))
    page.host.setText("127.0.0.1")
    page.port.setValue(raw_printer.port)
    page.dpi.setCurrentIndex(page.dpi.findData(300))
    assert page.language.currentData() == "zpl"  # a raw 9100 printer speaks ZPL by default
    assert page.language.isEnabled()
    page.save_button.click()
    assert [p.name for p in page.printers] == ["labels", "zebra"]
    saved = config_module.load()
    assert saved.printers[1].type == "raw" and saved.printers[1].dpi == 300
    assert saved.printers[1].language == "zpl"
    assert page.connection_text("zebra") == f"TCP (ZPL): 127.0.0.1:{raw_printer.port}"
    assert page.table.item(1, 1).text().endswith("4 × 6 in, 300 dpi")  # the label, below
    qtbot.waitUntil(lambda: page.health_text("zebra").startswith("✔"), timeout=10000)
    page.table.selectRow(1)
    page.test_button.click()
    qtbot.waitUntil(lambda: len(raw_printer.documents) == 1, timeout=10000)
    printed = decode_zpl(raw_printer.documents[0])  # the test label as the printer burns it
    assert (printed.width, printed.length) == (1200, 1800)  # 4x6 in at 300 dpi
    sscc = make_sscc(0, config_module.load().gs1_company_prefix, 0)
    texts = {r.text for r in zxingcpp.read_barcodes(printed.image)}
    assert f"(00){sscc}" in texts
    qtbot.waitUntil(lambda: "printed" in page.job_state_text(1), timeout=10000)
    try:
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.grab().save(str(SCREENS / "5-printers-page.png"))
    except OSError:
        pass
    page.table.selectRow(1)
    page.remove_button.click()
    assert [p.name for p in config_module.load().printers] == ["labels"]


def test_language_is_kept_per_printer(page, raw_printer, qtbot) -> None:
    page.add_button.click()
    assert page.language.currentData() == "pdf" and not page.language.isEnabled()  # a folder
    page.name.setText("pdf9100")
    page.type.setCurrentIndex(page.type.findData("raw"))
    page.host.setText("127.0.0.1")
    page.port.setValue(raw_printer.port)
    page.language.setCurrentIndex(page.language.findData("pdf"))  # a printer that takes PDF
    page.save_button.click()
    assert config_module.load().printers[1].language == "pdf"
    page.table.selectRow(0)  # the PDF folder
    assert page.language.currentData() == "pdf"
    page.table.selectRow(1)  # choosing it again shows its own language, not the type's usual
    assert page.type.currentData() == "raw" and page.language.currentData() == "pdf"
    page.test_button.click()
    qtbot.waitUntil(lambda: len(raw_printer.documents) == 1, timeout=10000)
    assert raw_printer.documents[0].startswith(b"%PDF")


def test_bad_printer_is_not_saved_and_the_reason_is_shown(page) -> None:
    page.add_button.click()
    page.name.setText("nohost")
    page.type.setCurrentIndex(page.type.findData("raw"))
    page.host.setText("")
    page.save_button.click()
    assert "host" in page.status.text()
    assert [p.name for p in page.printers] == ["labels"]


def test_unreachable_printer_shows_why(page, qtbot) -> None:
    from tests.printing_fixtures import free_port

    page.add_button.click()
    page.name.setText("off")
    page.type.setCurrentIndex(page.type.findData("raw"))
    page.host.setText("127.0.0.1")
    page.port.setValue(free_port())
    page.save_button.click()
    qtbot.waitUntil(lambda: "refused" in page.health_text("off"), timeout=10000)
