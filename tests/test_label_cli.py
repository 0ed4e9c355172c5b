"""``main.py label`` and ``main.py print-test`` on the demo station database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

import main

ROOT = Path(__file__).resolve().parents[1]
SCREENS = Path(os.environ.get("WS_SCREENS_DIR", "/work/screens/pack"))


@pytest.fixture
def station(demo_db_template: Path) -> Path:
    """The demo database where the CLI looks for it (WS_DATA_DIR from conftest)."""
    data = Path(os.environ["WS_DATA_DIR"])
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_db_template, data / "station.db")
    return data


def chinese_order(data: Path) -> str:
    from app.bootstrap import open_core
    from app.config import StationConfig
    from app.persistence.models import Order

    core = open_core(StationConfig(), data, seed_demo=False)
    try:
        with core.uow() as uow:
            return uow.session.scalars(
                select(Order.number).where(Order.ship_to_country == "CN").order_by(Order.number)
            ).first()
    finally:
        core.close()


def test_label_of_an_order_not_packed_is_a_preview_that_scans(station, tmp_path, capsys) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    number = chinese_order(station)
    out = tmp_path / "label.pdf"
    assert main.main(["label", "--order", number, "--out", str(out)]) == 0
    assert "preview" in capsys.readouterr().out
    png = tmp_path / "label"
    subprocess.run(
        ["pdftoppm", "-mono", "-r", "203", "-png", "-singlefile", str(out), str(png)], check=True
    )
    texts = {r.text for r in zxingcpp.read_barcodes(Image.open(f"{png}.png"))}
    assert number in texts
    assert any(t.endswith(f"?400={number}") for t in texts)
    try:  # the 203-dpi raster of a label with a Chinese ship-to, for people to look at
        SCREENS.mkdir(parents=True, exist_ok=True)
        shutil.copy(f"{png}.png", SCREENS / "6-label-203dpi-chinese-ship-to.png")
    except OSError:
        pass


def test_label_of_an_unknown_order_fails(station, capsys) -> None:
    assert main.main(["label", "--order", "SO-999999"]) == 1
    assert "no order" in capsys.readouterr().err


def test_print_test_goes_through_the_queue_to_the_default_pdf_printer(station, capsys) -> None:
    assert main.main(["print-test", "--printer", "nosuch"]) == 2
    assert "configured: labels" in capsys.readouterr().err
    assert main.main(["print-test"]) == 0
    assert list((station / "labels").glob("*.pdf"))


def test_help_does_not_load_reportlab() -> None:
    code = (
        "import sys, main; main.build_parser();"
        "print([m for m in sys.modules if m.startswith('reportlab')])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"
