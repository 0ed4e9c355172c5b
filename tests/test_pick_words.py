"""Counts in the Pick tab read as English: "1 unit", not "1 units".

Found walking a fresh ``make run``: "Put the 1 units in tote …" and the batch summary
"14 units picked · 1 lines short (1 units) · 1 bins to count". Chinese has one form for both;
English needs two, so the screen picks the sentence by the number.
"""

from __future__ import annotations

import re
from typing import Any

from app.services.pick_flow import Stage
from app.services.pick_views import BatchSummary
from tests.test_pick_in_station import PICKER, local_station, pick_screen_with_batch
from ui.station import Station

__all__ = ["local_station"]  # the fixture, used by name below


def test_one_is_singular_and_more_are_plural(local_station: Station, qtbot: Any) -> None:
    screen: Any = pick_screen_with_batch(local_station, qtbot, PICKER)
    flow = screen.flow
    flow.stage, flow.counted = Stage.TOTE, 1
    screen._render_flow()
    assert "1 units" not in screen.prompt.text()
    assert "tote" in screen.prompt.text()
    texts = [screen.units_left_text(n) for n in (0, 1, 2, 14)]
    for units, lines, counts in ((1, 1, 1), (14, 2, 3), (0, 0, 0)):
        summary = BatchSummary("PB-1", (), units, lines, lines, counts, 96.0, None, None)
        texts.append(screen.summary_text(summary))
    for text in texts:
        assert not re.search(r"\b1 (units|lines|bins)\b", text), text
        assert not re.search(r"\b(0|[2-9]|\d\d+) (unit|line|bin)\b", text), text
    assert texts[1] == "1 unit left" and texts[3] == "14 units left"
    assert texts[4].startswith("1 unit picked · 1 line short (1 unit) · 1 bin to count")
