"""Following the handling: a review's handling status and document; unlawful-document cases."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from services.errors import NotFoundError, Problem, ValidationError
from services.legal import vocab
from services.legal.dto import DocumentRow
from services.legal.reviews import LegalReviewService, ReviewRow, UnlawfulDraft, UnlawfulRow
from services.text import format_date
from ui.buttons import Std, button_box
from ui.date_field import DateField
from ui.legal.fields import code_combo, error_label, show_problems


def _documents_combo(docs: list[DocumentRow], object_name: str) -> QComboBox:
    box = QComboBox(objectName=object_name)
    box.addItem("(chưa có)", None)
    for d in sorted(docs, key=lambda d: d.issued_on, reverse=True):
        if not d.external:
            box.addItem(f"{d.label} ngày {format_date(d.issued_on)}", d.id)
    return box


class _Base(QDialog):
    def __init__(
        self, title: str, heading: str, parent: QWidget | None, buttons: Std = Std.Save | Std.Cancel
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(heading, wordWrap=True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.form = QFormLayout()
        self.errors = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(self.form)
        layout.addWidget(self.errors)
        layout.addStretch(1)
        layout.addWidget(button_box(self, buttons))
        self.resize(600, 300)

    def _try(self, action) -> None:
        problems: list[Problem] = []
        try:
            action(problems)
        except (ValidationError, NotFoundError) as exc:
            problems.extend(getattr(exc, "problems", [Problem("", exc.message)]))
        if problems:
            show_problems(self.errors, problems)
            return
        super().accept()


class HandlingDialog(_Base):
    """Set a reviewed document's handling to in progress or done (by which document)."""

    def __init__(
        self,
        reviews: LegalReviewService,
        document: DocumentRow,
        reviewed: list[ReviewRow],
        all_docs: list[DocumentRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Cập nhật tình hình xử lý", f"<b>{document.label}</b>", parent)
        self.setObjectName("handlingDialog")
        self._service = reviews
        self.saved: ReviewRow | None = None
        self.review = QComboBox(objectName="handlingReview")
        for r in reviewed:
            proposal = vocab.HANDLINGS.get(r.handling, r.handling)
            self.review.addItem(f"Rà soát ngày {format_date(r.reviewed_on)}: {proposal}", r.id)
        self.status = code_combo(vocab.HANDLING_STATUSES, object_name="handlingStatus")
        self.document = _documents_combo(all_docs, "handlingDocument")
        self.form.addRow("Lần rà soát:", self.review)
        self.form.addRow("Tình hình xử lý:", self.status)
        self.form.addRow("Văn bản xử lý:", self.document)

    def accept(self) -> None:
        def save(_problems: list[Problem]) -> None:
            self.saved = self._service.update_handling(
                self.review.currentData(),
                self.status.currentData(),
                handling_document_id=self.document.currentData(),
            )

        self._try(save)


class UnlawfulDialog(_Base):
    """Record that a higher authority found the document unlawful, with the fix deadline."""

    def __init__(
        self, reviews: LegalReviewService, document: DocumentRow, parent: QWidget | None = None
    ) -> None:
        super().__init__("Văn bản bị kết luận trái pháp luật", f"<b>{document.label}</b>", parent)
        self.setObjectName("unlawfulDialog")
        self._service, self._document = reviews, document
        self.saved: UnlawfulRow | None = None
        self.authority = QLineEdit(objectName="unlawfulAuthority")
        self.authority.setPlaceholderText("Sở Tư pháp tỉnh...")
        self.reference = QLineEdit(objectName="unlawfulRef")
        self.found_on = DateField(date.today(), object_name="unlawfulFound")
        self.content = QPlainTextEdit(objectName="unlawfulContent")
        self.content.setTabChangesFocus(True)
        self.content.setFixedHeight(60)
        self.deadline = DateField(object_name="unlawfulDeadline")
        self.form.addRow("Cơ quan kết luận:", self.authority)
        self.form.addRow("Văn bản kết luận:", self.reference)
        self.form.addRow("Ngày kết luận:", self.found_on)
        self.form.addRow("Nội dung trái pháp luật:", self.content)
        self.form.addRow("Thời hạn xử lý:", self.deadline)

    def accept(self) -> None:
        def save(problems: list[Problem]) -> None:
            found_on = self.found_on.value("Ngày kết luận", problems)
            deadline = self.deadline.value("Thời hạn xử lý", problems)
            if problems:
                return
            self.saved = self._service.add_unlawful(
                UnlawfulDraft(
                    self._document.id,
                    self.authority.text(),
                    found_on,
                    self.content.toPlainText(),
                    deadline,
                    self.reference.text(),
                )
            )

        self._try(save)


class FixedDialog(_Base):
    """Close an unlawful-document case: fixed on a date, by a document of the register."""

    def __init__(
        self,
        reviews: LegalReviewService,
        case: UnlawfulRow,
        all_docs: list[DocumentRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Đã xử lý văn bản trái pháp luật",
            f"<b>{case.document_label}</b><br>{case.content}",
            parent,
        )
        self.setObjectName("fixedDialog")
        self._service, self._case = reviews, case
        self.saved: UnlawfulRow | None = None
        self.fixed_on = DateField(date.today(), object_name="fixedOn")
        self.document = _documents_combo(all_docs, "fixedBy")
        self.note = QLineEdit(objectName="fixedNote")
        self.form.addRow("Ngày xử lý:", self.fixed_on)
        self.form.addRow("Văn bản xử lý:", self.document)
        self.form.addRow("Ghi chú:", self.note)

    def accept(self) -> None:
        def save(problems: list[Problem]) -> None:
            fixed_on = self.fixed_on.value("Ngày xử lý", problems)
            if fixed_on is None and not problems:
                problems.append(Problem("Ngày xử lý", "không được để trống."))
            if problems:
                return
            self.saved = self._service.mark_fixed(
                self._case.id, fixed_on, self.document.currentData(), self.note.text()
            )

        self._try(save)


class ManualReviewDialog(_Base):
    """Open a review by hand: a topic review, a change in the socio-economic situation..."""

    def __init__(
        self, reviews: LegalReviewService, document: DocumentRow, parent: QWidget | None = None
    ) -> None:
        super().__init__("Yêu cầu rà soát văn bản", f"<b>{document.label}</b>", parent)
        self.setObjectName("manualReviewDialog")
        self._service, self._document = reviews, document
        self.saved: ReviewRow | None = None
        self.mode = code_combo(vocab.REVIEW_MODES, object_name="manualMode")
        self.trigger_type = code_combo(vocab.TRIGGER_TYPES, object_name="manualTriggerType")
        self.trigger_text = QPlainTextEdit(objectName="manualTriggerText")
        self.trigger_text.setTabChangesFocus(True)
        self.trigger_text.setFixedHeight(60)
        self.flagged_on = DateField(date.today(), object_name="manualFlagged")
        self.form.addRow("Hình thức rà soát:", self.mode)
        self.form.addRow("Loại căn cứ rà soát:", self.trigger_type)
        self.form.addRow("Nội dung căn cứ:", self.trigger_text)
        self.form.addRow("Ngày phát sinh:", self.flagged_on)

    def accept(self) -> None:
        def save(problems: list[Problem]) -> None:
            flagged_on = self.flagged_on.value("Ngày phát sinh", problems)
            if flagged_on is None and not problems:
                problems.append(Problem("Ngày phát sinh", "không được để trống."))
            if problems:
                return
            self.saved = self._service.open_review(
                self._document.id,
                trigger_type=self.trigger_type.currentData(),
                trigger_text=self.trigger_text.toPlainText(),
                flagged_on=flagged_on,
                mode=self.mode.currentData(),
            )

        self._try(save)


class DeleteEventDialog(_Base):
    """Remove an effect event recorded by mistake (and the reviews it opened, if not done)."""

    def __init__(
        self, register, document: DocumentRow, parent: QWidget | None = None
    ) -> None:  # register: LegalRegisterService
        super().__init__(
            "Xóa sự kiện hiệu lực ghi nhầm",
            f"<b>{document.label}</b><br>Các yêu cầu rà soát do sự kiện này tạo ra mà chưa "
            "thực hiện cũng được xóa; các lần rà soát đã thực hiện được giữ lại.",
            parent,
            Std.Ok | Std.Cancel,
        )
        self.setObjectName("deleteEventDialog")
        self._register = register
        self.withdrawn = 0
        self.event = QComboBox(objectName="deleteEvent")
        for e in document.events:
            self.event.addItem(f"{format_date(e.from_date)}: {e.describe()}", e.id)
        self.form.addRow("Sự kiện:", self.event)

    def accept(self) -> None:
        def delete(_problems: list[Problem]) -> None:
            self.withdrawn = self._register.delete_event(self.event.currentData())

        self._try(delete)
