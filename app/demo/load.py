"""Put the demo site into the station's database (first start, tests, benchmarks)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.demo.site import DemoSite
from app.persistence.models import (
    Location,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    ProductGtin,
    Role,
    StockItem,
    Tote,
    User,
)
from app.pins import hash_pin


def is_empty(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(Product)) == 0


def load_site(session: Session, site: DemoSite) -> None:
    """Insert every demo row; the caller commits. Users get their PINs hashed here."""
    products: dict[str, Product] = {}
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
        StockItem(
            location_id=locations[s.location_code].id,
            product_id=products[s.sku].id,
            lot=s.lot,
            expiry=s.expiry,
            quantity=s.quantity,
        )
        for s in site.stock
    )
    for o in site.orders:
        a = o.ship_to
        order = Order(
            number=o.number,
            channel=o.channel,
            external_id=o.external_id,
            customer_name=o.customer_name,
            ship_to_name=a.name,
            ship_to_line1=a.line1,
            ship_to_line2=a.line2,
            ship_to_city=a.city,
            ship_to_region=a.region,
            ship_to_postal_code=a.postal_code,
            ship_to_country=a.country,
            ship_to_phone=a.phone,
            priority=o.priority,
            due_at=o.due_at,
            status=OrderStatus.RELEASED,
            created_at=o.created_at,
            updated_at=o.created_at,
        )
        order.lines = [
            OrderLine(line_no=ln.line_no, product_id=products[ln.sku].id, quantity=ln.quantity)
            for ln in o.lines
        ]
        session.add(order)
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
    session.add_all(Tote(code=code) for code in site.totes)
    session.flush()
