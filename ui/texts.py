"""Translated names the shell shows for core values (roles), kept in one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.persistence.models import Role


def role_name(role: Role) -> str:
    names = {
        Role.PICKER: QCoreApplication.translate("Roles", "Picker"),
        Role.PACKER: QCoreApplication.translate("Roles", "Packer"),
        Role.SUPERVISOR: QCoreApplication.translate("Roles", "Supervisor"),
        Role.ADMIN: QCoreApplication.translate("Roles", "Admin"),
    }
    return names[role]
