"""Thêm / sửa nội dung công khai: the checklist item, its trigger document and date."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services.date_input import read_date
from services.disclosure.checklist import ChecklistItem
from services.disclosure.service import DisclosureDraft, DisclosureRow, DisclosureService
from services.errors import Problem, UserError, ValidationError
from services.text import format_date
from ui.buttons import Std, button_box
from ui.date_field import DateField


class DisclosureDialog(QDialog):
    def __init__(
        self,
        service: DisclosureService,
        checklist: list[ChecklistItem],
        year: int,
        row: DisclosureRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("disclosureDialog")
        self.setWindowTitle("Sửa nội dung công khai" if row else "Thêm nội dung công khai")
        self._service, self._row, self._year = service, row, year
        self._items = {i.code: i for i in checklist}
        self.result_row: DisclosureRow | None = None
        self.item_box = QComboBox(objectName="itemBox")
        for item in checklist:
            if item.active or (row and row.item_code == item.code):
                self.item_box.addItem(f"{item.code} – {item.title}", item.code)
        self.item_box.setMaximumWidth(560)
        self.period = QLineEdit(objectName="period", placeholderText="ví dụ: Quý I, Đợt 2")
        self.title = QLineEdit(objectName="title", placeholderText="để trống: dùng tên mục")
        self.document = QLineEdit(objectName="triggerDocument", placeholderText="số, ký hiệu")
        self.trigger = DateField(object_name="triggerDate")
        self.budget = QSpinBox(objectName="budgetYear", minimum=0, maximum=2100)
        self.budget.setSpecialValueText("(không)")
        self.responsible = QLineEdit(objectName="responsible")
        self.rule_text = QLabel(objectName="ruleText", wordWrap=True)
        self.rule_text.setStyleSheet("color: #444;")
        form = QFormLayout()
        form.addRow("&Mục:", self.item_box)
        form.addRow("&Kỳ:", self.period)
        form.addRow("&Tên cụ thể:", self.title)
        form.addRow("&Văn bản căn cứ:", self.document)
        form.addRow("&Ngày văn bản căn cứ:", self.trigger)
        form.addRow("Năm &ngân sách:", self.budget)
        form.addRow("&Phụ trách:", self.responsible)
        self.errors = QLabel(objectName="disclosureErrors", wordWrap=True)
        self.errors.setStyleSheet("color: #a00000;")
        self.errors.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rule_text)
        layout.addWidget(self.errors)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))
        self.item_box.currentIndexChanged.connect(self._on_item)
        self._fill()
        self.resize(640, 380)

    def _fill(self) -> None:
        row = self._row
        if row is not None:
            self.item_box.setCurrentIndex(max(0, self.item_box.findData(row.item_code)))
            self.item_box.setEnabled(False)
            self.period.setText(row.period)
            self.title.setText(row.title)
            self.document.setText(row.trigger_document)
            self.trigger.setText(format_date(row.trigger_date))
            self.budget.setValue(row.budget_year or 0)
            self.responsible.setText(row.responsible)
        self._on_item()

    def _on_item(self) -> None:
        item = self._items.get(self.item_box.currentData())
        if item is None:
            return
        budget = self.budget.value() or None
        rule = item.rule_on(item.reference_date(None, budget, self._year))
        if rule is None:
            self.rule_text.setText("Chưa có quy định áp dụng cho năm này.")
            return
        basis = "; ".join(rule.legal_basis)
        self.rule_text.setText(
            f"Căn cứ tính hạn: {rule.trigger or 'văn bản ban hành'}. "
            f"Thời hạn: {rule.deadline_text or rule.effective_deadline.text}. Cơ sở: {basis}."
        )

    def draft(self) -> tuple[DisclosureDraft | None, list[Problem]]:
        problems = []
        trigger = read_date(self.trigger.text(), "Ngày văn bản căn cứ", problems)
        draft = DisclosureDraft(
            item_code=self.item_box.currentData() or "",
            year=self._year,
            period=self.period.text(),
            title=self.title.text(),
            budget_year=self.budget.value() or None,
            trigger_document=self.document.text(),
            trigger_date=trigger,
            responsible=self.responsible.text(),
            notes=self._row.notes if self._row else "",
        )
        return (None if problems else draft), problems

    def accept(self) -> None:
        draft, problems = self.draft()
        if draft is not None:
            try:
                if self._row is None:
                    self.result_row = self._service.add_disclosure(draft)
                else:
                    self.result_row = self._service.update_disclosure(self._row.id, draft)
            except ValidationError as exc:
                problems = exc.problems
            except UserError as exc:
                problems = [Problem("", exc.message)]
        if problems:
            self.errors.setText("\n".join(f"• {p}" for p in problems))
            self.errors.show()
            return
        super().accept()
