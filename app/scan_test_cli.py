"""``main.py scan-test --port PORT``: read a serial scanner and print every scan, raw and parsed.

For admins working over ssh: each scan shows its bytes in hex, the AIM identifier and what the
station's parser makes of it; with ``--json`` one JSON object per line on stdout, for scripts.
Bad input (noise, a wrong baud rate, unknown codes) is reported and reading goes on; health
changes (connected, unplugged, ...) go to stderr. An unplugged scanner is waited for; an error
only an admin can fix (permission, a port that is no serial port) ends it with status 1, bad
options with status 2. Ctrl+C ends it.

Only the standard library is imported at the top: ``main.py --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import time
from datetime import datetime
from typing import Any


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", required=True, help="serial port, e.g. /dev/ttyACM0")
    parser.add_argument("--baud", type=int, default=9600, help="baud rate (default 9600)")
    parser.add_argument(
        "--parity", default="none", choices=("none", "even", "odd", "mark", "space")
    )
    parser.add_argument(
        "--terminator",
        default="cr",
        choices=("cr", "lf", "crlf", "none"),
        help="what ends a scan (default cr; none: a pause of --inter-byte-timeout ms)",
    )
    parser.add_argument("--inter-byte-timeout", type=int, default=50, metavar="MS")
    parser.add_argument("--strip-prefix", default="", help="text the scanner puts before data")
    parser.add_argument("--strip-suffix", default="", help="text the scanner puts after data")
    parser.add_argument(
        "--gs-substitute", default="", metavar="CHAR", help="character sent in place of GS"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per scan and line")
    parser.add_argument("--count", type=int, default=0, help="stop after this many scans")


def main(args: argparse.Namespace) -> int:
    from app.scan import validate_gs_substitute
    from drivers.scanners.base import HealthState
    from drivers.scanners.framing import FrameSettings
    from drivers.scanners.serial_scanner import SerialScanner, SerialSettings

    try:
        validate_gs_substitute(args.gs_substitute)
        frame = FrameSettings.from_text(
            args.terminator,
            args.inter_byte_timeout,
            args.strip_prefix,
            args.strip_suffix,
            args.gs_substitute,
        )
        scanner = SerialScanner(
            "scan-test", SerialSettings(args.port, args.baud, args.parity, frame)
        )
    except ValueError as exc:
        print(f"scan-test: {exc}", file=sys.stderr)
        return 2
    events: queue.Queue[tuple[str, Any]] = queue.Queue()
    scanner.start(lambda s: events.put(("scan", s)), lambda h: events.put(("health", h)))
    seen = 0
    try:
        while not args.count or seen < args.count:
            try:
                kind, item = events.get(timeout=0.5)
            except queue.Empty:
                continue
            if kind == "health":
                reason = f": {item.reason}" if item.reason else ""
                print(f"# {item.state}{reason}", file=sys.stderr, flush=True)
                if item.state is HealthState.ERROR:
                    return 1  # needs the admin (permission, settings): waiting would not help
                continue
            seen += 1
            record = scan_record(item, time.monotonic())
            print(json.dumps(record, ensure_ascii=False) if args.json else as_text(record))
            sys.stdout.flush()
    except KeyboardInterrupt:
        pass
    finally:
        scanner.stop()
    return 0


def scan_record(raw: Any, now: float) -> dict[str, Any]:
    """One scan as a flat JSON-friendly dict: raw bytes, AIM, parsed kind and fields, or error."""
    from app.scan import describe, parse_scan, visible
    from drivers.scanners.aim import symbology_name

    record: dict[str, Any] = {
        "time": datetime.now().isoformat(timespec="milliseconds"),
        "source": raw.source,
        "raw_hex": raw.data.hex(" ").upper(),
        "raw": visible(raw.data.decode("utf-8", errors="backslashreplace")),
        "aim": raw.aim,
        "symbology": symbology_name(raw.aim),
        "latency_ms": round((now - raw.timestamp) * 1000.0, 3),
    }
    if raw.error is not None:
        record.update(
            kind="error", error={"from": "driver", "code": raw.error_code, "message": raw.error}
        )
        return record
    view = describe(parse_scan(raw.data))
    view.pop("raw", None)
    view.pop("raw_visible", None)
    if view["kind"] == "error":
        record.update(
            kind="error",
            error={"from": "parser", "code": view["code"], "message": view["message"]},
        )
    else:
        record.update(view)
        record["error"] = None
    return record


def as_text(record: dict[str, Any]) -> str:
    aim = record["aim"] or "no AIM id"
    if record["symbology"]:
        aim += f" ({record['symbology']})"
    lines = [
        f"[{record['time'][11:]}] {record['source']}: {aim}",
        f"  hex:  {record['raw_hex']}",
        f"  text: {record['raw']}",
    ]
    error = record.get("error")
    if error:
        lines.append(f"  ERROR ({error['from']}, {error['code']}): {error['message']}")
    else:
        skip = {"time", "source", "raw_hex", "raw", "aim", "symbology", "latency_ms", "kind"}
        fields = "  ".join(
            f"{k}={v}" for k, v in record.items() if k not in skip and v not in (None, [], "")
        )
        lines.append(f"  {record['kind']}: {fields}")
    return "\n".join(lines)
