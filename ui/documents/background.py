"""Run a function on a worker thread and deliver its result back on the UI thread.

The function must only use services (each call opens its own session) and return plain data;
it never touches widgets. The result travels by a Qt signal emitted from the worker; the
receiver lives on the UI thread, so Qt queues the call there. A plain Python thread keeps
ownership simple (no QRunnable handed to C++).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class BackgroundRunner(QObject):
    """One job at a time (documents render one after another; SQLite work stays serial)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._thread: threading.Thread | None = None
        self._callbacks: tuple[Callable, Callable] | None = None

    def run(
        self,
        fn: Callable[[], object],
        on_done: Callable[[object], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        if self.busy():
            raise RuntimeError("a background job is already running")
        self._callbacks = (on_done, on_error)
        signals = self._signals

        def work() -> None:
            try:
                result = fn()
            except Exception as exc:  # noqa: BLE001 - handed to the UI thread to show or re-raise
                signals.failed.emit(exc)
            else:
                signals.finished.emit(result)

        self._thread = threading.Thread(target=work, name="pardesk-document", daemon=True)
        self._thread.start()

    def busy(self) -> bool:
        return self._callbacks is not None

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _done(self, result: object) -> None:
        on_done, _ = self._callbacks or (None, None)
        self._callbacks = None
        if on_done:
            on_done(result)

    def _failed(self, exc: object) -> None:
        _, on_error = self._callbacks or (None, None)
        self._callbacks = None
        if on_error:
            on_error(exc)  # type: ignore[arg-type]
