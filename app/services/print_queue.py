"""The print queue: every label job is stored before it is sent, and sent until it prints.

Jobs live in ``print_jobs``. :class:`PrintQueue` holds the steps as plain methods (each its
own unit of work) so they can be tested without threads; :class:`PrintWorker` owns the one
thread that runs them. A job is claimed (``sending``) in one transaction, sent outside any
transaction, then marked ``printed`` together with its ``label.printed`` outbox event, or
put back as ``retrying`` with the reason and a backoff. A job found ``sending`` at start-up
was interrupted mid-send and goes out again: for a shipping label one spare copy is better
than none.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Update, or_, select, update

from app.bootstrap import StationCore
from app.persistence.models import Carton, Order, PrintJob, Shipment
from app.persistence.unit_of_work import UnitOfWork
from app.services.printers import PrinterRegistry
from app.sync import events
from drivers.printers.base import Health, HealthState, PrintError

log = logging.getLogger(__name__)

PENDING = "pending"
SENDING = "sending"
RETRYING = "retrying"
PRINTED = "printed"
CANCELLED = "cancelled"
ACTIVE = (PENDING, SENDING, RETRYING)


@dataclass(frozen=True)
class Backoff:
    """Delay before retry n (1-based): first, doubling each time, capped."""

    first_s: float = 2.0
    factor: float = 2.0
    max_s: float = 60.0

    def delay(self, attempts: int) -> float:
        return min(self.max_s, self.first_s * self.factor ** max(0, attempts - 1))


@dataclass(frozen=True)
class PrintJobView:
    id: int
    printer: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    printed_at: datetime | None
    next_attempt_at: datetime | None
    shipment_id: int | None
    title: str


def _utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; they were stored as UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


class PrintQueue:
    def __init__(
        self,
        core: StationCore,
        printers: PrinterRegistry,
        backoff: Backoff | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.core = core
        self.printers = printers
        self.backoff = backoff or Backoff()
        self.clock = clock or (lambda: datetime.now(UTC))

    # --- putting jobs in --------------------------------------------------------------------

    @staticmethod
    def enqueue(
        uow: UnitOfWork, *, printer: str, document: bytes, shipment_id: int | None = None
    ) -> PrintJob:
        """Add a job inside the caller's transaction (the carton close that made the label)."""
        job = PrintJob(printer=printer, document=document, shipment_id=shipment_id)
        job.status = PENDING
        job.attempts = 0
        uow.session.add(job)
        return job

    def submit(self, printer: str, document: bytes, shipment_id: int | None = None) -> int:
        with self.core.uow() as uow:
            job = self.enqueue(uow, printer=printer, document=document, shipment_id=shipment_id)
            uow.session.flush()
            job_id = job.id
            uow.commit()
        return job_id

    # --- the worker's steps -----------------------------------------------------------------

    def recover(self) -> int:
        """Put jobs interrupted mid-send back in line; return how many."""
        with self.core.uow() as uow:
            n = _rowcount(
                uow, update(PrintJob).where(PrintJob.status == SENDING).values(status=PENDING)
            )
            uow.commit()
        return n

    def due(self, now: datetime | None = None) -> list[int]:
        now = now or self.clock()
        with self.core.uow() as uow:
            ids = uow.session.scalars(
                select(PrintJob.id)
                .where(
                    PrintJob.status.in_((PENDING, RETRYING)),
                    or_(PrintJob.next_attempt_at.is_(None), PrintJob.next_attempt_at <= now),
                )
                .order_by(PrintJob.id)
            ).all()
        return list(ids)

    def next_due_at(self) -> datetime | None:
        with self.core.uow() as uow:
            jobs = uow.session.scalars(
                select(PrintJob.next_attempt_at).where(PrintJob.status.in_((PENDING, RETRYING)))
            ).all()
        if not jobs:
            return None
        times = [_utc(t) for t in jobs]
        known = [t for t in times if t is not None]
        if len(known) < len(times):
            return self.clock()
        return min(known)

    def _claim(self, job_id: int) -> tuple[bytes, str, str] | None:
        """Mark the job ``sending`` if it is still waiting; return (document, printer, title)."""
        with self.core.uow() as uow:
            claimed = _rowcount(
                uow,
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status.in_((PENDING, RETRYING)))
                .values(status=SENDING, attempts=PrintJob.attempts + 1),
            )
            if not claimed:
                return None
            job = uow.session.get_one(PrintJob, job_id)
            result = (job.document, job.printer, self._title(uow, job))
            uow.commit()
        return result

    @staticmethod
    def _title(uow: UnitOfWork, job: PrintJob) -> str:
        if job.shipment_id is None:
            return f"job-{job.id}"
        row = uow.session.execute(
            select(Order.number, Carton.sequence, Shipment.sscc)
            .join(Shipment, Shipment.order_id == Order.id)
            .join(Carton, Carton.id == Shipment.carton_id)
            .where(Shipment.id == job.shipment_id)
        ).one()
        return f"{row[0]}-{row[1]}-{row[2]}"

    def send(self, job_id: int) -> tuple[PrintJobView | None, Health | None]:
        """Claim, send and record one job; return its new state and the printer's health."""
        claimed = self._claim(job_id)
        if claimed is None:
            return None, None
        document, printer, title = claimed
        driver = self.printers.driver(printer)
        try:
            if driver is None:
                raise PrintError(f"no printer named {printer!r} is configured")
            reference = driver.send(document, title)
        except PrintError as exc:
            return self._failed(job_id, exc.reason), Health(HealthState.ERROR, exc.reason)
        except Exception as exc:  # a driver bug must not kill the worker or lose the job
            log.exception("printer %s failed unexpectedly", printer)
            return self._failed(job_id, f"unexpected error: {exc}"), Health(
                HealthState.ERROR, str(exc)
            )
        return self._printed(job_id, reference), Health(HealthState.CONNECTED, "printed")

    def _printed(self, job_id: int, reference: str) -> PrintJobView:
        with self.core.uow() as uow:
            job = uow.session.get_one(PrintJob, job_id)
            job.status = PRINTED
            job.printed_at = self.clock()
            job.last_error = None
            job.next_attempt_at = None
            if job.shipment_id is not None:
                uow.add_event(events.LABEL_PRINTED, self._printed_payload(uow, job, reference))
            view = self._view(uow, job)
            uow.commit()
        return view

    @staticmethod
    def _printed_payload(uow: UnitOfWork, job: PrintJob, reference: str) -> dict[str, object]:
        shipment = uow.session.get_one(Shipment, job.shipment_id)
        order = uow.session.get_one(Order, shipment.order_id)
        carton = uow.session.get_one(Carton, shipment.carton_id)
        payload: dict[str, object] = {
            "order": order.number,
            "carton": carton.sequence,
            "sscc": shipment.sscc,
            "carrier": shipment.carrier,
            "service": shipment.service,
            "printer": job.printer,
            "job": job.id,
            "attempts": job.attempts,
        }
        if reference:
            payload["reference"] = reference
        return payload

    def _failed(self, job_id: int, reason: str) -> PrintJobView:
        with self.core.uow() as uow:
            job = uow.session.get_one(PrintJob, job_id)
            job.status = RETRYING
            job.last_error = reason
            job.next_attempt_at = self.clock() + timedelta(seconds=self.backoff.delay(job.attempts))
            view = self._view(uow, job)
            uow.commit()
        log.warning("print job %s failed (attempt %s): %s", job_id, view.attempts, reason)
        return view

    # --- what screens show and do -----------------------------------------------------------

    def _view(self, uow: UnitOfWork, job: PrintJob) -> PrintJobView:
        return PrintJobView(
            id=job.id,
            printer=job.printer,
            status=job.status,
            attempts=job.attempts,
            last_error=job.last_error,
            created_at=_utc(job.created_at) or self.clock(),
            printed_at=_utc(job.printed_at),
            next_attempt_at=_utc(job.next_attempt_at),
            shipment_id=job.shipment_id,
            title=self._title(uow, job),
        )

    def job(self, job_id: int) -> PrintJobView:
        with self.core.uow() as uow:
            return self._view(uow, uow.session.get_one(PrintJob, job_id))

    def jobs(self, *, active_only: bool = False, limit: int = 50) -> list[PrintJobView]:
        with self.core.uow() as uow:
            query = select(PrintJob).order_by(PrintJob.id.desc()).limit(limit)
            if active_only:
                query = query.where(PrintJob.status.in_(ACTIVE))
            return [self._view(uow, j) for j in uow.session.scalars(query)]

    def jobs_for_shipment(self, shipment_id: int) -> list[PrintJobView]:
        with self.core.uow() as uow:
            rows = uow.session.scalars(
                select(PrintJob).where(PrintJob.shipment_id == shipment_id).order_by(PrintJob.id)
            )
            return [self._view(uow, j) for j in rows]

    def retry_now(self, job_id: int) -> None:
        with self.core.uow() as uow:
            uow.session.execute(
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status == RETRYING)
                .values(next_attempt_at=None)
            )
            uow.commit()

    def cancel(self, job_id: int, user_id: int | None = None) -> None:
        """Stop retrying a job (the label is reprinted elsewhere); audited."""
        with self.core.uow() as uow:
            n = _rowcount(
                uow,
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status.in_((PENDING, RETRYING)))
                .values(status=CANCELLED),
            )
            if n:
                uow.audit(
                    "print.cancelled", user_id=user_id, entity="print_job", entity_id=str(job_id)
                )
            uow.commit()


