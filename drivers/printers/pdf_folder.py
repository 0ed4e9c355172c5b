"""The default printer: label PDFs written into a folder (no hardware needed).

Each file is written under a temporary name and renamed, so a program watching the folder
never picks up half a label.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from drivers.printers.base import Health, HealthState, PrintError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class PdfFolderPrinter:
    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.folder = folder

    def send(self, document: bytes, title: str) -> str:
        stem = _UNSAFE.sub("_", title).strip("_") or "label"
        stamp = time.strftime("%Y%m%d-%H%M%S")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"{stamp}-{stem}.pdf"
            n = 1
            while path.exists():
                n += 1
                path = self.folder / f"{stamp}-{stem}-{n}.pdf"
            tmp = path.with_suffix(".pdf.part")
            with open(tmp, "wb") as f:
                f.write(document)
                f.flush()
                os.fsync(f.fileno())
            tmp.replace(path)
        except OSError as exc:
            raise PrintError(f"cannot write to {self.folder}: {exc.strerror or exc}") from exc
        return str(path)

    def check(self) -> Health:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return Health(HealthState.ERROR, f"{self.folder}: {exc.strerror or exc}")
        if not os.access(self.folder, os.W_OK):
            return Health(HealthState.ERROR, f"{self.folder} is not writable")
        return Health(HealthState.CONNECTED, str(self.folder))
