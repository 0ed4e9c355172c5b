"""The station's sync as a background part: the embedded server (when no server is
configured) and the sync worker, started after the first paint and stopped at exit.

With ``server_url`` empty the part starts the in-process server on SQLite (``server.db`` in
the data folder) on 127.0.0.1 and a free port, with a fresh station token kept in memory only,
and the station syncs with it over real HTTP — the same path as production. With a
``server_url``, the token comes from the station's token store (Admin → Station settings) or
``WS_SERVER_TOKEN``; an https server with its own CA is checked against ``WS_SERVER_CA``.
Both the embedded server's start and every network call run on the sync
worker's thread; the GUI only receives :class:`~app.sync.status.SyncStatus` objects through
``ctx.status.sync_changed`` (a queued Qt signal).

Screens reach the worker as ``ctx.services["sync"]`` (``wake()``, ``request_batch()``), and
picking gets a service that takes server-planned batches (``ctx.services["picking"]``).
"""

from __future__ import annotations

import logging
import os

from app.admin.token_store import TokenStore
from app.services.session import UserSession
from app.sync.claim import server_claim_source
from app.sync.client import NO_TOKEN, ServerRefused, SyncClient
from app.sync.engine import SyncEngine
from app.sync.status import SyncStatus
from app.sync.worker import SyncWorker
from ui.context import StationContext

log = logging.getLogger(__name__)


class SyncPart:
    def __init__(self, ctx: StationContext) -> None:
        self.ctx = ctx
        self._embedded: object | None = None  # server.embedded.EmbeddedServer, made lazily
        self.worker = SyncWorker(ctx.core.uow, self._connect, self._report)

    def _report(self, status: SyncStatus) -> None:
        self.ctx.status.sync_changed.emit(status)  # from the worker thread; Qt queues it

    def _connect(self) -> SyncEngine:
        """On the worker thread: find (or start) the server and make the engine."""
        core = self.ctx.core
        config = core.config
        if config.server_url:
            token = (
                os.environ.get("WS_SERVER_TOKEN")
                or TokenStore(core.data_dir, config.station_id).get()
            )
            if not token:
                raise ServerRefused(401, NO_TOKEN)
            url = config.server_url
        else:
            from server.embedded import EmbeddedServer, start_embedded

            # After a refusal the worker connects again: keep the server already running.
            embedded = self._embedded
            if not isinstance(embedded, EmbeddedServer):
                embedded = start_embedded(core.data_dir, config.station_id)
                self._embedded = embedded
            url, token = embedded.url, embedded.token
        # The dashboard and admin screens talk to the same server (in memory only, never logged).
        self.ctx.services["server_endpoint"] = (url, token)
        # A site with its own CA names its certificate in WS_SERVER_CA (a PEM file).
        verify: bool | str = os.environ.get("WS_SERVER_CA") or True
        return SyncEngine(core.uow, SyncClient(url, config.station_id, token, verify=verify))

    def start(self) -> None:
        self.ctx.services["sync"] = self.worker
        self.ctx.session.changed.connect(self._on_session)
        self.worker.start()

    def _on_session(self, session: UserSession | None) -> None:
        """Someone who may pick badged in: claim a batch now, so it is here (and stays here
        through a network outage) by the time they tap start."""
        if session is not None and session.may("pick"):
            self.worker.request_batch()

    def stop(self) -> None:
        self.ctx.session.changed.disconnect(self._on_session)
        self.worker.stop()
        embedded = self._embedded
        if embedded is not None:
            from server.embedded import EmbeddedServer

            assert isinstance(embedded, EmbeddedServer)
            embedded.stop()
            self._embedded = None


def sync_part(ctx: StationContext) -> SyncPart:
    # httpx logs every request at INFO: one line per sync round every two seconds. Failures
    # are reported by the worker itself.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    part = SyncPart(ctx)
    from app.services.picking import PickingService

    # Picking takes batches the server planned (one station per batch, never two).
    ctx.services.setdefault(
        "picking",
        PickingService(ctx.core, claim_source=server_claim_source(part.worker.request_batch)),
    )
    return part
