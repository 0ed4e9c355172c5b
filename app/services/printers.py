"""Printers of this station, built from the config (``[[printers]]`` in station.toml).

With no printer configured the station still works: labels go to a PDF folder in the data
directory. The registry is swapped whole when an admin edits printers, so the print worker
always sees one consistent set.
"""

from __future__ import annotations

import threading
from pathlib import Path

from app.config import PrinterConfig, StationConfig
from app.labels.model import LABEL_SIZES
from app.labels.zpl import zpl_converter
from drivers.printers.base import PrinterDriver
from drivers.printers.cups import CupsPrinter
from drivers.printers.pdf_folder import PdfFolderPrinter
from drivers.printers.raw_tcp import RawTcpPrinter

DEFAULT_PRINTER = PrinterConfig(name="labels", type="pdf")


def build_driver(cfg: PrinterConfig, data_dir: Path) -> PrinterDriver:
    language = cfg.print_language()
    # Jobs are stored as PDF; a ZPL printer's driver converts each one just before sending.
    convert = zpl_converter(cfg.label_size, cfg.dpi) if language == "zpl" else None
    if cfg.type == "cups":
        media = LABEL_SIZES[cfg.label_size].cups_media
        return CupsPrinter(cfg.name, cfg.queue, media, convert=convert, language=language)
    if cfg.type == "raw":
        return RawTcpPrinter(cfg.name, cfg.host, cfg.port, convert=convert, language=language)
    folder = Path(cfg.folder) if cfg.folder else data_dir / "labels"
    return PdfFolderPrinter(cfg.name, folder)


class PrinterRegistry:
    """Name → (config, driver). Thread-safe reads; ``reload`` replaces everything at once."""

    def __init__(self, config: StationConfig, data_dir: Path) -> None:
        self._data_dir = data_dir
        self._lock = threading.Lock()
        self._printers: dict[str, tuple[PrinterConfig, PrinterDriver]] = {}
        self.reload(config)

    def reload(self, config: StationConfig) -> None:
        configs = config.printers or [DEFAULT_PRINTER]
        printers = {c.name: (c, build_driver(c, self._data_dir)) for c in configs}
        with self._lock:
            self._printers = printers
            self._default = configs[0].name

    def names(self) -> list[str]:
        with self._lock:
            return list(self._printers)

    def default_name(self) -> str:
        """The label printer of this pack bench: the first one configured."""
        with self._lock:
            return self._default

    def config(self, name: str) -> PrinterConfig | None:
        with self._lock:
            entry = self._printers.get(name)
        return entry[0] if entry else None

    def driver(self, name: str) -> PrinterDriver | None:
        with self._lock:
            entry = self._printers.get(name)
        return entry[1] if entry else None

    def set_driver(self, name: str, driver: PrinterDriver) -> None:
        """Swap in another driver under a configured name (tests, diagnostics)."""
        with self._lock:
            cfg, _old = self._printers[name]
            self._printers[name] = (cfg, driver)
