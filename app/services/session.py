"""Who is logged in at this station, as plain data that may cross to the UI."""

from __future__ import annotations

from dataclasses import dataclass

from app.persistence.models import Role

# Which tabs each role sees. The server enforces the same roles on its endpoints.
TABS_BY_ROLE: dict[Role, tuple[str, ...]] = {
    Role.PICKER: ("pick",),
    Role.PACKER: ("pack",),
    Role.SUPERVISOR: ("pick", "pack", "dashboard"),
    Role.ADMIN: ("pick", "pack", "dashboard", "admin"),
}


@dataclass(frozen=True)
class UserSession:
    user_id: int
    name: str
    role: Role
    badge_code: str
    language: str | None

    @property
    def tabs(self) -> tuple[str, ...]:
        return TABS_BY_ROLE[self.role]

    def may(self, tab: str) -> bool:
        return tab in self.tabs
