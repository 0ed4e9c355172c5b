"""Words for the sync worker's refusal, shared by every screen that shows it (status bar,
Pick, Dashboard), so a station refused by the server reads the same everywhere.

The server gives its reason in English (``detail`` of its 401/403 answer); the reasons it is
known to give are translated here, any other is shown as the server wrote it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.sync.client import NO_TOKEN


def refusal_reason(reason: str) -> str:
    """The server's (or the station's own) reason for refusing, in the user's language."""
    known = {
        NO_TOKEN: QCoreApplication.translate("SyncTexts", "no server token is set"),
        "a bearer token is required": QCoreApplication.translate("SyncTexts", "no token was sent"),
        "unknown or revoked token": QCoreApplication.translate(
            "SyncTexts", "token unknown or revoked"
        ),
        "only a station token may call this": QCoreApplication.translate(
            "SyncTexts", "not a station token"
        ),
        "this token belongs to another station": QCoreApplication.translate(
            "SyncTexts", "the token belongs to another station"
        ),
    }
    return known.get(
        reason.strip(), reason.strip() or QCoreApplication.translate("SyncTexts", "no reason given")
    )


def refused_text(reason: str) -> str:
    """One sentence: what happened, why, and who can fix it where."""
    return QCoreApplication.translate(
        "SyncTexts", "Server refused this station: {reason} — ask an admin (Admin → Station)"
    ).format(reason=refusal_reason(reason))
