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


# The least cost a hash that arrives from elsewhere (a station's offline user change) may
# carry: a cheaper one would make a stolen copy of the users table quick to brute-force.
MIN_N, MIN_R, MIN_P = _N, _R, _P
_MAX_MEMORY = 32 * 1024 * 1024  # hashlib.scrypt's default maxmem


def is_scrypt_hash(stored: object) -> bool:
    """True for a well-formed ``scrypt$n$r$p$salt$hash`` at least as costly as ours.

    Why: the server accepts a PIN hash made at a station (a user changed offline travels
    with the hash, never the PIN); it must not store something that never verifies, or a
    hash with the cost turned down."""
    if not isinstance(stored, str) or len(stored) > 200:
        return False
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    _, n, r, p, salt_hex, digest_hex = parts
    if not (n.isdigit() and r.isdigit() and p.isdigit()):
        return False
    n_i, r_i, p_i = int(n), int(r), int(p)
    if n_i < MIN_N or n_i & (n_i - 1) or r_i < MIN_R or p_i < MIN_P or p_i > 16:
        return False
    if 128 * n_i * r_i >= _MAX_MEMORY:  # hashlib.scrypt refuses it: it would never verify
        return False
    try:
        return len(bytes.fromhex(salt_hex)) >= 16 and len(bytes.fromhex(digest_hex)) == 32
    except ValueError:
        return False
