"""The last dashboard figures the station fetched, kept on disk so that an offline station
still shows them — with the time they were fetched, so nobody mistakes them for live ones."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from app.dashboard.figures import Dashboard, from_json, to_json

log = logging.getLogger(__name__)


def save(path: Path, board: Dashboard, fetched_at: datetime) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    text = json.dumps({"fetched_at": fetched_at.isoformat(), "dashboard": to_json(board)})
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def load(path: Path) -> tuple[Dashboard, datetime] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return from_json(Dashboard, data["dashboard"]), datetime.fromisoformat(data["fetched_at"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError) as exc:  # an old or broken cache is not fatal
        log.warning("ignoring the dashboard cache %s: %s", path, exc)
        return None


def format_duration(seconds: float | None) -> str:
    """``4560`` → ``1 h 16 min``; short and unambiguous in both languages."""
    if seconds is None:
        return "—"
    s = round(seconds)
    if s < 90:
        return f"{s} s"
    minutes = round(s / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"
