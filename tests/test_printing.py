"""Printers and the print queue against real endpoints: a PDF folder, a TCP server standing
in for a 9100 printer (also refusing, then coming back), and a real CUPS queue (cups-pdf)."""

from __future__ import annotations

import functools
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.config import PrinterConfig, StationConfig
from app.domain.sscc import make_sscc
from app.labels import Address, LabelData, render_label
from app.persistence.models import OutboxEvent, PrintJob
from app.services.print_queue import PRINTED, RETRYING, Backoff, PrintQueue, PrintWorker
from app.services.printers import PrinterRegistry
from drivers.printers.base import HealthState
from drivers.printers.cups import CupsPrinter, list_queues
from drivers.printers.raw_tcp import RawTcpPrinter
from tests.printing_fixtures import (
    FakeRawPrinter,
    cups_pdf_output_dir,
    free_port,
    run_cups_queue,
    run_raw_printer,
    wait_for,
)

raw_printer = pytest.fixture(run_raw_printer, name="raw_printer")
cups_queue = pytest.fixture(run_cups_queue, scope="session", name="cups_queue")

FAST = Backoff(first_s=0.05, factor=2.0, max_s=0.2)


@functools.cache
def label(serial: int = 1) -> bytes:
    data = LabelData(
        sscc=make_sscc(0, "0614141", serial),
        order_number="SO-100001",
        carton_index=1,
        carton_count=1,
        weight_g=500,
        carrier="DHL",
        service="Paket",
        ship_from=Address("DC", ("Lagerstraße 1",), "DE"),
        ship_to=Address("李伟", ("长安街1号",), "CN"),
    )
    return render_label(data)


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
    assert sorted(raw_printer.documents) == sorted([label(1), label(2)])
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
        assert printer.documents == [label(7)]
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
