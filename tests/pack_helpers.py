"""Shared set-up for packing tests: a packing service on the demo core, orders to pack, scans."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.persistence.models import Order, OrderLine, Product, ProductGtin, StockItem
from app.services import identifiers, packing_settings
from app.services.packing import PackingService
from app.services.printers import PrinterRegistry


@dataclass(frozen=True)
class Unit:
    sku: str
    name: str
    gtin: str  # as the catalogue stores it (GTIN-13 in the demo)
    quantity: int
    lot_tracked: bool

    @property
    def gtin14(self) -> str:
        return self.gtin.zfill(14)


def give_sscc_range(core, first: int = 1, last: int = 1000) -> None:
    with core.uow() as uow:
        identifiers.add_range(uow, identifiers.SSCC_KIND, first, last)
        uow.commit()


def make_service(core, **kw) -> PackingService:
    registry = PrinterRegistry(core.config, core.data_dir)
    return PackingService(core, packing_settings.load(), registry, **kw)


def order_units(core, number: str) -> list[Unit]:
    with core.uow() as uow:
        rows = uow.session.execute(
            select(OrderLine, Product, ProductGtin.gtin)
            .join(Order, Order.id == OrderLine.order_id)
            .join(Product, Product.id == OrderLine.product_id)
            .join(ProductGtin, ProductGtin.product_id == Product.id)
            .where(Order.number == number)
            .order_by(OrderLine.line_no)
        ).all()
        return [Unit(p.sku, p.name, g, ln.quantity, p.lot_tracked) for ln, p, g in rows]


def find_order(
    core, *, min_lines: int = 1, min_units: int = 1, lots: bool = False, min_line_qty: int = 1
) -> str:
    """The first demo order with that shape (lot-tracked products or none) that fits a box."""
    from app.domain.cartonization import suggest
    from app.services.order_items import order_items

    settings = packing_settings.load()
    with core.uow() as uow:
        numbers = uow.session.scalars(select(Order.number).order_by(Order.number)).all()
    for number in numbers:
        units = order_units(core, number)
        has_lots = any(u.lot_tracked for u in units)
        if (
            len(units) >= min_lines
            and sum(u.quantity for u in units) >= min_units
            and has_lots == lots
            and max(u.quantity for u in units) >= min_line_qty
        ):
            with core.uow() as uow:
                order_id = uow.session.scalar(select(Order.id).where(Order.number == number))
                fit = suggest(settings.boxes, order_items(uow.session, order_id))
            if fit is not None and fit.fits_all:
                return number
    raise LookupError("no demo order of that shape")


def product_not_on(core, number: str) -> Unit:
    on = {u.sku for u in order_units(core, number)}
    with core.uow() as uow:
        for p, g in uow.session.execute(
            select(Product, ProductGtin.gtin)
            .join(ProductGtin, ProductGtin.product_id == Product.id)
            .where(Product.lot_tracked.is_(False))
            .order_by(Product.id)
        ):
            if p.sku not in on:
                return Unit(p.sku, p.name, g, 1, False)
    raise LookupError


def lots_of(core, sku: str) -> list[tuple[str, object]]:
    with core.uow() as uow:
        rows = uow.session.execute(
            select(StockItem.lot, StockItem.expiry)
            .join(Product, Product.id == StockItem.product_id)
            .where(Product.sku == sku, StockItem.lot.is_not(None))
        ).all()
        return [(lot, expiry) for lot, expiry in rows]


def record_short_pick(core, number: str, sku: str, units: int) -> None:
    """What a short pick leaves for packing: ``units`` of the line never reached the tote.

    Written straight to the order line (the picking service does the same increment after
    the picker's two taps; its own flow is tested in test_picking_service.py).
    """
    with core.uow() as uow:
        line = uow.session.execute(
            select(OrderLine)
            .join(Order, Order.id == OrderLine.order_id)
            .join(Product, Product.id == OrderLine.product_id)
            .where(Order.number == number, Product.sku == sku)
        ).scalar_one()
        assert line.short_quantity + units <= line.quantity
        line.short_quantity += units
        uow.commit()


def set_quantity(core, number: str, sku: str, quantity: int) -> None:
    """Make a line bigger, e.g. a B2B order of 200 units of a few products."""
    with core.uow() as uow:
        line = uow.session.execute(
            select(OrderLine)
            .join(Order, Order.id == OrderLine.order_id)
            .join(Product, Product.id == OrderLine.product_id)
            .where(Order.number == number, Product.sku == sku)
        ).scalar_one()
        line.quantity = quantity
        uow.commit()


def big_order(core, units: int = 200) -> str:
    """A demo order of two or more products made ``units`` units big (most on its first line)."""
    number = find_order(core, min_lines=2)
    lines = order_units(core, number)
    rest = sum(u.quantity for u in lines[1:])
    set_quantity(core, number, lines[0].sku, units - rest)
    return number


def set_dims(core, sku: str, dims_mm: tuple[int, int, int]) -> None:
    """Change a product's size, e.g. a rolled mat longer than the largest box."""
    with core.uow() as uow:
        product = uow.session.execute(select(Product).where(Product.sku == sku)).scalar_one()
        product.length_mm, product.width_mm, product.height_mm = dims_mm
        uow.commit()


def pdf_text(document: bytes) -> str:
    """The text of a PDF (a label), as a reader of the printed label would see it."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(document)
    try:
        return "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
