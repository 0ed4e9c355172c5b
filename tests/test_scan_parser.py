"""The scan parser against GS1 examples, site codes, bad input, and random input (hypothesis)."""

from __future__ import annotations

import json
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.codes import gs1_check_digit
from app.scan import (
    BadgeScan,
    CartScan,
    LocationScan,
    OrderScan,
    ProductScan,
    ScanError,
    ScanErrorCode,
    ScanWarning,
    SsccScan,
    ToteScan,
    describe,
    kind_of,
    parse_scan,
    validate_gs_substitute,
)
from app.scan import parser as parser_module
from app.scan.parser import INTERNAL_ERROR_MESSAGE

GS = "\x1d"
GTIN = "09506000134352"  # GS1's own example GTIN (GTIN-13 9506000134352 padded)
ALL_TYPES = (
    ProductScan,
    SsccScan,
    LocationScan,
    ToteScan,
    CartScan,
    OrderScan,
    BadgeScan,
    ScanError,
)


def product(data: bytes | str, **kw: object) -> ProductScan:
    result = parse_scan(data, **kw)  # type: ignore[arg-type]
    assert isinstance(result, ProductScan), result
    return result


def error(data: bytes | str, code: ScanErrorCode, **kw: object) -> ScanError:
    result = parse_scan(data, **kw)  # type: ignore[arg-type]
    assert isinstance(result, ScanError), result
    assert result.code is code, result
    return result


# --- GS1 element strings -------------------------------------------------------------------


def test_gs1_128_with_expiry_lot_and_serial() -> None:
    raw = f"]C101{GTIN}17260531" + f"10ABC123{GS}21XYZ"
    p = product(raw)
    assert (p.gtin, p.lot, p.serial, p.expiry) == (GTIN, "ABC123", "XYZ", date(2026, 5, 31))
    assert p.count == 1
    assert p.symbology == "GS1-128"
    assert p.warnings == ()
    assert p.raw == raw


def test_expiry_day_00_means_last_day_of_month() -> None:
    assert product(f"]C101{GTIN}17280200").expiry == date(2028, 2, 29)
    assert product(f"]C101{GTIN}17260400").expiry == date(2026, 4, 30)


def test_gs1_datamatrix_and_gs1_qr() -> None:
    dm = product(f"]d201{GTIN}21SN0001{GS}10LOT7{GS}17271231")
    assert (dm.serial, dm.lot, dm.expiry) == ("SN0001", "LOT7", date(2027, 12, 31))
    assert dm.symbology == "GS1 DataMatrix"
    qr = product(f"]Q301{GTIN}10Q-LOT")
    assert (qr.lot, qr.symbology) == ("Q-LOT", "GS1 QR Code")


def test_element_strings_without_identifier_and_with_leading_gs() -> None:
    assert product(f"01{GTIN}10ABC").lot == "ABC"
    # Some scanners send FNC1 as a leading GS instead of an AIM identifier.
    assert product(f"{GS}01{GTIN}10ABC{GS}").lot == "ABC"


def test_count_and_net_weight() -> None:
    p = product(f"]C102{GTIN}3712{GS}10B1")
    assert (p.gtin, p.count, p.lot) == (GTIN, 12, "B1")
    assert product(f"]C101{GTIN}306").count == 6
    assert product(f"]C101{GTIN}3103001250").net_weight_kg == pytest.approx(1.25)
    e = error(f"]C102{GTIN}370", ScanErrorCode.INVALID_GS1)
    assert "at least 1" in e.message


def test_invalid_date_names_the_field_and_value() -> None:
    e = error(f"]C101{GTIN}17261331", ScanErrorCode.INVALID_GS1)
    assert e.message == "GS1 expiry date (17) 261331 is not a real date (YYMMDD)."
    e = error(f"]C101{GTIN}17260231", ScanErrorCode.INVALID_GS1)  # 31 February
    assert "260231" in e.message


def test_gtin_in_element_string_with_bad_check_digit() -> None:
    e = error("]C10109506000134353", ScanErrorCode.BAD_CHECK_DIGIT)
    assert e.message == "GTIN check digit should be 2, got 3."


