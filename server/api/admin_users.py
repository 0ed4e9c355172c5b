"""Admin endpoints for users: PUT creates or changes one (admin role only)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, status
from pydantic import BaseModel, Field

from app.admin.users import UserDraft, UserError
from server.admin import users
from server.api.deps import AdminActor, Factory
from server.db import transaction

router = APIRouter(prefix="/api/v1/admin", tags=["dashboard and admin"])


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    badge_code: str = Field(max_length=40)
    role: str = Field(pattern=r"^(picker|packer|supervisor|admin)$")
    language: str | None = Field(default=None, max_length=10)
    active: bool = True
    pin: str | None = Field(default=None, max_length=12)


@router.put("/users/{badge}")
def put_user(
    badge: Annotated[str, Path(max_length=40)], body: UserIn, actor: AdminActor, factory: Factory
) -> dict[str, Any]:
    """Create the user with this badge, or change it (the body may carry a new badge code).
    Disabling revokes the user's server sessions and reaches stations on their next sync."""
    draft = UserDraft(body.name, body.badge_code, body.role, body.language, body.active, body.pin)
    try:
        saved = transaction(factory, lambda s: users.save(s, badge, draft, actor))
    except UserError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_ENTITY, [{"field": exc.field, "message": str(exc)}]
        ) from exc
    return asdict(saved)
