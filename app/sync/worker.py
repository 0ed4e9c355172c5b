"""The sync worker: one thread that runs sync rounds, backs off while the server is away, and
reports a :class:`~app.sync.status.SyncStatus` through a callback after every round.

A server that refuses the station itself (401/403: token missing, wrong or revoked) is
reported as ``REFUSED`` with the server's reason, not as offline: waiting will not help, an
admin must fix the token. The worker still retries with back-off, and makes a new engine
(so a new connection with the token read again) for the next attempt, so a token fixed in
Admin → Station is used without a restart.

Whoever makes a :class:`SyncWorker` owns its thread: ``start`` begins it, ``stop`` ends and
joins it (a round in flight finishes first; HTTP calls have timeouts). The callback runs on
the worker thread; the UI adapts it to a Qt signal (``ctx.status.sync_changed``).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from app.persistence.unit_of_work import UowFactory
from app.sync import outbox
from app.sync.client import ServerRefused, ServerUnavailable
from app.sync.engine import SyncEngine
from app.sync.status import SyncState, SyncStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    """Exponential back-off with jitter: ``first_s``, then ×``factor`` up to ``max_s``."""

    first_s: float = 1.0
    factor: float = 2.0
    max_s: float = 60.0
    jitter: float = 0.2

    def delay(self, failures: int) -> float:
        base = min(self.max_s, self.first_s * self.factor ** max(0, failures - 1))
        return base * (1 + random.uniform(-self.jitter, self.jitter))


class SyncWorker:
    def __init__(
        self,
        uow: UowFactory,
        connect: Callable[[], SyncEngine],
        on_status: Callable[[SyncStatus], None],
        *,
        interval_s: float = 2.0,
        backoff: Backoff | None = None,
    ) -> None:
        """``connect`` makes the engine on the worker thread (it may start the embedded
        server, which takes a moment, so never on the GUI thread)."""
        self._uow = uow
        self._connect = connect
        self._on_status = on_status
        self.interval_s = interval_s
        self.backoff = backoff or Backoff()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._reconnect = threading.Event()
        self._lock = threading.Lock()
        self._demand = 0
        self._thread: threading.Thread | None = None
        self._engine: SyncEngine | None = None
        self.status = SyncStatus(SyncState.OFFLINE, 0, last_error="not connected yet")
        self.rounds = 0  # successful rounds, for tests and diagnostics

    # -- owner's side -----------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                log.error("the sync worker did not stop within %.0f s", timeout_s)
            self._thread = None
        if self._engine is not None:
            self._engine.client.close()
            self._engine = None

    def wake(self) -> None:
        """Sync now (a new local event, a screen that wants fresh data)."""
        self._wake.set()

    def reconnect(self) -> None:
        """The server URL or token changed (Admin → Station): connect again now, with the
        new settings, instead of after the current back-off."""
        self._reconnect.set()
        self._wake.set()

    def request_batch(self) -> None:
        """The picking screen found no server batch: claim one on the next round (now)."""
        with self._lock:
            self._demand += 1
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the thread -------------------------------------------------------------------------

    def _publish(self, status: SyncStatus) -> None:
        self.status = status
        try:
            self._on_status(status)
        except Exception:
            log.exception("the sync status listener failed")

    def _sleep(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()

    def _run(self) -> None:
        failures = 0
        last_success: datetime | None = None
        while not self._stop.is_set():
            if self._reconnect.is_set():
                self._reconnect.clear()
                self._drop_engine()
            try:
                queued, rejected = outbox.counts(self._uow)
                if self._engine is None:
                    self._engine = self._connect()
                if queued:
                    self._publish(SyncStatus(SyncState.SYNCING, queued, rejected, last_success))
                with self._lock:
                    self._engine.batch_demand += self._demand
                    self._demand = 0
                self._engine.run_once()
                self.rounds += 1
                failures = 0
                last_success = datetime.now(UTC)
                queued, rejected = outbox.counts(self._uow)
                self._publish(SyncStatus(SyncState.ONLINE, queued, rejected, last_success))
                self._sleep(self.interval_s)
            except ServerRefused as exc:
                failures += 1
                if exc.refuses_station:
                    self._drop_engine()
                    self._refused(failures, last_success, exc)
                else:
                    self._offline(failures, last_success, _short(exc))
            except (ServerUnavailable, OSError) as exc:
                failures += 1
                self._offline(failures, last_success, _short(exc))
            except Exception as exc:  # a bug or a database problem: keep trying, loudly
                failures += 1
                log.exception("sync round failed")
                self._offline(failures, last_success, _short(exc))

    def _counts(self) -> tuple[int, int]:
        try:
            return outbox.counts(self._uow)
        except Exception:
            return self.status.queued, self.status.rejected

    def _offline(self, failures: int, last_success: datetime | None, error: str) -> None:
        delay = self.backoff.delay(failures)
        queued, rejected = self._counts()
        status = SyncStatus(SyncState.OFFLINE, queued, rejected, last_success, error, delay)
        if failures == 1 or status.last_error != self.status.last_error:
            log.warning("sync: server unavailable (%s); retrying in %.1f s", error, delay)
        self._publish(status)
        self._sleep(delay)

    def _refused(self, failures: int, last_success: datetime | None, exc: ServerRefused) -> None:
        delay = self.backoff.delay(failures)
        queued, rejected = self._counts()
        reason = exc.reason[:200] or f"HTTP {exc.status}"
        status = SyncStatus(
            SyncState.REFUSED, queued, rejected, last_success, reason, delay, exc.status
        )
        if self.status.state is not SyncState.REFUSED or reason != self.status.last_error:
            log.error(
                "sync: the server refused this station (%s: %s); an admin must fix its token"
                " (Admin → Station); retrying in %.1f s",
                exc.status,
                reason,
                delay,
            )
        self._publish(status)
        self._sleep(delay)

    def _drop_engine(self) -> None:
        """Forget the connection: the next attempt connects again and reads the token anew."""
        engine, self._engine = self._engine, None
        if engine is not None:
            try:
                engine.client.close()
            except Exception:
                log.exception("closing the refused sync client failed")


def _short(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text[:200]
