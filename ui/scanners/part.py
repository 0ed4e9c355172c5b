"""The station's scanner part: the driver manager wired to the context's Qt signals.

Drivers call back on their own threads; ``ScanBus.publish`` and ``StatusHub.device_changed``
are signals of objects living on the GUI thread, so Qt queues each emission to the GUI thread.
The manager is published as ``ctx.services["scanners"]`` for the admin page, which re-applies
an edited list without a restart.
"""

from __future__ import annotations

from drivers.scanners.base import Health
from drivers.scanners.manager import ScannerManager
from ui.context import StationContext

SERVICE = "scanners"


class ScannerPart:
    def __init__(self, ctx: StationContext) -> None:
        self.ctx = ctx
        self.manager = ScannerManager(on_scan=ctx.scans.publish, on_health=self._health)

    def _health(self, name: str, health: Health) -> None:
        self.ctx.status.device_changed.emit(name, health)

    def start(self) -> None:
        self.ctx.services[SERVICE] = self.manager
        self.manager.apply(self.ctx.core.config.scanners)

    def stop(self) -> None:
        self.manager.stop()
        if self.ctx.services.get(SERVICE) is self.manager:
            del self.ctx.services[SERVICE]


def scanner_part(ctx: StationContext) -> ScannerPart:
    """Factory for ``ui.station.PARTS``."""
    return ScannerPart(ctx)
