"""What the sync worker tells the station (status bar, admin screens): plain, frozen data."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class SyncState(enum.StrEnum):
    ONLINE = "online"  # the last exchange with the server worked; nothing waiting
    SYNCING = "syncing"  # pushing or pulling right now
    OFFLINE = "offline"  # the server cannot be reached; work goes on, events queue up
    # The server answered but will not take this station (HTTP 401/403: its token is
    # missing, wrong or revoked, or belongs to another station). Work goes on locally and
    # the worker keeps retrying with back-off, but only an admin can end it (Admin →
    # Station), so screens say so instead of "offline".
    REFUSED = "refused"


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    queued: int  # outbox events not yet accepted by the server
    rejected: int = 0  # events the server refused (each became an exception for supervisors)
    last_success: datetime | None = None
    # Short and free of secrets: shown on screen and logged. REFUSED: the server's own
    # reason (e.g. "unknown or revoked token"), without the status code.
    last_error: str | None = None
    retry_in_s: float | None = None  # OFFLINE, REFUSED: seconds until the next attempt
    http_status: int | None = None  # REFUSED: the server's answer (401 or 403)

    @property
    def detail(self) -> str:
        """OFFLINE: one line for the status bar's tooltip; REFUSED: the reason it shows."""
        if self.state in (SyncState.OFFLINE, SyncState.REFUSED) and self.last_error:
            return self.last_error
        return ""

    @property
    def working_locally(self) -> bool:
        """No exchange with the server now (offline or refused): work stays on the station."""
        return self.state in (SyncState.OFFLINE, SyncState.REFUSED)
