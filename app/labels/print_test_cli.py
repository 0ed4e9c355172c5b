"""``main.py print-test --printer NAME``: send a test label through the real print path.

The job goes through the print queue like any label (stored first, then sent) and is sent
once, right here; the outcome or the reason it failed is printed. A failed job stays queued
and the running station retries it.
"""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--printer", help="printer name from the config (default: the first)")


def main(args: argparse.Namespace) -> int:
    import sys

    from app.bootstrap import open_core
    from app.labels.sample import sample_label_pdf
    from app.services.print_queue import PrintQueue
    from app.services.printers import PrinterRegistry

    core = open_core()
    try:
        registry = PrinterRegistry(core.config, core.data_dir)
        name = args.printer or registry.default_name()
        cfg = registry.config(name)
        if cfg is None:
            known = ", ".join(registry.names())
            print(f"no printer named {name!r}; configured: {known}", file=sys.stderr)
            return 2
        queue = PrintQueue(core, registry)
        job_id = queue.submit(name, sample_label_pdf(core.config, cfg.label_size, cfg.dpi))
        view, _health = queue.send(job_id)
    finally:
        core.close()
    if view is None or view.status != "printed":
        reason = view.last_error if view else "the job was taken by another process"
        print(f"job {job_id} to {name} NOT printed: {reason}", file=sys.stderr)
        return 1
    print(f"job {job_id}: test label sent to {name} ({cfg.type}, {cfg.label_size}, {cfg.dpi} dpi)")
    return 0
