"""The print queue as a background part of the station (``ui.station.PARTS``).

It owns the print worker thread (start/stop) and turns the worker's callbacks into Qt signals
on the GUI thread; printer health also goes to ``ctx.status.device_changed`` for the status
bar. Screens find it as ``ctx.services["printing"]``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.config import StationConfig
from app.services.print_queue import Backoff, PrintJobView, PrintQueue, PrintWorker
from app.services.printers import PrinterRegistry
from drivers.printers.base import Health
from ui.context import StationContext

SERVICE_KEY = "printing"


class Printing(QObject):
    """Print queue + worker + printers, with signals for screens."""

    job_changed = Signal(object)  # PrintJobView, after every attempt
    health_changed = Signal(str, object)  # printer name, Health
    printers_changed = Signal()  # the admin edited the printers

    def __init__(self, ctx: StationContext, backoff: Backoff | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.registry = PrinterRegistry(ctx.core.config, ctx.core.data_dir)
        self.queue = PrintQueue(ctx.core, self.registry, backoff)
        # The worker calls these on its own thread; emitting a signal is thread-safe and the
        # connected slots run on the GUI thread (queued connection).
        self.worker = PrintWorker(self.queue, on_job=self.job_changed.emit, on_health=self._health)
        self.health_changed.connect(ctx.status.device_changed)

    def _health(self, name: str, health: Health) -> None:
        self.health_changed.emit(name, health)

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self.worker.stop()

    def wake(self) -> None:
        self.worker.wake()

    def health(self) -> dict[str, Health]:
        return self.worker.health()

    def reload(self, config: StationConfig) -> None:
        self.registry.reload(config)
        self.printers_changed.emit()
        self.worker.printers_changed()

    def job(self, job_id: int) -> PrintJobView:
        return self.queue.job(job_id)


def printing_for(ctx: StationContext) -> Printing:
    """The station's printing part, or one made now (a screen used without the shell)."""
    existing = ctx.services.get(SERVICE_KEY)
    if isinstance(existing, Printing):
        return existing
    printing = Printing(ctx)
    ctx.services[SERVICE_KEY] = printing
    return printing


def print_queue_part(ctx: StationContext) -> Printing:
    """Factory for ``ui.station.PARTS``."""
    return printing_for(ctx)
