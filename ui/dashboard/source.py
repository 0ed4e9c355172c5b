"""Where the Dashboard tab gets its figures: the server, over HTTP, on a worker thread.

Results come back as signals on the GUI thread. When the server cannot be reached the source
says so and the screen keeps (or loads from disk) the last figures with their time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.admin.user_gateway import ServerUnavailable
from app.dashboard import cache
from app.dashboard.client import DashboardClient, Refused
from app.dashboard.figures import Dashboard
from ui.tasks import TaskRunner

ClientFactory = Callable[[], DashboardClient | None]


class NotConfigured(Exception):
    """No server URL or token: the station cannot ask the server."""


class DashboardSource(QObject):
    updated = Signal(object, object)  # Dashboard, fetched_at (aware UTC)
    offline = Signal(str)  # why
    refused = Signal(int, str)  # HTTP status and why (401: sign in; 403: role)
    action_done = Signal(object)  # ActionResult
    action_failed = Signal(str, str)  # why, and the field the server refused ("" if none)
    orders_found = Signal(object)  # list[OrderSummary]
    order_loaded = Signal(object)  # OrderLookup
    lookup_failed = Signal(str)

    def __init__(
        self, client_factory: ClientFactory, cache_path: Path, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._factory = client_factory
        self._cache_path = cache_path
        self._runner = TaskRunner("dashboard", self)
        self.runner = self._runner
        self._refreshing = False

    def _client(self) -> DashboardClient:
        client = self._factory()
        if client is None:
            raise NotConfigured("no server configured")
        return client

    def last(self) -> tuple[Dashboard, datetime] | None:
        return cache.load(self._cache_path)

    @property
    def refreshing(self) -> bool:
        return self._refreshing

    def refresh(self, start: datetime, end: datetime, station: str | None) -> bool:
        """Ask for fresh figures; False (and nothing done) when a refresh is still running."""
        if self._refreshing:
            return False
        self._refreshing = True
        path = self._cache_path

        def work() -> tuple[Dashboard, datetime]:
            board = self._client().dashboard(start, end, station)
            fetched = datetime.now(UTC)
            cache.save(path, board, fetched)
            return board, fetched

        self._runner.submit(work, self._on_figures, self._on_refresh_failed)
        return True

    def _on_figures(self, result: tuple[Dashboard, datetime]) -> None:
        self._refreshing = False
        self.updated.emit(*result)

    def _on_refresh_failed(self, error: BaseException) -> None:
        self._refreshing = False
        if isinstance(error, Refused):
            self.refused.emit(error.status, str(error))
        else:
            self.offline.emit(str(error))

    def act(self, item_id: str, action: str, reason: str, assignee: str | None = None) -> None:
        self._runner.submit(
            lambda: self._client().act(item_id, action, reason, assignee),
            self.action_done.emit,
            lambda e: self.action_failed.emit(_reason(e), _refused_field(e)),
        )

    def search(self, query: str) -> None:
        self._runner.submit(
            lambda: self._client().search_orders(query),
            self.orders_found.emit,
            lambda e: self.lookup_failed.emit(_reason(e)),
        )

    def load_order(self, number: str) -> None:
        self._runner.submit(
            lambda: self._client().order(number),
            self.order_loaded.emit,
            lambda e: self.lookup_failed.emit(_reason(e)),
        )

    def shutdown(self) -> None:
        self._runner.shutdown()


def _reason(error: BaseException) -> str:
    if isinstance(error, ServerUnavailable | NotConfigured):
        return f"offline: {error}"
    return str(error)


def _refused_field(error: BaseException) -> str:
    """The request field a 422 names ("reason"), so the screen can say what to change."""
    if isinstance(error, Refused) and error.status == 422 and error.fields:
        return error.fields[0]
    return ""
