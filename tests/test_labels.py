"""Labels scan at printer resolution: rasterized by poppler, decoded by zxing-cpp.

Every size at 203 and 300 dpi; the QR, the order Code 128 and the SSCC GS1-128 must decode to
exactly the expected data, bars must sit on whole dots, and every font must be embedded.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.domain.sscc import make_sscc
from app.labels import LABEL_SIZES, Address, LabelData, digital_link_uri, render_label
from app.labels.qr import merged_rects, qr_matrix

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftoppm, pdffonts) is not installed",
)

SSCC = make_sscc(1, "0614141", 123456789)
DATA = LabelData(
    sscc=SSCC,
    order_number="SO-100042",
    carton_index=2,
    carton_count=3,
    weight_g=1875,
    carrier="SF Express",
    service="International Standard",
    ship_from=Address("Warehouse Station Demo DC", ("Lagerstraße 1", "20095 Hamburg"), "DE"),
    ship_to=Address("王芳", ("南京东路128号", "12楼3室", "上海市 上海 200000"), "CN"),
    resolver="https://id.example.com",
)


def rasterize(pdf: bytes, dpi: int, tmp_path: Path) -> object:
    src = tmp_path / "label.pdf"
    src.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-mono", "-r", str(dpi), "-png", "-singlefile", str(src), str(tmp_path / "r")],
        check=True,
    )
    return Image.open(tmp_path / "r.png")


def decode(image: object) -> dict[str, list[object]]:
    found: dict[str, list[object]] = {}
    for r in zxingcpp.read_barcodes(image):
        found.setdefault(r.format.name, []).append(r)
    return found


@needs_poppler
@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("size", sorted(LABEL_SIZES))
def test_every_barcode_decodes_at_printer_resolution(size: str, dpi: int, tmp_path: Path) -> None:
    pdf = render_label(DATA, size, dpi)
    image = rasterize(pdf, dpi, tmp_path)
    found = decode(image)
    assert [r.text for r in found["QRCode"]] == [f"https://id.example.com/00/{SSCC}?400=SO-100042"]
    codes = {r.symbology_identifier: r for r in found["Code128"]}
    assert set(codes) == {"]C0", "]C1"}  # plain Code 128 and GS1-128 (FNC1 first)
    assert codes["]C0"].text == "SO-100042"
    assert codes["]C1"].bytes == b"00" + SSCC.encode()
    assert codes["]C1"].text == f"(00){SSCC}"


@needs_poppler
@pytest.mark.parametrize("dpi", [203, 300])
def test_page_is_the_label_size_and_fonts_are_embedded(dpi: int, tmp_path: Path) -> None:
    for size, stock in LABEL_SIZES.items():
        path = tmp_path / f"{size}.pdf"
        path.write_bytes(render_label(DATA, size, dpi))
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        assert f"{stock.width_pt:g} x {stock.height_pt:g} pts" in info
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert fonts, "the label has text, so it lists fonts"
        for line in fonts:
            emb = line.split()[-5]  # name type encoding emb sub uni object-id(2 columns)
            assert emb == "yes", line
            assert "WenQuanYiMicroHei" in line  # never STSong-Light or a base-14 font


def _runs(row: list[int]) -> list[int]:
    runs, current, count = [], row[0], 0
    for v in row:
        if v == current:
            count += 1
        else:
            runs.append(count)
            current, count = v, 1
    runs.append(count)
    return runs


@needs_poppler
@pytest.mark.parametrize("dpi", [203, 300])
def test_sscc_bars_are_whole_modules_of_whole_dots(dpi: int, tmp_path: Path) -> None:
    image = rasterize(render_label(DATA, "4x6", dpi), dpi, tmp_path).convert("L")
    found = decode(image)
    gs1 = next(r for r in found["Code128"] if r.symbology_identifier == "]C1")
    top, bottom = gs1.position.top_left.y, gs1.position.bottom_left.y
    y = (top + bottom) // 2
    row = [0 if image.getpixel((x, y)) < 128 else 1 for x in range(image.width)]
    runs = _runs(row)
    # runs: margin, bar, space, bar, ..., margin. Code 128 elements are 1-4 modules wide.
    elements = runs[1:-1]
    module = min(elements)
    assert module == (4 if dpi == 203 else 6)  # 0.5 mm X-dimension on whole dots
    assert all(e % module == 0 and 1 <= e // module <= 4 for e in elements)
    # ten modules of quiet zone at least, on both sides
    assert runs[0] >= 10 * module and runs[-1] >= 10 * module


def test_digital_link_escapes_the_order_number() -> None:
    assert digital_link_uri("https://r.example/", SSCC, "A B/1") == (
        f"https://r.example/00/{SSCC}?400=A%20B%2F1"
    )


def test_qr_path_covers_exactly_the_dark_modules() -> None:
    matrix = qr_matrix(f"https://id.example.com/00/{SSCC}?400=SO-100042")
    covered = [[False] * len(matrix) for _ in matrix]
    for col, row, w, h in merged_rects(matrix):
        for r in range(row, row + h):
            for c in range(col, col + w):
                assert not covered[r][c], "rectangles overlap"
                covered[r][c] = True
    assert covered == matrix
    assert len(merged_rects(matrix)) < sum(map(sum, matrix)) / 2  # merging pays off


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="18 digits"):
        LabelData(**{**DATA.__dict__, "sscc": "123"})
    with pytest.raises(ValueError, match="unknown label size"):
        render_label(DATA, "a4")
    with pytest.raises(ValueError, match="dpi"):
        render_label(DATA, "4x6", 600)
