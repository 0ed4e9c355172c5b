"""``main.py label --order ORDER [--out FILE.pdf]``: the shipping label of an order, as PDF.

An order with shipments gives the label of its last carton (or ``--carton K``), exactly as
the printer got it; an order not packed yet gives a preview marked "not for shipping" with
serial reference 0, so no SSCC is used up. Only the standard library is imported up here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--order", required=True, help="order number, e.g. SO-100001")
    parser.add_argument("--out", type=Path, help="PDF to write (default: ORDER-label.pdf)")
    parser.add_argument("--carton", type=int, help="carton number of a packed order")
    parser.add_argument("--size", choices=("4x6", "100x150", "a6"), help="label size")
    parser.add_argument("--dpi", type=int, choices=(203, 300), help="printer resolution")


def main(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from app.bootstrap import open_core
    from app.labels import render_label
    from app.persistence.models import Carton, Order, Shipment
    from app.services import packing_settings
    from app.services.shipping_labels import PREVIEW_NOTE, label_for_shipment, preview_label

    core = open_core()
    try:
        settings = packing_settings.load()
        printer = core.config.printers[0] if core.config.printers else None
        size = args.size or (printer.label_size if printer else "4x6")
        dpi = args.dpi or (printer.dpi if printer else 203)
        with core.uow() as uow:
            s = uow.session
            order = s.scalar(select(Order).where(Order.number == args.order.strip().upper()))
            if order is None:
                print(f"no order {args.order} in the station database", file=sys.stderr)
                return 1
            query = (
                select(Shipment.id)
                .join(Carton, Carton.id == Shipment.carton_id)
                .where(Shipment.order_id == order.id)
                .order_by(Carton.sequence.desc())
            )
            if args.carton is not None:
                query = query.where(Carton.sequence == args.carton)
            shipment_id = s.scalars(query).first()
            if shipment_id is not None:
                data = label_for_shipment(s, shipment_id, core.config, settings)
            elif args.carton is not None:
                print(f"order {order.number} has no carton {args.carton}", file=sys.stderr)
                return 1
            else:
                data = preview_label(s, order.number, core.config, settings)
        out: Path = args.out or Path(f"{data.order_number}-label.pdf")
        out.write_bytes(render_label(data, size, dpi))
    finally:
        core.close()
    preview = data.note == PREVIEW_NOTE
    kind = "preview (not packed yet)" if preview else f"carton {data.carton_index}"
    print(f"{out}: {data.order_number} {kind}, SSCC {data.sscc}, {size} at {dpi} dpi")
    return 0
