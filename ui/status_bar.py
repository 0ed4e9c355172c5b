"""The bottom bar: station, user, server connection, queued events, and the logout button.

Until a sync worker reports (``ctx.status.sync_changed``) the server state reads "not
connected"; the queued-event count is refreshed by :class:`QueuedEventsCounter` off the GUI
thread, and taken from the sync worker's own reports when they carry one.

A server that refuses the station (its token) is not shown as "offline": the bar says so with
the reason and who can fix it, in words that wrap onto more lines rather than push the
logout button off a 1024 px screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.services.session import UserSession
from ui import theme
from ui.sync_texts import refused_text
from ui.texts import role_name

# Sync states the bar knows how to show (the sync worker's status ``state`` value).
NOT_CONNECTED = "not_connected"
REFUSED = "refused"
KNOWN_STATES = (NOT_CONNECTED, "online", "syncing", "offline", REFUSED, "error")


def read_sync_status(status: Any) -> tuple[str, int | None, str]:
    """``(state, queued or None, detail)`` from a sync worker's status object.

    Read by attribute name (``state``, else the bool ``online``; ``queued`` or ``pending``;
    ``detail`` or ``error``) so the bar does not depend on the sync module's import; an
    unknown state shows as "error".
    """
    raw_state = getattr(status, "state", None)
    online = getattr(status, "online", None)
    if raw_state is None and isinstance(online, bool):
        raw_state = "online" if online else "offline"
    state = str(getattr(raw_state, "value", raw_state) or NOT_CONNECTED)
    queued = getattr(status, "queued", getattr(status, "pending", None))
    detail = getattr(status, "detail", None) or getattr(status, "error", None) or ""
    if state not in KNOWN_STATES:
        state = "error"
    return state, (int(queued) if isinstance(queued, int) else None), str(detail)


class StationStatusBar(QWidget):
    logout_requested = Signal()

    def __init__(self, station_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._station_name = station_name
        self._session: UserSession | None = None
        self.sync_state = NOT_CONNECTED
        self._sync_detail = ""
        self.queued: int | None = None
        self.station = QLabel(self)
        self.user = QLabel(self)
        self.server = QLabel(self)
        self.queue = QLabel(self)
        self.logout = QPushButton(self)
        self.logout.clicked.connect(self.logout_requested)
        self._layout = layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        for label in (self.station, self.user, self.server, self.queue):
            # Wrap rather than push the logout button out of a narrow window.
            label.setWordWrap(True)
            layout.addWidget(label)
        self._stretch = layout.count()
        layout.addStretch(1)
        self.extras = QHBoxLayout()  # a place for optional parts (developer scan entry)
        layout.addLayout(self.extras)
        layout.addWidget(self.logout)
        self._retranslate()

    def set_session(self, session: UserSession | None) -> None:
        self._session = session
        self._retranslate()

    def set_sync(self, state: str, queued: int | None = None, detail: str = "") -> None:
        self.sync_state = state
        self._sync_detail = detail
        if queued is not None:
            self.queued = queued
        self._retranslate()

    def set_queued(self, count: int) -> None:
        self.queued = count
        self._retranslate()

    def on_sync_status(self, status: object) -> None:
        self.set_sync(*read_sync_status(status))

    def _retranslate(self) -> None:
        self.station.setText(self._station_name)
        if self._session is None:
            self.user.setText(self.tr("Not logged in"))
        else:
            self.user.setText(
                self.tr("{name} ({role})").format(
                    name=self._session.name, role=role_name(self._session.role)
                )
            )
        self.logout.setText(self.tr("Log out"))
        self.logout.setVisible(self._session is not None)
        texts = {
            NOT_CONNECTED: (theme.SYMBOL_OFFLINE, self.tr("Server: not connected"), "offline"),
            "online": (theme.SYMBOL_ONLINE, self.tr("Server: online"), "online"),
            "syncing": (theme.SYMBOL_ONLINE, self.tr("Server: syncing"), "online"),
            "offline": (
                theme.SYMBOL_OFFLINE,
                self.tr("Server: offline, working locally"),
                "offline",
            ),
            "error": (theme.SYMBOL_WARN, self.tr("Server: error"), "error"),
            REFUSED: (theme.SYMBOL_FAIL, refused_text(self._sync_detail), REFUSED),
        }
        symbol, text, style = texts[self.sync_state]
        self.server.setText(f"{symbol} {text}")
        self.server.setToolTip(self._sync_detail)
        theme.set_property(self.server, "state", style)
        # The refusal's sentence takes the spare width (two or three lines at 1024 px).
        refused = self.sync_state == REFUSED
        self._layout.setStretchFactor(self.server, 1 if refused else 0)
        self._layout.setStretch(self._stretch, 0 if refused else 1)
        if self.queued is None:
            self.queue.setText(self.tr("Queued events: …"))
        else:
            self.queue.setText(self.tr("Queued events: {count}").format(count=self.queued))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
