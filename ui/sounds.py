"""Success and error cues through QtMultimedia, loaded after the first paint.

QtMultimedia costs about 70 ms to set up (FFmpeg back-end, audio device), so it is not on the
start-up path: :meth:`SoundPlayer.load` runs once the window is up, or on the first cue. A
station without an audio device, or without the multimedia libraries, still works: the cue is
silent, the banner still shows, and a warning is logged once.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QLoggingCategory, QObject, QUrl, Signal

from ui.resources import SOUNDS_DIR

log = logging.getLogger(__name__)

SUCCESS = "success"
ERROR = "error"
CUES = (SUCCESS, ERROR)


class SoundPlayer(QObject):
    """Plays the two cues. ``played`` is emitted for every cue asked for, audible or not."""

    played = Signal(str, bool)  # cue, whether a sound device took it

    def __init__(self, enabled: bool, volume: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.volume = volume
        self._effects: dict[str, Any] = {}
        self._loaded = False

    def load(self) -> None:
        """Create the sound effects (once); safe to call when sounds are off."""
        if self._loaded or not self.enabled:
            return
        self._loaded = True
        # FFmpeg's optional libraries (VA-API, PipeWire) are absent on most stations: not news.
        QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver=false")
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError as exc:  # e.g. libpulse missing: run silent rather than not at all
            log.warning("sounds are off: QtMultimedia cannot load (%s)", exc)
            return
        for cue in CUES:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(SOUNDS_DIR / f"{cue}.wav")))
            effect.setVolume(self.volume)
            self._effects[cue] = effect

    def play(self, cue: str) -> None:
        if cue not in CUES:
            raise ValueError(f"unknown cue {cue!r}")
        audible = False
        if self.enabled:
            self.load()
            effect = self._effects.get(cue)
            if effect is not None:
                effect.stop()  # a new scan's cue replaces the last one at once
                effect.play()
                audible = effect.status() != effect.Status.Error
        self.played.emit(cue, audible)
