"""PIN hashing with scrypt (stdlib): PINs are short, so the hash must be slow and salted.

The stored form is ``scrypt$n$r$p$salt_hex$hash_hex`` so parameters can be raised later
without breaking existing hashes. Shared by the station and the server.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

_N, _R, _P = 2**14, 8, 1


def hash_pin(pin: str, *, n: int = _N, r: int = _R, p: int = _P) -> str:
    """Hash with the station's cost unless told otherwise.

    The cost is stored in the hash, so :func:`verify_pin` pays the same. Raising ``p`` makes
    the work (and the check) that many times slower without needing more memory: tests use it
    for a check slow enough to watch the GUI thread stay free.
    """
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Constant-time check; a malformed stored hash never matches."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            pin.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)
