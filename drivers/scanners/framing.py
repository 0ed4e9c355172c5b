"""Cutting a scanner's byte stream into frames, and judging each frame.

Pure code with no I/O, shared by the serial, evdev and simulated drivers so all of them treat
terminators, prefixes, the GS substitute and bad bytes the same way, and so it can be tested
byte by byte. A frame that cannot be a barcode becomes a :class:`RawScan` with ``error`` set and
its bytes kept: the reader never stops on bad input, and the admin sees what arrived.
"""

from __future__ import annotations

from dataclasses import dataclass

from drivers.scanners.aim import detect_aim
from drivers.scanners.base import FrameError, RawScan

TERMINATORS = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "none": b""}

# Longer than any symbol a floor scanner reads (a full QR code holds 2,953 bytes); beyond this
# the terminator is surely wrong or the line is noise.
MAX_FRAME = 4096

# GS separates GS1 fields; RS and EOT frame ISO/IEC 15434 messages in 2D symbols.
ALLOWED_CONTROLS = frozenset({0x1D, 0x1E, 0x04})
GS = b"\x1d"

# With a terminator configured, bytes followed by this much silence are an incomplete frame
# (a scanner sends a whole frame in one burst). Never shorter than the inter-byte timeout.
PARTIAL_TIMEOUT = 0.5


@dataclass(frozen=True)
class FrameSettings:
    terminator: str = "cr"  # a key of TERMINATORS
    inter_byte_timeout: float = 0.05  # seconds; ends a frame when terminator is "none"
    strip_prefix: bytes = b""
    strip_suffix: bytes = b""
    gs_substitute: bytes = b""
    max_length: int = MAX_FRAME

    @staticmethod
    def from_text(
        terminator: str = "cr",
        inter_byte_timeout_ms: int = 50,
        strip_prefix: str = "",
        strip_suffix: str = "",
        gs_substitute: str = "",
        max_length: int = MAX_FRAME,
    ) -> FrameSettings:
        """Build from config values (text as typed in the TOML file or the admin screen)."""
        if terminator not in TERMINATORS:
            raise ValueError(f"terminator {terminator!r} is not one of {', '.join(TERMINATORS)}")
        return FrameSettings(
            terminator=terminator,
            inter_byte_timeout=max(inter_byte_timeout_ms, 1) / 1000.0,
            strip_prefix=strip_prefix.encode("utf-8"),
            strip_suffix=strip_suffix.encode("utf-8"),
            gs_substitute=gs_substitute.encode("utf-8"),
            max_length=max_length,
        )


@dataclass(frozen=True)
class Frame:
    data: bytes
    last_byte_at: float
    fault: FrameError | None = None
    detail: str = ""  # extra words for the fault message


