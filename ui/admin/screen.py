"""The Admin tab: big touch navigation on the left, one page at a time on the right.

Pages are built the first time they are opened. Scanners and printers pages belong to their
own areas (``ui.scanners``, ``ui.printers``) and are imported lazily; when one is missing the
page says so instead of breaking the tab.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.admin.user_gateway import UserGateway
from app.persistence.models import Role
from drivers.scanners.base import RawScan
from ui.admin.widgets import BASE_STYLE, TOUCH
from ui.context import StationContext
from ui.dashboard.server_session import ServerSessions
from ui.dashboard.sign_in import ask_server_sign_in
from ui.keyboard import attach_keyboards
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# Pages whose forms need typing (names, badges, PINs, server address): the on-screen keyboard
# is offered on their text fields for touch kiosks without a keyboard.
TYPED_PAGES = ("users", "station")
# key -> "module:Class"; every page class takes (ctx) and is a QWidget.
PAGE_CLASSES: dict[str, str] = {
    "scanners": "ui.scanners:ScannersPage",
    "printers": "ui.printers:PrintersPage",
    "users": "ui.admin.users_page:UsersPage",
    "station": "ui.admin.station_page:StationPage",
    "audit": "ui.admin.audit_page:AuditPage",
}


class AdminScreen(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setStyleSheet(BASE_STYLE)
        self.pages: dict[str, QWidget] = {}
        # User changes and the site-wide audit log go through the server once the admin has
        # signed in there (their server session); before that, user changes stay local.
        sessions = ServerSessions.of(ctx)
        ctx.services.setdefault(
            "user_gateway",
            UserGateway(ctx.core.uow, lambda: sessions if sessions.current() else None),
        )
        ctx.services.setdefault("server_audit", sessions.audit)
        self._runner = TaskRunner("admin-sign-in", self)
        titles = {
            "scanners": "▣ " + self.tr("Scanners"),
            "printers": "▤ " + self.tr("Printers"),
            "users": "● " + self.tr("Users"),
            "station": "◆ " + self.tr("Station"),
            "audit": "≡ " + self.tr("Audit log"),
        }
        layout = QHBoxLayout(self)
        session = ctx.session.current
        self.allowed = session is None or session.role is Role.ADMIN
        if not self.allowed:
            # The shell never shows this tab to them; this is the second lock on the door.
            denied = QLabel("✖ " + self.tr("The admin tab is for admins only."))
            denied.setObjectName("denied")
            denied.setStyleSheet("font-size:26px;")
            layout.addWidget(denied)
            self.nav_buttons: dict[str, QPushButton] = {}
            return
        nav = QVBoxLayout()
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.nav_buttons = {}
        for key in PAGE_CLASSES:
            button = QPushButton(titles[key])
            button.setCheckable(True)
            button.setMinimumSize(220, TOUCH + 8)
            button.setStyleSheet(
                "QPushButton { font-size:22px; text-align:left; padding:8px 16px; }"
                "QPushButton:checked { background:#1a5fb4; color:white; font-weight:bold; }"
            )
            button.clicked.connect(lambda _=False, k=key: self.show_page(k))
            self._group.addButton(button)
            nav.addWidget(button)
            self.nav_buttons[key] = button
        nav.addStretch(1)
        self.sign_in_button = QPushButton(self.tr("Server sign-in…"))
        self.sign_in_button.setMinimumSize(220, TOUCH)
        self.sign_in_button.clicked.connect(self.request_sign_in)
        nav.addWidget(self.sign_in_button)
        self.sign_in_status = QLabel()
        self.sign_in_status.setWordWrap(True)
        self.sign_in_status.setMaximumWidth(220)
        nav.addWidget(self.sign_in_status)
        # After a PIN login the server session arrives by itself (ServerSessions).
        sessions.signed_in.connect(self._on_background_sign_in)
        sessions.sign_in_failed.connect(self._on_background_sign_in_failed)
        if sessions.current():
            self._on_signed_in(True, self.tr("Signed in to the server."))
        elif sessions.pending:
            self.sign_in_status.setText("↻ " + self.tr("Signing in to the server…"))
        layout.addLayout(nav)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.show_page("users")

    def show_page(self, key: str) -> QWidget:
        page = self.pages.get(key)
        if page is None:
            page = self._build(key)
            self.pages[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.nav_buttons[key].setChecked(True)
        return page

    def _build(self, key: str) -> QWidget:
        module_name, class_name = PAGE_CLASSES[key].split(":")
        try:
            cls = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError) as exc:
            log.info("admin page %s not available: %s", key, exc)
            return self._unavailable(key)
        page: QWidget = cls(self._ctx)
        if key in TYPED_PAGES:
            attach_keyboards(page)  # a tap on a field opens the on-screen keyboard
        return page

    def _unavailable(self, key: str) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        label = QLabel(
            "ⓘ " + self.tr("The %1 page is not available in this build.").replace("%1", key)
        )
        label.setObjectName("unavailable")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("font-size:24px; color:#444;")
        box.addWidget(label)
        return page

    def handle_scan(self, raw: RawScan) -> None:
        """The shell gives scans to the visible tab; pass them on to the visible page."""
        handler = getattr(self.stack.currentWidget(), "handle_scan", None)
        if handler is None:
            self._ctx.feedback.fail(self.tr("This page does not take scans."))
            return
        handler(raw)

    def request_sign_in(self) -> QDialog | None:
        return ask_server_sign_in(self._ctx, self, self._runner, self._on_signed_in)

    def _on_signed_in(self, ok: bool, message: str) -> None:
        self.sign_in_status.setText(("✔ " if ok else "✖ ") + message)
        if not ok:
            self._ctx.feedback.fail(message)

    def _on_background_sign_in(self, _user_id: int) -> None:
        self._on_signed_in(True, self.tr("Signed in to the server."))

    def _on_background_sign_in_failed(self, _user_id: int, _why: str) -> None:
        # No banner or buzz: nothing was asked of the admin. The button stays for later.
        self.sign_in_status.setText(self.tr("Not signed in to the server yet."))

    def shutdown(self) -> None:
        """Stop every page's worker thread (the shell calls this when the tab goes away)."""
        if hasattr(self, "_runner"):
            self._runner.shutdown()
        for page in self.pages.values():
            stop = getattr(page, "shutdown", None)
            if callable(stop):
                stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