def test_malformed_and_unusable_gs1() -> None:
    e = error("]C1abc", ScanErrorCode.INVALID_GS1)
    assert "'abc'" in e.message
    e = error("]C1412123", ScanErrorCode.INVALID_GS1)
    assert e.message == "GS1 field (412) should be 13 digits, got '123'."
    # Valid GS1 but nothing we can act on: tell the picker to scan the other barcode.
    e = error("]C110ABC", ScanErrorCode.UNKNOWN_FORMAT)
    assert "no GTIN or SSCC" in e.message
    e = error(f"]C101{GTIN}10A{GS}10B", ScanErrorCode.INVALID_GS1)
    assert "two different lot values" in e.message
    error("]C1", ScanErrorCode.EMPTY)
    error(f"]C1{GS}{GS}", ScanErrorCode.EMPTY)


# --- SSCC ------------------------------------------------------------------------------------

SSCC = "106141412345678908"


def test_sscc_valid_in_every_form() -> None:
    for raw in (f"]C100{SSCC}", f"00{SSCC}", SSCC, f"]C100{SSCC}02{GTIN}3712{GS}10L1"):
        result = parse_scan(raw)
        assert result == SsccScan(sscc=SSCC, raw=raw), raw


def test_sscc_bad_check_digit() -> None:
    bad = SSCC[:-1] + "7"
    for raw in (f"]C100{bad}", f"00{bad}", bad):
        e = error(raw, ScanErrorCode.BAD_CHECK_DIGIT)
        assert e.message == "SSCC check digit should be 8, got 7."


# --- GS1 Digital Link ------------------------------------------------------------------------

LINK = f"https://id.gs1.org/01/{GTIN}/10/ABC"


def test_digital_link_with_and_without_plain_qr_identifier() -> None:
    bare = product(LINK)
    assert (bare.gtin, bare.lot, bare.symbology) == (GTIN, "ABC", None)
    # biip does not try a URL after ]Q1/]d1 (plain QR / Data Matrix): the gap DESIGN.md §5 names.
    for aim, name in (("]Q1", "QR Code"), ("]d1", "Data Matrix"), ("]Q3", "GS1 QR Code")):
        p = product(aim + LINK)
        assert (p.gtin, p.lot, p.symbology) == (GTIN, "ABC", name)


def test_digital_link_query_attributes_and_case() -> None:
    p = product(f"https://example.com/01/{GTIN}/21/S1?17=260500&3103=001250")
    assert (p.serial, p.expiry, p.net_weight_kg) == ("S1", date(2026, 5, 31), 1.25)
    # CapsLock on a wedge upper-cases the scheme and host; both are case-insensitive.
    assert product(f"HTTPS://ID.GS1.ORG/01/{GTIN}").gtin == GTIN


def test_digital_link_errors() -> None:
    e = error(f"https://id.gs1.org/01/{GTIN[:-1]}3", ScanErrorCode.BAD_CHECK_DIGIT)
    assert e.message == "GTIN check digit should be 2, got 3."
    error(f"https://id.gs1.org/01/{GTIN}/10", ScanErrorCode.INVALID_GS1)
    error(f"https://id.gs1.org/01/{GTIN}?17=261331", ScanErrorCode.INVALID_GS1)
    e = error("]Q1https://example.com/menu", ScanErrorCode.UNKNOWN_FORMAT)
    assert "not a GS1 Digital Link" in e.message
    error("https://", ScanErrorCode.UNKNOWN_FORMAT)
    error("http://[::1", ScanErrorCode.UNKNOWN_FORMAT)


# --- Bare GTINs --------------------------------------------------------------------------------


def test_ean13_upca_gtin8_gtin14() -> None:
    ean = product("4006381333931")
    assert (ean.gtin, ean.symbology) == ("04006381333931", "EAN-13")
    upc = product("036000291452")
    assert (upc.gtin, upc.symbology) == ("00036000291452", "UPC-A")
    ean8 = product("96385074")
    assert (ean8.gtin, ean8.symbology) == ("00000096385074", "EAN-8")
    assert product(GTIN).gtin == GTIN
    assert product("]E04006381333931").symbology == "EAN-13"
    assert product("]E00036000291452").symbology == "UPC-A"  # AIM sends UPC-A as 13 digits
    assert product("]I1" + GTIN).symbology == "ITF-14"


