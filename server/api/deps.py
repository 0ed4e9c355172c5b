"""Dependencies every router shares: the database, who is calling, and what they may do.

Who may call what:
- an **integration** token (a sales channel): order intake, order status, stock, receipts;
- a **station** token: only ``/stations/{its own id}/...`` (events, changes, claims, ranges,
  sign-in), plus order status and stock;
- a **supervisor action** needs a station token *and* a user session of a supervisor or admin
  signed in at that same station (header ``X-WS-User-Session``), see
  :mod:`server.services.user_sessions`. Routers add these as dependencies; new routers (the
  dashboard, admin) reuse :func:`require_user_role`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Path, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from server.db import read_session
from server.models import Role, TokenKind
from server.services.user_sessions import Actor, resolve
from server.settings import ServerSettings
from server.tokens import lookup

_bearer = HTTPBearer(auto_error=False, description="a station or integration token")


@dataclass(frozen=True)
class Principal:
    """The client behind a request (a device or a sales channel, not a person)."""

    kind: TokenKind
    token_id: int
    name: str
    station_id: str | None

    @property
    def actor(self) -> str:
        """How the client appears in order timelines."""
        if self.station_id:
            return f"station:{self.station_id}"
        return f"integration:{self.name}"


# Dependencies without I/O are ``async def``: FastAPI runs them on the event loop instead of
# handing each to the thread pool (every hop there costs a thread switch and the GIL).


async def get_factory(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    return factory


async def get_settings(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


Factory = Annotated[sessionmaker[Session], Depends(get_factory)]
Settings = Annotated[ServerSettings, Depends(get_settings)]


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, message, headers={"WWW-Authenticate": "Bearer"}
    )


def authenticate(
    factory: Factory,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized("a bearer token is required")
    with read_session(factory) as session:
        token = lookup(session, credentials.credentials)
        if token is None:
            raise _unauthorized("unknown or revoked token")
        return Principal(token.kind, token.id, token.name, token.station_id)


Authenticated = Annotated[Principal, Depends(authenticate)]


def allow(*kinds: TokenKind) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets only these token kinds through (403 for the others)."""

    async def check(principal: Authenticated) -> Principal:
        if principal.kind not in kinds:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                f"a {principal.kind.value} token may not call this endpoint",
            )
        return principal

    return check


async def require_station(
    principal: Authenticated, station_id: Annotated[str, Path(max_length=40)]
) -> Principal:
    """A station token, and only for its own station id."""
    if principal.kind is not TokenKind.STATION:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only a station token may call this")
    if principal.station_id != station_id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "this token belongs to another station")
    return principal


StationPrincipal = Annotated[Principal, Depends(require_station)]
IntegrationPrincipal = Annotated[Principal, Depends(allow(TokenKind.INTEGRATION))]
AnyPrincipal = Annotated[Principal, Depends(allow(TokenKind.INTEGRATION, TokenKind.STATION))]


def require_user_role(role: Role) -> Callable[..., Actor]:
    """A dependency for supervisor (or admin) actions: station token + that person's session."""

    def check(
        factory: Factory,
        principal: Authenticated,
        session_token: Annotated[
            str | None, Header(alias="X-WS-User-Session", description="from POST .../sessions")
        ] = None,
    ) -> Actor:
        if principal.kind is not TokenKind.STATION or principal.station_id is None:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "supervisor actions come from a station")
        if not session_token:
            raise _unauthorized("this action needs a signed-in user (X-WS-User-Session)")
        with read_session(factory) as session:
            actor = resolve(session, session_token, principal.station_id)
        if actor is None:
            raise _unauthorized("the user session is unknown, expired or from another station")
        if not actor.at_least(role):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"this action needs the {role.value} role"
            )
        return actor

    return check


SupervisorActor = Annotated[Actor, Depends(require_user_role(Role.SUPERVISOR))]
AdminActor = Annotated[Actor, Depends(require_user_role(Role.ADMIN))]
