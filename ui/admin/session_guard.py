"""Logs out a user who was disabled elsewhere, as soon as a sync brings the news.

The server is the source of truth for users: an admin disables someone on any station, the
server revokes their server sessions, and every station's next pull marks them inactive in its
replica. This guard checks the person at this station after each sync report and logs them
out with a specific message, so a disabled badge stops working everywhere within one sync.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from app.admin.users import is_active
from ui.context import StationContext


class SessionGuard(QObject):
    def __init__(self, ctx: StationContext, log_out: Callable[[str], None]) -> None:
        super().__init__(ctx.status)
        self._ctx = ctx
        self._log_out = log_out
        ctx.status.sync_changed.connect(self.check)

    def check(self, _status: object = None) -> bool:
        """Log the current user out if their account is disabled; True when it did."""
        session = self._ctx.session.current
        if session is None or is_active(self._ctx.core.uow, session.user_id):
            return False
        self._log_out("disabled")
        self._ctx.feedback.fail(
            self.tr("%1 was disabled by an admin and has been logged out.").replace(
                "%1", session.name
            )
        )
        return True
