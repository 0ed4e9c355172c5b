"""One sync round: push the outbox (in order, in batches), then pull what changed.

No threads here: :class:`SyncEngine` does the work when asked and raises
:class:`~app.sync.client.ServerUnavailable` when the server cannot be reached, so it is tested
directly; :mod:`app.sync.worker` runs it on a schedule with back-off.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.persistence.models import (
    BatchStatus,
    OutboxEvent,
    OutboxStatus,
    PickBatch,
    SyncState,
    User,
    utcnow,
)
from app.persistence.unit_of_work import UowFactory
from app.services.user_replicas import UserReplicas
from app.sync import outbox
from app.sync.apply import apply_changes
from app.sync.client import KeyConflict, ServerUnavailable, SyncClient

log = logging.getLogger(__name__)

CURSOR_KEY = "pull_cursor"
# Set by the migration that gave users their server identity (app/persistence/migrations):
# fetch every user once, since those unchanged since the last pull would not come again.
USERS_REFRESH_KEY = "users_refresh"
LAST_SUCCESS_KEY = "last_sync"
RANGE_LOW_WATER = 500  # ask for another SSCC block when fewer numbers than this remain


@dataclass(frozen=True)
class RoundReport:
    pushed: int
    rejected: int
    pulled: int
    claimed: int
    at: datetime


class SyncEngine:
    def __init__(
        self,
        uow: UowFactory,
        client: SyncClient,
        *,
        push_batch: int = 500,
        pull_limit: int | None = None,
    ) -> None:
        self.uow = uow
        self.client = client
        self.push_batch = push_batch
        self.pull_limit = pull_limit
        self.batch_demand = 0  # batches the picking screens asked for (see app.sync.claim)
        self.keep_ready = 0  # claimed batches to keep waiting here (1 once work was asked for)

    # -- push -------------------------------------------------------------------------------

    def push_pending(self) -> tuple[int, int]:
        """Send every pending event, oldest first; returns (sent, rejected by the server)."""
        sent = rejected = 0
        while True:
            batch = outbox.next_batch(self.uow, self.push_batch)
            if not batch:
                return sent, rejected
            keys = [e.key for e in batch]
            try:
                results = self.client.push(batch)
            except KeyConflict as exc:
                # A station bug (one key, two payloads): those events can never be applied.
                log.error("server refused reused event keys %s", ", ".join(exc.keys))
                outbox.mark_rejected(self.uow, exc.keys, str(exc))
                rejected += len(exc.keys)
                continue
            except ServerUnavailable as exc:
                outbox.note_failure(self.uow, keys[:1], str(exc))
                raise
            rejected += outbox.record_results(self.uow, results)
            sent += len(results)

    # -- pull -------------------------------------------------------------------------------

    def _cursor(self) -> str:
        with self.uow() as u:
            row = u.session.get(SyncState, CURSOR_KEY)
            return row.value if row else "0"

    def pull_changes(self) -> int:
        """Apply pages of changes until the server has no more; returns the entities taken.

        Skipped while events wait in the outbox: the server's state would not include them
        yet, and taking it would undo local work on screen. The check and the apply share one
        write transaction, so an event made meanwhile cannot slip between them."""
        taken = 0
        while True:
            since = self._cursor()
            page = self.client.pull(since, self.pull_limit)
            with self.uow() as u:
                s = u.session
                if self._waiting(s):
                    return taken
                current = s.get(SyncState, CURSOR_KEY)
                if (current.value if current else "0") != since:
                    return taken  # another process of this station pulled meanwhile
                applied = apply_changes(s, page, station_id=u.station_id)
                s.merge(SyncState(key=CURSOR_KEY, value=str(page["cursor"])))
                u.commit()
            taken += sum(applied.counts.values())
            if not page.get("has_more"):
                return taken

    def refresh_users(self) -> int:
        """When asked for (:data:`USERS_REFRESH_KEY`): take every user from the server so
        each row here gets its server identity, and disable rows the server does not have
        (a second row left by a badge change before rows had identities: its old badge must
        stop working). Rows with a change still waiting to be sent or decided are kept (not
        disabled, and their local version is not overwritten, except a disable by the
        server), and an empty answer disables nothing. Returns the users taken."""
        with self.uow() as u:
            if u.session.get(SyncState, USERS_REFRESH_KEY) is None:
                return 0
        listed = self.client.users()
        if listed is None:
            log.info("the server cannot list users yet; their identities come as they change")
            return 0
        with self.uow() as u:
            s = u.session
            if self._waiting(s):
                return 0
            replicas = UserReplicas(s)
            replicas.load_open_changes()  # a held change here keeps its user as it is here
            replicas.preload(
                [d["uid"] for d in listed if d.get("uid")], [d["badge_code"] for d in listed]
            )
            for d in listed:
                replicas.upsert(d)
            s.flush()
            if listed and all(d.get("uid") for d in listed):
                open_badges = replicas.open_badges
                for user in s.scalars(
                    select(User).where(User.server_uid.is_(None), User.active.is_(True))
                ):
                    if user.badge_code in open_badges:
                        continue
                    user.active = False
                    user.updated_at = utcnow()
                    log.warning("user %s (%s) is not on the server: disabled", user.id, user.name)
                    u.audit(
                        "user.disabled",
                        user_id=None,
                        entity="user",
                        entity_id=user.badge_code,
                        detail={"name": user.name, "via": "server", "not_on_server": True},
                    )
            row = s.get(SyncState, USERS_REFRESH_KEY)
            if row is not None:
                s.delete(row)
            u.commit()
        return len(listed)

    @staticmethod
    def _waiting(s: Session) -> int:
        return int(
            s.scalar(
                select(func.count())
                .select_from(OutboxEvent)
                .where(OutboxEvent.status == OutboxStatus.PENDING)
            )
            or 0
        )

    # -- extras -----------------------------------------------------------------------------

    def claim_batches(self) -> int:
        """Claim what the picking screens asked for, and keep one batch ready after that.

        Once a station has asked for work it is a picking station: one claimed batch waits
        in its database, so the next claim is instant and works through a network outage."""
        if self.batch_demand > 0:
            self.keep_ready = 1
        wanted = max(self.batch_demand, self.keep_ready - self._ready_batches())
        claimed = 0
        while claimed < wanted:
            if self.client.claim_batch() is None:
                break
            claimed += 1
        self.batch_demand = 0
        return claimed

    def _ready_batches(self) -> int:
        with self.uow() as u:
            return int(
                u.session.scalar(
                    select(func.count())
                    .select_from(PickBatch)
                    .where(
                        PickBatch.origin == "server",
                        PickBatch.status == BatchStatus.OPEN,
                        PickBatch.station_id == u.station_id,
                    )
                )
                or 0
            )

    def top_up_ranges(self) -> None:
        from app.services import identifiers

        with self.uow() as u:
            left = identifiers.remaining(u, identifiers.SSCC_KIND)
            have_any = bool(identifiers.ranges(u, identifiers.SSCC_KIND))
        if have_any and left < RANGE_LOW_WATER:
            self.client.new_range(identifiers.SSCC_KIND)  # arrives with the next pull

    def run_once(self) -> RoundReport:
        pushed, rejected = self.push_pending()
        claimed = self.claim_batches()
        self.top_up_ranges()
        pulled = self.pull_changes()
        pulled += self.refresh_users()
        now = datetime.now(UTC)
        with self.uow() as u:
            u.session.merge(SyncState(key=LAST_SUCCESS_KEY, value=now.isoformat()))
            u.commit()
        return RoundReport(pushed, rejected, pulled, claimed, now)
