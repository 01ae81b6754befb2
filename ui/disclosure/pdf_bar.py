"""PDF of the quarterly disclosure list (Đ13.2) or of the year's report, previewed or saved.

The document is built and rendered on a worker thread (``ui.documents.background``: services
only, bytes back); the preview is a QtPdf view in a dialog with its own Lưu button, so the
clerk can look before saving. QtPdf is imported only when the first preview opens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from services.bundle import Services
from services.errors import UserError
from ui import strings
from ui.documents.background import BackgroundRunner
from ui.documents.pdf_preview import PdfPreviewDialog

YEAR_REPORT = 0  # the choice "Báo cáo năm"; 1..4 are quarters
ANNUAL_PLAN = 5  # Kế hoạch thực hiện công khai thông tin năm (Đ14.1)
CHOICES = (
    ("Danh sách quý I", 1),
    ("Danh sách quý II", 2),
    ("Danh sách quý III", 3),
    ("Danh sách quý IV", 4),
    ("Báo cáo công khai năm", YEAR_REPORT),
    ("Kế hoạch công khai năm", ANNUAL_PLAN),
)


def render(services: Services, year: int, choice: int) -> tuple[bytes, int]:
    """Worker-side: the chosen document's PDF bytes and page count."""
    from services.disclosure.documents import DisclosureDocuments
    from services.documents.render import document_pdf

    # Built over the area's own disclosure service, so its "today" is the one on screen.
    documents = DisclosureDocuments(services.database.session_factory, services.disclosure)
    if choice == ANNUAL_PLAN:
        from services.disclosure.annual_plan import AnnualPlanDocuments

        plans = AnnualPlanDocuments(services.database.session_factory, services.disclosure)
        document = plans.document(year)
    elif choice == YEAR_REPORT:
        document = documents.report_document(year)
    else:
        document = documents.quarterly_document(year, choice)
    pdf, info = document_pdf(document)
    return pdf, info.pages


def suggested_name(year: int, choice: int) -> str:
    if choice == ANNUAL_PLAN:
        return f"ke-hoach-cong-khai-{year}.pdf"
    if choice == YEAR_REPORT:
        return f"bao-cao-cong-khai-{year}.pdf"
    return f"danh-sach-cong-khai-{year}-quy-{choice}.pdf"