def test_upc_e_and_add_on() -> None:
    upc_e = product("04252614")  # UPC-E of UPC-A 042100005264
    assert (upc_e.gtin, upc_e.symbology) == ("00042100005264", "UPC-E")
    assert product("]E00425261").gtin == "00042100005264"
    # An EAN-13 with a 2-digit add-on: the add-on (issue number) is not part of the item.
    assert product("]E3400638133393112").gtin == "04006381333931"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("4006381333934", "EAN-13 check digit should be 1, got 4."),
        ("]E04006381333934", "EAN-13 check digit should be 1, got 4."),
        ("036000291453", "UPC-A check digit should be 2, got 3."),
        ("96385075", "EAN-8 check digit should be 4, got 5."),
        ("09506000134353", "GTIN-14 check digit should be 2, got 3."),
    ],
)
def test_bad_check_digit_says_expected_and_found(raw: str, message: str) -> None:
    assert error(raw, ScanErrorCode.BAD_CHECK_DIGIT).message == message


def test_ean_identifier_with_non_digits() -> None:
    error("]E0ABC", ScanErrorCode.UNKNOWN_FORMAT)
    error("]E012345", ScanErrorCode.UNKNOWN_FORMAT)


# --- The GS separator and its substitute -----------------------------------------------------


def test_substitute_separator_restores_the_fields() -> None:
    for sub in ("|", "~", "^"):
        p = product(f"01{GTIN}17260531" + f"10ABC123{sub}21XYZ", gs_substitute=sub)
        assert (p.lot, p.serial, p.warnings) == ("ABC123", "XYZ", ())
        p = product(f"]C101{GTIN}10ABC123{sub}21XYZ{sub}3712", gs_substitute=sub)
        assert (p.lot, p.serial, p.count) == ("ABC123", "XYZ", 12)
    # The real GS still works when a substitute is configured.
    assert product(f"01{GTIN}10ABC{GS}21XYZ", gs_substitute="|").serial == "XYZ"
    # A control character can be the substitute too (some scanners send FS).
    assert product(f"01{GTIN}10ABC\x1c21XYZ", gs_substitute="\x1c").serial == "XYZ"


def test_substitute_not_configured_is_refused_not_swallowed() -> None:
    # '|' is outside the GS1 character set, so the lot stops there and the rest is no AI.
    e = error(f"01{GTIN}10ABC123|21XYZ", ScanErrorCode.INVALID_GS1)
    assert "'|21XYZ'" in e.message


def test_lost_separator_is_flagged_never_silent() -> None:
    # GS lost through a keyboard wedge: the lot swallows the serial. The data alone cannot tell
    # "lot ABC12321XYZ" from "lot ABC123 + serial XYZ", so the scan carries a warning.
    p = product(f"]C101{GTIN}10ABC123" + "21XYZ")
    assert (p.lot, p.serial) == ("ABC12321XYZ", None)
    assert p.warnings == (ScanWarning.POSSIBLE_LOST_SEPARATOR,)
    assert describe(p)["warnings"] == ["possible_lost_separator"]
    # A fixed-length field swallowed after the lot is flagged too.
    p = product(f"01{GTIN}10LOT9" + "17260531")
    assert (p.lot, p.expiry, p.warnings) == (
        "LOT917260531",
        None,
        (ScanWarning.POSSIBLE_LOST_SEPARATOR,),
    )
    # Documented false positive: a real lot that merely contains "21" + text is flagged too.
    assert product(f"01{GTIN}10L2107").warnings == (ScanWarning.POSSIBLE_LOST_SEPARATOR,)
    # No warning when the data has its separators, or when nothing after the lot reads as GS1.
    assert product(f"01{GTIN}10ABC123{GS}21XYZ").warnings == ()
    assert product(f"01{GTIN}17260531" + "10ABC").warnings == ()
    # A lost GS that pushes the lot past its 20 characters breaks the parse: refused.
    error(f"01{GTIN}10ABCDEFGHIJKLMNOPQRS" + "21XYZ", ScanErrorCode.INVALID_GS1)


def test_bad_substitute_setting_is_a_config_error() -> None:
    for bad in ("1", "A", " ", "||"):
        with pytest.raises(ValueError, match="gs_substitute"):
            parse_scan("x", gs_substitute=bad)
    assert validate_gs_substitute("") is None
    assert validate_gs_substitute("|") == "|"
    assert isinstance(parse_scan("4006381333931", gs_substitute=""), ProductScan)


