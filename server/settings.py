"""Server settings: plain values, from the command line or ``WS_SERVER_*`` environment variables.

Nothing here holds state between requests; every server process built from the same settings
and database behaves the same, so several can run behind one load balancer.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain.layout import Layout
    from app.routing.batching import CartCapacity


@dataclass(frozen=True)
class ServerSettings:
    database_url: str
    # Largest request body accepted anywhere, and the tighter limit for one order.
    max_body_bytes: int = 4 * 1024 * 1024
    max_order_bytes: int = 256 * 1024
    max_order_lines: int = 500
    max_events_per_push: int = 1000
    max_changes_per_pull: int = 2000
    # Orders go straight from allocated to released (waves are built from released orders).
    auto_release: bool = True
    # The picking cart waves are planned for (the station's default cart: 6 totes of 60 l).
    cart_totes: int = 6
    tote_volume_l: float = 60.0
    # The site's aisle layout as JSON (``app.domain.layout.Layout``); empty: the demo layout.
    layout_file: str = ""
    # SSCC serial references handed to a station at a time.
    sscc_range_size: int = 10_000
    user_session_hours: int = 12
    db_pool_size: int = 10

    @cached_property
    def layout(self) -> Layout:
        from app.demo.site import DEMO_LAYOUT
        from app.domain.layout import Layout

        return Layout.load(Path(self.layout_file)) if self.layout_file else DEMO_LAYOUT

    @property
    def cart(self) -> CartCapacity:
        from app.routing.batching import CartCapacity

        return CartCapacity(totes=self.cart_totes, tote_volume_l=self.tote_volume_l)

    @classmethod
    def from_env(cls, database_url: str) -> ServerSettings:
        def _int(name: str, default: int) -> int:
            raw = os.environ.get(name)
            return int(raw) if raw else default

        return cls(
            database_url=database_url,
            max_body_bytes=_int("WS_SERVER_MAX_BODY_BYTES", cls.max_body_bytes),
            db_pool_size=_int("WS_SERVER_DB_POOL_SIZE", cls.db_pool_size),
            layout_file=os.environ.get("WS_SERVER_LAYOUT", ""),
        )
