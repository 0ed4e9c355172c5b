"""What the login screen says when a login is refused, from the service's failure reason."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.services.auth import LoginFailure, LoginFailureReason


def local_time(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%H:%M") if moment is not None else "?"


def failure_text(failure: LoginFailure) -> str:
    name = failure.user_name or ""
    match failure.reason:
        case LoginFailureReason.UNKNOWN_BADGE:
            return QCoreApplication.translate(
                "LoginMessages", "This badge is not known here. Ask a supervisor to register it."
            )
        case LoginFailureReason.BADGE_REPLACED:
            return QCoreApplication.translate(
                "LoginMessages",
                "This badge of {name} was replaced by a new one and no longer works. "
                "Scan your new badge, or ask a supervisor.",
            ).format(name=name)
        case LoginFailureReason.UNKNOWN_USER:
            return QCoreApplication.translate(
                "LoginMessages", "This user is not known here any more. Choose your name again."
            )
        case LoginFailureReason.EMPTY_PIN:
            return QCoreApplication.translate(
                "LoginMessages", "Type your PIN first, then press OK."
            )
        case LoginFailureReason.WRONG_PIN:
            return QCoreApplication.translate(
                "LoginMessages", "Wrong PIN for {name}. {left} tries left before a lock-out."
            ).format(name=name, left=failure.attempts_left)
        case LoginFailureReason.LOCKED_OUT:
            return QCoreApplication.translate(
                "LoginMessages",
                "{name} is locked out after too many wrong PINs. Try again at {time}, "
                "or ask a supervisor.",
            ).format(name=name, time=local_time(failure.locked_until))
        case LoginFailureReason.DISABLED:
            return QCoreApplication.translate(
                "LoginMessages", "{name} is disabled and cannot log in. Ask a supervisor."
            ).format(name=name)


def not_a_badge_text(what: str) -> str:
    return QCoreApplication.translate(
        "LoginMessages", "That was {what}, not a badge. Scan the badge on your ID card."
    ).format(what=what)
