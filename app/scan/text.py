"""From scanner bytes to clean text, or the reason the frame cannot be text at all.

Scanners and keyboard wedges add terminators and, on bad cables or wrong settings, noise. This
module is the only place that decides what counts as text; the parsers after it see a
non-empty string with no control characters except the GS separator.
"""

from __future__ import annotations

from app.scan.types import ScanError, ScanErrorCode

GS = "\x1d"
# What scanners append to end a frame (Enter or Tab suffix); only trailing ones are dropped.
TERMINATORS = "\r\n\t"
_NAMES = {"\x1d": "GS", "\r": "CR", "\n": "LF", "\t": "TAB", "\x1e": "RS", "\x04": "EOT"}


def decode(data: bytes | str, max_length: int) -> str | ScanError:
    """The frame as text; bytes must be UTF-8 (ASCII included), as every scanner here sends."""
    if isinstance(data, str):
        return data
    # A frame far larger than allowed is refused before decoding it (UTF-8 is ≤ 4 bytes/char).
    if len(data) > 4 * max_length + len(TERMINATORS):
        return too_long(
            len(data), max_length, data[:max_length].decode("utf-8", errors="backslashreplace")
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        return ScanError(
            ScanErrorCode.INVALID_ENCODING,
            f"Scan is not readable text: byte 0x{bad:02X} at position {exc.start + 1} "
            "is not valid UTF-8 (check the scanner's keyboard/code page setting).",
            raw=data.decode("utf-8", errors="backslashreplace"),
        )


def too_long(length: int, max_length: int, raw: str) -> ScanError:
    return ScanError(
        ScanErrorCode.OVERSIZED,
        f"Scan is too long: {length} characters, at most {max_length} allowed.",
        raw=raw,
    )


def clean(text: str, max_length: int, allowed: str) -> str | ScanError:
    """Drop trailing terminators and surrounding spaces, then refuse empty, long or noisy text.

    ``allowed`` are the control characters that carry meaning (the GS separator); any other
    one, including a CR/LF in the middle, means a broken frame and is refused so that it can
    never end up inside a lot or serial number.
    """
    body = text.rstrip(TERMINATORS).strip(" ")
    if not body:
        return ScanError(ScanErrorCode.EMPTY, "Empty scan: no characters were received.", raw=text)
    if len(body) > max_length:
        return too_long(len(body), max_length, text[:max_length])
    for pos, ch in enumerate(body):
        if _is_control(ch) and ch not in allowed:
            return ScanError(
                ScanErrorCode.CONTROL_CHARACTERS,
                f"Scan contains the control character {control_name(ch)} at position "
                f"{pos + 1}; the scanner or its cable may be sending noise.",
                raw=text,
            )
    return body


def _is_control(ch: str) -> bool:
    code = ord(ch)
    # C0, DEL, C1; plus the Unicode line/paragraph separators that would split a display line.
    return code < 0x20 or 0x7F <= code <= 0x9F or ch in "\u2028\u2029"


def control_name(ch: str) -> str:
    return _NAMES.get(ch, f"0x{ord(ch):02X}")


def visible(text: str) -> str:
    """``text`` with control characters shown as ``<GS>``, ``<CR>``, ``<0x07>``: for the admin."""
    return "".join(f"<{control_name(ch)}>" if _is_control(ch) else ch for ch in text)
