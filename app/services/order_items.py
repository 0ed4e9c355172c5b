"""An order's units as cartonization items (dimensions and weight from the product)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.cartonization import Item
from app.persistence.models import OrderLine, Product

# A product without dimensions still takes room: assume a small parcel rather than nothing.
UNKNOWN_DIMS_MM = (100, 100, 100)


def product_item(product: Product, ref: str = "") -> Item:
    dims = (product.length_mm, product.width_mm, product.height_mm)
    return Item(dims if all(dims) else UNKNOWN_DIMS_MM, product.weight_g, ref or product.sku)


def order_items(session: Session, order_id: int, *, remaining_only: bool = False) -> list[Item]:
    """One item per unit of the order (or per unit not yet packed)."""
    rows = session.execute(
        select(OrderLine, Product)
        .join(Product, Product.id == OrderLine.product_id)
        .where(OrderLine.order_id == order_id)
        .order_by(OrderLine.line_no)
    ).all()
    items: list[Item] = []
    for line, product in rows:
        count = line.quantity - line.short_quantity
        if remaining_only:
            count -= line.packed_quantity
        items.extend(product_item(product) for _ in range(max(count, 0)))
    return items
