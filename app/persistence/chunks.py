"""``IN (...)`` lists in pieces: SQLite allows a limited number of bound parameters per
statement (999 on older builds), and very long lists make slow statements on PostgreSQL too."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

IN_LIST_SIZE = 500


def chunks(items: Iterable[T], size: int = IN_LIST_SIZE) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size``, in their order."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
