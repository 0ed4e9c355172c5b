"""Asking the signed-in person for their PIN once, to open their session on the server.

The PIN goes to the server over the worker thread (never checked or kept on the GUI thread);
the session secret that comes back is kept in memory by :class:`ServerSessions`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.admin.pin_dialog import PinDialog
from ui.context import StationContext
from ui.dashboard.server_session import ServerSessions
from ui.tasks import TaskRunner


def ask_server_sign_in(
    ctx: StationContext,
    parent: QWidget,
    runner: TaskRunner,
    on_done: Callable[[bool, str], None],
) -> PinDialog | None:
    """Open the PIN pad; on OK sign in at the server in the background, then call
    ``on_done(ok, message)`` on the GUI thread. Returns the dialog (tests type into it)."""
    session = ctx.session.current
    sessions = ServerSessions.of(ctx)
    if session is None:
        on_done(False, QCoreApplication.translate("ServerSignIn", "Nobody is logged in."))
        return None
    person = session

    def well_formed(pin: str) -> bool:
        return pin.isdigit() and 4 <= len(pin) <= 8

    dialog = PinDialog(
        QCoreApplication.translate("ServerSignIn", "Sign in to the server"),
        QCoreApplication.translate(
            "ServerSignIn", "%1: enter your PIN once to use the server's figures and actions."
        ).replace("%1", person.name),
        well_formed,
        parent,
    )

    def send() -> None:
        pin = dialog.field.text()
        client = sessions.client()
        if client is None:
            on_done(
                False,
                QCoreApplication.translate(
                    "ServerSignIn", "No server is known yet (sync has not connected)."
                ),
            )
            return

        def work() -> str:
            try:
                return client.sign_in(ctx.core.config.station_id, person.badge_code, pin)
            finally:
                sessions.release(client)

        def ok(secret: str) -> None:
            sessions.remember(person.user_id, secret)
            on_done(True, QCoreApplication.translate("ServerSignIn", "Signed in to the server."))

        runner.submit(work, ok, lambda e: on_done(False, str(e)))

    dialog.accepted.connect(send)
    dialog.open()
    return dialog
