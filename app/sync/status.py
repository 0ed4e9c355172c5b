"""What the sync worker tells the station (status bar, admin screens): plain, frozen data."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class SyncState(enum.StrEnum):
    ONLINE = "online"  # the last exchange with the server worked; nothing waiting
    SYNCING = "syncing"  # pushing or pulling right now
    OFFLINE = "offline"  # the server cannot be reached; work goes on, events queue up


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    queued: int  # outbox events not yet accepted by the server
    rejected: int = 0  # events the server refused (each became an exception for supervisors)
    last_success: datetime | None = None
    last_error: str | None = None  # short and free of secrets: shown on screen and logged
    retry_in_s: float | None = None  # OFFLINE: seconds until the next attempt

    @property
    def detail(self) -> str:
        """One line for the status bar's tooltip."""
        if self.state is SyncState.OFFLINE and self.last_error:
            return self.last_error
        return ""
