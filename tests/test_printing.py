"""Printers and the print queue against real endpoints: a PDF folder, a TCP server standing
in for a 9100 printer (also refusing, then coming back), and a real CUPS queue (cups-pdf).

A raw 9100 printer speaks ZPL by default: what the TCP server receives is parsed back into
the bitmap the printer would burn (``decode_zpl``) and scanned with zxing-cpp.
"""

from __future__ import annotations

import functools
import itertools
import os
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from sqlalchemy import select

from app.config import PrinterConfig, StationConfig
from app.domain.sscc import make_sscc
from app.labels import LABEL_SIZES, Address, LabelData, render_label
from app.labels.zpl import pdf_to_zpl
from app.persistence.models import OutboxEvent, PrintJob
from app.services.print_queue import PRINTED, RETRYING, Backoff, PrintQueue, PrintWorker
from app.services.printers import PrinterRegistry
from drivers.printers.base import HealthState
from drivers.printers.cups import CupsPrinter, list_queues
from drivers.printers.raw_tcp import RawTcpPrinter
from tests.printing_fixtures import (
    FakeRawPrinter,
    cups_pdf_output_dir,
    cups_raw_queue,
    decode_zpl,
    free_port,
    run_cups_queue,
    run_raw_printer,
    wait_for,
)

raw_printer = pytest.fixture(run_raw_printer, name="raw_printer")
cups_queue = pytest.fixture(run_cups_queue, scope="session", name="cups_queue")

FAST = Backoff(first_s=0.05, factor=2.0, max_s=0.2)
SCREENS = Path(os.environ.get("WS_SCREENS_DIR", "/work/screens")) / "zpl"
# ^PW and ^LL: the label stock in whole dots at the printer's resolution.
MEDIA_DOTS = {
    ("4x6", 203): (812, 1218),
    ("4x6", 300): (1200, 1800),
    ("100x150", 203): (799, 1199),
    ("100x150", 300): (1181, 1772),
}


def label_data(serial: int = 1, order: str = "SO-100001") -> LabelData:
    return LabelData(
        sscc=make_sscc(0, "0614141", serial),
        order_number=order,
        carton_index=1,
        carton_count=1,
        weight_g=500,
        carrier="DHL",
        service="Paket",
        ship_from=Address("DC", ("Lagerstraße 1",), "DE"),
        ship_to=Address("李伟", ("长安街1号",), "CN"),
    )


@functools.cache
def label(serial: int = 1, size: str = "4x6", dpi: int = 203) -> bytes:
    return render_label(label_data(serial), size, dpi)


def zpl(document: bytes, size: str = "4x6", dpi: int = 203) -> bytes:
    """What a ZPL printer with this stock and resolution is sent for the label PDF."""
    return pdf_to_zpl(document, dpi, LABEL_SIZES[size])


def scan(image: Any) -> dict[str, Any]:
    """Decoded symbols by kind: "QR", and each Code 128 by its symbology identifier."""
    found: dict[str, Any] = {}
    for r in zxingcpp.read_barcodes(image):
        key = "QR" if r.format.name == "QRCode" else r.symbology_identifier
        assert key not in found, f"two symbols of one kind: {key}"
        found[key] = r
    return found


def bar_runs(image: Any, symbol: Any) -> list[int]:
    """Widths in dots of the bars and spaces across the middle of a decoded 1-D symbol."""
    y = (symbol.position.top_left.y + symbol.position.bottom_left.y) // 2
    left = max(0, min(symbol.position.top_left.x, symbol.position.bottom_left.x) - 8)
    right = min(image.width, max(symbol.position.top_right.x, symbol.position.bottom_right.x) + 8)
    row = [image.getpixel((x, y)) < 128 for x in range(left, right)]
    runs, count = [], 1
    for a, b in itertools.pairwise(row):
        if a == b:
            count += 1
        else:
            runs.append(count)
            count = 1
    runs.append(count)
    return runs[1:-1]  # without the white margins either side


