"""The site's own labels: bins, totes, carts, orders and badges (formats in app.domain.codes).

Site codes are upper-case by definition, so a lower-case scan is upper-cased first: CapsLock on
a keyboard-wedge scanner inverts the case of every letter it types.
"""

from __future__ import annotations

from app.domain.codes import BADGE_RE, CART_RE, LOCATION_RE, ORDER_RE, TOTE_RE
from app.scan.types import BadgeScan, CartScan, LocationScan, OrderScan, Scan, ToteScan


def parse_site_code(text: str, raw: str) -> Scan | None:
    """The site scan ``text`` is, or None when it is not one of our formats."""
    # Every site code is ASCII with a hyphen; most scans (GTINs, GS1 data) have no hyphen and
    # skip the regexes. ASCII also keeps out other scripts' digits, which ``\d`` would accept.
    if "-" not in text or not text.isascii():
        return None
    code = text.upper()
    m = LOCATION_RE.match(code)
    if m:
        return LocationScan(
            code=code,
            zone=m["zone"],
            aisle=int(m["aisle"]),
            bay=int(m["bay"]),
            level=int(m["level"]),
            slot=int(m["slot"]),
            raw=raw,
        )
    if TOTE_RE.match(code):
        return ToteScan(code=code, raw=raw)
    if CART_RE.match(code):
        return CartScan(code=code, raw=raw)
    if ORDER_RE.match(code):
        return OrderScan(number=code, raw=raw)
    if BADGE_RE.match(code):
        return BadgeScan(code=code, raw=raw)
    return None
