"""``python -m ui.screenshots [OUT]``: pictures of the shell, for review and the README.

Renders offscreen on a throw-away copy of the demo site: the login screen, the PIN pad with a
wrong PIN, a picker's and an admin's window, and a refused scan, in English and Chinese.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 800)


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()


def shoot(out: Path, language: str) -> list[Path]:
    from PySide6.QtCore import QEventLoop
    from sqlalchemy import select

    from app.bootstrap import open_core
    from app.config import StationConfig
    from app.persistence.models import User
    from drivers.scanners.base import RawScan
    from ui.station import Station, make_app

    saved: list[Path] = []
    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        config = replace(StationConfig(), language=language, station_name="Station 1 · Zone A")
        core = open_core(config, Path(tmp))
        with core.uow() as uow:  # everyone speaks the station's language in these pictures
            for user in uow.session.scalars(select(User)):
                user.language = None
            uow.commit()
        station = Station(app, core, parts=[])
        window = station.window
        window.resize(*SIZE)
        window.show()

        def grab(name: str) -> None:
            _settle()
            path = out / f"{name}_{language}.png"
            window.grab().save(str(path))
            saved.append(path)

        def scan(text: str) -> None:
            station.ctx.scans.publish(RawScan(text.encode(), time.monotonic(), "screenshots"))

        grab("login")
        scan("hello-world")
        grab("login_garbage_scan")
        window.banner.dismiss()
        admin = next(u for u in window.login._users if u.name == "Admin")
        window.login.choose(admin)
        for digit in "99":
            window.login.type_digit(digit)
        window.login.submit_pin()
        while window.login.checking:  # the PIN is checked on a worker thread
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        window.banner.dismiss()
        window.login.type_digit("1")
        grab("login_wrong_pin")
        window.login.reset()
        scan("USR-1001")
        window.banner.dismiss()
        grab("picker")
        window.log_out("user")
        scan("USR-1008")
        window.banner.dismiss()
        grab("admin")
        station.stop()
        core.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots", description=__doc__)
    parser.add_argument("out", nargs="?", default="screens/shell", help="folder for the PNGs")
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
