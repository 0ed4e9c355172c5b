"""The label's QR code: its mask is chosen by the ISO/IEC 18004 penalty score, and every
module is a whole number of printer dots once poppler rasterizes the label.

The penalty scorer below is written from the standard's four rules (section 7.8.3) so that
the writer's choice is checked against an independent reading, not against itself.
"""

from __future__ import annotations

import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from app.domain.sscc import make_sscc
from app.labels import Address, LabelData, digital_link_uri, render_label
from app.labels.qr import ERROR_CORRECTION, qr_matrix

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")

Matrix = list[list[bool]]
FINDER_LIKE = [True, False, True, True, True, False, True]  # 1:1:3:1:1
LIGHT4 = [False] * 4


def iso_penalty(matrix: Matrix) -> int:
    """ISO/IEC 18004:2015 7.8.3: N1 = 3, N2 = 3, N3 = 40, N4 = 10; outside the symbol is light."""
    n = len(matrix)
    lines = matrix + [[matrix[r][c] for r in range(n)] for c in range(n)]
    score = 0
    for line in lines:  # rule 1: five or more same-coloured modules in a row
        run = 1
        for prev, cur in pairwise(line):
            if cur == prev:
                run += 1
                continue
            score += run - 2 if run >= 5 else 0
            run = 1
        score += run - 2 if run >= 5 else 0
    for r in range(n - 1):  # rule 2: 2x2 blocks of one colour
        for c in range(n - 1):
            if matrix[r][c] == matrix[r][c + 1] == matrix[r + 1][c] == matrix[r + 1][c + 1]:
                score += 3
    for line in lines:  # rule 3: finder-like pattern with four light modules on one side
        padded = LIGHT4 + line + LIGHT4
        for i in range(4, len(padded) - 10):
            if padded[i : i + 7] == FINDER_LIKE and LIGHT4 in (
                padded[i - 4 : i],
                padded[i + 7 : i + 11],
            ):
                score += 40
    dark_percent = 100 * sum(map(sum, matrix)) / (n * n)  # rule 4: dark/light balance
    return score + int(abs(dark_percent - 50) // 5) * 10


def with_mask(data: str, mask: int) -> Matrix:
    """The same symbol forced to one data mask (the writer's ``data_mask`` option)."""
    symbol = zxingcpp.create_barcode(
        data, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_CORRECTION, data_mask=mask
    )
    image = symbol.to_image(scale=1, add_quiet_zones=False)
    side = image.shape[1]
    pixels = bytes(image)
    return [[p == 0 for p in pixels[r * side : (r + 1) * side]] for r in range(side)]


URIS = [
    digital_link_uri("https://id.example.com", make_sscc(0, "0614141", serial), order)
    for serial, order in [
        (1, "SO-100001"),
        (42, "SO-100042"),
        (977, "SO-100200"),
        (123456789, "A B/1"),
        (31, "SO-000000"),
        (5000, "ORDER-7"),
        (65535, "SO-123456"),
        (88888, "x"),
    ]
]


@pytest.mark.parametrize("uri", URIS)
def test_qr_mask_has_the_lowest_iso_penalty(uri: str) -> None:
    chosen = qr_matrix(uri)
    variants = [with_mask(uri, mask) for mask in range(8)]
    assert chosen in variants  # same data, version and level: only the mask may differ
    penalties = [iso_penalty(v) for v in variants]
    assert iso_penalty(chosen) == min(penalties), penalties


def test_qr_masks_differ_between_symbols() -> None:
    """A fixed mask would pass the decode tests too; the choice must depend on the data."""
    masks = {next(m for m in range(8) if with_mask(u, m) == qr_matrix(u)) for u in URIS}
    assert len(masks) > 1


def _runs(row: list[bool]) -> list[int]:
    runs, current, count = [], row[0], 0
    for v in row:
        if v == current:
            count += 1
        else:
            runs.append(count)
            current, count = v, 1
    runs.append(count)
    return runs


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize(("dpi", "module"), [(203, 4), (300, 6)])
def test_qr_modules_are_whole_dots_in_the_raster(dpi: int, module: int, tmp_path: Path) -> None:
    data = LabelData(
        sscc=make_sscc(1, "0614141", 123456789),
        order_number="SO-100042",
        carton_index=1,
        carton_count=1,
        weight_g=1000,
        carrier="SF Express",
        service="Standard",
        ship_from=Address("Warehouse Station Demo DC", ("Lagerstraße 1",), "DE"),
        ship_to=Address("王芳", ("南京东路128号",), "CN"),
    )
    (tmp_path / "label.pdf").write_bytes(render_label(data, "4x6", dpi))
    subprocess.run(
        ["pdftoppm", "-mono", "-r", str(dpi), "-png", "-singlefile", "label.pdf", "r"],
        cwd=tmp_path,
        check=True,
    )
    image = Image.open(tmp_path / "r.png").convert("L")
    qr = next(r for r in zxingcpp.read_barcodes(image) if r.format.name == "QRCode")
    left, top = qr.position.top_left.x, qr.position.top_left.y
    side = len(qr_matrix(qr.text)) * module
    for y in range(top + module // 2, top + side, module):  # one scan line per module row
        row = [image.getpixel((x, y)) < 128 for x in range(left - module, left + side + module)]
        runs = _runs(row)
        assert all(r % module == 0 for r in runs[1:-1]), (y, runs)
