"""Raw TCP printing (port 9100, "JetDirect"): open, send the bytes, close.

The printer must understand the document as sent (label printers with PDF support do).
Closing our side and waiting briefly for the printer to close its side tells a printer that
took the bytes from one that died half-way.
"""

from __future__ import annotations

import socket

from drivers.printers.base import Health, HealthState, PrintError


class RawTcpPrinter:
    def __init__(self, name: str, host: str, port: int = 9100, timeout_s: float = 10.0) -> None:
        self.name = name
        self.host = host
        self.port = port
        self.timeout_s = timeout_s

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

    def send(self, document: bytes, title: str) -> str:
        sock = self._connect()
        try:
            sock.sendall(document)
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
