"""Run a slow service call (export, evidence pack) off the UI thread; results come back by signal.

The function must not touch widgets: services open their own sessions, so it only needs the
arguments it closes over. Results are delivered to bound methods of a QObject living in the
UI thread, so Qt queues them there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from services.errors import UserError


class _Worker(QObject):
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__()
        self._fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn()
        except UserError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug: reported, never swallowed silently
            self.failed.emit(f"Lỗi chương trình (xin báo cán bộ kỹ thuật): {exc!r}")
            return
        self.finished.emit(result)


class BackgroundTask(QObject):
    """One job at a time; ``done``/``failed`` are emitted in the UI thread."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None

    def busy(self) -> bool:
        return self._thread is not None

    def start(self, fn: Callable[[], object]) -> None:
        if self._thread is not None:
            raise UserError("Đang làm việc khác; xin đợi xong rồi thử lại.")
        self._thread = QThread(self)
        self._worker = _Worker(fn)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._finished)
        self._worker.failed.connect(self._failed)
        self._thread.start()

    @Slot(object)
    def _finished(self, result: object) -> None:
        self._stop()
        self.done.emit(result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)

    def _stop(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._worker.deleteLater()
            self._thread.deleteLater()
        self._thread = self._worker = None
