"""The Qt binding in use does not leak references to ``True`` when signals are emitted.

PySide6 6.12.0 takes one reference from ``True`` per ``emit()`` from Python; on Python 3.11,
where ``True`` is not immortal, the process aborts after a few thousand emits ("bool_dealloc:
deallocating True or False"), that is a station crashes within minutes of scanning.
pyproject.toml keeps PySide6 below 6.12 for that. Run in a child process: the failure is an
abort, which would take pytest down with it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CHILD = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    plain = Signal()
    with_text = Signal(str)
source = Source()
source.plain.connect(lambda: None)
source.with_text.connect(lambda text: None)
before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
for _ in range(20_000):
    source.plain.emit()
    source.with_text.emit("SKU-10050")
after = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
print(before, after)
sys.exit(0 if after == before else 1)
"""


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="True, False and None are immortal from Python 3.12: a leaked reference is harmless "
    "and their reference counts no longer move, so this check could not fail there",
)
def test_emitting_signals_leaves_true_false_and_none_alone() -> None:
    run = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
