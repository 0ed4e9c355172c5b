"""The UI's composition root: Qt application, fonts, translations, context, window, parts.

``main.py run`` builds one :class:`Station`. The order matters for start-up time: the login
screen is shown first; everything else (sounds, embedded server, sync worker, scanners, print
queue) starts after its first paint, through :data:`PARTS`, so heavy imports stay off the path
to a usable window.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable
from typing import Protocol, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.bootstrap import StationCore
from app.services.auth import AuthService, LoginPolicy
from app.services.session import UserSession
from app.services.station_status import pending_event_count
from ui import gc_guard, theme
from ui.admin.fault_reporter import FaultReporter
from ui.admin.kiosk import KioskGuard
from ui.admin.session_guard import SessionGuard
from ui.context import StationContext
from ui.i18n import SUPPORTED, Translations, choose_language
from ui.main_window import MainWindow
from ui.queued_counter import QueuedEventsCounter
from ui.sounds import SoundPlayer

log = logging.getLogger(__name__)

APP_NAME = "Warehouse Station"


class BackgroundPart(Protocol):
    """Something that runs beside the window: it owns its threads and devices.

    ``start`` is called on the GUI thread after the first paint; ``stop`` at the end, in the
    reverse order of starting, and must stop and join whatever ``start`` began. A part reports
    through the context (``ctx.status``, ``ctx.scans``, ``ctx.feedback``) and may publish
    itself for screens in ``ctx.services[name]``.
    """

    def start(self) -> None: ...

    def stop(self) -> None: ...


PartFactory = Callable[[StationContext], BackgroundPart | None]

# Background parts, as "module:factory" so their modules load only after the first paint.
# A factory takes the context and returns a part, or None when the config turns it off.
# Add a line here for the embedded server + sync worker, the scanner manager, the print queue.
PARTS: list[str] = [
    "ui.station:queued_events_part",
    "ui.sync_part:sync_part",
    "ui.printers.part:print_queue_part",
    "ui.scanners.part:scanner_part",
]


# Modules the first scan or tap will need, imported right after the first paint so that
# neither the start-up nor the first scan pays for them.
WARM_UP: list[str] = [
    "app.scan",
]


def queued_events_part(ctx: StationContext) -> BackgroundPart:
    """The status bar's count of outbox events not yet sent, refreshed off the GUI thread."""
    counter = QueuedEventsCounter(lambda: pending_event_count(ctx.core.uow))
    counter.counted.connect(ctx.status.queued_changed)
    ctx.services["queued_events"] = counter
    return counter


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the station's fonts and style (or the one that already exists)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_NAME)
    gc_guard.install(app)
    theme.apply(app)
    return app


class Station:
    """Owns everything the running station is made of, and stops it in order."""

    def __init__(
        self,
        app: QApplication,
        core: StationCore,
        *,
        dev_scans: bool = False,
        parts: list[str] | None = None,
    ) -> None:
        self.app = app
        self.core = core
        config = core.config
        self.translations = Translations(app)
        self.station_language = choose_language(config.language)
        self.translations.use(self.station_language)
        self.ctx = StationContext(core)
        self.sounds = SoundPlayer(config.sounds, config.volume)
        self.auth = AuthService(core.uow, LoginPolicy.from_config(config))
        self.ctx.services["auth"] = self.auth
        self.ctx.services["sounds"] = self.sounds
        self.ctx.services["translations"] = self.translations
        self.window = MainWindow(self.ctx, self.auth, self.sounds, language_for=self.speak_to)
        # Kiosk mode: the window closes only for an admin PIN (the Admin tab's guard).
        self.kiosk = KioskGuard(self.ctx, self.window)
        self.ctx.services["kiosk"] = self.kiosk
        # A user disabled on any station is logged out here after the next sync.
        self.session_guard = SessionGuard(self.ctx, self.window.log_out)
        # Scanner and printer faults become events the supervisor's dashboard counts.
        self.fault_reporter = FaultReporter(self.ctx)
        if dev_scans or os.environ.get("WS_DEV_SCANS") == "1":
            from ui.dev_scan import DevScanEntry

            self.window.status.extras.addWidget(DevScanEntry(self.ctx.scans, self.window.status))
        self._part_names = list(PARTS if parts is None else parts)
        self.parts: list[BackgroundPart] = []
        self._stopped = False
        self.keep_alive: list[object] = []  # objects that must live as long as the station

    def speak_to(self, session: UserSession | None) -> None:
        """Use the logged-in user's own language, and the station's again after logout."""
        wanted = session.language if session is not None else None
        self.translations.use(wanted if wanted in SUPPORTED else self.station_language)

    def show(self, full_screen: bool = False) -> None:
        self.window.painted.connect(self._after_first_paint)
        if self.core.config.kiosk:
            self.kiosk.apply(True)  # full screen, frameless, close only for an admin PIN
        elif full_screen:
            # Kiosks often run X without a window manager, which ignores the full-screen
            # request: cover the screen by geometry as well.
            screen = self.app.primaryScreen()
            if screen is not None:
                self.window.setGeometry(screen.geometry())
            self.window.showFullScreen()
        else:
            self.window.resize(1280, 800)
            self.window.show()

    def _after_first_paint(self) -> None:
        log.info("station ready: the login screen is shown")
        QTimer.singleShot(0, self.start_parts)

    def start_parts(self) -> None:
        """Start every background part; one that fails is logged and left out."""
        if self.parts or self._stopped:
            return
        for name in self._part_names:
            module_name, _, attr = name.partition(":")
            try:
                factory = cast(PartFactory, getattr(importlib.import_module(module_name), attr))
                part = factory(self.ctx)
                if part is None:
                    continue
                part.start()
            except Exception:
                log.exception("background part %s failed to start", name)
                continue
            self.parts.append(part)
        self.sounds.load()
        for module_name in WARM_UP:
            try:
                importlib.import_module(module_name)
            except Exception:
                log.exception("cannot import %s", module_name)
        gc_guard.freeze_startup_heap()

    def stop(self) -> None:
        """Close the window (ends the session), then stop the parts in reverse order."""
        if self._stopped:
            return
        self._stopped = True
        self.kiosk.enabled = False  # a stop comes from the system (SIGTERM) or the guard itself
        self.window.close()
        while self.parts:
            part = self.parts.pop()
            try:
                part.stop()
            except Exception:
                log.exception("background part %r failed to stop", part)
        self.translations.clear()
