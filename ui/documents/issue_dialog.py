""" "Vào sổ văn bản đi, cấp số" for a document printed outside the Báo cáo area (a legal-list
decision, a disclosure notice): the signing date, and the number it will give, shown before
anything is written ("Cấp số 01/QĐ-UBND ngày 15/01/2026?")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from services.documents.register import PendingNumber
from services.errors import UserError
from ui.buttons import Std, button_box
from ui.date_field import DateField


class IssueNumberDialog(QDialog):
    """Choose the signing date; the question shows the number and date; "Cấp số" gives it."""

    def __init__(
        self,
        title: str,
        pending: Callable[[date], PendingNumber],
        parent: QWidget | None = None,
        *,
        signed_on: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("issueNumberDialog")
        self.setWindowTitle("Vào sổ văn bản đi, cấp số")
        self._pending = pending
        self.current: PendingNumber | None = None
        about = QLabel(title, objectName="issueAbout", wordWrap=True)
        self.date_edit = DateField(signed_on or date.today(), object_name="issueDate")
        self.question = QLabel(objectName="issueQuestion", wordWrap=True)
        note = QLabel(
            "Số và ngày này sẽ in vào văn bản. Số cấp nhầm chỉ có thể hủy trong Sổ văn bản đi "
            "(vẫn ghi trong sổ với lý do), không dùng lại.",
            wordWrap=True,
        )
        self.buttons = button_box(self, Std.Ok | Std.Cancel)
        self.ok_button = self.buttons.button(Std.Ok)
        self.ok_button.setText("&Cấp số")
        self.ok_button.setObjectName("confirmIssue")
        self.buttons.button(Std.Cancel).setText("&Không")
        form = QFormLayout()
        form.addRow("Ngày ký:", self.date_edit.with_message())
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.question)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.date_edit.textChanged.connect(lambda _text: self._show())
        self._show()

    @property
    def signed_on(self) -> date:
        return self.date_edit.date() or date.today()

    def _show(self) -> None:
        if self.date_edit.date() is None:
            # Not a date (yet): say so and give nothing (the box shows the parser's message).
            self.current = None
            problem = self.date_edit.problem()
            self.question.setText(f"Ngày ký: {problem}" if problem else "Hãy gõ ngày ký.")
            self.ok_button.setEnabled(False)
            return
        try:
            self.current = self._pending(self.signed_on)
        except UserError as exc:
            self.current = None
            self.question.setText(str(exc))
        else:
            self.question.setText(f"<b>{self.current.question}</b>")
        self.ok_button.setEnabled(self.current is not None)
