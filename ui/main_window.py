"""The station's one window: the login screen or the user's tabs, the status bar, the banner.

Wiring only: scans go to the visible screen, feedback goes to the banner and the speaker, the
session decides between login and tabs. What a tap or scan *means* is decided by the screens
and the services behind them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.services.auth import AuthService
from app.services.session import UserSession
from drivers.scanners.base import RawScan
from ui.banner import FeedbackBanner
from ui.context import StationContext
from ui.idle import IdleWatcher
from ui.login.login_screen import LoginScreen
from ui.sounds import ERROR, SUCCESS, SoundPlayer
from ui.status_bar import StationStatusBar
from ui.tab_host import TabHost

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    painted = Signal()  # the first paint: what the start-up benchmark waits for

    def __init__(
        self,
        ctx: StationContext,
        auth: AuthService,
        sounds: SoundPlayer,
        *,
        language_for: Callable[[UserSession | None], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.auth = auth
        self.sounds = sounds
        self._language_for = language_for
        self._painted = False

        central = QWidget(self)
        self.pages = QStackedWidget(central)
        self.login = LoginScreen(ctx, auth, self.pages)
        self.tabs = TabHost(ctx, self.pages)
        self.pages.addWidget(self.login)
        self.pages.addWidget(self.tabs)
        self.status = StationStatusBar(ctx.core.config.station_name, central)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        self.banner = FeedbackBanner(central)
        self.idle = IdleWatcher(ctx.core.config.idle_logout_seconds, self)

        ctx.scans.raw_scan.connect(self.route_scan)
        ctx.feedback.success.connect(self._on_success)
        ctx.feedback.error.connect(self._on_error)
        ctx.session.changed.connect(self._on_session)
        ctx.status.sync_changed.connect(self.status.on_sync_status)
        ctx.status.queued_changed.connect(self.status.set_queued)
        self.status.logout_requested.connect(lambda: self.log_out("user"))
        self.idle.timed_out.connect(lambda: self.log_out("idle"))
        self.login.installEventFilter(self)
        self.setMinimumSize(1024, 700)
        self._retranslate()

    # --- routing -----------------------------------------------------------------------------

    def route_scan(self, raw: RawScan) -> None:
        """The visible screen gets the scan, and nobody else."""
        self.idle.poke()
        if self.pages.currentWidget() is self.login:
            self.login.handle_scan(raw)
        elif not self.tabs.route_scan(raw):
            self.ctx.feedback.fail(self.tr("This screen does not take scans."))

    def _on_success(self, message: str) -> None:
        self.banner.show_ok(message)
        self.sounds.play(SUCCESS)

    def _on_error(self, message: str) -> None:
        self.banner.show_fail(message)
        self.sounds.play(ERROR)

    # --- session -----------------------------------------------------------------------------

    def log_out(self, reason: str) -> None:
        session = self.ctx.session.current
        if session is None:
            return
        self.auth.logout(session, reason)
        self.ctx.session.set(None)
        if reason == "idle":
            self.banner.show_ok(self.tr("Logged out after no activity."))

    def _on_session(self, session: UserSession | None) -> None:
        self.tabs.clear_tabs()
        if self._language_for is not None:
            self._language_for(session)  # before the screens are made: they speak it
        self.status.set_session(session)
        if session is None:
            self.idle.stop()
            self.login.reset()
            self.pages.setCurrentWidget(self.login)
        else:
            self.tabs.show_tabs(session.tabs)
            self.pages.setCurrentWidget(self.tabs)
            self.idle.start()

    # --- window ------------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Warehouse Station — {name}").format(name=self.ctx.core.config.station_name)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.banner.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.login and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.login.removeEventFilter(self)
            QTimer.singleShot(0, self.painted.emit)  # after the paint has finished
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window ends the session (audited) and shuts the screens down."""
        self.idle.stop()
        session = self.ctx.session.current
        if session is not None:
            self.auth.logout(session, "closed")
            self.ctx.session.current = None
        self.tabs.clear_tabs()
        self.login.shutdown()
        sessions = self.ctx.services.get("server_sessions")
        if sessions is not None:  # ui.dashboard.server_session.ServerSessions, made on use
            sessions.shutdown()
        super().closeEvent(event)
