"""Label data from the database: a shipment's label, or a preview for an order not yet packed.

Shared by the packing service (label at carton close, reprints) and ``main.py label``.
Reprints are rendered afresh from the shipment, so "carton k of n" shows the final n.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import StationConfig
from app.domain.carriers import choose_carrier
from app.domain.cartonization import suggest
from app.domain.sscc import make_sscc
from app.labels import Address, LabelData
from app.persistence.models import Carton, Order, OrderLine, Shipment
from app.services.order_items import order_items
from app.services.packing_settings import PackingSettings

PREVIEW_NOTE = "PREVIEW - NOT FOR SHIPPING"


def ship_to(order: Order) -> Address:
    """The order's address as label lines; Chinese addresses read large to small unit."""
    city = " ".join(p for p in (order.ship_to_city, order.ship_to_region) if p)
    lines = [order.ship_to_line1]
    if order.ship_to_line2:
        lines.append(order.ship_to_line2)
    lines.append(f"{city} {order.ship_to_postal_code}".strip())
    if order.ship_to_phone:
        lines.append(order.ship_to_phone)
    return Address(order.ship_to_name, tuple(lines), order.ship_to_country)


def carton_count(session: Session, order: Order, this_sequence: int, estimate: int) -> int:
    """n of "k of n": final once the order is packed, else k plus the cartons still needed."""
    if order.status.value in ("packed", "shipped"):
        closed = session.scalar(
            select(func.max(Carton.sequence)).where(
                Carton.order_id == order.id, Carton.status == "closed"
            )
        )
        return max(int(closed or 0), this_sequence)
    return this_sequence + max(estimate, 0)


def short_note(session: Session, order: Order) -> str:
    """On every label of an order shipped with units short at picking (reprints too):
    the receiver sees at once that the shortage is known, not lost in transit."""
    ordered, short = session.execute(
        select(func.sum(OrderLine.quantity), func.sum(OrderLine.short_quantity)).where(
            OrderLine.order_id == order.id
        )
    ).one()
    if not short:
        return ""
    return f"SHORT SHIPPED: {short} of {ordered} units not picked"


def label_for_shipment(
    session: Session,
    shipment_id: int,
    config: StationConfig,
    settings: PackingSettings,
    cartons_still_needed: int = 0,
) -> LabelData:
    shipment = session.get_one(Shipment, shipment_id)
    order = session.get_one(Order, shipment.order_id)
    carton = session.get_one(Carton, shipment.carton_id)
    return LabelData(
        sscc=shipment.sscc,
        order_number=order.number,
        carton_index=carton.sequence,
        carton_count=carton_count(session, order, carton.sequence, cartons_still_needed),
        weight_g=shipment.weight_g,
        carrier=shipment.carrier,
        service=shipment.service,
        ship_from=settings.ship_from,
        ship_to=ship_to(order),
        resolver=config.label_resolver,
        note=short_note(session, order),
    )


def preview_label(
    session: Session, order_number: str, config: StationConfig, settings: PackingSettings
) -> LabelData:
    """A label for an order without a shipment: serial reference 0 and a visible note."""
    order = session.scalar(select(Order).where(Order.number == order_number))
    if order is None:
        raise LookupError(f"no order {order_number}")
    items = order_items(session, order.id)
    suggestion = suggest(settings.boxes, items)
    gross = suggestion.gross_weight_g if suggestion else sum(i.weight_g for i in items)
    carrier = choose_carrier(
        settings.carrier_rules,
        settings.default_carrier,
        country=order.ship_to_country,
        weight_g=gross,
        priority=order.priority,
    )
    return LabelData(
        sscc=make_sscc(settings.sscc_extension_digit, config.gs1_company_prefix, 0),
        order_number=order.number,
        carton_index=1,
        carton_count=suggestion.cartons_needed if suggestion else 1,
        weight_g=gross,
        carrier=carrier.carrier,
        service=carrier.service,
        ship_from=settings.ship_from,
        ship_to=ship_to(order),
        resolver=config.label_resolver,
        note=PREVIEW_NOTE,
    )