def assert_whole_modules(runs: list[int], module: int) -> None:
    """Every bar and space is 1-4 modules of exactly ``module`` dots: none gained a dot."""
    assert min(runs) == module, runs
    assert all(r % module == 0 and 1 <= r // module <= 4 for r in runs), runs


def make_queue(core, printers: list[PrinterConfig]) -> PrintQueue:
    config = replace(StationConfig(), printers=printers)
    return PrintQueue(core, PrinterRegistry(config, core.data_dir), FAST)


@pytest.fixture
def worker_factory():
    workers: list[PrintWorker] = []

    def make(queue: PrintQueue, **kw) -> PrintWorker:
        w = PrintWorker(queue, health_interval_s=0.2, idle_wait_s=0.05, **kw)
        workers.append(w)
        w.start()
        return w

    yield make
    for w in workers:
        w.stop()
        assert not w.running


def job_row(core, job_id: int) -> PrintJob:
    with core.uow() as uow:
        job = uow.session.get_one(PrintJob, job_id)
        uow.session.expunge(job)
        return job


def test_pdf_folder_is_the_default_printer(core, tmp_path: Path) -> None:
    registry = PrinterRegistry(replace(StationConfig(), printers=[]), core.data_dir)
    assert registry.names() == ["labels"] and registry.default_name() == "labels"
    queue = PrintQueue(core, registry, FAST)
    job_id = queue.submit("labels", label())
    view, health = queue.send(job_id)
    assert view is not None and view.status == PRINTED
    assert health is not None and health.state is HealthState.CONNECTED
    files = list((core.data_dir / "labels").glob("*.pdf"))
    assert len(files) == 1 and files[0].read_bytes() == label()
    assert not list((core.data_dir / "labels").glob("*.part"))


def test_job_is_stored_before_it_is_sent_and_pending_jobs_survive_a_restart(
    core, raw_printer: FakeRawPrinter, worker_factory
) -> None:
    queue = make_queue(
        core, [PrinterConfig(name="zebra", type="raw", host="127.0.0.1", port=raw_printer.port)]
    )
    first = queue.submit("zebra", label(1))
    second = queue.submit("zebra", label(2))
    # The station "crashed" while sending the second job: it is found 'sending' at start.
    with core.uow() as uow:
        uow.session.get_one(PrintJob, second).status = "sending"
        uow.commit()
    assert raw_printer.documents == []  # nothing sent yet: stored only
    worker_factory(queue)  # a fresh worker after the "restart"
    wait_for(lambda: len(raw_printer.documents) == 2, what="both jobs printed")
    assert sorted(raw_printer.documents) == sorted([zpl(label(1)), zpl(label(2))])
    assert job_row(core, first).status == PRINTED and job_row(core, second).status == PRINTED


def test_refused_then_back_prints_exactly_once(core, worker_factory) -> None:
    port = free_port()
    queue = make_queue(core, [PrinterConfig(name="zebra", type="raw", host="127.0.0.1", port=port)])
    seen = []
    health = []
    worker = worker_factory(queue, on_job=seen.append, on_health=lambda n, h: health.append((n, h)))
    job_id = queue.submit("zebra", label(7))
    worker.wake()
    # A job counts its attempt when it is claimed ("sending"), so wait for the refusal too.
    wait_for(
        lambda: job_row(core, job_id).attempts >= 2 and job_row(core, job_id).status == RETRYING,
        what="two refused attempts",
    )
    job = job_row(core, job_id)
    assert job.status == RETRYING
    assert "connection refused" in (job.last_error or "")
    assert any(v.status == RETRYING and "refused" in (v.last_error or "") for v in seen)
    assert any(h.state is HealthState.ERROR and "refused" in h.reason for _, h in health)
    printer = FakeRawPrinter(port).start()  # the printer is switched back on
    try:
        wait_for(lambda: job_row(core, job_id).status == PRINTED, what="the job to print")
        worker.stop()  # no further sends can happen after this point
        assert printer.documents == [zpl(label(7))]
    finally:
        printer.stop()
    assert job_row(core, job_id).last_error is None
    assert ("zebra", HealthState.CONNECTED) in [(n, h.state) for n, h in health]


def test_timeout_is_a_reason_too() -> None:
    # 192.0.2.1 (TEST-NET-1) is never routed; a tiny timeout turns it into "no answer".
    printer = RawTcpPrinter("x", "192.0.2.1", 9100, timeout_s=0.05)
    health = printer.check()
    assert health.state is HealthState.ERROR
    assert "192.0.2.1:9100" in health.reason


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("size", ["4x6", "100x150"])
def test_raw_printer_gets_zpl_that_scans(core, raw_printer, size: str, dpi: int) -> None:
    queue = make_queue(
        core,
        [
            PrinterConfig(
                name="zebra",
                type="raw",
                host="127.0.0.1",
                port=raw_printer.port,
                label_size=size,
                dpi=dpi,
            )
        ],
    )
    serial = 5000 + dpi
    sscc = make_sscc(0, "0614141", serial)
    job_id = queue.submit("zebra", label(serial, size, dpi))  # stored as PDF
    assert job_row(core, job_id).document.startswith(b"%PDF")
    view, _ = queue.send(job_id)
    assert view is not None and view.status == PRINTED, view
    (received,) = raw_printer.documents
    printed = decode_zpl(received)
    assert (printed.width, printed.length) == MEDIA_DOTS[(size, dpi)]
    assert printed.copies == 1 and printed.origin == (0, 0)
    assert printed.image.size == MEDIA_DOTS[(size, dpi)]  # the whole label, one bitmap
    found = scan(printed.image)
    assert set(found) == {"QR", "]C0", "]C1"}
    assert found["QR"].text == f"https://id.example.com/00/{sscc}?400=SO-100001"
    assert found["]C0"].text == "SO-100001"
    assert found["]C1"].bytes == b"00" + sscc.encode()
    assert found["]C1"].text == f"(00){sscc}"
    # Bars on whole dots: 0.5 mm SSCC modules, 0.375 mm order modules, rounded to dots.
    assert_whole_modules(bar_runs(printed.image, found["]C1"]), 4 if dpi == 203 else 6)
    assert_whole_modules(bar_runs(printed.image, found["]C0"]), 3 if dpi == 203 else 4)
    try:  # what the printer would burn, to look at (Chinese ship-to)
        SCREENS.mkdir(parents=True, exist_ok=True)
        printed.image.save(SCREENS / f"zpl-{size}-{dpi}dpi.png")
    except OSError:
        pass


@pytest.mark.parametrize("dpi", [203, 300])
def test_narrowest_bars_keep_whole_dots_in_zpl(dpi: int) -> None:
    # A long order number shrinks the order barcode to 2-dot modules at 203 dpi, where PDFium
    # would round a 2-dot bar up to 3 dots if the converter rendered at the exact scale.
    order = "SO-1000420000-XYZ-ABCDE"
    printed = decode_zpl(zpl(render_label(label_data(77, order), "4x6", dpi), "4x6", dpi))
    found = scan(printed.image)
    assert found["]C0"].text == order
    assert_whole_modules(bar_runs(printed.image, found["]C0"]), 2 if dpi == 203 else 3)
    assert found["]C1"].bytes == b"00" + make_sscc(0, "0614141", 77).encode()


def test_raw_printer_set_to_pdf_gets_the_pdf_as_is(core, raw_printer) -> None:
    cfg = PrinterConfig(
        name="pdfprinter", type="raw", host="127.0.0.1", port=raw_printer.port, language="pdf"
    )
    queue = make_queue(core, [cfg])
    view, _ = queue.send(queue.submit("pdfprinter", label(11)))
    assert view is not None and view.status == PRINTED
    assert raw_printer.documents == [label(11)]


def test_a_label_of_the_wrong_size_is_refused_visibly_and_nothing_is_sent(
    core, raw_printer
) -> None:
    cfg = PrinterConfig(
        name="zebra", type="raw", host="127.0.0.1", port=raw_printer.port, label_size="100x150"
    )
    queue = make_queue(core, [cfg])
    job_id = queue.submit("zebra", label(12))  # a 4x6 in label, queued before a stock change
    view, health = queue.send(job_id)
    assert view is not None and view.status == RETRYING
    assert "set up for 100x150 labels" in (view.last_error or ""), view.last_error
    assert health is not None and health.state is HealthState.ERROR
    assert raw_printer.documents == []  # converted before connecting: no half job
    assert job_row(core, job_id).document == label(12)  # kept for a retry or a reprint


def test_label_printed_event_is_written_with_the_status(core, raw_printer) -> None:
    from app.persistence.models import Carton, Order, Shipment

    with core.uow() as uow:
        order = uow.session.scalars(select(Order).order_by(Order.id)).first()
        carton = Carton(order_id=order.id, sequence=1, status="closed")
        uow.session.add(carton)
        uow.session.flush()
        shipment = Shipment(
            order_id=order.id,
            carton_id=carton.id,
            sscc=make_sscc(0, "0614141", 99),
            carrier="DHL",
            service="Paket",
            weight_g=900,
        )
        uow.session.add(shipment)
        uow.session.flush()
        shipment_id, number = shipment.id, order.number
        uow.commit()
    queue = make_queue(
        core, [PrinterConfig(name="zebra", type="raw", host="127.0.0.1", port=raw_printer.port)]
    )
    job_id = queue.submit("zebra", label(99), shipment_id=shipment_id)
    view, _ = queue.send(job_id)
    assert view is not None and view.title == f"{number}-1-{make_sscc(0, '0614141', 99)}"
    with core.uow() as uow:
        events = uow.session.scalars(
            select(OutboxEvent).where(OutboxEvent.type == "label.printed")
        ).all()
        assert len(events) == 1
        assert events[0].payload["order"] == number
        assert events[0].payload["sscc"] == make_sscc(0, "0614141", 99)
        assert events[0].payload["carton"] == 1
    # Sending again is a no-op: the job is no longer waiting.
    assert queue.send(job_id) == (None, None)


def test_cancel_stops_retries_and_is_audited(core) -> None:
    queue = make_queue(
        core, [PrinterConfig(name="zebra", type="raw", host="127.0.0.1", port=free_port())]
    )
    job_id = queue.submit("zebra", label())
    view, _ = queue.send(job_id)
    assert view is not None and view.status == RETRYING
    queue.cancel(job_id, user_id=None)
    assert job_row(core, job_id).status == "cancelled"
    assert queue.due(datetime.now(UTC).replace(year=2100)) == []


@pytest.mark.cups
def test_end_to_end_through_a_real_cups_queue(core, cups_queue: str, tmp_path: Path) -> None:
    assert cups_queue in list_queues()
    out_dir = cups_pdf_output_dir()
    before = set(out_dir.glob("*.pdf")) if out_dir.exists() else set()
    queue = make_queue(
        core, [PrinterConfig(name="cups", type="cups", queue=cups_queue, label_size="4x6")]
    )
    document = label(4242)
    job_id = queue.submit("cups", document)
    view, _ = queue.send(job_id)
    assert view is not None and view.status == PRINTED, view
    wait_for(lambda: set(out_dir.glob("*.pdf")) - before, 60.0, "cups-pdf output")
    (new,) = set(out_dir.glob("*.pdf")) - before

    def complete() -> bool:  # cups-pdf writes the file in steps; wait for a whole PDF
        done = subprocess.run(["lpstat", "-o", cups_queue], capture_output=True, text=True)
        info = subprocess.run(["pdfinfo", str(new)], capture_output=True, text=True)
        return done.stdout.strip() == "" and info.returncode == 0

    wait_for(complete, 60.0, "cups-pdf to finish the file")
    info = subprocess.run(["pdfinfo", str(new)], capture_output=True, text=True).stdout
    assert "288 x 432 pts" in info  # not scaled to A4 or Letter
    # What came out of CUPS still scans: the SSCC is ours.
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-mono", "-r", "203", "-png", "-singlefile", str(new), str(tmp_path / "o")],
        check=True,
    )
    texts = {r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "o.png"))}
    assert f"(00){make_sscc(0, '0614141', 4242)}" in texts


