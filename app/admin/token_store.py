"""Where the station keeps its server token: never in the config file's plain text.

The OS keyring is used when a real backend answers (a desktop session with Secret Service,
macOS Keychain, Windows Credential Locker). A headless kiosk usually has none; then the token
goes to a file readable only by the station's user (mode 0600) in the data folder. The admin
screen shows which of the two is in use, so nobody is misled about how the secret is kept.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

SERVICE = "warehouse-station"
TOKEN_FILE = "server-token"


@dataclass(frozen=True)
class TokenLocation:
    kind: str  # "keyring" or "file"
    detail: str  # backend name, or the file path


def _keyring_backend() -> object | None:
    """The keyring backend when a usable one exists; None for the 'fail' and null backends."""
    if os.environ.get("WS_NO_KEYRING"):
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return backend


class TokenStore:
    """Read and write the station's server token for one station id."""

    def __init__(self, data_dir: Path, station_id: str) -> None:
        self._path = data_dir / TOKEN_FILE
        self._station_id = station_id

    @property
    def location(self) -> TokenLocation:
        backend = _keyring_backend()
        if backend is not None:
            return TokenLocation("keyring", type(backend).__name__)
        return TokenLocation("file", str(self._path))

    def get(self) -> str | None:
        backend = _keyring_backend()
        if backend is not None:
            import keyring

            return keyring.get_password(SERVICE, self._station_id)
        try:
            return self._path.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def set(self, token: str) -> TokenLocation:
        """Store ``token``; an empty token clears it. Returns where it went."""
        if not token:
            self.clear()
            return self.location
        backend = _keyring_backend()
        if backend is not None:
            import keyring

            keyring.set_password(SERVICE, self._station_id, token)
            return self.location
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(".tmp")
        # Create with 0600 from the start: the secret is never world-readable, not even briefly.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(token)
        os.chmod(tmp, 0o600)
        tmp.replace(self._path)
        return self.location

    def clear(self) -> None:
        backend = _keyring_backend()
        if backend is not None:
            import keyring
            from keyring.errors import PasswordDeleteError

            with contextlib.suppress(PasswordDeleteError):
                keyring.delete_password(SERVICE, self._station_id)
        self._path.unlink(missing_ok=True)

    def is_set(self) -> bool:
        return bool(self.get())


def mask(token: str | None) -> str:
    """What the screen shows after the token was entered once: only its last four characters."""
    if not token:
        return ""
    return "•" * 8 + token[-4:] if len(token) > 8 else "•" * 8
