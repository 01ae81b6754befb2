"""Run slow, Qt-free work (a backup, a restore) off the UI thread behind a progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")


class _Job(QThread):
    progressed = Signal(int, int)

    def __init__(self, work: Callable[[Callable[[int, int], None]], object]) -> None:
        super().__init__()
        self._work = work
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work(
                lambda done, total: self.progressed.emit(done >> 10, total >> 10)
            )
        except BaseException as exc:  # handed back to the UI thread, re-raised there
            self.error = exc


def run_with_progress(
    parent: QWidget | None, text: str, work: Callable[[Callable[[int, int], None]], T]
) -> T:
    """Call ``work(progress)`` in a thread; the window stays painted; errors re-raise here."""
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setObjectName("progressDialog")
    dialog.setWindowTitle("ParDesk")
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    job = _Job(work)
    loop = QEventLoop()
    job.finished.connect(loop.quit)

    def show_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    job.progressed.connect(show_progress)
    job.start()
    loop.exec()
    job.wait()
    dialog.close()
    dialog.deleteLater()
    if job.error is not None:
        raise job.error
    return job.result  # type: ignore[return-value]