# --- Site codes ------------------------------------------------------------------------------


def test_site_codes() -> None:
    assert parse_scan("A-03-12-2-1") == LocationScan(
        code="A-03-12-2-1", zone="A", aisle=3, bay=12, level=2, slot=1, raw="A-03-12-2-1"
    )
    assert parse_scan("TOTE-0001") == ToteScan(code="TOTE-0001", raw="TOTE-0001")
    assert parse_scan("CART-01") == CartScan(code="CART-01", raw="CART-01")
    assert parse_scan("SO-100001") == OrderScan(number="SO-100001", raw="SO-100001")
    assert parse_scan("USR-1001") == BadgeScan(code="USR-1001", raw="USR-1001")


def test_site_codes_with_capslock_terminators_bytes_and_aim() -> None:
    assert parse_scan("b-20-01-4-1") == LocationScan(
        code="B-20-01-4-1", zone="B", aisle=20, bay=1, level=4, slot=1, raw="b-20-01-4-1"
    )
    assert parse_scan("tote-0042\r\n") == ToteScan(code="TOTE-0042", raw="tote-0042\r\n")
    assert parse_scan(b"usr-1008\r") == BadgeScan(code="USR-1008", raw="usr-1008\r")
    assert parse_scan("So-100200\t") == OrderScan(number="SO-100200", raw="So-100200\t")
    # Printed in plain Code 128 or QR, read by a scanner that sends AIM identifiers.
    assert parse_scan("]C0CART-07") == CartScan(code="CART-07", raw="]C0CART-07")
    assert parse_scan("]Q1TOTE-0003") == ToteScan(code="TOTE-0003", raw="]Q1TOTE-0003")


def test_near_miss_site_codes_are_unknown() -> None:
    for raw in ("A-3-12-2-1", "TOTE-1", "CART-", "SO-12", "USR-10", "ZZ-03-12-2-1", "TOTE-٠٠٠١"):
        error(raw, ScanErrorCode.UNKNOWN_FORMAT)


def test_every_demo_code_parses_to_its_kind() -> None:
    from app.demo.site import generate

    site = generate()
    for loc in site.locations[::50]:
        assert isinstance(parse_scan(loc.code), LocationScan)
    for prod in site.products[::25]:
        assert product(prod.gtin).gtin == prod.gtin.zfill(14)
    for tote in site.totes:
        assert isinstance(parse_scan(tote), ToteScan)
    for order in site.orders[::20]:
        assert isinstance(parse_scan(order.number), OrderScan)
    for user in site.users:
        assert isinstance(parse_scan(user.badge_code), BadgeScan)


# --- Bad input -------------------------------------------------------------------------------


def test_garbage_and_unknown_identifier() -> None:
    e = error("hello world", ScanErrorCode.UNKNOWN_FORMAT)
    assert "'hello world'" in e.message
    e = error("12345", ScanErrorCode.UNKNOWN_FORMAT)
    assert e.message.startswith("5 digits is not a GTIN")
    e = error("]W1abc", ScanErrorCode.UNKNOWN_FORMAT)
    assert "symbology identifier" in e.message
    error("]", ScanErrorCode.UNKNOWN_FORMAT)
    error("x" * 200, ScanErrorCode.UNKNOWN_FORMAT)


def test_empty() -> None:
    for raw in ("", b"", "\r\n", "\r", "   ", "\t"):
        error(raw, ScanErrorCode.EMPTY)
    assert error(GS + GS, ScanErrorCode.EMPTY).message == "Only separators arrived, no data."
    e = error("]d2\r\n", ScanErrorCode.EMPTY)
    assert e.message == "Only the symbology identifier ]d2 arrived, no data."
    error("||", ScanErrorCode.EMPTY, gs_substitute="|")


def test_oversized() -> None:
    e = error("1" * 513, ScanErrorCode.OVERSIZED)
    assert e.message == "Scan is too long: 513 characters, at most 512 allowed."
    assert isinstance(parse_scan("1" * 512), ScanError)  # not oversized, just unknown
    assert parse_scan("1" * 512).code is ScanErrorCode.UNKNOWN_FORMAT  # type: ignore[union-attr]
    error("TOTE-0001", ScanErrorCode.OVERSIZED, max_length=8)
    # A megabyte of noise is refused before it is decoded, and raw stays bounded.
    e = error(b"\xff" * 1_000_000, ScanErrorCode.OVERSIZED)
    assert len(e.raw) <= 4 * 512
    # Terminators do not count towards the limit.
    assert isinstance(parse_scan("4006381333931\r\n", max_length=13), ProductScan)