class DisclosurePdfBar(QWidget):
    """Choice of document + Xem trước PDF + Lưu PDF..., for the area's year."""

    saved = Signal(str)
    numbered = Signal()  # the annual plan got its number (the plan's CK23 row changed)

    def __init__(
        self,
        services: Services,
        settings: QSettings,
        year: Callable[[], int],
        notice: QLabel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("disclosurePdfBar")
        self._services = services
        self._settings = settings
        self._year = year
        self._notice = notice
        self.runner = BackgroundRunner(self)
        self.preview: PdfPreviewDialog | None = None
        self.last_pdf: bytes | None = None
        self.choice_box = QComboBox(objectName="pdfChoice")
        for label, value in CHOICES:
            self.choice_box.addItem(label, value)
        self.choice_box.setToolTip(
            "Danh sách các nội dung đã công khai của quý (khoản 2 Điều 13 Luật Thực hiện dân chủ "
            "ở cơ sở) hoặc Báo cáo kết quả công khai năm (khoản 3 Điều 14), đúng thể thức "
            "Nghị định 30"
        )
        self.preview_button = QPushButton("Xem trước &PDF", objectName="previewPdf")
        self.save_button = QPushButton("Lưu PD&F...", objectName="savePdf")
        self.number_button = QPushButton("Cấp &số...", objectName="numberNotice")
        self.choice_box.currentIndexChanged.connect(self._on_choice)
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button.clicked.connect(self.ask_save)
        self.number_button.clicked.connect(lambda: self.number_chosen())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice_box)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.save_button)
        layout.addWidget(self.number_button)
        self._on_choice()

    def _on_choice(self) -> None:
        self.number_button.setToolTip(
            "Kế hoạch công khai năm đã ký: cấp số Kế hoạch (KH) tiếp theo trong sổ văn bản đi"
            if self.choice == ANNUAL_PLAN
            else "Vào sổ văn bản đi, cấp số cho Thông báo (hoặc Báo cáo năm) đã ký; "
            "bản in sau đó mang số và ngày đã cấp."
        )

    def number_chosen(self) -> bool:
        """One "Cấp số..." for whatever is chosen: the annual plan (KH) or a notice/report."""
        return self.number_plan() if self.choice == ANNUAL_PLAN else self.ask_number()

    def number_plan(self, signed_text: str | None = None) -> bool:
        """Give the signed annual plan its KH number (asks the signing day unless given)."""
        from PySide6.QtWidgets import QInputDialog

        from services.disclosure.annual_plan import AnnualPlanDocuments
        from services.text import DATE_HINT, DateInputError, parse_date

        year = self._year()
        if signed_text is None:
            signed_text, ok = QInputDialog.getText(
                self, "Cấp số Kế hoạch", f"Ngày ký Kế hoạch công khai năm {year} ({DATE_HINT}):"
            )
            if not ok:
                return False
        plans = AnnualPlanDocuments(
            self._services.database.session_factory, self._services.disclosure
        )
        try:
            entry = plans.number(year, parse_date(signed_text))
        except DateInputError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, f"Ngày ký: {exc}")
            return False
        except UserError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, exc.message)
            return False
        self._notice.setText(
            f"Đã cấp số {entry.reference} ngày {entry.issued_on:%d/%m/%Y} cho Kế hoạch công "
            f"khai năm {year}."
        )
        self.numbered.emit()
        return True

    @property
    def choice(self) -> int:
        return int(self.choice_box.currentData())

    def set_choice(self, choice: int) -> None:
        self.choice_box.setCurrentIndex(self.choice_box.findData(choice))

    def _label(self) -> str:
        text = self.choice_box.currentText().removesuffix(" năm")
        return f"{text} năm {self._year()}"

    # ----- numbering -------------------------------------------------------------------------
    def ask_number(self) -> bool:
        """The chosen notice (or report) gets its number after the clerk confirms it."""
        from services.disclosure.documents import DisclosureDocuments
        from ui.documents.issue_dialog import IssueNumberDialog

        documents = DisclosureDocuments(
            self._services.database.session_factory, self._services.disclosure
        )
        year, choice = self._year(), self.choice
        held = documents.number_of(year, choice)
        if held is not None:
            self._notice.setText(
                f"{self._label()} đã có số {held.reference}; muốn cấp lại, hãy hủy số đó trong "
                "Sổ văn bản đi (mục Báo cáo)."
            )
            return False
        dialog = IssueNumberDialog(
            self._label(),
            lambda signed_on: documents.pending_number(year, choice, signed_on),
            self,
            signed_on=self._services.disclosure.today(),
        )
        if not dialog.exec() or dialog.current is None:
            return False
        try:
            entry = documents.number(
                year, choice, dialog.signed_on, expected_number=dialog.current.number
            )
        except UserError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, exc.message)
            return False
        self._notice.setText(f"Đã cấp số {entry.reference} cho {self._label()}.")
        return True

    # ----- generating ------------------------------------------------------------------------
    def _generate(self, then: Callable[[bytes], None]) -> bool:
        if self.runner.busy():
            return False
        services, year, choice = self._services, self._year(), self.choice
        self._busy(True)
        self._notice.setText(f"Đang tạo PDF {self._label()}...")

        def done(result) -> None:
            pdf, pages = result
            self._busy(False)
            self.last_pdf = pdf
            self._notice.setText(f"Đã tạo PDF {self._label()}: {pages} trang.")
            then(pdf)

        self.runner.run(lambda: render(services, year, choice), done, self._failed)
        return True

    def _busy(self, busy: bool) -> None:
        for widget in (self.preview_button, self.save_button, self.choice_box, self.number_button):
            widget.setEnabled(not busy)

    def _failed(self, exc: Exception) -> None:
        self._busy(False)
        self._notice.clear()
        if not isinstance(exc, UserError):
            raise exc
        QMessageBox.warning(self, strings.ERROR_TITLE, exc.message)

    # ----- preview ---------------------------------------------------------------------------
    def show_preview(self) -> bool:
        return self._generate(self._open_preview)

    def _open_preview(self, pdf: bytes) -> None:
        if self.preview is not None:
            self.preview.close()
            self.preview.deleteLater()
        self.preview = PdfPreviewDialog(self._label(), pdf, parent=self, save=self._save_shown)
        self.preview.show()

    def _save_shown(self) -> None:
        path = self._ask_path()
        if path and self.last_pdf is not None:
            self.write(path, self.last_pdf)

    # ----- saving ----------------------------------------------------------------------------
    def _ask_path(self) -> Path | None:
        folder = Path(str(self._settings.value("documents/folder", str(Path.home()))))
        name = suggested_name(self._year(), self.choice)
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu văn bản PDF", str(folder / name), "PDF (*.pdf)"
        )
        return Path(path) if path else None

    def ask_save(self) -> None:
        path = self._ask_path()
        if path:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Render on the worker thread, then write ``path`` (tests call this directly)."""
        return self._generate(lambda pdf: self.write(path, pdf))

    def write(self, path: Path, pdf: bytes) -> bool:
        from services.documents.render import write_file

        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_file(path, pdf)
        except UserError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, exc.message)
            return False
        self._settings.setValue("documents/folder", str(path.parent))
        self._notice.setText(f"Đã lưu {path}")
        self.saved.emit(str(path))
        return True
