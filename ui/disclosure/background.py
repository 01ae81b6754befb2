"""Run one slow call (writing a workbook) off the UI thread and hand its result back.

The call must not touch widgets; it opens its own database sessions through the service.
Results come back through a queued signal, so the callbacks run on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # handed to the UI thread, which decides how to show it
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


def run_in_background(
    parent: QObject,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> _Relay:
    """Start ``fn`` on the shared thread pool; the returned relay lives as long as ``parent``."""
    relay = _Relay(parent)
    relay.done.connect(on_done)
    relay.failed.connect(on_error)
    relay.done.connect(relay.deleteLater)
    relay.failed.connect(relay.deleteLater)
    QThreadPool.globalInstance().start(_Job(fn, relay))
    return relay
