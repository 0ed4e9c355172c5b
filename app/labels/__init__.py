"""Shipping labels (GS1 logistic label) drawn with ReportLab on the printer's dot grid.

Pure core code: no Qt, no database. :func:`render_label` takes a plain :class:`LabelData`
and returns PDF bytes; the packing service and the CLI build the data, the print queue sends
the bytes. Names load lazily so that ``main.py label --help`` does not import ReportLab.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.labels.model import LABEL_SIZES, Address, LabelData, LabelSize, digital_link_uri
    from app.labels.render import render_label

__all__ = [
    "LABEL_SIZES",
    "Address",
    "LabelData",
    "LabelSize",
    "digital_link_uri",
    "render_label",
]

_HOMES = {name: "app.labels.model" for name in __all__ if name != "render_label"}
_HOMES["render_label"] = "app.labels.render"


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'app.labels' has no attribute {name!r}")
