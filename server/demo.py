"""Load the deterministic demo site (``app.demo.site``) into a server database.

The same site the station loads, so keys match: SKUs, bin codes, badges and order numbers
(the demo orders go through normal intake, so they are validated, allocated and released
like any other order and have a timeline).
"""

from __future__ import annotations

from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.demo.site import DemoOrder, DemoSite, generate, this_hour
from app.pins import hash_pin
from server.db import transaction
from server.models import Location, Order, Product, ProductGtin, Role, Stock, User
from server.schemas import OrderIn, OrderLineIn, ShipToIn
from server.services import feed
from server.services.orders import intake


def is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count()).select_from(Product))


def order_in(o: DemoOrder) -> OrderIn:
    """The intake form of a demo order (what a sales channel would have sent)."""
    a = o.ship_to
    return OrderIn(
        channel=o.channel,
        external_id=o.external_id,
        customer_name=o.customer_name,
        ship_to=ShipToIn(
            name=a.name,
            line1=a.line1,
            line2=a.line2,
            city=a.city,
            region=a.region,
            postal_code=a.postal_code,
            country=a.country,
            phone=a.phone,
        ),
        lines=[OrderLineIn(sku=ln.sku, quantity=ln.quantity) for ln in o.lines],
        priority=o.priority,
        due_at=o.due_at,
    )


def _load_master_data(session: Session, site: DemoSite) -> None:
    products = {}
    for p in site.products:
        product = Product(
            sku=p.sku,
            name=p.name,
            length_mm=p.length_mm,
            width_mm=p.width_mm,
            height_mm=p.height_mm,
            weight_g=p.weight_g,
            lot_tracked=p.lot_tracked,
        )
        product.gtins.append(ProductGtin(gtin=p.gtin))
        products[p.sku] = product
    session.add_all(products.values())
    locations = {
        loc.code: Location(
            code=loc.code,
            zone=loc.zone,
            aisle=loc.aisle,
            bay=loc.bay,
            level=loc.level,
            slot=loc.slot,
            block=loc.block,
            offset_m=loc.offset_m,
            x_m=loc.x_m,
            y_m=loc.y_m,
            is_pick_face=loc.level <= 2,
            min_quantity=5 if loc.level <= 2 else 0,
        )
        for loc in site.locations
    }
    session.add_all(locations.values())
    session.flush()
    session.add_all(
        Stock(
            location_id=locations[s.location_code].id,
            product_id=products[s.sku].id,
            lot=s.lot or "",
            expiry=s.expiry,
            on_hand=s.quantity,
            reserved=0,
        )
        for s in site.stock
    )
    session.add_all(
        User(
            name=u.name,
            badge_code=u.badge_code,
            pin_hash=hash_pin(u.pin),
            role=Role(u.role),
            language=u.language,
        )
        for u in site.users
    )
    session.flush()
    feed.touch_all(session, ("product", "location", "user", "stock"))


def seed(factory: sessionmaker[Session], site: DemoSite | None = None) -> int:
    """Load the site into an empty database; returns the number of orders taken in."""
    site = site or generate(now=this_hour())

    def master(session: Session) -> bool:
        if not is_empty(session):
            return False
        _load_master_data(session, site)
        return True

    if not transaction(factory, master):
        raise RuntimeError(
            "the server database is not empty; seed-demo loads only into an empty one"
        )

    def take(session: Session, chunk: list[DemoOrder]) -> None:
        for demo_order in chunk:
            result = intake(session, order_in(demo_order), actor="demo", auto_release=True)
            order = session.scalar(select(Order).where(Order.number == result.number))
            assert order is not None
            order.number = demo_order.number
            order.created_at = demo_order.created_at
            session.flush()

    # Normal intake, a few dozen orders per transaction (a seed need not commit each one).
    for start in range(0, len(site.orders), 50):
        chunk = site.orders[start : start + 50]
        transaction(factory, partial(take, chunk=chunk))
    return len(site.orders)
