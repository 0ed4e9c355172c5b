"""Shared set-up of the sync benchmarks: a throwaway PostgreSQL, a server database with the demo
site plus extra orders, server processes on loopback, and realistic floor events."""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import uuid
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.pg_cluster import PgCluster, _bin_dir  # noqa: E402
from tests.server_process import ServerProcess  # noqa: E402, F401  (the benchmarks import it from here)


def start_postgres() -> PgCluster | None:
    bin_dir = _bin_dir()
    if bin_dir is None:
        return None
    cluster = PgCluster(bin_dir)
    cluster.start()
    return cluster


def add_orders(factory: Any, count: int, seed: int = 1) -> None:
    """``count`` more orders through normal intake (allocation included), 50 per transaction."""
    from server.db import transaction
    from server.models import Product, Stock
    from server.schemas import OrderIn
    from server.services.orders import intake

    rng = random.Random(seed)
    with factory() as s:
        skus = sorted(
            set(s.scalars(select(Product.sku).join(Stock, Stock.product_id == Product.id)))
        )

    def batch(session: Session, start: int) -> None:
        for n in range(start, min(start + 50, count)):
            body = {
                "channel": "bench",
                "external_id": f"B-{seed}-{n}",
                "customer_name": "Bench",
                "ship_to": {"name": "Bench", "line1": "Main Street 1", "city": "Berlin",
                            "postal_code": "10115", "country": "DE"},
                "lines": [{"sku": sku, "quantity": rng.randint(1, 2)}
                          for sku in rng.sample(skus, rng.randint(1, 4))],
            }  # fmt: skip
            intake(session, OrderIn.model_validate(body), actor="bench", auto_release=True)

    for start in range(0, count, 50):
        transaction(factory, partial(batch, start=start))


def build_site(url: str, extra_orders: int) -> None:
    from server.db import make_session_factory
    from server.embedded import prepare_database

    engine = prepare_database(url, seed_demo=True)
    add_orders(make_session_factory(engine), extra_orders)
    engine.dispose()


def make_token(url: str, kind: str, station: str | None = None) -> str:
    from server.db import make_engine, make_session_factory, transaction
    from server.models import TokenKind
    from server.tokens import create_token

    engine = make_engine(url)
    secret = transaction(
        make_session_factory(engine),
        lambda s: (
            create_token(
                s,
                TokenKind(kind),
                station or kind,
                station_id=station if kind == "station" else None,
            ).secret
        ),
    )
    engine.dispose()
    return secret


@dataclass(frozen=True)
class FloorEvent:
    type: str
    payload: dict[str, Any]


def floor_events(url: str, limit: int) -> list[FloorEvent]:
    """What stations would report for the released orders, order by order: a pick per
    reservation, a pack scan per line, carton closed, label printed (until ``limit``)."""
    from server.db import make_engine, make_session_factory
    from server.models import Location, Order, OrderLine, OrderStatus, Product, Reservation, Stock

    engine = make_engine(url)
    out: list[FloorEvent] = []
    with make_session_factory(engine)() as s:
        rows = s.execute(
            select(Order.number, OrderLine.line_no, Product.sku, Location.code, Stock.lot,
                   Reservation.quantity)
            .join(OrderLine, OrderLine.order_id == Order.id)
            .join(Reservation, Reservation.order_line_id == OrderLine.id)
            .join(Stock, Stock.id == Reservation.stock_id)
            .join(Location, Location.id == Stock.location_id)
            .join(Product, Product.id == OrderLine.product_id)
            .where(Order.status == OrderStatus.RELEASED, Reservation.quantity > 0)
            .order_by(Order.id, OrderLine.line_no)
        ).all()  # fmt: skip
    engine.dispose()
    by_order: dict[str, list[Any]] = {}
    for row in rows:
        by_order.setdefault(row[0], []).append(row)
    for serial, (number, picks) in enumerate(by_order.items(), start=1):
        packed: dict[tuple[int, str], int] = {}
        for _n, line_no, sku, code, lot, qty in picks:
            payload = {"order": number, "line_no": line_no, "sku": sku, "location": code,
                       "quantity": qty, "user": "USR-1001"}  # fmt: skip
            if lot:
                payload["lot"] = lot
            out.append(FloorEvent("pick.confirmed", payload))
            packed[(line_no, sku)] = packed.get((line_no, sku), 0) + qty
        for (line_no, sku), qty in packed.items():
            pack = {"order": number, "line_no": line_no, "sku": sku, "quantity": qty, "carton": 1}
            out.append(FloorEvent("pack.scanned", pack))
        sscc = f"0061414{serial:010d}0"
        closed = {"order": number, "carton": 1, "sscc": sscc, "weight_g": 800,
                  "order_complete": True}  # fmt: skip
        out.append(FloorEvent("carton.closed", closed))
        label = {"order": number, "carton": 1, "sscc": sscc, "carrier": "DHL"}
        out.append(FloorEvent("label.printed", label))
        if len(out) >= limit:
            break
    return out[:limit]


def station_with_outbox(folder: Path, station_id: str, events: list[FloorEvent]) -> Any:
    """A station database (SQLite WAL, synchronous=FULL) whose outbox holds ``events``."""
    from app.bootstrap import open_core
    from app.config import StationConfig

    folder.mkdir(parents=True, exist_ok=True)
    core = open_core(StationConfig(station_id=station_id), folder, seed_demo=False)
    with core.uow() as uow:
        for e in events:
            uow.add_event(e.type, dict(e.payload))
        uow.commit()
    return core


def temp_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="ws-bench-"))


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def new_key() -> str:
    return str(uuid.uuid4())
