"""``python -m ui.scanners.screenshots [OUT]``: the Admin → Scanners screen, for review.

Renders the whole station window offscreen on a throw-away demo site, logged in as the admin,
with four scanners (serial on a socat pseudo-terminal when socat is installed, simulated,
keyboard wedge, evdev waiting for its device). A GS1-128 scan goes through the real serial
path into the test panel; then the editor. English and Chinese.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 800)
SCAN = b"]C10109501101530003172705311012345\x1d21SER42\r"


def _settle(seconds: float = 0.3) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def shoot(out: Path, language: str) -> list[Path]:
    from sqlalchemy import select

    from app.bootstrap import open_core
    from app.config import ScannerConfig, StationConfig
    from app.persistence.models import User
    from drivers.scanners.base import RawScan
    from ui.station import Station, make_app

    saved: list[Path] = []
    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WS_CONFIG"] = str(Path(tmp) / "station.toml")
        socat = shutil.which("socat")
        proc = None
        port = "/dev/ttyACM0"
        if socat:
            a, b = Path(tmp) / "scanner", Path(tmp) / "ttyScanner"
            proc = subprocess.Popen(
                [socat, f"pty,raw,echo=0,link={a}", f"pty,raw,echo=0,link={b}"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            while not (a.exists() and b.exists()):
                time.sleep(0.01)
            port = str(b)
        scanners = [
            ScannerConfig(name="dock", type="serial", port=port, baud=115200),
            ScannerConfig(name="bench", type="simulated"),
            ScannerConfig(name="keyboard", type="wedge"),
            ScannerConfig(
                name="hid",
                type="evdev",
                device="/dev/input/by-id/usb-Scanner-event-kbd",
                keyboard_layout="de",
            ),
        ]
        config = replace(
            StationConfig(), language=language, station_name="Station 1 · Zone A", scanners=scanners
        )
        core = open_core(config, Path(tmp) / "data")
        with core.uow() as uow:
            for user in uow.session.scalars(select(User)):
                user.language = None
            uow.commit()
        station = Station(app, core, parts=["ui.scanners.part:scanner_part"])
        window = station.window
        window.resize(*SIZE)
        window.show()
        station.start_parts()
        station.ctx.scans.publish(RawScan(b"USR-1008", time.monotonic(), "screenshots"))
        _settle()
        window.banner.dismiss()
        window.tabs.select("admin")
        from ui.admin.screen import AdminScreen
        from ui.scanners.page import ScannersPage

        admin = window.tabs.current_screen()
        assert isinstance(admin, AdminScreen)
        page = admin.show_page("scanners")
        assert isinstance(page, ScannersPage)
        _settle(0.5)

        def grab(name: str) -> None:
            _settle()
            path = out / f"{name}_{language}.png"
            window.grab().save(str(path))
            saved.append(path)

        if proc is not None:
            fd = os.open(Path(tmp) / "scanner", os.O_RDWR | os.O_NOCTTY)
            os.write(fd, SCAN)
            os.close(fd)
        else:
            page.simulate_scan(SCAN[:-1].decode())
        _settle(0.5)
        grab("scanners_scan_banner")
        window.banner.dismiss()
        grab("scanners_test_panel")
        page.list.set_current(0)
        page.edit_scanner()
        grab("scanners_editor")
        station.stop()
        core.close()
        if proc is not None:
            proc.terminate()
            proc.wait(10)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.scanners.screenshots", description=__doc__)
    parser.add_argument("out", nargs="?", default="screens/scanners", help="folder for the PNGs")
    parser.add_argument("--language", action="append", help="en, zh_CN (default: both)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for language in args.language or ["en", "zh_CN"]:
        for path in shoot(out, language):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
