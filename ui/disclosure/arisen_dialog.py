"""Ghi nhận văn bản phát sinh: the document that arose (number, date, trích yếu) for a
"khi phát sinh" item; saving opens the disclosure with its computed deadline."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from services.date_input import read_date
from services.disclosure.events import ArisenDocument, EventItem, deadline_preview, record_arisen
from services.disclosure.service import DisclosureRow, DisclosureService
from services.errors import Problem, UserError, ValidationError
from services.text import DATE_HINT, DateInputError, format_date, parse_date
from ui.buttons import Std, button_box


class ArisenDialog(QDialog):
    def __init__(
        self,
        service: DisclosureService,
        item: EventItem,
        year: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("arisenDialog")
        self.setWindowTitle("Ghi nhận văn bản phát sinh")
        self._service, self._item, self._year = service, item, year
        self.result_row: DisclosureRow | None = None
        heading = QLabel(f"<b>{item.code} – {item.title}</b>", wordWrap=True)
        self.number = QLineEdit(objectName="arisenNumber", placeholderText="ví dụ: 125/QĐ-UBND")
        self.issued = QLineEdit(objectName="arisenDate", placeholderText=DATE_HINT)
        self.summary = QLineEdit(
            objectName="arisenSummary", placeholderText="ví dụ: Thu hồi đất thực hiện dự án …"
        )
        form = QFormLayout()
        form.addRow("&Số, ký hiệu:", self.number)
        form.addRow("&Ngày văn bản:", self.issued)
        form.addRow("&Trích yếu:", self.summary)
        self.rule_text = QLabel(objectName="arisenRule", wordWrap=True)
        self.rule_text.setStyleSheet("color: #444;")
        self.rule_text.setText(
            f"Căn cứ tính hạn: {item.trigger or 'văn bản ban hành'}. Thời hạn: "
            f"{item.deadline_text}. Hình thức: {item.forms_text}. Cơ sở: {item.basis}."
        )
        self.deadline = QLabel(objectName="arisenDeadline", wordWrap=True)
        self.deadline.setStyleSheet("font-weight: bold;")
        self.errors = QLabel(objectName="arisenErrors", wordWrap=True)
        self.errors.setStyleSheet("color: #a00000;")
        self.errors.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.rule_text)
        layout.addWidget(self.deadline)
        layout.addWidget(self.errors)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))
        self.issued.textChanged.connect(self._preview)
        self.resize(560, 300)

    def _preview(self) -> None:
        """The deadline the disclosure will get, as soon as the date reads as a date."""
        try:
            issued = parse_date(self.issued.text())
        except DateInputError:
            issued = None
        due = deadline_preview(self._service, self._item.code, issued) if issued else None
        self.deadline.setText(f"Hạn công khai: {format_date(due)}" if due else "")

    def document(self) -> tuple[ArisenDocument | None, list[Problem]]:
        problems: list[Problem] = []
        issued = read_date(self.issued.text(), "Ngày văn bản", problems)
        document = ArisenDocument(
            self._item.code, self._year, self.number.text(), issued, self.summary.text()
        )
        return (None if problems else document), problems

    def accept(self) -> None:
        document, problems = self.document()
        if document is not None:
            try:
                self.result_row = record_arisen(self._service, document)
            except ValidationError as exc:
                problems = exc.problems
            except UserError as exc:
                problems = [Problem("", exc.message)]
        if problems:
            self.errors.setText("\n".join(f"• {p}" for p in problems))
            self.errors.show()
            return
        super().accept()
