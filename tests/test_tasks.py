"""The shared TaskRunner (ui/tasks.py) with a real worker thread and a real Qt event loop."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner("test-tasks")
    yield r
    r.shutdown()
    assert not [t for t in threading.enumerate() if t.name.startswith("test-tasks")]


def test_results_arrive_on_the_gui_thread_in_order(runner: TaskRunner, qtbot: Any) -> None:
    seen: list[tuple[object, str, str]] = []

    def work(value: object) -> tuple[object, str]:
        return value, threading.current_thread().name

    def done(result: tuple[object, str]) -> None:
        seen.append((*result, threading.current_thread().name))

    for value in (1, None, "three"):
        runner.submit(functools.partial(work, value), done)
    assert runner.busy
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert [s[0] for s in seen] == [1, None, "three"]
    assert all(s[1].startswith("test-tasks") for s in seen)  # ran on the worker
    assert {s[2] for s in seen} == {threading.main_thread().name}  # delivered on the GUI thread
    assert not runner.busy


def test_an_exception_goes_to_on_error(runner: TaskRunner, qtbot: Any) -> None:
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("printer on fire")

    runner.submit(fail, lambda _r: pytest.fail("on_done must not run"), errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "printer on fire"


def test_nothing_is_delivered_after_shutdown() -> None:
    runner = TaskRunner("test-tasks")
    started = threading.Event()
    release = threading.Event()
    delivered: list[object] = []

    def slow() -> str:
        started.set()
        release.wait(5)
        return "late"

    runner.submit(slow, delivered.append)
    assert started.wait(5)
    release.set()
    runner.shutdown()  # joins the worker: its result is already posted, and must be dropped
    QCoreApplication.processEvents()
    assert delivered == []
    with pytest.raises(RuntimeError, match="after shutdown"):
        runner.submit(lambda: None, delivered.append)
