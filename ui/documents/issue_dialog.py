""" "Vào sổ văn bản đi, cấp số" for a document printed outside the Báo cáo area (a legal-list
decision, a disclosure notice): the signing date, and the number it will give, shown before
anything is written ("Cấp số 01/QĐ-UBND ngày 15/01/2026?")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from services.documents.register import PendingNumber
from services.errors import UserError
from ui.buttons import Std, button_box


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
        self.date_edit = QDateEdit(objectName="issueDate")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(QDate(signed_on or date.today()))
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
        form.addRow("Ngày ký:", self.date_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.question)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.date_edit.dateChanged.connect(self._show)
        self._show()

    @property
    def signed_on(self) -> date:
        return self.date_edit.date().toPython()

    def _show(self) -> None:
        try:
            self.current = self._pending(self.signed_on)
        except UserError as exc:
            self.current = None
            self.question.setText(str(exc))
        else:
            self.question.setText(f"<b>{self.current.question}</b>")
        self.ok_button.setEnabled(self.current is not None)
