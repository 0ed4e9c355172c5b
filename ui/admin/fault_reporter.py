"""Turns device health reports (``ctx.status.device_changed``) into ``device.fault`` events.

Only the change into a fault is recorded: a scanner that keeps reporting "reconnecting" every
second is one fault, not hundreds.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.admin.faults import is_fault, record_fault
from ui.context import StationContext


class FaultReporter(QObject):
    def __init__(self, ctx: StationContext) -> None:
        super().__init__(ctx.status)
        self._ctx = ctx
        self._faulty: set[str] = set()
        ctx.status.device_changed.connect(self.on_health)

    def on_health(self, device: str, health: object) -> None:
        state = str(getattr(getattr(health, "state", ""), "value", getattr(health, "state", "")))
        if not is_fault(state):
            self._faulty.discard(device)
            return
        if device in self._faulty:
            return
        self._faulty.add(device)
        session = self._ctx.session.current
        code = getattr(health, "code", "")
        record_fault(
            self._ctx.core.uow,
            device,
            state,
            str(getattr(code, "value", code)),
            str(getattr(health, "reason", "")),
            session.badge_code if session else None,
        )
