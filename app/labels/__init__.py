"""Shipping labels (GS1 logistic label) drawn with ReportLab on the printer's dot grid.

Pure core code: no Qt, no database. :func:`render_label` takes a plain :class:`LabelData`
and returns PDF bytes; the packing service and the CLI build the data, the print queue sends
the bytes.
"""

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
