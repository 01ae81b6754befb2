"""The Báo cáo area: choose a document, preview it (QtPdf), print it or save it as PDF/Word.

Generation runs on a worker thread (services only, plain bytes back); the preview, printing
and saving work on the bytes of the last generated document. The free-text parts of a report
are edited here and saved with the report, so regenerating gives the same wording.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.documents.periods import PERIOD_CHOICES
from ui import strings
from ui.documents.background import BackgroundRunner
from ui.documents.register_panel import RegisterPanel

KIND_PLAN, KIND_REPORT = "plan", "report"
RECENT_KEY = "documents/recent"
RECENT_MAX = 10
REPORT_FIELDS = (
    ("assessment", "Đánh giá chung (ưu điểm):"),
    ("limitations", "Tồn tại, hạn chế:"),
    ("directions", "Phương hướng thời gian tới:"),
    ("proposals", "Đề xuất, kiến nghị:"),
    ("kinh_gui", "Kính gửi (mỗi nơi một dòng):"),
    ("recipients", "Nơi nhận (mỗi nơi một dòng; để trống: như thông tin đơn vị):"),
)


def _make(
    services: Services,
    kind: str,
    year: int,
    period: str,
    draft: bool,
    docx: bool,
    annex: bool = True,
):
    """Worker-side: the document's PDF bytes (and .docx bytes when asked)."""
    from services.documents.render import document_pdf

    docs = services.documents
    if kind == KIND_PLAN:
        document = docs.plan_document(year, draft=draft, annex=annex)
    else:
        document = docs.report_document(year, period, draft=draft)
    pdf, info = document_pdf(document)
    word = None
    if docx:
        from services.documents.docx import document_docx

        word = document_docx(document)
    return pdf, info.pages, word


