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


def exit_with_pin(uow: UowFactory, pin: str) -> int | None:
    """Let an admin out of kiosk mode: the admin's id (the exit audited), or None.

    scrypt makes the check take tens of milliseconds per admin, more on a busy machine: the
    station calls this on a worker thread, never on the GUI thread.
    """
    admin_id = admin_pin_matches(uow, pin)
    if admin_id is not None:
        with uow() as u:
            u.audit("kiosk.exit", user_id=admin_id, entity="station", entity_id=u.station_id)
            u.commit()
    return admin_id
