"""Make a legal PDF off the UI thread, then preview it or save it.

The worker only calls services (each opens its own session) and the document engine, and
returns bytes or a page count; the widgets are touched back on the UI thread. The runner is
the documents area's ``BackgroundRunner`` (generic: one job at a time).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from services.documents.model import Document
from ui.documents.background import BackgroundRunner
from ui.documents.pdf_preview import PdfPreviewDialog

MakeDocument = Callable[[], Document]


def _pdf_bytes(make: MakeDocument) -> tuple[bytes, int]:
    from services.documents.render import document_pdf

    pdf, info = document_pdf(make())
    return pdf, info.pages


def _write_pdf(make: MakeDocument, path: Path) -> int:
    from services.documents.render import write_pdf

    return write_pdf(make(), path).pages


class PdfActions(QObject):
    """Preview or save a document; messages go to ``report`` (the panel's message label)."""

    def __init__(self, parent_widget, report: Callable[[str], None]) -> None:
        super().__init__(parent_widget)
        self._widget = parent_widget
        self._report = report
        self.runner = BackgroundRunner(self)
        self.preview_dialog: PdfPreviewDialog | None = None

    def busy(self) -> bool:
        return self.runner.busy()

    def preview(self, make: MakeDocument, title: str, file_name: str) -> bool:
        if self.runner.busy():
            return False
        self._report("Đang tạo bản in...")

        def shown(result) -> None:
            pdf, pages = result
            self._report(f"Đã tạo bản in: {pages} trang.")
            self.preview_dialog = PdfPreviewDialog(title, pdf, file_name, self._widget)
            self.preview_dialog.open()

        self.runner.run(lambda: _pdf_bytes(make), shown, self._failed)
        return True

    def save(self, make: MakeDocument, path: Path) -> bool:
        if self.runner.busy():
            return False
        self._report("Đang tạo tệp PDF...")
        self.runner.run(
            lambda: _write_pdf(make, path),
            lambda pages: self._report(f"Đã lưu {path} ({pages} trang)."),
            self._failed,
        )
        return True

    def ask_save(self, make: MakeDocument, file_name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self._widget, "Lưu PDF", file_name, "PDF (*.pdf)")
        if path:
            self.save(make, Path(path))

    def _failed(self, exc: Exception) -> None:
        from services.errors import UserError

        if isinstance(exc, UserError):
            self._report(f"Không tạo được bản in: {exc}")
        else:
            self._report("")
            raise exc
