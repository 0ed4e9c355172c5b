"""Words for what the pick services and the step flow report by code, translated when shown.

Every text is a literal ``QCoreApplication.translate("PickTexts", ...)`` call so that lupdate
finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.pick_flow import FlowError
from app.services.pick_views import PickingError


def flow_error_text(error: FlowError) -> str:
    """What was wrong with a scan and what was expected instead."""
    e, g = error.expected, error.got
    if error.code == "wrong_bin":
        return QCoreApplication.translate(
            "PickTexts", "✖ Wrong bin {got}. Go to bin {expected}."
        ).format(got=g, expected=e)
    if error.code == "bin_first":
        return QCoreApplication.translate(
            "PickTexts", "✖ Scan the bin label {expected} first."
        ).format(expected=e)
    if error.code == "wrong_product":
        return QCoreApplication.translate(
            "PickTexts", "✖ Wrong product ({got}). Take: {expected}."
        ).format(got=g, expected=e)
    if error.code == "expired_lot":
        return QCoreApplication.translate(
            "PickTexts", "✖ Lot {lot} expired on {date}: do not pick it. Take another lot."
        ).format(lot=e or "?", date=g)
    if error.code == "mixed_lot":
        return QCoreApplication.translate(
            "PickTexts", "✖ Another lot ({got}). Put the units of lot {expected} in the tote first."
        ).format(got=g or "?", expected=e or "?")
    if error.code == "over_quantity":
        return QCoreApplication.translate(
            "PickTexts", "✖ Too many: only {expected} to pick here, that makes {got}."
        ).format(expected=e, got=g)
    if error.code == "product_first":
        return QCoreApplication.translate(
            "PickTexts", "✖ Scan the product first: {expected}."
        ).format(expected=e)
    if error.code == "wrong_tote":
        return QCoreApplication.translate(
            "PickTexts", "✖ Wrong tote {got}. Put it in tote {expected}."
        ).format(got=g, expected=e)
    return QCoreApplication.translate("PickTexts", "✖ Not expected here. Scan the {what}.").format(
        what=stage_word(e)
    )


def stage_word(stage: str) -> str:
    return {
        "bin": QCoreApplication.translate("PickTexts", "bin label"),
        "product": QCoreApplication.translate("PickTexts", "product"),
        "tote": QCoreApplication.translate("PickTexts", "tote"),
    }.get(stage, stage)


def picking_error_text(error: PickingError) -> str:
    p = error.params
    texts = {
        "no_work": QCoreApplication.translate("PickTexts", "No orders are waiting to be picked."),
        "no_free_totes": QCoreApplication.translate(
            "PickTexts", "No free tote: empty totes must come back from packing first."
        ),
        "tote_in_use": QCoreApplication.translate(
            "PickTexts", "✖ Tote {tote} already holds an order. Take an empty tote."
        ),
        "unknown_tote": QCoreApplication.translate(
            "PickTexts", "✖ Tote {tote} is not one of ours."
        ),
        "not_active": QCoreApplication.translate(
            "PickTexts", "This batch is not running (paused or finished)."
        ),
        "wrong_step": QCoreApplication.translate(
            "PickTexts", "The screen was behind; it now shows the current step."
        ),
        "wrong_tote": QCoreApplication.translate("PickTexts", "✖ Wrong tote {tote}."),
        "bad_quantity": QCoreApplication.translate(
            "PickTexts", "✖ Quantity {quantity} is more than is left to pick here."
        ),
        "expired_lot": QCoreApplication.translate(
            "PickTexts", "✖ Lot {lot} has expired: do not pick it."
        ),
        "nothing_to_undo": QCoreApplication.translate(
            "PickTexts", "Nothing to undo in this batch."
        ),
        "bad_reason": QCoreApplication.translate("PickTexts", "Choose why the pick is short."),
    }
    text = texts.get(
        error.code,
        QCoreApplication.translate("PickTexts", "That did not work ({code}).").format(
            code=error.code
        ),
    )
    try:
        return text.format(**p)
    except (KeyError, IndexError):
        return text


def reason_text(reason: str) -> str:
    return {
        "empty_bin": QCoreApplication.translate("PickTexts", "Bin empty"),
        "damaged": QCoreApplication.translate("PickTexts", "Damaged"),
        "not_found": QCoreApplication.translate("PickTexts", "Not found"),
        "quantity_wrong": QCoreApplication.translate("PickTexts", "Quantity wrong"),
    }.get(reason, reason)