class Framer:
    """Accumulates bytes and yields complete frames; one per reader thread, not thread-safe."""

    def __init__(self, settings: FrameSettings) -> None:
        self.settings = settings
        self._term = TERMINATORS[settings.terminator]
        self._buf = bytearray()
        self._last_byte_at = 0.0
        self._discarding = False  # after an oversized frame: drop bytes up to the next terminator

    @property
    def pending(self) -> int:
        return len(self._buf)

    def feed(self, data: bytes, now: float) -> list[Frame]:
        if not data:
            return []
        self._last_byte_at = now
        self._buf += data
        frames: list[Frame] = []
        if self._term:
            while (idx := self._buf.find(self._term)) >= 0:
                chunk = bytes(self._buf[:idx])
                del self._buf[: idx + len(self._term)]
                if self._discarding:
                    self._discarding = False
                    continue
                if len(chunk) > self.settings.max_length:
                    cut = chunk[: self.settings.max_length]
                    frames.append(Frame(cut, now, FrameError.OVERSIZED))
                else:
                    frames.append(Frame(self._tidy(chunk), now))
            if self.settings.terminator in ("cr", "lf"):
                # A scanner sending CRLF to a CR (or LF) config leaves the other byte behind:
                # drop it rather than report it as an incomplete frame.
                while self._buf[:1] in (b"\r", b"\n"):
                    del self._buf[:1]
        if len(self._buf) > self.settings.max_length and not self._discarding:
            frames.append(
                Frame(bytes(self._buf[: self.settings.max_length]), now, FrameError.OVERSIZED)
            )
            self._discarding = True
        if self._discarding:
            # Keep only what could be the first half of a two-byte terminator.
            keep = len(self._term) - 1
            del self._buf[: len(self._buf) - keep if keep else len(self._buf)]
        return frames

    def _tidy(self, chunk: bytes) -> bytes:
        if self.settings.terminator in ("cr", "lf"):
            return chunk.strip(b"\r\n")
        return chunk

    def deadline(self) -> float | None:
        """When :meth:`flush_idle` will next have something to do (monotonic seconds)."""
        if not self._buf and not self._discarding:
            return None
        return self._last_byte_at + self._idle_limit()

    def _idle_limit(self) -> float:
        if not self._term:
            return self.settings.inter_byte_timeout
        return max(PARTIAL_TIMEOUT, self.settings.inter_byte_timeout)

    def flush_idle(self, now: float) -> list[Frame]:
        """End the pending frame when the line has been quiet long enough."""
        deadline = self.deadline()
        if deadline is None or now < deadline:
            return []
        if self._discarding:
            self._discarding = False
            self._buf.clear()
            return []
        data = bytes(self._buf)
        self._buf.clear()
        if not self._term:
            return [Frame(data, self._last_byte_at)]
        return [
            Frame(
                data,
                self._last_byte_at,
                FrameError.INCOMPLETE,
                f"no terminator ({self.settings.terminator.upper()}) followed",
            )
        ]

    def flush_disconnected(self) -> list[Frame]:
        """The device went away: whatever is pending can only be an incomplete frame."""
        self._discarding = False
        if not self._buf:
            return []
        data = bytes(self._buf)
        self._buf.clear()
        return [
            Frame(data, self._last_byte_at, FrameError.INCOMPLETE, "the scanner was disconnected")
        ]


def build_scan(frame: Frame, source: str, settings: FrameSettings) -> RawScan | None:
    """Judge one frame; None for an empty one (a bare terminator is not worth a beep)."""
    data = frame.data
    if frame.fault is None:
        if settings.strip_prefix and data.startswith(settings.strip_prefix):
            data = data[len(settings.strip_prefix) :]
        if settings.strip_suffix and data.endswith(settings.strip_suffix):
            data = data[: -len(settings.strip_suffix)]
        if not data:
            return None
    if settings.gs_substitute:
        data = data.replace(settings.gs_substitute, GS)
    aim = detect_aim(data)
    fault, message = frame.fault, ""
    if fault is FrameError.OVERSIZED:
        message = (
            f"more than {settings.max_length} bytes without a terminator: check that the "
            f"scanner ends each scan with {settings.terminator.upper()}"
        )
    elif fault is FrameError.INCOMPLETE:
        message = f"{len(data)} bytes, then {frame.detail}: scan again"
    else:
        fault, message = _judge_bytes(data)
    return RawScan(
        data=data,
        timestamp=frame.last_byte_at,
        source=source,
        aim=aim,
        error=message or None,
        error_code=fault.value if fault else None,
    )


def _judge_bytes(data: bytes) -> tuple[FrameError | None, str]:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        return FrameError.INVALID_UTF8, (
            f"byte 0x{bad:02X} at position {exc.start} is not text (UTF-8): "
            "check the scanner's baud rate and parity"
        )
    for pos, byte in enumerate(data):
        if (byte < 0x20 and byte not in ALLOWED_CONTROLS) or byte == 0x7F:
            return FrameError.CONTROL_CHARACTERS, (
                f"control byte 0x{byte:02X} at position {pos}: line noise or a wrong baud rate"
            )
    return None, ""
