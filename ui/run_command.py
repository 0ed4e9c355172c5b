"""``main.py run``: start the station window (the default command).

Only the standard library is imported at module level: ``main.py --help`` must stay fast.
SIGTERM and SIGINT close the window cleanly (the session is logged out, the parts stopped).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.station import Station

_T0 = time.perf_counter()

# Modules that must not be loaded before the login screen is painted (benchmarks/startup.py
# and a test check it): the server, label rendering, migrations, barcode parsing, audio, charts.
HEAVY = (
    "alembic",
    "biip",
    "fastapi",
    "reportlab",
    "server.app",  # the server's FastAPI app (``server`` itself is only its CLI's package)
    "server.models",
    "uvicorn",
    "PySide6.QtCharts",
    "PySide6.QtMultimedia",
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--full-screen", action="store_true", help="start full screen")
    parser.add_argument(
        "--dev-scans",
        action="store_true",
        help="show a text box in the status bar that sends typed codes as scans (no scanner)",
    )
    # For benchmarks/startup.py: print timings once the login screen is painted, then quit.
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)


def main(args: argparse.Namespace) -> int:
    import logging

    from app import config as config_module

    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )

    try:
        config = config_module.load()
    except config_module.ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    t_imports = time.perf_counter()
    from app.bootstrap import open_core
    from ui.station import Station, make_app

    t_imported = time.perf_counter()
    app = make_app(sys.argv[:1])
    core = open_core(config)
    station = Station(app, core, dev_scans=args.dev_scans)
    _stop_on_signals(station)
    if args.exit_after_paint:
        station.window.painted.connect(
            lambda: _report_and_quit(station, t_imported - t_imports, t_imported)
        )
    station.show(full_screen=args.full_screen or config.full_screen)
    try:
        return app.exec()
    finally:
        station.stop()
        core.close()


def _report_and_quit(station: Station, import_s: float, t_imported: float) -> None:
    """One line of JSON for the benchmark: seconds since this module loaded, and in imports."""
    import json

    from PySide6.QtWidgets import QApplication

    now = time.perf_counter()
    print(
        json.dumps(
            {
                "painted_s": now - _T0,
                "station_imports_s": import_s,
                "after_imports_s": now - t_imported,
                "modules": len(sys.modules),
                "heavy_loaded": sorted(m for m in HEAVY if m in sys.modules),
            }
        ),
        flush=True,
    )
    QApplication.quit()


def _stop_on_signals(station: Station) -> None:
    """Let SIGTERM/SIGINT close the window although Qt's event loop holds the thread.

    Python runs signal handlers only when it gets control back; a wake-up socket watched by
    Qt gives it control as soon as a signal arrives.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier
    from PySide6.QtWidgets import QApplication

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, QApplication.instance())

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)

    def quit_now(_signum: int, _frame: Any) -> None:
        QApplication.quit()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, quit_now)
    station.keep_alive.append((reader, writer, notifier))  # as long as the station runs
