"""Stock per bin (on hand, reserved, available) and goods receipts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from sqlalchemy.orm import Session

from server.api.deps import AnyPrincipal, Factory, IntegrationPrincipal, Settings
from server.db import read_session, transaction
from server.schemas import ReceiptIn, ReceiptOut, StockOut
from server.services import allocation
from server.services import stock as service

router = APIRouter(prefix="/api/v1/stock", tags=["stock"])


@router.get("", response_model=StockOut, responses={404: {"description": "unknown SKU"}})
def get_stock(
    sku: Annotated[str, Query(min_length=1, max_length=40)],
    principal: AnyPrincipal,
    factory: Factory,
) -> StockOut:
    """On hand, reserved and available for one SKU, in total and per bin and lot."""
    with read_session(factory) as session:
        try:
            return service.view(session, sku)
        except service.UnknownItem as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc


@router.post("/receipts", response_model=ReceiptOut, status_code=status.HTTP_201_CREATED)
def post_receipt(
    receipt: ReceiptIn, principal: IntegrationPrincipal, factory: Factory, settings: Settings
) -> ReceiptOut:
    """Book received units into a bin; backordered orders for that SKU are tried again."""
    try:
        on_hand, product_id = transaction(
            factory,
            lambda s: _receive(s, receipt, principal.actor),
        )
    except service.UnknownItem as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, [{"field": "body", "message": str(exc)}]
        ) from exc
    reserved = allocation.retry_backorders(
        factory, product_ids=[product_id], auto_release=settings.auto_release
    )
    return ReceiptOut(
        location=receipt.location,
        sku=receipt.sku,
        lot=receipt.lot,
        on_hand=on_hand,
        backorders_reserved=reserved,
    )


def _receive(session: Session, receipt: ReceiptIn, actor: str) -> tuple[int, int]:
    row, product_id = service.receive(session, receipt, actor=actor)
    return row.on_hand, product_id
