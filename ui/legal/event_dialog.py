"""Record a change of a document's effect; the dialog reports which documents it flagged."""

from __future__ import annotations

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
from services.legal.dto import DocumentRow, EventDraft, EventOutcome
from services.legal.register import LegalRegisterService
from ui.buttons import Std, button_box
from ui.date_field import DateField
from ui.legal.fields import code_combo, error_label, show_problems


class EventDialog(QDialog):
    def __init__(
        self, register: LegalRegisterService, document: DocumentRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("legalEventDialog")
        self.setWindowTitle("Ghi nhận thay đổi hiệu lực")
        self._register = register
        self._document = document
        self.outcome: EventOutcome | None = None
        heading = QLabel(
            f"<b>{document.label}</b><br>{document.summary}", objectName="eventHeading"
        )
        heading.setWordWrap(True)
        self.kind = code_combo(vocab.EVENT_KINDS, object_name="eventKind")
        self.scope = code_combo(vocab.SCOPES, object_name="eventScope")
        self.articles = QPlainTextEdit(objectName="eventArticles")
        self.articles.setPlaceholderText("Mỗi dòng một điều, khoản (khi chỉ một phần)")
        self.articles.setTabChangesFocus(True)
        self.articles.setFixedHeight(60)
        self.from_date = DateField(object_name="eventFrom")
        self.by_document = QComboBox(objectName="eventByDocument")
        self.by_document.addItem("(văn bản không có trong sổ – ghi ở dòng dưới)", None)
        for doc in register.documents():
            if doc.id != document.id:
                self.by_document.addItem(doc.label, doc.id)
        self.by_text = QLineEdit(objectName="eventByText")
        self.reason = QLineEdit(objectName="eventReason")
        form = QFormLayout()
        form.addRow("&Thay đổi:", self.kind)
        form.addRow("&Phạm vi:", self.scope)
        form.addRow("Điều, khoản:", self.articles)
        form.addRow("Từ &ngày:", self.from_date)
        form.addRow("Văn bản tác động:", self.by_document)
        form.addRow("hoặc ghi tên văn bản:", self.by_text)
        form.addRow("Ghi chú, lý do:", self.reason)
        hint = QLabel(
            "Khi lưu, các văn bản của HĐND, UBND ban hành căn cứ vào văn bản này được đánh dấu "
            "“cần rà soát” (Nghị định 79/2025/NĐ-CP, Điều 39).",
            wordWrap=True,
        )
        self.errors = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.errors)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))
        self.resize(620, 460)

    def select_by_document(self, document_id: int) -> None:
        self.by_document.setCurrentIndex(self.by_document.findData(document_id))

    def accept(self) -> None:
        problems: list[Problem] = []
        draft = EventDraft(
            document_id=self._document.id,
            kind=self.kind.currentData(),
            scope=self.scope.currentData(),
            articles=self.articles.toPlainText(),
            from_date=self.from_date.value("Từ ngày", problems),
            by_document_id=self.by_document.currentData(),
            by_text=self.by_text.text(),
            reason=self.reason.text(),
        )
        if problems:
            show_problems(self.errors, problems)
            return
        try:
            self.outcome = self._register.record_event(draft)
        except (ValidationError, NotFoundError) as exc:
            show_problems(self.errors, getattr(exc, "problems", [Problem("", exc.message)]))
            return
        super().accept()