@pytest.mark.cups
def test_paused_cups_queue_is_reported_then_prints_once_resumed(core, cups_queue: str) -> None:
    printer = CupsPrinter("cups", cups_queue, "Custom.4x6in")
    subprocess.run(["cupsdisable", cups_queue], check=True)
    try:
        health = printer.check()
        assert health.state is HealthState.ERROR and "paused" in health.reason
        queue = make_queue(core, [PrinterConfig(name="cups", type="cups", queue=cups_queue)])
        job_id = queue.submit("cups", label(5))
        view, _ = queue.send(job_id)
        assert view is not None and view.status == RETRYING
        assert "paused" in (view.last_error or "")
    finally:
        subprocess.run(["cupsenable", cups_queue], check=True)
    assert printer.check().state is HealthState.CONNECTED
    queue.retry_now(job_id)
    view, _ = queue.send(job_id)
    assert view is not None and view.status == PRINTED and view.attempts == 2


@pytest.mark.cups
def test_zpl_through_a_raw_cups_queue(core, cups_queue: str, raw_printer) -> None:
    # A raw CUPS queue in front of the 9100 stand-in: CUPS passes the ZPL through untouched.
    assert cups_queue  # the scheduler is running
    with cups_raw_queue(raw_printer.port) as raw_queue:
        cfg = PrinterConfig(name="cz", type="cups", queue=raw_queue, language="zpl")
        queue = make_queue(core, [cfg])
        view, _ = queue.send(queue.submit("cz", label(13)))
        assert view is not None and view.status == PRINTED, view
        wait_for(lambda: raw_printer.documents, 60.0, "CUPS to deliver the job")
    assert raw_printer.documents == [zpl(label(13))]
    found = scan(decode_zpl(raw_printer.documents[0]).image)
    assert found["]C1"].bytes == b"00" + make_sscc(0, "0614141", 13).encode()
