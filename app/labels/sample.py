"""The label sent by "Test print" and ``main.py print-test``: every block, an obvious note."""

from __future__ import annotations

from app.config import StationConfig
from app.domain.sscc import make_sscc
from app.labels import Address, LabelData, render_label

TEST_NOTE = "TEST PRINT - NOT FOR SHIPPING"


def sample_label_data(config: StationConfig) -> LabelData:
    return LabelData(
        sscc=make_sscc(0, config.gs1_company_prefix, 0),
        order_number="SO-000000",
        carton_index=1,
        carton_count=1,
        weight_g=1234,
        carrier="TEST",
        service=config.station_name,
        ship_from=Address(config.station_name, (config.station_id,), ""),
        ship_to=Address("测试 Test", ("南京东路1号 / Main Street 1", "上海市 200000"), "CN"),
        resolver=config.label_resolver,
        note=TEST_NOTE,
    )


def sample_label_pdf(config: StationConfig, size: str, dpi: int) -> bytes:
    return render_label(sample_label_data(config), size, dpi)
