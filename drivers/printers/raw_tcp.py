"""Raw TCP printing (port 9100, "JetDirect"): open, send the bytes, close.

The printer must understand the document as sent. Thermal label printers (Zebra and
compatibles) speak ZPL, not PDF: for them the driver is given ``convert``, which turns each
job's label PDF into the printer's language just before sending (the print queue stores the
PDF, so a changed printer setting applies to jobs still waiting). Closing our side and waiting
briefly for the printer to close its side tells a printer that took the bytes from one that
died half-way.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from drivers.printers.base import Health, HealthState, PrintError

Converter = Callable[[bytes], bytes]


class RawTcpPrinter:
    def __init__(
        self,
        name: str,
        host: str,
        port: int = 9100,
        timeout_s: float = 10.0,
        convert: Converter | None = None,
        language: str = "pdf",
    ) -> None:
        self.name = name
        self.host = host
        self.port = port
        self.timeout_s = timeout_s
        self.convert = convert
        self.language = language  # what ``convert`` makes ("zpl"), or "pdf" as sent

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def _connect(self) -> socket.socket:
        try:
            return socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        except ConnectionRefusedError as exc:
            raise PrintError(f"connection refused by {self.address} (printer off?)") from exc
        except TimeoutError as exc:
            raise PrintError(f"no answer from {self.address} within {self.timeout_s:g} s") from exc
        except OSError as exc:
            raise PrintError(f"cannot reach {self.address}: {exc.strerror or exc}") from exc

    def _payload(self, document: bytes) -> bytes:
        """The bytes the printer understands; converted before connecting, so a label that
        cannot be converted never leaves half a job in the printer."""
        if self.convert is None:
            return document
        try:
            return self.convert(document)
        except Exception as exc:  # the converter's message is the reason the packer sees
            raise PrintError(f"cannot make {self.language.upper()} from the label: {exc}") from exc

    def send(self, document: bytes, title: str) -> str:
        payload = self._payload(document)
        sock = self._connect()
        try:
            sock.sendall(payload)
            sock.shutdown(socket.SHUT_WR)
            try:
                while sock.recv(4096):  # drain status bytes until the printer closes
                    pass
            except TimeoutError:
                pass  # bytes delivered; some printers keep the connection open
        except OSError as exc:
            raise PrintError(f"sending to {self.address} failed: {exc.strerror or exc}") from exc
        finally:
            sock.close()
        return ""

    def check(self) -> Health:
        try:
            self._connect().close()
        except PrintError as exc:
            return Health(HealthState.ERROR, exc.reason)
        return Health(HealthState.CONNECTED, f"{self.address} reachable")
