"""SSCC (Serial Shipping Container Code): GS1's 18-digit identity of one logistic unit.

Layout: extension digit (0-9, the company's own choice), the GS1 company prefix, the serial
reference (filling the rest up to 17 digits), and the GS1 mod-10 check digit. The serial
reference comes from a range the server reserved for this station (DESIGN.md §4), so two
stations never build the same SSCC, online or not.
"""

from __future__ import annotations

from app.domain.codes import gs1_check_digit

SSCC_LENGTH = 18


def serial_digits(company_prefix: str) -> int:
    """How many digits the serial reference has with this company prefix."""
    _check_prefix(company_prefix)
    return SSCC_LENGTH - 2 - len(company_prefix)


def max_serial(company_prefix: str) -> int:
    return 10 ** serial_digits(company_prefix) - 1


def make_sscc(extension_digit: int, company_prefix: str, serial_reference: int) -> str:
    """The 18-digit SSCC with its check digit."""
    if not 0 <= extension_digit <= 9:
        raise ValueError(f"the extension digit is one digit (0-9), got {extension_digit}")
    width = serial_digits(company_prefix)
    if not 0 <= serial_reference <= max_serial(company_prefix):
        raise ValueError(
            f"serial reference {serial_reference} does not fit in {width} digits "
            f"with company prefix {company_prefix}"
        )
    body = f"{extension_digit}{company_prefix}{serial_reference:0{width}d}"
    return body + str(gs1_check_digit(body))


def is_valid_sscc(sscc: str) -> bool:
    return (
        len(sscc) == SSCC_LENGTH and sscc.isdigit() and gs1_check_digit(sscc[:-1]) == int(sscc[-1])
    )


def split_sscc(sscc: str, company_prefix: str) -> tuple[int, str, int, int]:
    """(extension digit, company prefix, serial reference, check digit), for display."""
    if not is_valid_sscc(sscc):
        raise ValueError(f"not a valid SSCC: {sscc!r}")
    n = len(company_prefix)
    if sscc[1 : 1 + n] != company_prefix:
        raise ValueError(f"SSCC {sscc} does not carry company prefix {company_prefix}")
    return int(sscc[0]), company_prefix, int(sscc[1 + n : -1]), int(sscc[-1])


def _check_prefix(company_prefix: str) -> None:
    if not (company_prefix.isdigit() and 6 <= len(company_prefix) <= 12):
        raise ValueError(f"a GS1 company prefix has 6 to 12 digits, got {company_prefix!r}")
