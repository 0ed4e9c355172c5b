"""The kiosk's way out: only an active admin's PIN unlocks it.

A kiosk that anyone can close is no kiosk; a kiosk nobody can close needs a screwdriver. The
check runs against the station's replica of users so it works offline.
"""

from __future__ import annotations

from sqlalchemy import select

from app.persistence.models import Role, User
from app.persistence.unit_of_work import UowFactory
from app.pins import verify_pin


def admin_pin_matches(uow: UowFactory, pin: str) -> int | None:
    """The id of the active admin whose PIN is ``pin``, or None."""
    if not pin:
        return None
    with uow() as u:
        admins = u.session.execute(
            select(User.id, User.pin_hash).where(User.role == Role.ADMIN, User.active.is_(True))
        ).all()
    for user_id, pin_hash in admins:
        if verify_pin(pin, pin_hash):
            return int(user_id)
    return None