JobCallback = Callable[[PrintJobView], None]
HealthCallback = Callable[[str, Health], None]


class PrintWorker:
    """Owns the one thread that sends print jobs and probes printers; ``stop`` joins it."""

    def __init__(
        self,
        queue: PrintQueue,
        on_job: JobCallback | None = None,
        on_health: HealthCallback | None = None,
        health_interval_s: float = 15.0,
        idle_wait_s: float = 5.0,
    ) -> None:
        self.queue = queue
        self.on_job = on_job
        self.on_health = on_health
        self.health_interval_s = health_interval_s
        self.idle_wait_s = idle_wait_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._health: dict[str, Health] = {}
        self._lock = threading.Lock()
        self._probe_now = threading.Event()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="print-worker", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop and join; a send in progress finishes first (drivers have timeouts)."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        self._wake.set()
        thread.join()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wake(self) -> None:
        """A job was added or a printer changed: look now instead of at the next tick."""
        self._wake.set()

    def printers_changed(self) -> None:
        """The admin edited the printers: probe them now, not at the next health tick (up
        to ``health_interval_s`` away), so an edited printer's health is its own at once."""
        self._probe_now.set()
        self._wake.set()

    def health(self) -> dict[str, Health]:
        with self._lock:
            return dict(self._health)

    def _set_health(self, name: str, health: Health) -> None:
        with self._lock:
            changed = self._health.get(name) != health
            self._health[name] = health
        if changed and self.on_health is not None:
            self.on_health(name, health)

    def _run(self) -> None:
        try:
            recovered = self.queue.recover()
            if recovered:
                log.info("%s print job(s) interrupted at the last stop are queued again", recovered)
        except Exception:
            log.exception("print queue recovery failed")
        next_probe = 0.0
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self._send_due()
                now = _monotonic()
                if now >= next_probe or self._probe_now.is_set():
                    self._probe_now.clear()
                    self._probe()
                    next_probe = _monotonic() + self.health_interval_s
                wait = self._wait_s(next_probe - _monotonic())
            except Exception:  # the database was busy or gone: try again shortly
                log.exception("print worker cycle failed")
                wait = self.idle_wait_s
            self._wake.wait(wait)

    def _send_due(self) -> None:
        for job_id in self.queue.due():
            if self._stop.is_set():
                return
            view, health = self.queue.send(job_id)
            if view is not None:
                if health is not None:
                    self._set_health(view.printer, health)
                if self.on_job is not None:
                    self.on_job(view)

    def _probe(self) -> None:
        names = self.queue.printers.names()
        with self._lock:  # a removed printer has no health any more
            for gone in set(self._health) - set(names):
                del self._health[gone]
        for name in names:
            if self._stop.is_set():
                return
            driver = self.queue.printers.driver(name)
            if driver is not None:
                self._set_health(name, driver.check())

    def _wait_s(self, until_probe_s: float) -> float:
        wait = min(self.idle_wait_s, max(0.0, until_probe_s))
        due = self.queue.next_due_at()
        if due is not None:
            wait = min(wait, max(0.0, (due - self.queue.clock()).total_seconds()))
        return max(0.01, wait)


def _monotonic() -> float:
    return time.monotonic()


def _rowcount(uow: UnitOfWork, statement: Update) -> int:
    result = cast(CursorResult[Any], uow.session.execute(statement))
    return int(result.rowcount or 0)
