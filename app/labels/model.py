"""What a shipping label shows, as plain data, and the label stocks we print on."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

MM = 72.0 / 25.4  # PDF points per millimetre
INCH = 72.0


@dataclass(frozen=True)
class LabelSize:
    """A label stock: its page size in PDF points and the media name CUPS knows it by."""

    name: str
    width_pt: float
    height_pt: float
    cups_media: str


LABEL_SIZES: dict[str, LabelSize] = {
    "4x6": LabelSize("4x6", 4 * INCH, 6 * INCH, "Custom.4x6in"),
    "100x150": LabelSize("100x150", 100 * MM, 150 * MM, "Custom.100x150mm"),
    "a6": LabelSize("a6", 105 * MM, 148 * MM, "A6"),
}
DPIS = (203, 300)


@dataclass(frozen=True)
class Address:
    """Lines as they should appear, top to bottom; Chinese and Latin text both work."""

    name: str
    lines: tuple[str, ...] = ()
    country: str = ""


@dataclass(frozen=True)
class LabelData:
    sscc: str  # 18 digits, check digit included
    order_number: str
    carton_index: int  # k of "k of n"
    carton_count: int  # n; equal to k once the order is complete
    weight_g: int
    carrier: str
    service: str
    ship_from: Address
    ship_to: Address
    resolver: str = "https://id.example.com"
    note: str = ""  # e.g. "PREVIEW - NOT FOR SHIPPING", printed in the carrier block

    def __post_init__(self) -> None:
        if len(self.sscc) != 18 or not self.sscc.isdigit():
            raise ValueError(f"an SSCC has 18 digits, got {self.sscc!r}")


def digital_link_uri(resolver: str, sscc: str, order_number: str) -> str:
    """GS1 Digital Link for the SSCC, with the order number as AI 400 (customer's order).

    A scanner app that knows Digital Link resolves the carton; the station's own parser
    reads the SSCC and the order from it without the network.
    """
    return f"{resolver.rstrip('/')}/00/{sscc}?400={quote(order_number, safe='')}"
