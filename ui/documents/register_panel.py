"""Numbering and page setup beside the document choice: the outgoing register of the year.

A signed document is entered in the register (sổ đăng ký văn bản đi) on its signing date and
gets the next number; from then on the PDF prints that number and date. Margins and whether
KH and BC share one number sequence are office settings kept in the database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from services.bundle import Services
from services.documents.model import MARGIN_LABELS
from ui import strings
from ui.date_field import DateField
from ui.documents.register_model import RegisterTableModel

Selection = Callable[[], tuple[str, int | None, str]]  # kind ("plan"/"report"), year, period


class RegisterPanel(QGroupBox):
    changed = Signal()  # a number was given or the page set-up changed: documents print otherwise

    def __init__(
        self,
        services: Services,
        selection: Selection,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ):
        super().__init__("Số văn bản và lề trang", parent)
        self.setObjectName("registerGroup")
        self._services = services
        self._selection = selection
        self._settings = settings
        self.register_dialog = None
        self.may_cancel = True  # set by ui.accounts.roles: who may number may cancel
        self._build()
        self.issue_button.clicked.connect(self.issue_number)
        self.book_button.clicked.connect(self.open_register)
        self.issue_date.textChanged.connect(self._show_register)
        self.margin_box.currentIndexChanged.connect(self._save_options)
        self.shared_check.toggled.connect(self._save_options)

    def _build(self) -> None:
        reg = QFormLayout(self)
        self.number_label = QLabel(objectName="numberLabel", wordWrap=True)
        self.issue_date = DateField(date.today(), object_name="issueDate")
        self.issue_button = QPushButton("Vào sổ văn bản đi, &cấp số", objectName="issueButton")
        self.issue_button.setToolTip(
            "Cấp số sau khi văn bản đã được ký (Nghị định 30, Điều 15); số và ngày sẽ in vào văn bản."
        )
        issue_row = QHBoxLayout()
        issue_row.addWidget(self.issue_date)
        issue_row.addWidget(self.issue_button, 1)
        self.margin_box = QComboBox(objectName="marginPreset")
        for key, label in MARGIN_LABELS.items():
            self.margin_box.addItem(label, key)
        self.shared_check = QCheckBox(
            "Mọi loại văn bản dùng chung một dãy số", objectName="sharedSequence"
        )
        self.shared_check.setToolTip(
            "Chọn: Kế hoạch, Báo cáo, Quyết định, Thông báo lấy số nối tiếp nhau trong một dãy. "
            "Bỏ chọn: mỗi loại có dãy số riêng. Số bắt đầu lại từ 01 mỗi năm."
        )
        self.book_button = QPushButton("&Sổ văn bản đi...", objectName="registerBookButton")
        self.book_button.setToolTip(
            "Xem sổ đăng ký văn bản đi của năm, hủy số cấp nhầm, in hoặc xuất Excel."
        )
        reg.addRow("Số hiện tại:", self.number_label)
        reg.addRow("Ngày ký:", issue_row)
        reg.addRow("Lề trang:", self.margin_box)
        reg.addRow("", self.shared_check)
        self.register_model = RegisterTableModel(self)
        self.register_table = QTableView(objectName="registerTable")
        self.register_table.setModel(self.register_model)
        self.register_table.verticalHeader().hide()
        header = self.register_table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.register_table.setMaximumHeight(120)
        self.register_label = QLabel(objectName="registerLabel")
        book_row = QHBoxLayout()
        book_row.addWidget(self.register_label, 1)
        book_row.addWidget(self.book_button)
        reg.addRow(book_row)
        reg.addRow(self.register_table)
        for column in (4, 5):  # signer and recipients: in the full register dialog
            self.register_table.hideColumn(column)

    def load_options(self) -> None:
        options = self._services.documents.register.options()
        for widget in (self.margin_box, self.shared_check):
            widget.blockSignals(True)
        self.margin_box.setCurrentIndex(max(0, self.margin_box.findData(options.margins)))
        self.shared_check.setChecked(options.shared_sequence)
        for widget in (self.margin_box, self.shared_check):
            widget.blockSignals(False)

    def refresh(self) -> None:
        """Show the chosen document's number (or that it has none yet) and the register."""
        from services.text import format_date

        kind, year, period = self._selection()
        self._show_register()
        if year is None:
            return
        docs = self._services.documents
        entry = docs.plan_number(year) if kind == "plan" else docs.report_number(year, period)
        if entry is None:
            self.number_label.setText("Chưa cấp số: bản trình ký để trống số và ngày.")
        else:
            self.number_label.setText(f"Số {entry.reference}, ngày {format_date(entry.issued_on)}")
        self.issue_button.setEnabled(entry is None)

    def _show_register(self) -> None:
        """The register of the year of the chosen signing date (numbers restart each year)."""
        year = (self.issue_date.date_or_none() or date.today()).year
        self.register_label.setText(f"Sổ đăng ký văn bản đi năm {year}:")
        self.register_model.set_entries(self._services.documents.register.entries(year))

    def issue_number(self) -> None:
        """Record the signed document in the outgoing register; the number is then printed."""
        from services.errors import Problem, UserError

        kind, year, period = self._selection()
        if year is None:
            return

        problems: list[Problem] = []
        issued_on = self.issue_date.value("Ngày ký", problems)
        if issued_on is None:
            message = str(problems[0]) if problems else "Ngày ký: hãy nhập ngày ký văn bản."
            QMessageBox.warning(self, strings.ERROR_TITLE, message)
            return
        docs = self._services.documents
        try:
            if kind == "plan":
                pending = docs.pending_plan_number(year, issued_on)
            else:
                pending = docs.pending_report_number(year, period, issued_on)
            if not self._confirm(pending.question):
                return
            if kind == "plan":
                docs.number_plan(year, issued_on, expected_number=pending.number)
            else:
                docs.number_report(year, period, issued_on, expected_number=pending.number)
        except UserError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, str(exc))
            return
        self.refresh()
        self.changed.emit()

    def _confirm(self, question: str) -> bool:
        """The number and date about to be given, to confirm before anything is written."""
        box = QMessageBox(
            QMessageBox.Icon.Question, "Vào sổ văn bản đi, cấp số", question, parent=self
        )
        box.setObjectName("issueConfirm")
        box.setInformativeText(
            "Số và ngày này sẽ in vào văn bản. Số cấp nhầm chỉ có thể hủy (vẫn ghi trong sổ "
            "với lý do), không dùng lại."
        )
        give = box.addButton("&Cấp số", QMessageBox.ButtonRole.AcceptRole)
        give.setObjectName("confirmIssue")
        keep = box.addButton("&Không", QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("rejectIssue")
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is give

    def open_register(self) -> None:
        """The year's register in its own window, with "Hủy số..." and print/export."""
        from ui.documents.register_dialog import RegisterDialog

        settings = self._settings if self._settings is not None else QSettings()
        year = (self.issue_date.date_or_none() or date.today()).year
        self.register_dialog = RegisterDialog(
            self._services, settings, year, self, may_cancel=self.may_cancel
        )
        self.register_dialog.finished.connect(lambda _r: self.refresh())
        self.register_dialog.open()

    def _save_options(self) -> None:
        from services.documents.register import DocumentOptions

        self._services.documents.register.save_options(
            DocumentOptions(self.shared_check.isChecked(), self.margin_box.currentData())
        )
        self.changed.emit()
