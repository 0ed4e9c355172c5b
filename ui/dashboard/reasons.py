"""Preset reasons a supervisor taps instead of typing (a kiosk has no keyboard), per action.

The reason travels to the server and into the audit log in English — the preset's source text,
plus the person's own note after " — " — so the log reads the same for every API user and every
station. A station shows a preset in its own language with :func:`display`; text that is not a
preset (a typed note, a newer station's preset) is shown as written.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "ReasonPresets"
NOTE_SEPARATOR = " — "
# The most the server takes for a reason (``server.api.dashboard.ActionIn.reason``; the UI
# does not import the server, tests/test_dashboard_reasons.py checks they agree).
MAX_REASON = 500

_RAW: dict[str, tuple[object, ...]] = {  # QT_TRANSLATE_NOOP is typed as object
    "release": (
        QT_TRANSLATE_NOOP("ReasonPresets", "Problem solved"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Customer confirmed the order"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Address corrected"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Payment received"),
    ),
    "cancel": (
        QT_TRANSLATE_NOOP("ReasonPresets", "Customer asked to cancel"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Duplicate order"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Cannot be delivered"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Item no longer sold"),
    ),
    "reallocate": (
        QT_TRANSLATE_NOOP("ReasonPresets", "Stock has arrived"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Stock was counted"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Stock moved to another bin"),
    ),
    "assign_count": (
        QT_TRANSLATE_NOOP("ReasonPresets", "Bin looked empty"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Quantity looked wrong"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Damaged stock in the bin"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Regular check"),
    ),
    "dismiss": (
        QT_TRANSLATE_NOOP("ReasonPresets", "Checked, nothing to do"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Already solved on the floor"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Same as another exception"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Test or training"),
    ),
    "approve": (
        QT_TRANSLATE_NOOP("ReasonPresets", "Checked with the person"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Agreed with the shift lead"),
    ),
    "reject": (
        QT_TRANSLATE_NOOP("ReasonPresets", "Change not agreed"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Made by mistake"),
        QT_TRANSLATE_NOOP("ReasonPresets", "Wrong person or badge"),
    ),
}
PRESETS: dict[str, tuple[str, ...]] = {k: tuple(map(str, v)) for k, v in _RAW.items()}
_ALL = frozenset(p for presets in PRESETS.values() for p in presets)


def presets(action: str) -> tuple[str, ...]:
    """The English presets for ``action`` (none for an action this station does not know)."""
    return PRESETS.get(action, ())


def translate(preset: str) -> str:
    return QCoreApplication.translate(CONTEXT, preset)


def note_limit(action: str) -> int:
    """The longest note that still fits the server's limit with any preset of ``action``
    (the preset travels in English, so its English length counts)."""
    longest = max((len(p) for p in presets(action)), default=0)
    return MAX_REASON - (longest + len(NOTE_SEPARATOR) if longest else 0)


def compose(preset: str, note: str) -> str:
    """The reason as sent: the preset, the note, or both."""
    preset, note = preset.strip(), note.strip()
    if preset and note:
        return f"{preset}{NOTE_SEPARATOR}{note}"
    return preset or note


def display(reason: str) -> str:
    """A reason as sent, in this station's language where it starts with a known preset."""
    head, sep, note = reason.partition(NOTE_SEPARATOR)
    if head in _ALL:
        return translate(head) + (sep + note if sep else "")
    return reason
