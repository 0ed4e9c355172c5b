"""Write the station's feedback sounds (run once; the WAV files are committed).

``python resources/sounds/generate.py`` rewrites ``success.wav`` and ``error.wav`` next to this
script. Made from code rather than downloaded so their licence is plain and they can be tuned:
the success cue is one short high beep; the error cue is a low, rough double buzz, different in
pitch, rhythm and timbre so it is told apart in a noisy hall even by someone who hears only
part of the spectrum.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent


def _tone(freq: float, seconds: float, harmonics: tuple[float, ...] = (1.0,)) -> list[float]:
    """A tone with 5 ms fades at both ends, so it starts and stops without a click."""
    n = int(RATE * seconds)
    fade = int(RATE * 0.005)
    total = sum(harmonics)
    out = []
    for i in range(n):
        t = i / RATE
        value = sum(a * math.sin(2 * math.pi * freq * (k + 1) * t) for k, a in enumerate(harmonics))
        envelope = min(1.0, i / fade, (n - 1 - i) / fade)
        out.append(envelope * value / total)
    return out


def _silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def _write(path: Path, samples: list[float], level: float) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(32767 * level * s)) for s in samples))


def main() -> None:
    _write(HERE / "success.wav", _tone(1760.0, 0.12), 0.7)
    # Odd harmonics make the buzz rough (square-like); two pulses make a rhythm no beep has.
    buzz = _tone(196.0, 0.18, (1.0, 0.0, 0.6, 0.0, 0.4, 0.0, 0.25))
    _write(HERE / "error.wav", buzz + _silence(0.08) + buzz, 0.9)


if __name__ == "__main__":
    main()
