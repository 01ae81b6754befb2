"""A generated PDF shown as it will print (QtPdf, with zoom and pages), with Lưu and Đóng;
used by every area.

QtPdf is imported when the first preview opens, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout

from ui.buttons import Std, button_box


class PdfPreviewDialog(QDialog):
    """Pages of ``pdf``; Lưu calls ``save`` when given, else asks where to write the bytes."""

    def __init__(
        self,
        title: str,
        pdf: bytes,
        file_name: str = "van-ban.pdf",
        parent=None,
        *,
        save: Callable[[], None] | None = None,
    ) -> None:
        from ui.documents.pdf_pages import PdfPages

        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.pdf = pdf
        self.file_name = file_name
        self.saved_to: Path | None = None
        self.pages = PdfPages(self)
        self.pages.show_pdf(pdf)
        self.document = self.pages.document
        self.view = self.pages.view
        self.view.setObjectName("pdfView")
        self.status = QLabel(f"{self.document.pageCount()} trang", objectName="previewStatus")
        buttons = button_box(self, Std.Save | Std.Close)
        buttons.accepted.disconnect()
        buttons.accepted.connect(save or self._ask_save)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(row)
        self.resize(900, 760)

    def _ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Lưu PDF", self.file_name, "PDF (*.pdf)")
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the previewed bytes through a temporary file (never half a PDF)."""
        from services.documents.render import write_file
        from services.errors import UserError

        try:
            write_file(Path(path), self.pdf)
        except UserError as exc:
            self.status.setText(str(exc))
            return False
        self.saved_to = Path(path)
        self.status.setText(f"Đã lưu {path}.")
        return True
