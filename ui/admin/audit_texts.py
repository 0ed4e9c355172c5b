"""The audit log in the admin's language: action names, a "what happened" sentence, and the
details as readable "label: value" lines instead of JSON.

The log stores codes and data (action ``user.disabled``, entity ``user`` with its badge, a
details dict); this module says them through Qt translation. Every text is a literal
``QCoreApplication.translate("AuditTexts", ...)`` call so ``lupdate`` finds it. An action or a
detail this station does not know is still shown — by its code and its raw value — and a
sentence whose parameters do not fit falls back to a plain one: never a crash.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.admin.audit import AuditRow
from app.persistence.models import Role
from ui.dashboard import reasons
from ui.dashboard.texts import status_name
from ui.texts import role_name


def action_name(action: str) -> str:
    """The Action column: what kind of thing was done."""
    names = {
        "user.created": QCoreApplication.translate("AuditTexts", "User created"),
        "user.updated": QCoreApplication.translate("AuditTexts", "User changed"),
        "user.disabled": QCoreApplication.translate("AuditTexts", "User disabled"),
        "user.enabled": QCoreApplication.translate("AuditTexts", "User enabled"),
        "user.change_rejected": QCoreApplication.translate("AuditTexts", "User change rejected"),
        "user.change_approved": QCoreApplication.translate("AuditTexts", "User change approved"),
        "login": QCoreApplication.translate("AuditTexts", "Login"),
        "logout": QCoreApplication.translate("AuditTexts", "Logout"),
        "login_failed": QCoreApplication.translate("AuditTexts", "Login refused"),
        "user_locked_out": QCoreApplication.translate("AuditTexts", "Locked out"),
        "station.settings_saved": QCoreApplication.translate(
            "AuditTexts", "Station settings saved"
        ),
        "station.scanners_saved": QCoreApplication.translate("AuditTexts", "Scanners saved"),
        "kiosk.exit": QCoreApplication.translate("AuditTexts", "Kiosk closed"),
        "pick.batch_claimed": QCoreApplication.translate("AuditTexts", "Pick batch started"),
        "pick.paused": QCoreApplication.translate("AuditTexts", "Pick batch paused"),
        "pick.resumed": QCoreApplication.translate("AuditTexts", "Pick batch resumed"),
        "pick.batch_done": QCoreApplication.translate("AuditTexts", "Pick batch finished"),
        "pack.short_close": QCoreApplication.translate("AuditTexts", "Order closed short"),
        "pack.override_refused": QCoreApplication.translate(
            "AuditTexts", "Supervisor approval refused"
        ),
        "label.reprint": QCoreApplication.translate("AuditTexts", "Label reprinted"),
        "print.cancelled": QCoreApplication.translate("AuditTexts", "Print job cancelled"),
        "exception.release": QCoreApplication.translate("AuditTexts", "Order released"),
        "exception.cancel": QCoreApplication.translate("AuditTexts", "Order cancelled"),
        "exception.reallocate": QCoreApplication.translate("AuditTexts", "Order re-allocated"),
        "exception.assign_count": QCoreApplication.translate("AuditTexts", "Count assigned"),
        "exception.dismiss": QCoreApplication.translate("AuditTexts", "Exception dismissed"),
        "exception.approve": QCoreApplication.translate("AuditTexts", "User change approved"),
        "exception.reject": QCoreApplication.translate("AuditTexts", "User change rejected"),
    }
    return names.get(action, action)


def _person(name: str, badge: str) -> str:
    if name and badge:
        return f"{name} ({badge})"
    return name or badge or "—"


def person(row: AuditRow) -> str:
    """The person an entry is about as "Name (BADGE)"; other things as :func:`target`."""
    if row.entity_kind != "user":
        return target(row)
    ref = row.entity_id
    return _person(row.entity_name, row.entity_badge or ("" if ref.isdigit() else ref))


def target(row: AuditRow) -> str:
    """What an entry is about, in words: "user Ola Nordmann (USR-1009)", "order SO-100001"."""
    kind, ref = row.entity_kind, row.entity_id
    if kind == "user":
        return QCoreApplication.translate("AuditTexts", "user {person}").format(person=person(row))
    templates = {
        "order": QCoreApplication.translate("AuditTexts", "order {id}"),
        "exception": QCoreApplication.translate("AuditTexts", "exception {id}"),
        "pick_batch": QCoreApplication.translate("AuditTexts", "pick batch {id}"),
        "shipment": QCoreApplication.translate("AuditTexts", "carton SSCC {id}"),
        "print_job": QCoreApplication.translate("AuditTexts", "print job {id}"),
        "station": QCoreApplication.translate("AuditTexts", "station {id}"),
        "badge": QCoreApplication.translate("AuditTexts", "badge {id}"),
    }
    template = templates.get(kind)
    if template is None:
        return f"{kind} {ref}".strip()
    return template.format(id=ref)


def _sentences() -> dict[str, str]:
    return {
        "user.created": QCoreApplication.translate("AuditTexts", "{actor} created {target}"),
        "user.updated": QCoreApplication.translate("AuditTexts", "{actor} changed {target}"),
        "user.disabled": QCoreApplication.translate("AuditTexts", "{actor} disabled {target}"),
        "user.enabled": QCoreApplication.translate("AuditTexts", "{actor} enabled {target}"),
        "user.change_rejected": QCoreApplication.translate(
            "AuditTexts", "{actor} rejected a station's change of {target}"
        ),
        "user.change_approved": QCoreApplication.translate(
            "AuditTexts", "{actor} approved a station's change of {target}"
        ),
        "login": QCoreApplication.translate("AuditTexts", "{person} logged in"),
        "logout": QCoreApplication.translate("AuditTexts", "{person} logged out"),
        "login_failed": QCoreApplication.translate("AuditTexts", "Login refused for {person}"),
        "user_locked_out": QCoreApplication.translate(
            "AuditTexts", "{person} locked out after wrong PINs"
        ),
        "station.settings_saved": QCoreApplication.translate(
            "AuditTexts", "{actor} saved the settings of {target}"
        ),
        "station.scanners_saved": QCoreApplication.translate(
            "AuditTexts", "{actor} saved the scanners of {target}"
        ),
        "kiosk.exit": QCoreApplication.translate("AuditTexts", "{actor} closed the kiosk"),
        "pick.batch_claimed": QCoreApplication.translate("AuditTexts", "{actor} started {target}"),
        "pick.paused": QCoreApplication.translate("AuditTexts", "{actor} paused {target}"),
        "pick.resumed": QCoreApplication.translate("AuditTexts", "{actor} resumed {target}"),
        "pick.batch_done": QCoreApplication.translate("AuditTexts", "{actor} finished {target}"),
        "pack.short_close": QCoreApplication.translate(
            "AuditTexts", "{actor} approved closing {target} short"
        ),
        "pack.override_refused": QCoreApplication.translate(
            "AuditTexts", "Wrong PIN for a supervisor approval: {person}"
        ),
        "label.reprint": QCoreApplication.translate(
            "AuditTexts", "{actor} reprinted the label of {target}"
        ),
        "print.cancelled": QCoreApplication.translate("AuditTexts", "{actor} cancelled {target}"),
        "exception.release": QCoreApplication.translate("AuditTexts", "{actor} released {target}"),
        "exception.cancel": QCoreApplication.translate("AuditTexts", "{actor} cancelled {target}"),
        "exception.reallocate": QCoreApplication.translate(
            "AuditTexts", "{actor} re-allocated {target}"
        ),
        "exception.assign_count": QCoreApplication.translate(
            "AuditTexts", "{actor} assigned a count for {target}"
        ),
        "exception.dismiss": QCoreApplication.translate("AuditTexts", "{actor} dismissed {target}"),
        "exception.approve": QCoreApplication.translate(
            "AuditTexts", "{actor} approved the user change in {target}"
        ),
        "exception.reject": QCoreApplication.translate(
            "AuditTexts", "{actor} rejected the user change in {target}"
        ),
    }


def what(row: AuditRow) -> str:
    """The What column, as a sentence: "Admin disabled user Ola Nordmann (USR-1009)"."""
    actor = row.actor_name or row.actor_badge
    if not actor and row.action in _DECISIONS:  # an admin this station does not know
        actor = _person(str(row.details.get("by_name") or ""), str(row.details.get("by") or ""))
    actor = actor or "—"
    about = target(row)
    template = _sentences().get(row.action)
    if template is not None:
        try:
            return template.format(actor=actor, target=about, person=person(row))
        except (KeyError, IndexError, ValueError):
            pass
    said = f"{actor}: {action_name(row.action)}"
    return f"{said} — {about}" if about else said


# --- details -----------------------------------------------------------------------------


def _labels() -> dict[str, str]:
    return {
        "name": QCoreApplication.translate("AuditTexts", "Name"),
        "role": QCoreApplication.translate("AuditTexts", "Role"),
        "active": QCoreApplication.translate("AuditTexts", "Active"),
        "pin_changed": QCoreApplication.translate("AuditTexts", "PIN changed"),
        "via": QCoreApplication.translate("AuditTexts", "Saved via"),
        "method": QCoreApplication.translate("AuditTexts", "How"),
        "reason": QCoreApplication.translate("AuditTexts", "Reason"),
        "failed_attempts": QCoreApplication.translate("AuditTexts", "Wrong PINs in a row"),
        "until": QCoreApplication.translate("AuditTexts", "Locked until"),
        "kiosk": QCoreApplication.translate("AuditTexts", "Kiosk mode"),
        "server_url": QCoreApplication.translate("AuditTexts", "Server"),
        "scanners": QCoreApplication.translate("AuditTexts", "Scanners"),
        "cart": QCoreApplication.translate("AuditTexts", "Cart"),
        "tote": QCoreApplication.translate("AuditTexts", "Tote"),
        "job": QCoreApplication.translate("AuditTexts", "Print job"),
        "item": QCoreApplication.translate("AuditTexts", "Item"),
        "order_status": QCoreApplication.translate("AuditTexts", "Order now"),
        "count": QCoreApplication.translate("AuditTexts", "Count"),
        "supervisor": QCoreApplication.translate("AuditTexts", "Supervisor"),
        "packer_user_id": QCoreApplication.translate("AuditTexts", "Packer (user no.)"),
        "missing": QCoreApplication.translate("AuditTexts", "Missing"),
        "from_station": QCoreApplication.translate("AuditTexts", "From station"),
        "exception": QCoreApplication.translate("AuditTexts", "Exception"),
        "approved_change_from": QCoreApplication.translate("AuditTexts", "Change from station"),
        "language": QCoreApplication.translate("AuditTexts", "Language"),
        # user.disabled by a sync: the server has no such user (a duplicate left by a badge
        # change before users had identities, app.sync.engine.refresh_users)
        "not_on_server": QCoreApplication.translate("AuditTexts", "Not on the server"),
        # user.change_approved / user.change_rejected, written when the decision arrives
        "at": QCoreApplication.translate("AuditTexts", "Decided at"),
        "rolled_back": QCoreApplication.translate("AuditTexts", "At this station"),
    }


def _code_words() -> dict[str, str]:
    # Codes that appear as values: how someone logged in, why a login or logout happened.
    return {
        "badge": QCoreApplication.translate("AuditTexts", "badge"),
        "pin": QCoreApplication.translate("AuditTexts", "PIN"),
        "server": QCoreApplication.translate("AuditTexts", "the server"),
        "unknown_badge": QCoreApplication.translate("AuditTexts", "badge not known"),
        "badge_replaced": QCoreApplication.translate("AuditTexts", "badge replaced by a new one"),
        "unknown_user": QCoreApplication.translate("AuditTexts", "user not known"),
        "empty_pin": QCoreApplication.translate("AuditTexts", "no PIN entered"),
        "wrong_pin": QCoreApplication.translate("AuditTexts", "wrong PIN"),
        "locked_out": QCoreApplication.translate("AuditTexts", "locked out"),
        "disabled": QCoreApplication.translate("AuditTexts", "user disabled"),
        "user": QCoreApplication.translate("AuditTexts", "logged out by the person"),
        "idle": QCoreApplication.translate("AuditTexts", "idle time-out"),
        "closed": QCoreApplication.translate("AuditTexts", "station closed"),
    }


# Actions whose "reason" is a code (login, logout), not a person's words.
_CODED_REASONS = frozenset({"login_failed", "logout", "pack.override_refused"})
# A decided user change (app.sync.apply): who decided, what and which badge are already in the
# sentence; the rest are lines.
_DECISIONS = frozenset({"user.change_approved", "user.change_rejected"})
_SAID_IN_SENTENCE = frozenset({"decision", "by", "by_name", "badge"})


def _rolled_back(value: str) -> str:
    words = {
        "restored": QCoreApplication.translate("AuditTexts", "put back as the server has it"),
        "disabled": QCoreApplication.translate("AuditTexts", "user disabled"),
        "gone": QCoreApplication.translate("AuditTexts", "user no longer here"),
    }
    return words.get(value, value)


def _yes_no(value: bool) -> str:
    if value:
        return QCoreApplication.translate("AuditTexts", "yes")
    return QCoreApplication.translate("AuditTexts", "no")


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return _yes_no(value)
    if value is None or value == "":
        return "—"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list | tuple):
        return "; ".join(_plain(v) for v in value)
    return str(value)


def _value(key: str, value: Any, action: str) -> str:
    if key == "role" and isinstance(value, str):
        try:
            return role_name(Role(value))
        except ValueError:
            return value
    if key in ("method", "via") and isinstance(value, str):
        return _code_words().get(value, value)
    if key == "reason" and isinstance(value, str):
        if action in _CODED_REASONS:
            return _code_words().get(value, value)
        return reasons.display(value)
    if key == "rolled_back" and isinstance(value, str):
        return _rolled_back(value)
    if key in ("until", "at") and isinstance(value, str):
        try:
            return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    if key == "order_status" and isinstance(value, str):
        return status_name(value)
    if key == "item" and isinstance(value, str):
        kind, _, ref = value.partition(":")
        if kind == "order":
            return QCoreApplication.translate("AuditTexts", "order {id}").format(id=ref)
        if kind == "exc":
            return QCoreApplication.translate("AuditTexts", "exception {id}").format(id=ref)
        return value
    if key == "scanners" and isinstance(value, list):
        names = [str(s.get("name") or "?") if isinstance(s, Mapping) else str(s) for s in value]
        return ", ".join(names) if names else "—"
    if key == "count" and isinstance(value, Mapping):
        return QCoreApplication.translate("AuditTexts", "bin {bin}, SKU {sku}, by {who}").format(
            bin=_plain(value.get("location")),
            sku=_plain(value.get("sku")),
            who=_plain(value.get("assignee")),
        )
    if key == "missing" and isinstance(value, list):
        parts = []
        for m in value:
            if isinstance(m, Mapping):
                parts.append(f"{_plain(m.get('sku'))} × {_plain(m.get('units'))}")
            else:
                parts.append(_plain(m))
        return ", ".join(parts)
    return _plain(value)


def detail_lines(row: AuditRow) -> list[str]:
    """The Details column as "label: value" lines: the reason first, then the details."""
    labels = _labels()
    line = QCoreApplication.translate("AuditTexts", "{label}: {value}")
    lines = []
    if row.reason:
        lines.append(line.format(label=labels["reason"], value=reasons.display(row.reason)))
    for key, value in row.details.items():
        if key == "name" and row.entity_kind == "user" and value == row.entity_name:
            continue  # already in the sentence
        if row.action in _DECISIONS and key in _SAID_IN_SENTENCE:
            continue
        if row.action in _DECISIONS and key == "reason" and row.reason:
            continue  # shown first already
        text = _value(key, value, row.action)
        lines.append(line.format(label=labels.get(key, key), value=text))
    return lines


def details(row: AuditRow) -> str:
    return "\n".join(detail_lines(row))