class ReportsArea(QWidget):
    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportsArea")
        self._services = services
        self._settings = settings
        self.runner = BackgroundRunner(self)
        self.pdf_bytes: bytes | None = None
        self.docx_bytes: bytes | None = None
        self._buffer: QBuffer | None = None
        self._loaded = False
        self._build()

    # ----- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.kind_box = QComboBox(objectName="documentKind")
        self.kind_box.addItem("Kế hoạch (văn bản ban hành)", KIND_PLAN)
        self.kind_box.addItem("Báo cáo kết quả thực hiện Kế hoạch", KIND_REPORT)
        self.year_box = QComboBox(objectName="documentYear")
        self.period_box = QComboBox(objectName="reportPeriod")
        for code, label in PERIOD_CHOICES:
            self.period_box.addItem(label, code)
        self.period_box.setCurrentIndex(self.period_box.findData("Q3"))
        self.draft_check = QCheckBox("Bản &dự thảo (có dấu “DỰ THẢO”)", objectName="draftCheck")
        form = QFormLayout()
        form.addRow("&Văn bản:", self.kind_box)
        form.addRow("&Năm:", self.year_box)
        form.addRow("&Kỳ báo cáo:", self.period_box)
        form.addRow("", self.draft_check)
        self.annex_check = QCheckBox("Kèm phụ lục phân công nhiệm vụ", objectName="annexCheck")
        self.annex_check.setToolTip(
            "In thêm Phụ lục “Bảng phân công nhiệm vụ” (khổ ngang) sau phần nội dung Kế hoạch."
        )
        self.annex_check.setChecked(True)
        form.addRow("", self.annex_check)

        self.report_group = QGroupBox("Nội dung do cán bộ viết (lưu cùng báo cáo)")
        self.report_group.setObjectName("reportTexts")
        texts = QFormLayout(self.report_group)
        texts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.text_edits: dict[str, QPlainTextEdit] = {}
        for name, label in REPORT_FIELDS:
            edit = QPlainTextEdit(objectName=f"report_{name}")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(56)
            texts.addRow(label, edit)
            self.text_edits[name] = edit
        self.save_text_button = QPushButton("Lưu &nội dung báo cáo", objectName="saveReportText")
        texts.addRow("", self.save_text_button)

        self.register_group = RegisterPanel(
            self._services, self._selection, self, settings=self._settings
        )

        self.preview_button = QPushButton("&Xem trước", objectName="previewButton")
        self.print_button = QPushButton("&In...", objectName="printButton")
        self.save_pdf_button = QPushButton("Lưu &PDF...", objectName="savePdfButton")
        self.save_docx_button = QPushButton("Lưu bản &Word...", objectName="saveDocxButton")
        buttons = QHBoxLayout()
        for b in (
            self.preview_button,
            self.print_button,
            self.save_pdf_button,
            self.save_docx_button,
        ):
            buttons.addWidget(b)
        self.status = QLabel(objectName="documentStatus", wordWrap=True)
        self.recent = QListWidget(objectName="recentDocuments")
        self.recent.setToolTip("Nhấp đúp để mở lại văn bản đã lưu")

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(form)
        column.addWidget(self.report_group)
        column.addWidget(self.register_group)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        # The actions stay in view below the scrolling choices.
        left = QWidget()
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(scroll, 1)
        side.addLayout(buttons)
        side.addWidget(self.status)
        side.addWidget(QLabel("Văn bản đã lưu gần đây:"))
        self.recent.setMaximumHeight(130)
        side.addWidget(self.recent)

        # QtPdf is loaded when the area is first shown, not at program start-up.
        self.pdf_document = None
        self.view = None
        self.viewer_host = QWidget(objectName="previewHost")
        QVBoxLayout(self.viewer_host).setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.viewer_host)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.year_box.currentIndexChanged.connect(self._load_report_text)
        self.period_box.currentIndexChanged.connect(self._load_report_text)
        self.save_text_button.clicked.connect(self.save_report_text)
        self.preview_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_document)
        self.save_pdf_button.clicked.connect(self._ask_save_pdf)
        self.save_docx_button.clicked.connect(self._ask_save_docx)
        self.recent.itemActivated.connect(
            lambda item: self.open_file(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        self._set_ready(False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Data and QtPdf are loaded when the area is first shown, not at program start."""
        if not self._loaded:
            self.reload()
        self.ensure_viewer()
        super().showEvent(event)

    def reload(self) -> None:
        self._loaded = True
        self.register_group.load_options()
        self._load_years()
        self._load_recent()
        self._kind_changed()

    def ensure_viewer(self):
        """Create the QtPdf document and view on first use; return the document."""
        if self.pdf_document is None:
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView

            self.pdf_document = QPdfDocument(self)
            self.view = QPdfView(self.viewer_host)
            self.view.setObjectName("pdfPreview")
            self.view.setDocument(self.pdf_document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.viewer_host.layout().addWidget(self.view)
        return self.pdf_document

    # ----- state ---------------------------------------------------------------------------
    def _load_years(self) -> None:
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in self._services.plans.years():
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(self.year_box.count() - 1)
        self.year_box.blockSignals(False)

    @property
    def kind(self) -> str:
        return self.kind_box.currentData()

    @property
    def year(self) -> int | None:
        return self.year_box.currentData()

    @property
    def period(self) -> str:
        return self.period_box.currentData()

    def _kind_changed(self) -> None:
        report = self.kind == KIND_REPORT
        self.period_box.setEnabled(report)
        self.annex_check.setEnabled(not report)
        self.report_group.setVisible(report)
        self._load_report_text()

    def _selection(self) -> tuple[str, int | None, str]:
        return self.kind, self.year, self.period

    def _load_report_text(self) -> None:
        self.register_group.refresh()
        if self.kind != KIND_REPORT or self.year is None:
            return
        text = self._services.documents.report_text(self.year, self.period)
        for name, edit in self.text_edits.items():
            edit.setPlainText(getattr(text, name))

    def save_report_text(self) -> None:
        from services.errors import UserError

        if self.year is None:
            return
        docs = self._services.documents
        text = docs.report_text(self.year, self.period)
        values = {name: edit.toPlainText() for name, edit in self.text_edits.items()}
        try:
            docs.reports.save(replace(text, **values))
        except UserError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, str(exc))
            return
        self.status.setText("Đã lưu nội dung báo cáo.")

    def _set_ready(self, ready: bool) -> None:
        for b in (self.print_button, self.save_pdf_button, self.save_docx_button):
            b.setEnabled(ready)

    # ----- generating ----------------------------------------------------------------------
    def generate(self) -> None:
        """Build the chosen document on a worker thread; the preview shows it when done."""
        if self.year is None or self.runner.busy():
            return
        if self.kind == KIND_REPORT:
            self.save_report_text()
        args = (self._services, self.kind, self.year, self.period, self.draft_check.isChecked())
        self.preview_button.setEnabled(False)
        self._set_ready(False)
        self.status.setText("Đang tạo văn bản...")
        annex = self.annex_check.isChecked()
        self.runner.run(lambda: _make(*args, docx=True, annex=annex), self._generated, self._failed)

    def _generated(self, result) -> None:
        pdf, pages, word = result
        self.pdf_bytes, self.docx_bytes = pdf, word
        self.preview_button.setEnabled(True)
        self._show(pdf)
        self._set_ready(True)
        self.status.setText(f"Đã tạo văn bản: {pages} trang.")

    def _failed(self, exc: Exception) -> None:
        from services.errors import UserError

        self.preview_button.setEnabled(True)
        self.status.setText("")
        if isinstance(exc, UserError):
            QMessageBox.warning(self, strings.ERROR_TITLE, str(exc))
        else:
            raise exc

    def _show(self, pdf: bytes) -> None:
        self.ensure_viewer().close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer

    # ----- printing and saving ------------------------------------------------------------------
    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        if self.ensure_viewer().pageCount() == 0:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, self.pdf_document.pageCount())
        if dialog.exec():
            self.print_to(printer)

    def print_to(self, printer) -> int:
        """Print the shown document on ``printer`` (a QPrinter set up by the dialog)."""
        from ui.documents.printing import print_pdf

        sent = print_pdf(self.ensure_viewer(), printer)
        self.status.setText(f"Đã gửi {sent} trang tới máy in.")
        return sent

    def _suggested_name(self, suffix: str) -> str:
        if self.kind == KIND_PLAN:
            return f"ke-hoach-{self.year}{suffix}"
        return f"bao-cao-{self.year}-{self.period}{suffix}"

    def _ask_save_pdf(self) -> None:
        folder = self._settings.value("documents/folder", str(Path.home()))
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu văn bản PDF", str(Path(folder) / self._suggested_name(".pdf")), "PDF (*.pdf)"
        )
        if path:
            self.save_to(Path(path))

    def _ask_save_docx(self) -> None:
        folder = self._settings.value("documents/folder", str(Path.home()))
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu bản Word", str(Path(folder) / self._suggested_name(".docx")), "Word (*.docx)"
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the last generated document (.pdf or .docx by the name) and remember it."""
        data = self.docx_bytes if path.suffix.lower() == ".docx" else self.pdf_bytes
        if data is None:
            return False
        try:
            path.write_bytes(data)
        except OSError as exc:
            QMessageBox.warning(
                self, strings.ERROR_TITLE, f"Không ghi được tệp “{path}”: {exc.strerror or exc}."
            )
            return False
        self._settings.setValue("documents/folder", str(path.parent))
        if path.suffix.lower() == ".pdf":
            self._remember(path)
        self.status.setText(f"Đã lưu {path}.")
        return True

    # ----- recent documents ---------------------------------------------------------------
    def _recent_paths(self) -> list[str]:
        value = self._settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _remember(self, path: Path) -> None:
        paths = [str(path)] + [p for p in self._recent_paths() if p != str(path)]
        self._settings.setValue(RECENT_KEY, paths[:RECENT_MAX])
        self._load_recent()

    def _load_recent(self) -> None:
        self.recent.clear()
        for p in self._recent_paths():
            item = QListWidgetItem(Path(p).name)
            item.setToolTip(p)
            item.setData(Qt.ItemDataRole.UserRole, p)
            if not Path(p).exists():
                item.setText(f"{Path(p).name} (không còn tệp)")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)

    def open_file(self, path: Path) -> bool:
        """Show a saved PDF again (to read or print it)."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            QMessageBox.warning(
                self, strings.ERROR_TITLE, f"Không mở được “{path}”: {exc.strerror or exc}."
            )
            return False
        self.pdf_bytes, self.docx_bytes = data, None
        self._show(data)
        self.print_button.setEnabled(True)
        self.save_pdf_button.setEnabled(True)
        self.save_docx_button.setEnabled(False)
        self.status.setText(f"Đang xem {path.name} ({self.pdf_document.pageCount()} trang).")
        return True
