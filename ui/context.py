"""What every screen is given: the station core, the scan bus, feedback and the user session.

Screens never build services or devices themselves; the bootstrap (``ui.run_command``) makes
one :class:`StationContext` and hands it to each tab. Scans from every driver arrive on
:attr:`StationContext.scans` on the GUI thread, whatever thread the driver reads on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.bootstrap import StationCore
from app.services.session import UserSession


class ScanBus(QObject):
    """Adapts driver callbacks (any thread) to a Qt signal delivered on the GUI thread.

    ``raw_scan`` carries the driver's raw-scan object. The shell routes each scan to the visible
    screen's ``handle_scan`` only (see ``ui.tabs``); screens do not connect to it themselves.
    """

    raw_scan = Signal(object)

    def publish(self, raw: Any) -> None:
        """Thread-safe: a queued signal hops to the GUI thread."""
        self.raw_scan.emit(raw)


class Feedback(QObject):
    """Success and error cues. The shell plays the sounds and shows the banner."""

    success = Signal(str)  # message (may be empty)
    error = Signal(str)  # what was wrong and what to do

    def ok(self, message: str = "") -> None:
        self.success.emit(message)

    def fail(self, message: str) -> None:
        self.error.emit(message)


class SessionState(QObject):
    """The logged-in user; screens listen for changes to reset themselves."""

    changed = Signal(object)  # UserSession | None

    def __init__(self) -> None:
        super().__init__()
        self.current: UserSession | None = None

    def set(self, session: UserSession | None) -> None:
        self.current = session
        self.changed.emit(session)


class StatusHub(QObject):
    """Background parts report here; the status bar and the admin screens listen.

    ``sync_changed`` carries the sync worker's status dataclass (online/offline/syncing and the
    queued-event count); ``device_changed`` carries ``(device_name, Health)`` for scanners and
    printers; ``queued_changed`` the number of outbox events not yet sent.
    """

    sync_changed = Signal(object)
    device_changed = Signal(str, object)
    queued_changed = Signal(int)  # outbox events waiting for the server (counted off-thread)


@dataclass
class StationContext:
    core: StationCore
    scans: ScanBus = field(default_factory=ScanBus)
    feedback: Feedback = field(default_factory=Feedback)
    session: SessionState = field(default_factory=SessionState)
    status: StatusHub = field(default_factory=StatusHub)
    # Filled by the bootstrap as later parts arrive (sync worker, print queue, scanner manager).
    services: dict[str, Any] = field(default_factory=dict)
