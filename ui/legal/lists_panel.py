"""The lists tab: the yearly list to publish (with its deadline) and the systematisation cycles."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.errors import Problem, UserError, ValidationError
from services.legal.decisions import decision_rules
from services.legal.lists import LIST_KINDS, LegalList
from services.legal.rules import any_to_verify, brief, describe
from services.legal.systematisation import AnnualDue
from services.text import format_date
from ui.buttons import Std, button_box
from ui.date_field import DateField
from ui.legal.fields import error_label, show_problems
from ui.legal.list_model import LegalListModel, apply_spans
from ui.legal.pdf_actions import PdfActions

CYCLE_LISTS = ("expired-whole", "expired-part", "in-force", "needing-action")


def describe_due(due: AnnualDue, today: date) -> str:
    """ "Danh mục năm 2025: 3 văn bản; hạn công bố 31/01/2026 – quá hạn"."""
    text = (
        f"Danh mục năm {due.year}: {due.entries} văn bản; hạn công bố {format_date(due.deadline)}"
    )
    if due.published_on:
        extra = f", {due.decision_ref}" if due.decision_ref else ""
        return f"{text} – đã công bố ngày {format_date(due.published_on)}{extra}."
    if due.overdue(today):
        return f"{text} – QUÁ HẠN, chưa công bố."
    if due.entries == 0:
        return f"{text} – không có văn bản nào phải công bố."
    return f"{text} – chưa công bố (còn {due.days_left(today)} ngày)."


class ListsPanel(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listsPanel")
        self._services = services
        self.dialog: QDialog | None = None
        self.shown: LegalList | None = None
        # What the shown list is, to print it: ("expired", year) or ("cycle", id, list code).
        self.shown_source: tuple | None = None
        self.pdf = PdfActions(self, lambda text: self.message.setText(text))
        self._build()
        self.refresh()

    def _build(self) -> None:
        cycles = self._services.legal_cycles
        annual = QGroupBox("Công bố danh mục văn bản hết hiệu lực, tạm ngưng hiệu lực hằng năm")
        self.year = QSpinBox(objectName="annualYear", minimum=2000, maximum=2100)
        self.year.setValue(cycles.annual_due(date.today()).year)
        self.annual_status = QLabel(objectName="annualStatus", wordWrap=True)
        self.show_annual = QPushButton("Xem danh mục", objectName="showAnnual")
        self.publish_button = QPushButton("Ghi nhận đã công bố...", objectName="publishAnnual")
        self.stats_pdf_button = QPushButton(
            "Báo cáo số liệu gửi Sở Tư pháp (PDF)...", objectName="statisticsPdf"
        )
        self.stats_xlsx_button = QPushButton("Số liệu (Excel)...", objectName="statisticsXlsx")
        for button in (self.stats_pdf_button, self.stats_xlsx_button):
            button.setToolTip("Số liệu rà soát, hệ thống hóa văn bản của năm đang chọn")
        rows = QVBoxLayout(annual)
        row = QHBoxLayout()
        row.addWidget(QLabel("Năm:"))
        row.addWidget(self.year)
        row.addWidget(self.annual_status, 1)
        row.addWidget(self.show_annual)
        row.addWidget(self.publish_button)
        rows.addLayout(row)
        stats_row = QHBoxLayout()
        stats_row.addStretch(1)
        stats_row.addWidget(self.stats_pdf_button)
        stats_row.addWidget(self.stats_xlsx_button)
        rows.addLayout(stats_row)

        cycle_rule = cycles.cycle_rules()[0]
        box = QGroupBox(f"Hệ thống hóa định kỳ ({cycle_rule.value} năm)")
        box.setToolTip(describe([cycle_rule]))
        self.cycle = QComboBox(objectName="cycleBox")
        self.cycle.setMinimumContentsLength(26)
        self.cycle.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind = QComboBox(objectName="cycleList")
        # The official titles are long: the box may be narrower than its text (1024-px PCs).
        self.kind.setMinimumContentsLength(24)
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for kind in CYCLE_LISTS:
            self.kind.addItem(LIST_KINDS[kind], kind)
        # The official list names are long: the box shows what fits, the popup shows all,
        # so the tab never widens the window past a 1366-pixel screen.
        self.kind.setMinimumContentsLength(30)
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_cycle_button = QPushButton("Thêm kỳ...", objectName="addCycle")
        cycle_rows = QVBoxLayout(box)
        cycle_row = QHBoxLayout()
        cycle_row.addWidget(QLabel("Kỳ:"))
        cycle_row.addWidget(self.cycle)
        cycle_row.addWidget(QLabel("Danh mục:"))
        cycle_row.addWidget(self.kind, 1)
        actions_row = QHBoxLayout()
        actions_row.addWidget(self.add_cycle_button)
        self.export_cycle_button = QPushButton("Xuất cả kỳ (Excel)...", objectName="exportCycle")
        actions_row.addWidget(self.export_cycle_button)
        self.report_pdf_button = QPushButton(
            "Báo cáo hệ thống hóa (PDF)...", objectName="cycleReportPdf"
        )
        actions_row.addWidget(self.report_pdf_button)
        actions_row.addStretch(1)
        cycle_rows.addLayout(cycle_row)
        cycle_rows.addLayout(actions_row)

        self.title = QLabel(objectName="listTitle", wordWrap=True)
        self.title.setStyleSheet("font-weight: bold;")
        self.export_button = QPushButton("Xuất danh mục này (Excel)...", objectName="exportShown")
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.export_button)
        self.preview_pdf_button = QPushButton("Xem bản in...", objectName="previewListPdf")
        self.preview_pdf_button.setToolTip(
            "Danh mục kèm Quyết định công bố của Chủ tịch UBND, đúng thể thức Nghị định 30.\n"
            "Quyết định ký hôm nay theo:\n" + describe(decision_rules(date.today()))
        )
        self.save_pdf_button = QPushButton("Lưu PDF...", objectName="saveListPdf")
        self.number_button = QPushButton("Cấp số QĐ...", objectName="numberDecision")
        self.number_button.setToolTip(
            "Vào sổ văn bản đi, cấp số cho Quyết định công bố danh mục đã ký; "
            "bản in sau đó mang số và ngày đã cấp."
        )
        title_row.addWidget(self.preview_pdf_button)
        title_row.addWidget(self.save_pdf_button)
        title_row.addWidget(self.number_button)
        # Which rules (and articles) gave the shown list its title, columns and deadline.
        self.basis = QLabel(objectName="listBasis", wordWrap=True)
        self.basis.setTextFormat(Qt.TextFormat.PlainText)
        self.model = LegalListModel(self)
        self.table = QTableView(objectName="listTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        # The official column titles are long; they wrap in a taller header, as on paper.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(64)
        self.message = QLabel(objectName="listsMessage", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(annual)
        layout.addWidget(box)
        layout.addLayout(title_row)
        layout.addWidget(self.basis)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

        self.year.valueChanged.connect(lambda: self.show_annual_list())
        self.show_annual.clicked.connect(lambda: self.show_annual_list())
        self.publish_button.clicked.connect(lambda: self.open_publish_dialog())
        self.cycle.currentIndexChanged.connect(lambda: self.show_cycle_list())
        self.kind.currentIndexChanged.connect(lambda: self.show_cycle_list())
        self.add_cycle_button.clicked.connect(lambda: self.open_cycle_dialog())
        self.export_button.clicked.connect(self._ask_export)
        self.export_cycle_button.clicked.connect(self._ask_export_cycle)
        self.preview_pdf_button.clicked.connect(lambda: self.preview_shown_pdf())
        self.save_pdf_button.clicked.connect(lambda: self._ask_save_pdf())
        self.number_button.clicked.connect(lambda: self.number_shown_decision())
        self.report_pdf_button.clicked.connect(lambda: self.preview_cycle_report())
        self.stats_pdf_button.clicked.connect(lambda: self.preview_statistics())
        self.stats_xlsx_button.clicked.connect(self._ask_export_statistics)

    # ----- behaviour ----------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.cycle.currentData()
        self.cycle.blockSignals(True)
        self.cycle.clear()
        for c in self._services.legal_cycles.cycles():
            self.cycle.addItem(f"{c.name} (đến {format_date(c.cutoff_on)})", c.id)
        index = self.cycle.findData(current)
        self.cycle.setCurrentIndex(index if index >= 0 else self.cycle.count() - 1)
        self.cycle.blockSignals(False)
        self.show_annual_list()

    def show_annual_list(self) -> None:
        due = self._services.legal_cycles.annual_status(self.year.value())
        self.annual_status.setText(describe_due(due, date.today()))
        self.annual_status.setToolTip(describe([due.rule]) if due.rule else "")
        self._show(self._services.legal_cycles.annual_list(self.year.value()))
        self.shown_source = ("expired", self.year.value())

    def show_cycle_list(self) -> None:
        cycle_id = self.cycle.currentData()
        if cycle_id is None:
            return
        lists = self._services.legal_cycles.cycle_lists(cycle_id)
        self._show(lists[self.kind.currentIndex()])
        self.shown_source = ("cycle", cycle_id, self.kind.currentData())

    def _show(self, legal_list: LegalList) -> None:
        self.shown = legal_list
        self.title.setText(f"{legal_list.title} {legal_list.subtitle}")
        basis = describe(legal_list.rules)
        self.title.setToolTip(basis)
        self.basis.setText(f"Căn cứ: {brief(legal_list.rules)}." if basis else "")
        self.basis.setToolTip(basis)
        warn = any_to_verify(legal_list.rules)
        self.basis.setStyleSheet("color: #9a3412;" if warn else "color: #374151;")
        self.model.set_list(legal_list)
        widths = [int(c.width * 8) for c in legal_list.columns]
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        apply_spans(self.table, self.model)

    def _ask_export(self) -> None:
        if self.shown is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu danh mục", f"{self.shown.title}.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.export_shown(path)

    def export_shown(self, path: str) -> None:
        from services.legal.xlsx import write_list

        org = self._services.organisation.get()
        try:
            write_list(self.shown, path, body=f"{org.body_line1} {org.body_line2}".strip())
        except UserError as exc:
            self.message.setText(f"Không xuất được tệp: {exc}")
            return
        self.message.setText(f"Đã lưu {path}.")

    def _ask_export_cycle(self) -> None:
        if self.cycle.currentData() is None:
            self.message.setText("Chưa có kỳ hệ thống hóa nào; hãy thêm kỳ trước.")
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu kết quả hệ thống hóa", "Hệ thống hóa.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.export_cycle(path)

    def export_cycle(self, path: str) -> None:
        """The cycle's figures and its four lists, one sheet each."""
        from services.legal.xlsx import write_lists

        org = self._services.organisation.get()
        sheets = self._services.legal_cycles.cycle_report_sheets(self.cycle.currentData())
        try:
            write_lists(sheets, path, body=f"{org.body_line1} {org.body_line2}".strip())
        except UserError as exc:
            self.message.setText(f"Không xuất được tệp: {exc}")
            return
        self.message.setText(f"Đã lưu {path}.")

    # ----- PDF (made on a worker thread) -------------------------------------------------
    def shown_document(self):
        """A callable making the shown list's document, or None (with a message) if none."""
        if self.shown_source is None:
            self.message.setText("Chưa chọn danh mục nào để in.")
            return None
        return self._pdf_job()[0]

    def _pdf_job(self):
        """(make the document, preview title, suggested file name) for the shown list."""
        printing = self._services.legal_documents
        if self.shown_source[0] == "expired":
            year = self.shown_source[1]
            return (
                lambda: printing.list_document("expired", year),
                f"Danh mục văn bản hết hiệu lực, tạm ngưng hiệu lực năm {year}",
                f"danh-muc-het-hieu-luc-{year}.pdf",
            )
        _tag, cycle_id, code = self.shown_source
        return (
            lambda: printing.cycle_list_document(cycle_id, code),
            LIST_KINDS[code],
            f"danh-muc-{code}.pdf",
        )

    def number_shown_decision(self) -> bool:
        """Give the shown list's decision its QĐ number, after showing it for confirmation."""
        from services.errors import UserError
        from ui.documents.issue_dialog import IssueNumberDialog

        if self.shown_document() is None:
            return False
        printing = self._services.legal_documents
        try:
            if self.shown_source[0] == "expired":
                subject = printing.list_subject("expired", self.shown_source[1])
            else:
                subject = printing.cycle_subject(self.shown_source[1], self.shown_source[2])
            held = printing.register.for_subject(subject)
            if held is not None:
                self.message.setText(
                    f"Quyết định này đã có số {held.reference}; muốn cấp lại, hãy hủy số đó "
                    "trong Sổ văn bản đi (mục Báo cáo)."
                )
                return False
            document = self._pdf_job()[0]()
        except UserError as exc:
            self.message.setText(str(exc))
            return False
        dialog = IssueNumberDialog(
            f"Quyết định {document.summary[:1].lower()}{document.summary[1:]}",
            lambda signed_on: printing.pending_decision_number(document, signed_on),
            self,
        )
        if not dialog.exec() or dialog.current is None:
            return False
        try:
            entry = printing.number_decision(
                subject, document, dialog.signed_on, expected_number=dialog.current.number
            )
        except UserError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(f"Đã cấp số {entry.reference}; bản in mang số và ngày đã cấp.")
        return True

    def preview_shown_pdf(self) -> bool:
        if self.shown_document() is None:
            return False
        return self.pdf.preview(*self._pdf_job())

    def _ask_save_pdf(self) -> None:
        if self.shown_document() is not None:
            make, _title, file_name = self._pdf_job()
            self.pdf.ask_save(make, file_name)

    def save_shown_pdf(self, path) -> bool:
        if self.shown_document() is None:
            return False
        from pathlib import Path

        return self.pdf.save(self._pdf_job()[0], Path(path))

    def preview_cycle_report(self) -> bool:
        cycle_id = self.cycle.currentData()
        if cycle_id is None:
            self.message.setText("Chưa có kỳ hệ thống hóa nào; hãy thêm kỳ trước.")
            return False
        printing = self._services.legal_documents
        return self.pdf.preview(
            lambda: printing.cycle_report_document(cycle_id),
            "Báo cáo kết quả hệ thống hóa văn bản",
            f"bao-cao-he-thong-hoa-{self.cycle.currentText().split(' ')[0]}.pdf",
        )

    def preview_statistics(self) -> bool:
        """The year's review figures as the Báo cáo to the Sở Tư pháp (a worker thread)."""
        year = self.year.value()
        printing = self._services.legal_documents
        return self.pdf.preview(
            lambda: printing.statistics_document(year),
            f"Báo cáo số liệu rà soát văn bản năm {year}",
            f"so-lieu-ra-soat-{year}.pdf",
        )

    def _ask_export_statistics(self) -> None:
        year = self.year.value()
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu số liệu rà soát", f"so-lieu-ra-soat-{year}.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.export_statistics(path)

    def export_statistics(self, path: str) -> None:
        from services.legal.xlsx import write_list

        year = self.year.value()
        org = self._services.organisation.get()
        stats = self._services.legal_cycles.year_statistics(year)
        try:
            write_list(stats, path, body=f"{org.body_line1} {org.body_line2}".strip())
        except UserError as exc:
            self.message.setText(f"Không xuất được tệp: {exc}")
            return
        self.message.setText(f"Đã lưu số liệu rà soát văn bản năm {year}: {path}.")

    # ----- dialogs --------------------------------------------------------------------------
    def open_cycle_dialog(self) -> QDialog:
        name, start, cutoff = self._services.legal_cycles.suggested_cycle()
        dialog = _FormDialog("Thêm kỳ hệ thống hóa", self)
        dialog.name = dialog.add("Tên kỳ:", QLineEdit(name, objectName="cycleName"))
        dialog.start = dialog.add("Từ ngày:", DateField(start, object_name="cycleStart"))
        dialog.cutoff = dialog.add(
            "Thời điểm hệ thống hóa:", DateField(cutoff, object_name="cycleCutoff")
        )
        dialog.plan = dialog.add("Kế hoạch (số, ngày):", QLineEdit(objectName="cyclePlan"))
        rules = self._services.legal_cycles.cycle_rules()
        dialog.basis = QLabel(f"Gợi ý theo: {brief(rules)}.", objectName="cycleBasis")
        dialog.basis.setWordWrap(True)
        dialog.basis.setToolTip(describe(rules))
        dialog.basis.setStyleSheet("color: #9a3412;" if any_to_verify(rules) else "")
        dialog.form.addRow(dialog.basis)
        dialog.cutoff.setToolTip(describe(rules))
        dialog.resize(560, 320)

        def save(problems: list[Problem]):
            start_on = dialog.start.value("Từ ngày", problems)
            cutoff_on = dialog.cutoff.value("Thời điểm hệ thống hóa", problems)
            if problems:
                return None
            return self._services.legal_cycles.create_cycle(
                dialog.name.text(), start_on, cutoff_on, dialog.plan.text()
            )

        def done(cycle) -> None:
            self.refresh()
            self.cycle.setCurrentIndex(self.cycle.findData(cycle.id))
            self.show_cycle_list()

        return self._run(dialog, save, done)

    def open_publish_dialog(self) -> QDialog:
        year = self.year.value()
        dialog = _FormDialog(f"Công bố danh mục năm {year}", self)
        dialog.on = dialog.add("Ngày công bố:", DateField(date.today(), object_name="publishedOn"))
        dialog.ref = dialog.add("Quyết định công bố:", QLineEdit(objectName="decisionRef"))

        def save(problems: list[Problem]):
            on = dialog.on.value("Ngày công bố", problems)
            if on is None and not problems:
                problems.append(Problem("Ngày công bố", "không được để trống."))
            if problems:
                return None
            return self._services.legal_cycles.mark_annual_published(year, on, dialog.ref.text())

        return self._run(dialog, save, lambda _due: self.show_annual_list())

    def _run(self, dialog: _FormDialog, save, done) -> QDialog:
        dialog.save = save
        dialog.accepted.connect(lambda: done(dialog.result_value))
        self.dialog = dialog
        dialog.open()
        return dialog


class _FormDialog(QDialog):
    """A small form whose ``save(problems)`` returns the saved value, or None on problems."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("legalFormDialog")
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors = error_label(self)
        self.save = None
        self.result_value = None
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))
        self.resize(460, 200)

    def add(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        return widget

    def accept(self) -> None:
        problems: list[Problem] = []
        try:
            self.result_value = self.save(problems)
        except ValidationError as exc:
            problems.extend(exc.problems)
        if problems:
            show_problems(self.errors, problems)
            return
        super().accept()
