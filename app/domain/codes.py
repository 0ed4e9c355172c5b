"""Formats of the codes the site prints on its own labels (bins, totes, carts, orders, badges).

One place defines them so that the demo generator, the label printer and the scan parser agree.
GS1 codes (GTIN, SSCC, Digital Link) are not here: :mod:`app.scan` reads those with biip.
"""

from __future__ import annotations

import re

LOCATION_RE = re.compile(
    r"^(?P<zone>[A-Z])-(?P<aisle>\d{2})-(?P<bay>\d{2})-(?P<level>\d)-(?P<slot>\d)$"
)
TOTE_RE = re.compile(r"^TOTE-\d{4,6}$")
CART_RE = re.compile(r"^CART-\d{2,4}$")
ORDER_RE = re.compile(r"^SO-\d{6,9}$")
BADGE_RE = re.compile(r"^USR-\d{4,6}$")


def location_code(zone: str, aisle: int, bay: int, level: int, slot: int) -> str:
    return f"{zone}-{aisle:02d}-{bay:02d}-{level}-{slot}"


def tote_code(n: int) -> str:
    return f"TOTE-{n:04d}"


def cart_code(n: int) -> str:
    return f"CART-{n:02d}"


def order_number(n: int) -> str:
    return f"SO-{n:06d}"


def badge_code(n: int) -> str:
    return f"USR-{n:04d}"


def gs1_check_digit(digits: str) -> int:
    """GS1 mod-10 check digit of ``digits`` (the code without its check digit)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return (10 - total % 10) % 10


def make_gtin13(company_prefix: str, item_reference: int) -> str:
    body = f"{company_prefix}{item_reference:0{12 - len(company_prefix)}d}"
    if len(body) != 12:
        raise ValueError("company prefix and item reference do not fit in 12 digits")
    return body + str(gs1_check_digit(body))
