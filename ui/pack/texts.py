# ruff: noqa: E501  (translatable messages stay one literal each, so lupdate finds them)
"""Translated messages for packing refusals and label states, chosen by code.

The service's messages are English for logs; the packer reads these, each naming the item.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.packing import PackError, PackErrorCode
from app.services.print_queue import PrintJobView


def pack_error_text(error: PackError) -> str:
    p = {k: str(v) for k, v in error.params.items()}
    c = PackErrorCode
    match error.code:
        case c.ORDER_NOT_FOUND:
            return QCoreApplication.translate(
                "PackTexts", "Order {order} is not known at this station."
            ).format(**p)
        case c.TOTE_EMPTY:
            return QCoreApplication.translate(
                "PackTexts", "Tote {tote} holds no order to pack."
            ).format(**p)
        case c.ORDER_NOT_PACKABLE:
            return QCoreApplication.translate(
                "PackTexts", "Order {order} cannot be packed now (status: {status})."
            ).format(**p)
        case c.UNKNOWN_PRODUCT:
            return QCoreApplication.translate(
                "PackTexts", "Unknown product (GTIN {gtin}). Put it aside and call a supervisor."
            ).format(**p)
        case c.NOT_ON_ORDER:
            return QCoreApplication.translate(
                "PackTexts",
                "WRONG ITEM: {product} ({sku}) is not on this order. Take it out; not counted.",
            ).format(**p)
        case c.OVER_SCAN:
            return QCoreApplication.translate(
                "PackTexts",
                "TOO MANY: {product} — {packed} of {expected} already packed. Take it out; not counted.",
            ).format(**p)
        case c.LOT_REQUIRED:
            return QCoreApplication.translate(
                "PackTexts", "{product} needs its lot: scan the barcode that shows the lot."
            ).format(**p)
        case c.WRONG_LOT:
            return QCoreApplication.translate(
                "PackTexts", "WRONG LOT {lot} for {product}. Use the lot that was picked."
            ).format(**p)
        case c.EXPIRED_LOT:
            return QCoreApplication.translate(
                "PackTexts", "EXPIRED: lot {lot} of {product} expired on {expiry}. Do not ship."
            ).format(**p)
        case c.ALREADY_PACKED:
            return QCoreApplication.translate(
                "PackTexts", "Order {order} is already packed."
            ).format(**p)
        case c.EMPTY_CARTON:
            return QCoreApplication.translate(
                "PackTexts", "The carton is empty: scan at least one item first."
            )
        case c.UNDER_PACKED:
            return QCoreApplication.translate(
                "PackTexts",
                "{units} item(s) still missing: the order cannot be finished. Scan them, or ask a supervisor to close it short.",
            ).format(**p)
        case c.OVERRIDE_DENIED:
            return QCoreApplication.translate(
                "PackTexts", "Override refused: a supervisor badge and the right PIN are needed."
            )
        case c.REASON_REQUIRED:
            return QCoreApplication.translate(
                "PackTexts", "Choose or type a reason for closing short."
            )
        case c.UNKNOWN_BOX:
            return QCoreApplication.translate("PackTexts", "There is no box {box}.").format(**p)
        case c.NO_SSCC_RANGE:
            return QCoreApplication.translate(
                "PackTexts",
                "No shipping numbers (SSCC) left on this station: connect it to the server, then close the carton again.",
            )
        case c.SHIPMENT_NOT_FOUND:
            return QCoreApplication.translate("PackTexts", "That shipment is not known here.")
    return error.message


def job_status_text(job: PrintJobView | None) -> tuple[str, str]:
    """(symbol + words, kind) for a label's latest print job; kind is ok, warn or bad."""
    if job is None:
        return "○ " + QCoreApplication.translate("PackTexts", "No label yet"), "warn"
    match job.status:
        case "printed":
            return "✔ " + QCoreApplication.translate("PackTexts", "Label printed"), "ok"
        case "pending":
            return "… " + QCoreApplication.translate("PackTexts", "Label queued"), "warn"
        case "sending":
            return "… " + QCoreApplication.translate("PackTexts", "Label printing"), "warn"
        case "retrying":
            reason = job.last_error or ""
            return "▲ " + QCoreApplication.translate(
                "PackTexts", "Label NOT printed, retrying: {reason}"
            ).format(reason=reason), "bad"
        case "cancelled":
            return "✖ " + QCoreApplication.translate("PackTexts", "Label cancelled"), "bad"
    return job.status, "warn"