@pytest.mark.parametrize(
    "raw", ["AB\x07C", "TOTE-0001\x00", "40063\r81333931", "\x1b[A", "01\x7f", "A\x85B"]
)
def test_control_characters(raw: str) -> None:
    e = error(raw, ScanErrorCode.CONTROL_CHARACTERS)
    assert "control character" in e.message


def test_control_character_message_names_it() -> None:
    e = error("AB\x07C", ScanErrorCode.CONTROL_CHARACTERS)
    assert e.message.startswith("Scan contains the control character 0x07 at position 3")
    e = error("TOTE\r0001", ScanErrorCode.CONTROL_CHARACTERS)
    assert "CR at position 5" in e.message


def test_invalid_utf8() -> None:
    e = error(b"TOTE-\xff001", ScanErrorCode.INVALID_ENCODING)
    assert "0xFF at position 6" in e.message
    assert e.raw == "TOTE-\\xff001"
    error("é".encode("latin-1"), ScanErrorCode.INVALID_ENCODING)
    error(b"\xc3", ScanErrorCode.INVALID_ENCODING)  # truncated multi-byte sequence
    assert isinstance(parse_scan("USR-1001".encode("ascii")), BadgeScan)


def test_non_ascii_in_gs1_data() -> None:
    e = error(f"]C101{GTIN}10ÄBC", ScanErrorCode.INVALID_GS1)
    assert "ASCII" in e.message
    # A non-ASCII substitute (a German keyboard's '§') is a separator, not data.
    assert product(f"01{GTIN}10ABC§21X", gs_substitute="§").serial == "X"
    error(f"01{GTIN}10AB§21X", ScanErrorCode.INVALID_GS1)  # not configured: refused


# --- describe ---------------------------------------------------------------------------------


def test_describe_is_json_ready_for_every_kind() -> None:
    views = {
        raw: describe(parse_scan(raw))
        for raw in (
            f"]C101{GTIN}17260531" + f"10ABC123{GS}21XYZ",
            SSCC,
            "A-03-12-2-1",
            "TOTE-0001",
            "CART-01",
            "SO-100001",
            "USR-1001",
            "4006381333934",
        )
    }
    json.dumps(views)
    p = views[f"]C101{GTIN}17260531" + f"10ABC123{GS}21XYZ"]
    assert p == {
        "kind": "product",
        "gtin": GTIN,
        "lot": "ABC123",
        "expiry": "2026-05-31",
        "serial": "XYZ",
        "count": 1,
        "net_weight_kg": None,
        "symbology": "GS1-128",
        "warnings": [],
        "raw": f"]C101{GTIN}17260531" + f"10ABC123{GS}21XYZ",
        "raw_visible": f"]C101{GTIN}17260531" + "10ABC123<GS>21XYZ",
    }
    assert views[SSCC]["sscc"] == SSCC
    assert views["A-03-12-2-1"]["aisle"] == 3
    assert views["SO-100001"]["number"] == "SO-100001"
    assert views["4006381333934"] == {
        "kind": "error",
        "code": "bad_check_digit",
        "message": "EAN-13 check digit should be 1, got 4.",
        "raw": "4006381333934",
        "raw_visible": "4006381333934",
    }
    assert [v["kind"] for v in views.values()] == [
        "product",
        "sscc",
        "location",
        "tote",
        "cart",
        "order",
        "badge",
        "error",
    ]


