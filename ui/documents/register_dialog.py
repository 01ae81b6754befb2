"""The sổ văn bản đi of a year: every number given, cancelling one given by mistake, and the
register printed, saved as PDF or exported to Excel.

Reached from the Báo cáo area ("Sổ văn bản đi..."). A cancelled number is never deleted: it
stays in the register marked "hủy" with who, when and why, and the next number goes on.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.documents.register import RegisterEntry
from services.errors import UserError
from ui import strings
from ui.buttons import Std, button_box
from ui.documents.register_model import RegisterTableModel
from ui.list_table_model import ROW_ROLE


class CancelNumberDialog(QDialog):
    """Asks why the number is cancelled; "Hủy số" stays disabled until a reason is typed."""

    def __init__(self, entry: RegisterEntry, user: str, parent: QWidget | None = None) -> None:
        from services.text import format_date

        super().__init__(parent)
        self.setObjectName("cancelNumberDialog")
        self.setWindowTitle("Hủy số văn bản")
        self.entry = entry
        about = QLabel(
            f"Hủy số <b>{entry.reference}</b> ngày {format_date(entry.issued_on)} "
            f"({entry.type_name}: {entry.summary}).<br>Số đã hủy vẫn ghi trong sổ, có tên người "
            f"hủy ({user}), thời điểm và lý do; số tiếp theo không dùng lại số này.",
            objectName="cancelAbout",
            wordWrap=True,
        )
        self.reason = QPlainTextEdit(objectName="cancelReason")
        self.reason.setPlaceholderText("Ví dụ: cấp nhầm cho văn bản chưa ký")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.hint = QLabel("Lý do hủy số (bắt buộc):", objectName="cancelHint")
        self.buttons = button_box(self, Std.Ok | Std.Cancel)
        self.ok_button = self.buttons.button(Std.Ok)
        self.ok_button.setText("Hủy &số")
        self.ok_button.setObjectName("confirmCancel")
        self.buttons.button(Std.Cancel).setText("Không hủy")
        self.ok_button.setEnabled(False)
        self.reason.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reason_text())))
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.hint)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()


class RegisterDialog(QDialog):
    """The register of the chosen year with "Hủy số...", "In...", "Lưu PDF..." and Excel."""

    def __init__(
        self,
        services: Services,
        settings: QSettings,
        year: int | None = None,
        parent: QWidget | None = None,
        *,
        may_cancel: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self._may_cancel = may_cancel
        self.setWindowTitle("Sổ đăng ký văn bản đi")
        self._services = services
        self._settings = settings
        self.year_box = QComboBox(objectName="registerYear")
        self.model = RegisterTableModel(self)
        self.table = QTableView(objectName="registerBook")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((95, 80, 80, 250, 130, 190)):
            self.table.setColumnWidth(column, width)
        self.count_label = QLabel(objectName="registerCount")
        self.cancel_button = QPushButton("&Hủy số...", objectName="cancelNumber")
        self.cancel_button.setToolTip("Hủy số cấp nhầm: dòng vẫn giữ trong sổ, ghi rõ lý do.")
        self.cancel_button.setVisible(may_cancel)
        self.print_button = QPushButton("&In sổ...", objectName="printRegister")
        self.pdf_button = QPushButton("Lưu &PDF...", objectName="registerPdf")
        self.xlsx_button = QPushButton("Xuất &Excel...", objectName="registerXlsx")
        self.close_button = QPushButton("Đóng", objectName="closeRegister")
        top = QHBoxLayout()
        top.addWidget(QLabel("&Năm:", buddy=self.year_box))
        top.addWidget(self.year_box)
        top.addWidget(self.count_label, 1)
        actions = QHBoxLayout()
        for b in (self.cancel_button, self.print_button, self.pdf_button, self.xlsx_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.year_box.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.print_button.clicked.connect(self.ask_print)
        self.pdf_button.clicked.connect(lambda: self._ask_export(".pdf"))
        self.xlsx_button.clicked.connect(lambda: self._ask_export(".xlsx"))
        self.close_button.clicked.connect(self.accept)
        self._load_years(year)
        self.resize(960, 480)

    # ----- state ---------------------------------------------------------------------------
    def _load_years(self, chosen: int | None) -> None:
        from datetime import date

        years = set(self._services.documents.register.years()) | {date.today().year}
        if chosen is not None:
            years.add(chosen)
        self.year_box.blockSignals(True)
        for y in sorted(years):
            self.year_box.addItem(str(y), y)
        pick = chosen if chosen is not None else date.today().year
        self.year_box.setCurrentIndex(self.year_box.findData(pick))
        self.year_box.blockSignals(False)
        self.refresh()

    @property
    def year(self) -> int:
        return int(self.year_box.currentData())

    def refresh(self) -> None:
        entries = self._services.documents.register.entries(self.year)
        self.model.set_entries(entries)
        self.table.resizeRowsToContents()
        cancelled = sum(1 for e in entries if e.cancelled)
        text = f"{len(entries)} số đã cấp năm {self.year}"
        self.count_label.setText(f"{text}, trong đó {cancelled} số đã hủy." if cancelled else text)
        self._selection_changed()

    def selected(self) -> RegisterEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select_reference(self, reference: str) -> None:
        for row, entry in enumerate(self.model.entries):
            if entry.reference == reference:
                self.table.selectRow(row)
                return

    def _selection_changed(self, *_args) -> None:
        entry = self.selected()
        self.cancel_button.setEnabled(entry is not None and not entry.cancelled)

    # ----- cancelling ------------------------------------------------------------------------
    def ask_cancel(self) -> bool:
        entry = self.selected()
        if entry is None or entry.cancelled or not self._may_cancel:
            return False
        user = self._services.progress.user_name()
        dialog = CancelNumberDialog(entry, user, self)
        if not dialog.exec():
            return False
        try:
            self._services.documents.register.cancel(entry.id, dialog.reason_text(), user)
        except UserError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, str(exc))
            return False
        self.refresh()
        return True

    # ----- printing and export ------------------------------------------------------------------
    def _suggested(self, suffix: str) -> str:
        return f"so-van-ban-di-{self.year}{suffix}"

    def _ask_export(self, suffix: str) -> None:
        folder = self._settings.value("documents/folder", str(Path.home()))
        kind = "PDF (*.pdf)" if suffix == ".pdf" else "Excel (*.xlsx)"
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu sổ văn bản đi", str(Path(folder) / self._suggested(suffix)), kind
        )
        if path:
            self.export_to(Path(path) if Path(path).suffix else Path(path + suffix))

    def export_to(self, path: Path) -> bool:
        try:
            self._services.documents.write_register(self.year, path)
        except UserError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, str(exc))
            return False
        self._settings.setValue("documents/folder", str(path.parent))
        self.count_label.setText(f"Đã lưu {path}.")
        return True

    def ask_print(self) -> None:
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec():
            self.print_to(printer)

    def print_to(self, printer) -> int:
        """Print the year's register (the same PDF as "Lưu PDF...") on ``printer``."""
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtPdf import QPdfDocument

        from ui.documents.printing import print_pdf

        buffer = QBuffer(self)
        buffer.setData(QByteArray(self._services.documents.register_pdf(self.year)))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument(self)
        document.load(buffer)
        sent = print_pdf(document, printer)
        self.count_label.setText(f"Đã gửi {sent} trang sổ văn bản đi tới máy in.")
        return sent
