"""Log in by scanning a badge, or by tapping your name and typing your PIN on the pad.

The screen only turns taps and scans into calls of :class:`AuthService` and shows the answer;
the rules (lock-out, disabled users, audit) live in the service. A scan that is not a badge
gets the error cue and a message saying what it was, and changes nothing else.

A PIN is checked on a worker thread (scrypt costs ~50 ms, more on a busy machine, and the GUI
thread never blocks): while it runs the pad says so and takes no taps, keys or scans.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.auth import AuthService, LoginFailure, LoginFailureReason, UserChoice
from app.services.session import UserSession
from drivers.scanners.base import RawScan
from ui import theme
from ui.context import StationContext
from ui.login.messages import failure_text, not_a_badge_text
from ui.login.numpad import NumPad
from ui.scan_texts import frame_error_text, kind_text, scan_error_text
from ui.tasks import TaskRunner
from ui.texts import role_name

log = logging.getLogger(__name__)

USER_COLUMNS = 3
PIN_MAX = 8
PIN_DOT = "●"
PIN_EMPTY = "–"


class LoginScreen(QWidget):
    def __init__(
        self, ctx: StationContext, auth: AuthService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self._ctx = ctx
        self._auth = auth
        self._users: list[UserChoice] = []
        self._chosen: UserChoice | None = None
        self._pin = ""
        self._error: LoginFailure | None = None
        self._checking = False
        self._runner = TaskRunner("login-pin", self)

        self.pages = QStackedWidget(self)
        self.choose_page = self._build_choose_page()
        self.pin_page = self._build_pin_page()
        self.pages.addWidget(self.choose_page)
        self.pages.addWidget(self.pin_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.pages)
        self.reset()

    # --- building ----------------------------------------------------------------------------

    def _build_choose_page(self) -> QWidget:
        page = QWidget(self)
        self.scan_title = QLabel(page)
        theme.set_role(self.scan_title, "title")
        self.scan_hint = QLabel(page)
        theme.set_role(self.scan_hint, "hint")
        self.choose_error = QLabel(page)
        self.choose_error.setWordWrap(True)
        theme.set_role(self.choose_error, "error")
        self.user_grid_host = QWidget()
        self.user_grid_host.setObjectName("userGrid")
        self.user_grid = QGridLayout(self.user_grid_host)
        self.user_grid.setSpacing(16)
        self.user_grid.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.user_grid_host)
        scroll.viewport().setObjectName("userGridViewport")
        # A finger drag scrolls the list (no tiny scroll bar to hit with gloves).
        QScroller.grabGesture(
            scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.user_buttons: dict[int, QPushButton] = {}
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.scan_title)
        layout.addWidget(self.scan_hint)
        layout.addWidget(self.choose_error)
        layout.addWidget(scroll, 1)
        return page

    def _build_pin_page(self) -> QWidget:
        page = QWidget(self)
        self.back = QPushButton(page)
        self.back.clicked.connect(self.reset)
        self.pin_title = QLabel(page)
        self.pin_title.setWordWrap(True)
        theme.set_role(self.pin_title, "title")
        self.pin_dots = QLabel(page)
        theme.set_role(self.pin_dots, "pinField")
        self.pin_dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_error = QLabel(page)
        self.pin_error.setWordWrap(True)
        theme.set_role(self.pin_error, "error")
        self.pin_checking = QLabel(page)
        self.pin_checking.setWordWrap(True)
        theme.set_role(self.pin_checking, "hint")
        self.numpad = NumPad(page)
        self.numpad.digit.connect(self.type_digit)
        self.numpad.delete.connect(self.delete_digit)
        self.numpad.submit.connect(self.submit_pin)
        # Landscape: what you typed and what went wrong on the left, the pad on the right.
        left = QVBoxLayout()
        left.setSpacing(24)
        back_row = QHBoxLayout()
        back_row.addWidget(self.back)
        back_row.addStretch(1)
        left.addLayout(back_row)
        left.addWidget(self.pin_title)
        left.addWidget(self.pin_dots)
        left.addWidget(self.pin_checking)
        left.addWidget(self.pin_error)
        left.addStretch(1)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(48)
        layout.addLayout(left, 1)
        layout.addWidget(self.numpad, 0, Qt.AlignmentFlag.AlignVCenter)
        return page

    def _fill_users(self) -> None:
        for button in self.user_buttons.values():
            self.user_grid.removeWidget(button)
            button.deleteLater()
        self.user_buttons = {}
        for i, user in enumerate(self._users):
            button = QPushButton(self.user_grid_host)
            theme.set_role(button, "user")
            button.clicked.connect(lambda _=False, u=user: self.choose(u))
            self.user_grid.addWidget(button, i // USER_COLUMNS, i % USER_COLUMNS)
            self.user_buttons[user.user_id] = button
        self.user_grid.setRowStretch(len(self._users) // USER_COLUMNS + 1, 1)
        self._retranslate()

    # --- actions -----------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the start: fresh user list, no PIN, no message."""
        self._users = self._auth.active_users()
        self._chosen = None
        self._pin = ""
        self._error = None
        self._fill_users()
        self.pages.setCurrentWidget(self.choose_page)

    def choose(self, user: UserChoice) -> None:
        self._chosen = user
        self._pin = ""
        self._error = None
        self.pages.setCurrentWidget(self.pin_page)
        self._retranslate()

    @property
    def checking(self) -> bool:
        """A PIN is being checked on the worker thread; the pad takes nothing meanwhile."""
        return self._checking

    def type_digit(self, digit: str) -> None:
        if not self._checking and len(self._pin) < PIN_MAX:
            self._pin += digit
            self._retranslate()

    def delete_digit(self) -> None:
        if not self._checking:
            self._pin = self._pin[:-1]
            self._retranslate()

    def submit_pin(self) -> None:
        """Check the PIN off the GUI thread; the result comes back to :meth:`_pin_checked`."""
        if self._chosen is None or self._checking:
            return
        check = functools.partial(self._auth.login_with_pin, self._chosen.user_id, self._pin)
        self._set_checking(True)
        self._runner.submit(check, self._pin_checked, self._pin_check_failed)

    def _set_checking(self, checking: bool) -> None:
        self._checking = checking
        self.numpad.setEnabled(not checking)
        self.back.setEnabled(not checking)
        self._retranslate()

    def _pin_checked(self, result: UserSession | LoginFailure) -> None:
        pin, self._pin = self._pin, ""  # the PIN is never left on screen, right or wrong
        self._set_checking(False)
        self._show_result(result)
        if isinstance(result, UserSession):
            # The one moment the PIN is in hand: open the person's server session with it in
            # the background, so the Dashboard and Admin tabs need no second sign-in.
            from ui.dashboard.server_session import ServerSessions  # off the first paint's path

            ServerSessions.of(self._ctx).sign_in_after_login(result, pin)

    def _pin_check_failed(self, error: BaseException) -> None:
        log.error("PIN check failed", exc_info=error)
        self._pin = ""
        self._set_checking(False)
        self._ctx.feedback.fail(
            self.tr("The PIN could not be checked ({error}). Try again.").format(error=error)
        )

    def shutdown(self) -> None:
        """Stop the PIN check's worker thread (the window calls this when it closes)."""
        self._runner.shutdown()

    def handle_scan(self, raw: RawScan) -> None:
        """A badge logs in; anything else is refused with a message and changes nothing."""
        from app.scan import BadgeScan, ScanError, parse_scan  # warmed up after the first paint

        if self._checking:  # a badge login now would wait for the PIN check's transaction
            self._ctx.feedback.fail(self.tr("Checking the PIN. Scan your badge again in a moment."))
            return
        if raw.error:
            self._ctx.feedback.fail(frame_error_text(raw))
            return
        result = parse_scan(raw.data)
        if isinstance(result, ScanError):
            self._ctx.feedback.fail(scan_error_text(result))
        elif isinstance(result, BadgeScan):
            self._show_result(self._auth.login_with_badge(result.code))
        else:
            self._ctx.feedback.fail(not_a_badge_text(kind_text(result)))

    def _show_result(self, result: UserSession | LoginFailure) -> None:
        if isinstance(result, UserSession):
            self._ctx.feedback.ok(self.tr("Welcome, {name}").format(name=result.name))
            self._ctx.session.set(result)
            return
        self._error = result
        if result.reason in (
            LoginFailureReason.LOCKED_OUT,
            LoginFailureReason.DISABLED,
            LoginFailureReason.UNKNOWN_USER,
            LoginFailureReason.UNKNOWN_BADGE,
            LoginFailureReason.BADGE_REPLACED,
        ):
            # Nothing more to type for this user: back to the list, which shows the lock.
            error = result
            self.reset()
            self._error = error
        self._retranslate()
        self._ctx.feedback.fail(failure_text(result))

    # --- text --------------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.scan_title.setText(self.tr("Scan your badge to log in"))
        self.scan_hint.setText(self.tr("Or tap your name, then type your PIN."))
        for user in self._users:
            name = f"{theme.SYMBOL_WARN} {user.name}" if user.locked else user.name
            detail = self.tr("locked") if user.locked else role_name(user.role)
            self.user_buttons[user.user_id].setText(f"{name}\n{detail}")
        self.back.setText(self.tr("← Back"))
        if self._chosen is not None:
            self.pin_title.setText(self.tr("PIN for {name}").format(name=self._chosen.name))
        self.pin_dots.setText(
            " ".join(PIN_DOT * len(self._pin)) if self._pin else " ".join(PIN_EMPTY * 4)
        )
        self.pin_checking.setVisible(self._checking)
        self.pin_checking.setText("↻ " + self.tr("Checking your PIN…"))
        for label in (self.choose_error, self.pin_error):
            label.setVisible(self._error is not None)
            label.setText(f"{theme.SYMBOL_FAIL} {failure_text(self._error)}" if self._error else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A keyboard works too on the PIN page (service laptops, tests)."""
        if self._checking:
            return  # like the pad: nothing is taken until the check has answered
        if self.pages.currentWidget() is not self.pin_page:
            super().keyPressEvent(event)
            return
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self.type_digit(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.delete_digit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit_pin()
        elif event.key() == Qt.Key.Key_Escape:
            self.reset()
        else:
            super().keyPressEvent(event)