def test_internal_errors_become_a_scan_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fake bug (monkeypatched): nothing real can make the parser raise, which is the point.
    def broken(*_: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(parser_module, "_parse", broken)
    e = error("TOTE-0001", ScanErrorCode.UNKNOWN_FORMAT)
    assert e.message == INTERNAL_ERROR_MESSAGE


# --- Properties: no input crashes it ------------------------------------------------------------

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUBSTITUTES = st.sampled_from([None, "|", "~", "\x1c"])


def assert_well_formed(result: object) -> None:
    assert isinstance(result, ALL_TYPES)
    assert kind_of(result) in json.loads(json.dumps(describe(result)))["kind"]  # type: ignore[arg-type]
    if isinstance(result, ScanError):
        assert result.message and result.message != INTERNAL_ERROR_MESSAGE
        if "None" not in result.raw:  # no unfilled field in a user-facing message
            assert "None" not in result.message
    if isinstance(result, ProductScan):
        assert len(result.gtin) == 14 and result.gtin.isascii() and result.gtin.isdigit()
        assert result.count >= 1
    if isinstance(result, SsccScan):
        assert len(result.sscc) == 18 and result.sscc.isascii() and result.sscc.isdigit()


@PROPERTY
@given(data=st.binary(max_size=600), sub=SUBSTITUTES)
def test_random_bytes_never_crash(data: bytes, sub: str | None) -> None:
    assert_well_formed(parse_scan(data, gs_substitute=sub))


@PROPERTY
@given(text=st.text(max_size=600), sub=SUBSTITUTES)
def test_random_text_never_crashes(text: str, sub: str | None) -> None:
    assert_well_formed(parse_scan(text, gs_substitute=sub))


AIS = [
    "00",
    "01",
    "02",
    "10",
    "11",
    "15",
    "17",
    "21",
    "30",
    "37",
    "3103",
    "400",
    "412",
    "8200",
    "99",
]
GS1_CHARS = string.ascii_letters + string.digits + "-./_!%&*+,:;<=>?" + GS + "|~]"
PREFIXES = st.sampled_from(["", "]C1", "]d2", "]Q3", "]e0", "]Q1", "]d1", "]E0", "]C0", GS])


@st.composite
def gs1_like(draw: st.DrawFn) -> str:
    parts = [draw(PREFIXES)]
    for _ in range(draw(st.integers(0, 6))):
        parts.append(draw(st.sampled_from(AIS)))
        parts.append(
            draw(st.text(alphabet=GS1_CHARS, max_size=22) | st.text(string.digits, max_size=20))
        )
    return "".join(parts)


@PROPERTY
@given(text=gs1_like(), sub=SUBSTITUTES)
def test_random_gs1_like_strings_never_crash(text: str, sub: str | None) -> None:
    assert_well_formed(parse_scan(text, gs_substitute=sub))


@PROPERTY
@given(
    path=st.lists(
        st.sampled_from(["01", "00", "10", "21", "17", GTIN, SSCC, "x", "%2F", "260500", ""]),
        max_size=8,
    ),
    query=st.text(alphabet=string.ascii_letters + string.digits + "=&%", max_size=30),
)
def test_random_digital_links_never_crash(path: list[str], query: str) -> None:
    assert_well_formed(parse_scan("]Q1https://id.gs1.org/" + "/".join(path) + "?" + query))


def with_check_digit(body: str) -> str:
    return body + str(gs1_check_digit(body))


@PROPERTY
@given(
    body=st.text(string.digits, min_size=13, max_size=13),
    lot=st.text(string.ascii_uppercase + string.digits + "-", min_size=1, max_size=20),
    serial=st.text(string.ascii_letters + string.digits, min_size=1, max_size=20),
    expiry=st.dates(min_value=date(2000, 1, 1), max_value=date(2049, 12, 31)),
    sep=st.sampled_from([GS, "|", "~"]),
    prefix=st.sampled_from(["", "]C1", "]d2", "]Q3"]),
)
def test_encoded_product_round_trips(
    body: str, lot: str, serial: str, expiry: date, sep: str, prefix: str
) -> None:
    gtin = with_check_digit(body)
    raw = f"{prefix}01{gtin}17{expiry:%y%m%d}10{lot}{sep}21{serial}\r\n"
    p = product(raw, gs_substitute=None if sep == GS else sep)
    assert (p.gtin, p.lot, p.serial, p.expiry) == (gtin, lot, serial, expiry)
    assert p.warnings == ()


@PROPERTY
@given(body=st.text(string.digits, min_size=12, max_size=12), wrong=st.integers(1, 9))
def test_any_wrong_ean13_check_digit_is_named(body: str, wrong: int) -> None:
    good = int(with_check_digit(body)[-1])
    bad = (good + wrong) % 10
    e = error(body + str(bad), ScanErrorCode.BAD_CHECK_DIGIT)
    assert e.message == f"EAN-13 check digit should be {good}, got {bad}."
