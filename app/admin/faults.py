"""Device faults as station events, so the supervisor's dashboard can count them per station.

A scanner unplugged or a printer in error is recorded once, when it goes wrong (not on every
health report), as a ``device.fault`` outbox event; the server keeps every pushed event, and
the dashboard counts these per station (``server/dashboard/metrics.py``).
"""

from __future__ import annotations

from app.persistence.unit_of_work import UowFactory

DEVICE_FAULT = "device.fault"
FAULT_STATES = frozenset({"error", "reconnecting"})


def is_fault(state: str) -> bool:
    return state in FAULT_STATES


def record_fault(
    uow: UowFactory, device: str, state: str, code: str, reason: str, user: str | None
) -> None:
    with uow() as u:
        payload = {"device": device, "state": state, "code": code, "reason": reason[:200]}
        if user:
            payload["user"] = user
        u.add_event(DEVICE_FAULT, payload)
        u.commit()
