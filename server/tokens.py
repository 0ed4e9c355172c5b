"""Bearer tokens: made once, shown once, stored only as a SHA-256 digest.

Tokens are 256 random bits, so a fast digest is enough (a slow hash protects guessable
secrets such as PINs, not random ones) and a digest can be looked up with an index. The prefix
(``wss_`` station, ``wsi_`` integration, ``wsu_`` user session) tells a leaked token's kind at a
glance; the first characters after it are kept for listings, never the rest.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import ApiToken, Station, TokenKind, utcnow

PREFIXES = {TokenKind.STATION: "wss_", TokenKind.INTEGRATION: "wsi_"}
SESSION_PREFIX = "wsu_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


class TokenError(ValueError):
    """A token command cannot be done; the message says why."""


@dataclass(frozen=True)
class TokenInfo:
    id: int
    kind: str
    name: str
    station_id: str | None
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True)
class IssuedToken:
    info: TokenInfo
    secret: str  # shown once to whoever asked for it; never stored, never logged


def _info(t: ApiToken) -> TokenInfo:
    return TokenInfo(t.id, t.kind.value, t.name, t.station_id, t.prefix, t.created_at, t.revoked_at)


def ensure_station(
    session: Session, station_id: str, *, name: str | None = None, zone: str | None = None
) -> Station:
    station = session.get(Station, station_id)
    if station is None:
        station = Station(id=station_id, name=name or station_id, zone=zone)
        session.add(station)
        session.flush()
    else:
        if name:
            station.name = name
        if zone is not None:
            station.zone = zone or None
    return station


def create_token(
    session: Session,
    kind: TokenKind,
    name: str,
    *,
    station_id: str | None = None,
    zone: str | None = None,
) -> IssuedToken:
    """Create a token (and the station record for a station token); the caller commits."""
    if kind is TokenKind.STATION:
        if not station_id:
            raise TokenError("a station token needs --station")
        ensure_station(session, station_id, zone=zone)
    elif station_id:
        raise TokenError("only station tokens belong to a station")
    secret = new_secret(PREFIXES[kind])
    token = ApiToken(
        kind=kind,
        name=name,
        station_id=station_id if kind is TokenKind.STATION else None,
        token_hash=digest(secret),
        prefix=secret[:10],
    )
    session.add(token)
    session.flush()
    return IssuedToken(_info(token), secret)


def revoke_token(session: Session, token_id: int) -> TokenInfo:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise TokenError(f"no token with id {token_id}")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return _info(token)


def revoke_named(session: Session, name: str, station_id: str | None) -> int:
    """Revoke every live token of that name (e.g. the embedded server's previous one)."""
    count = 0
    for token in session.scalars(
        select(ApiToken).where(
            ApiToken.name == name, ApiToken.station_id == station_id, ApiToken.revoked_at.is_(None)
        )
    ):
        token.revoked_at = utcnow()
        count += 1
    return count


def list_tokens(session: Session) -> list[TokenInfo]:
    return [_info(t) for t in session.scalars(select(ApiToken).order_by(ApiToken.id))]


def lookup(session: Session, secret: str) -> ApiToken | None:
    """The live token with this secret, or None (unknown or revoked)."""
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if token is None or token.revoked_at is not None:
        return None
    return token
