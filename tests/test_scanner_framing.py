"""Framing and frame checks, byte by byte (pure code: no device needed for these rules)."""

from __future__ import annotations

from drivers.scanners.aim import detect_aim, symbology_name
from drivers.scanners.base import FrameError
from drivers.scanners.framing import Framer, FrameSettings, build_scan


def frames(settings: FrameSettings, *chunks: bytes) -> list[tuple[bytes, FrameError | None]]:
    framer = Framer(settings)
    out = []
    for i, chunk in enumerate(chunks):
        out += [(f.data, f.fault) for f in framer.feed(chunk, float(i))]
    return out


def test_each_terminator_ends_frames() -> None:
    assert frames(FrameSettings("cr"), b"A1\rB2\r") == [(b"A1", None), (b"B2", None)]
    assert frames(FrameSettings("lf"), b"A1\nB2\n") == [(b"A1", None), (b"B2", None)]
    assert frames(FrameSettings("crlf"), b"A1\r\nB2\r", b"\n") == [(b"A1", None), (b"B2", None)]


def test_a_cr_config_tolerates_a_scanner_sending_crlf() -> None:
    framer = Framer(FrameSettings("cr"))
    assert [f.data for f in framer.feed(b"A1\r\nB2\r\n", 0.0)] == [b"A1", b"B2"]
    assert framer.pending == 0  # the stray LF is not left to become an "incomplete frame"


def test_frames_split_across_reads_join_up() -> None:
    assert frames(FrameSettings("crlf"), b"ABC", b"DEF\r", b"\nGH\r\n") == [
        (b"ABCDEF", None),
        (b"GH", None),
    ]


def test_no_terminator_ends_a_frame_after_the_inter_byte_timeout() -> None:
    framer = Framer(FrameSettings("none", inter_byte_timeout=0.05))
    assert framer.feed(b"ABC", 10.0) == []
    assert framer.feed(b"DEF", 10.01) == []
    assert framer.deadline() == 10.06
    assert framer.flush_idle(10.05) == []
    [frame] = framer.flush_idle(10.07)
    assert (frame.data, frame.fault, frame.last_byte_at) == (b"ABCDEF", None, 10.01)


def test_bytes_without_a_terminator_become_an_incomplete_frame() -> None:
    framer = Framer(FrameSettings("cr"))
    framer.feed(b"0061414", 1.0)
    [frame] = framer.flush_idle(5.0)
    assert frame.fault is FrameError.INCOMPLETE
    scan = build_scan(frame, "s", framer.settings)
    assert scan is not None and scan.data == b"0061414" and scan.error_code == "incomplete"
    assert "CR" in (scan.error or "")


def test_oversized_frame_is_reported_and_the_rest_dropped_up_to_the_terminator() -> None:
    settings = FrameSettings("cr", max_length=10)
    got = frames(settings, b"0123456789ABCDEF", b"GHIJ\rOK1\r")
    assert got == [(b"0123456789", FrameError.OVERSIZED), (b"OK1", None)]
    # The same when the whole oversized frame and its terminator arrive in one read.
    got = frames(settings, b"0123456789ABCDEF\rOK2\r")
    assert got == [(b"0123456789", FrameError.OVERSIZED), (b"OK2", None)]


def test_prefix_suffix_and_gs_substitute() -> None:
    settings = FrameSettings.from_text(
        "cr", strip_prefix="\x02", strip_suffix="#", gs_substitute="^"
    )
    [frame] = Framer(settings).feed(b"\x02]C10109501101530003^10LOT7#\r", 1.0)
    scan = build_scan(frame, "dock", settings)
    assert scan is not None
    assert scan.data == b"]C10109501101530003\x1d10LOT7"
    assert (scan.aim, scan.error, scan.source, scan.timestamp) == ("]C1", None, "dock", 1.0)


def test_bad_bytes_are_errors_with_the_bytes_kept() -> None:
    settings = FrameSettings("cr")
    invalid = build_scan(Framer(settings).feed(b"AB\xff\xfeC\r", 0.0)[0], "s", settings)
    assert invalid is not None and invalid.error_code == "invalid_utf8"
    assert invalid.data == b"AB\xff\xfeC" and "0xFF at position 2" in (invalid.error or "")
    noise = build_scan(Framer(settings).feed(b"\x00\x13A\r", 0.0)[0], "s", settings)
    assert noise is not None and noise.error_code == "control_characters"
    [frame] = Framer(settings).feed(b"]d2010950110153000310A\x1d21S\r", 0.0)
    gs1 = build_scan(frame, "s", settings)
    assert gs1 is not None and gs1.error is None and gs1.aim == "]d2"


def test_empty_frames_are_ignored() -> None:
    settings = FrameSettings("cr")
    scans = [build_scan(f, "s", settings) for f in Framer(settings).feed(b"\r\r\n", 0.0)]
    assert scans and all(scan is None for scan in scans)


def test_aim_detection() -> None:
    assert detect_aim(b"]Q3https://id.gs1.org/01/09501101530003") == "]Q3"
    assert detect_aim(b"]E04006381333931") == "]E0"
    assert detect_aim(b"4006381333931") is None
    assert detect_aim(b"]1X") is None
    assert symbology_name("]C1") == "GS1-128"
    assert symbology_name("]C0") == "Code 128"
    assert symbology_name(None) is None
