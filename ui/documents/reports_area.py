"""The Báo cáo area: choose a document, preview it (QtPdf), print it or save it as PDF/Word.

Generation runs on a worker thread (services only, plain bytes back). Everything the clerk
gets is made from one frozen ``DocumentRequest`` (kind, year, period, draft): the bytes on
screen remember the request they came from, any change of the choice (or of the content: a
number given, the margins, the report's own text) clears the preview at once, and "Lưu" or
"In" on a choice not yet previewed first makes that document, then saves or prints it.
The free-text parts of a report are edited here and saved with the report, so regenerating
gives the same wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
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
from ui.documents.document_request import KIND_PLAN, KIND_REPORT, DocumentRequest
from ui.documents.register_panel import RegisterPanel

STALE_TEXT = "Lựa chọn đã đổi: bấm “Xem trước” (hoặc Lưu, In) để tạo văn bản đang chọn."
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


def _make(services: Services, request: DocumentRequest):
    """Worker-side: the request with its PDF bytes, page count and .docx bytes."""
    from services.documents.docx import document_docx
    from services.documents.render import document_pdf

    docs = services.documents
    if request.kind == KIND_PLAN:
        document = docs.plan_document(request.year, draft=request.draft, annex=request.annex)
    else:
        document = docs.report_document(request.year, request.period, draft=request.draft)
    pdf, info = document_pdf(document)
    return request, pdf, info.pages, document_docx(document)


class ReportsArea(QWidget):
    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportsArea")
        self._services = services
        self._settings = settings
        self.runner = BackgroundRunner(self)
        # The bytes on screen and what they were made from: a request, or a reopened file.
        self.pdf_bytes: bytes | None = None
        self.docx_bytes: bytes | None = None
        self.shown: DocumentRequest | Path | None = None
        self._revision = 0
        self._then: Callable[[], None] | None = None
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
        self.register_group.changed.connect(self._content_changed)

        self.preview_button = QPushButton("&Xem trước", objectName="previewButton")
        self.print_button = QPushButton("&In...", objectName="printButton")
        self.print_button.setToolTip("In văn bản đang chọn (Ctrl+P)")
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
        self.pages = None
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
        for box in (self.kind_box, self.year_box, self.period_box):
            box.currentIndexChanged.connect(self._choice_changed)
        self.draft_check.toggled.connect(self._choice_changed)
        self.annex_check.toggled.connect(self._choice_changed)
        for edit in self.text_edits.values():
            edit.textChanged.connect(self._text_edited)
        self.save_text_button.clicked.connect(self.save_report_text)
        self.preview_button.clicked.connect(lambda: self.generate())
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_pdf_button.clicked.connect(self._ask_save_pdf)
        self.save_docx_button.clicked.connect(self._ask_save_docx)
        self.recent.itemActivated.connect(
            lambda item: self.open_file(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        QShortcut(
            QKeySequence.StandardKey.Print,
            self,
            self.print_document,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
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
        """Create the page view (QtPdf) on first use; return its QPdfDocument."""
        if self.pages is None:
            from ui.documents.pdf_pages import PdfPages

            self.pages = PdfPages(self.viewer_host)
            self.pdf_document = self.pages.document
            self.view = self.pages.view
            self.viewer_host.layout().addWidget(self.pages)
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

    def choose(self, kind: str, year: int, period: str | None = None) -> None:
        """Select a document as the clerk would in the boxes (used by Tệp → In)."""
        if not self._loaded:
            self.reload()
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(year)))
        if period:
            self.period_box.setCurrentIndex(max(0, self.period_box.findData(period)))

    def current_request(self) -> DocumentRequest | None:
        """The document the clerk has chosen now (None while there is no plan year)."""
        if self.year is None:
            return None
        return DocumentRequest.of(
            self.kind,
            self.year,
            self.period,
            self.draft_check.isChecked(),
            self._revision,
            annex=self.annex_check.isChecked(),
        )

    def is_current(self) -> bool:
        """Whether the bytes on screen are the document now chosen."""
        return self.pdf_bytes is not None and self.shown == self.current_request()

    def _choice_changed(self) -> None:
        if self.shown is not None and not self.is_current():
            self._invalidate()

    def _content_changed(self) -> None:
        """A number was given or the margins changed: the same choice now prints otherwise."""
        self._revision += 1
        self._choice_changed()

    def _text_edited(self) -> None:
        if self.kind == KIND_REPORT and not self._loading_text:
            self._content_changed()

    def _invalidate(self) -> None:
        """Clear the preview at once: nothing of another choice can be printed or saved."""
        self.pdf_bytes = self.docx_bytes = None
        self.shown = None
        if self.pages is not None:
            self.pages.clear()
        self._set_ready(self.year is not None)
        self.status.setText(STALE_TEXT)

    _loading_text = False

    def _load_report_text(self) -> None:
        self.register_group.refresh()
        if self.kind != KIND_REPORT or self.year is None:
            return
        text = self._services.documents.report_text(self.year, self.period)
        self._loading_text = True
        try:
            for name, edit in self.text_edits.items():
                edit.setPlainText(getattr(text, name))
        finally:
            self._loading_text = False

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
        """Print and save are offered whenever a document can be made for the choice."""
        for b in (self.print_button, self.save_pdf_button, self.save_docx_button):
            b.setEnabled(ready)

    # ----- generating ----------------------------------------------------------------------
    def generate(self, then: Callable[[], None] | None = None) -> None:
        """Build the chosen document on a worker thread; the preview shows it when done,
        then ``then`` runs (the save or print that asked for it)."""
        if self.year is None or self.runner.busy():
            return
        if self.kind == KIND_REPORT:
            self.save_report_text()
        request = self.current_request()
        if request is None:
            return
        self._then = then
        self.preview_button.setEnabled(False)
        self._set_ready(False)
        self.status.setText("Đang tạo văn bản...")
        services = self._services
        self.runner.run(lambda: _make(services, request), self._generated, self._failed)

    def _generated(self, result) -> None:
        request, pdf, pages, word = result
        then, self._then = self._then, None
        self.preview_button.setEnabled(True)
        self._set_ready(True)
        if request != self.current_request():
            # The choice changed while this one was being made: it is not shown at all.
            self.status.setText(STALE_TEXT)
            return
        self.pdf_bytes, self.docx_bytes, self.shown = pdf, word, request
        self._show(pdf)
        self.status.setText(f"Đã tạo văn bản: {pages} trang.")
        if then is not None:
            then()

    def _failed(self, exc: Exception) -> None:
        from services.errors import UserError

        self._then = None
        self.preview_button.setEnabled(True)
        self._set_ready(self.year is not None)
        self.status.setText("")
        if isinstance(exc, UserError):
            QMessageBox.warning(self, strings.ERROR_TITLE, str(exc))
        else:
            raise exc

    def _show(self, pdf: bytes) -> None:
        self.ensure_viewer()
        self.pages.show_pdf(pdf)

    # ----- printing and saving ------------------------------------------------------------------
    def print_document(self) -> None:
        """Print the chosen document (Ctrl+P); made first when it is not on screen yet.

        A reopened file on screen is printed as it is."""
        if not (self.is_current() or isinstance(self.shown, Path)):
            self.generate(then=self.print_document)
            return
        if self.ensure_viewer().pageCount() == 0:
            return
        from PySide6.QtPrintSupport import QPrinter

        from ui.documents.printing import remember_printer, restore_printer

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        restore_printer(self._settings, printer)
        if self.exec_print_dialog(printer):
            remember_printer(self._settings, printer)
            self.print_to(printer)

    def exec_print_dialog(self, printer) -> bool:
        """The print dialog with page range and copies; True when the clerk pressed In."""
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, self.pdf_document.pageCount())
        return bool(dialog.exec())

    def print_to(self, printer) -> int:
        """Print the shown document on ``printer`` (a QPrinter set up by the dialog)."""
        from ui.documents.printing import print_pdf

        sent = print_pdf(self.ensure_viewer(), printer)
        self.status.setText(f"Đã gửi {sent} trang tới máy in.")
        return sent

    def _ask_save_pdf(self) -> None:
        self._ask_save(".pdf", "Lưu văn bản PDF", "PDF (*.pdf)")

    def _ask_save_docx(self) -> None:
        self._ask_save(".docx", "Lưu bản Word", "Word (*.docx)")

    def _ask_save(self, suffix: str, title: str, pattern: str) -> None:
        """Save the chosen document; when it is not on screen yet it is made (and shown)
        first, so the name proposed and the bytes written are the same document's."""
        if not self.is_current():
            self.generate(then=lambda: self._ask_save(suffix, title, pattern))
            return
        request = self.shown
        assert isinstance(request, DocumentRequest)
        folder = self._settings.value("documents/folder", str(Path.home()))
        path = self.ask_save_path(title, str(Path(folder) / request.file_name(suffix)), pattern)
        if path:
            self.save_to(Path(path))

    def ask_save_path(self, title: str, proposed: str, pattern: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, proposed, pattern)
        return path

    def save_to(self, path: Path) -> bool:
        """Write the document on screen (.pdf or .docx by the name) and remember it.

        Refused unless the bytes are the document now chosen: a stale preview is never saved.
        """
        if not self.is_current():
            self.status.setText(STALE_TEXT)
            return False
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
        self.pdf_bytes, self.docx_bytes, self.shown = data, None, path
        self._show(data)
        self._set_ready(True)
        self.status.setText(f"Đang xem {path.name} ({self.pdf_document.pageCount()} trang).")
        return True
