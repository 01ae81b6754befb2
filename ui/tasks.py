"""Long work off the UI thread: run a function on a worker, with progress, cancel and a result.

The function receives ``progress(done, total) -> bool`` and must not touch widgets: it calls
services, which open their own sessions (a Session is never shared across threads). Work
runs on a one-thread pool so two database writes never contend for the SQLite file.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from services.errors import UserError
from ui import strings

_POOL: QThreadPool | None = None
_RUNNING: set[BackgroundTask] = set()


def pool() -> QThreadPool:
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object, str)


class _Runnable(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            result = task.fn(task.report)
        except Exception as exc:  # handed back to the UI thread; never raised in the pool
            task.signals.failed.emit(exc, traceback.format_exc())
        else:
            task.signals.succeeded.emit(result)


class BackgroundTask(QObject):
    """One piece of work; ``finished(result)`` or ``failed(exception)`` arrive on the UI thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[Callable[[int, int], bool]], object], parent=None) -> None:
        super().__init__(parent)
        self.fn = fn
        self.cancelled = False
        self.signals = _Signals()
        self.signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.signals.succeeded.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.progress_callbacks: list[Callable[[int, int], None]] = []
        self.done = False

    def start(self) -> BackgroundTask:
        _RUNNING.add(self)
        pool().start(_Runnable(self))
        return self

    def cancel(self) -> None:
        self.cancelled = True

    def report(self, done: int, total: int) -> bool:
        """Called on the worker thread."""
        self.signals.progressed.emit(done, total)
        return not self.cancelled

    def _on_progress(self, done: int, total: int) -> None:
        for callback in self.progress_callbacks:
            callback(done, total)

    def _on_done(self, result: object) -> None:
        self.done = True
        _RUNNING.discard(self)
        self.finished.emit(result)

    def _on_failed(self, exc: Exception, trace: str) -> None:
        self.done = True
        _RUNNING.discard(self)
        exc.trace = trace  # type: ignore[attr-defined]
        self.failed.emit(exc)


def run_with_progress(
    parent: QWidget,
    label: str,
    fn: Callable[[Callable[[int, int], bool]], object],
    on_done: Callable[[object], None],
    *,
    show_errors: bool = True,
) -> BackgroundTask:
    """Run ``fn`` in the background behind a progress dialog with a Hủy (cancel) button."""
    dialog = QProgressDialog(label, "Hủy", 0, 0, parent)
    dialog.setObjectName("progressDialogBusy")
    dialog.setWindowTitle("ParDesk – Đang xử lý")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    task = BackgroundTask(fn, parent)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def finish() -> None:
        dialog.reset()
        dialog.deleteLater()

    def succeeded(result: object) -> None:
        finish()
        on_done(result)

    def failed(exc: Exception) -> None:
        finish()
        if show_errors:
            show_error(parent, exc)

    task.progress_callbacks.append(progressed)
    dialog.canceled.connect(task.cancel)
    task.finished.connect(succeeded)
    task.failed.connect(failed)
    return task.start()


def show_error(parent: QWidget, exc: Exception) -> None:
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, strings.ERROR_TITLE, exc.message)
    else:
        trace = getattr(exc, "trace", "")
        QMessageBox.critical(
            parent,
            strings.ERROR_TITLE,
            "Lỗi chương trình (không phải do dữ liệu nhập). Hãy gửi nội dung dưới đây cho "
            f"cán bộ kỹ thuật:\n\n{type(exc).__name__}: {exc}\n{trace[-1500:]}",
        )
