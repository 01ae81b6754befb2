"""Ghi tiến độ: one dated update of a task (or of one period of a recurring task)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services.errors import Problem, UserError, ValidationError
from services.plan.plans import TaskRow
from services.plan.progress import Occurrence, ProgressDraft, current_user
from services.vocab import TASK_STATUSES
from ui.buttons import Std, button_box
from ui.date_field import DateField


class ProgressDialog(QDialog):
    def __init__(
        self,
        task: TaskRow,
        occurrences: list[Occurrence],
        save: Callable[[ProgressDraft], object],
        *,
        today: date | None = None,
        period: int = 0,
        parent: QWidget | None = None,
        entered_by: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self._user = entered_by or current_user()
        self.setWindowTitle(f"Ghi tiến độ – nhiệm vụ {task.outline}")
        self._save = save
        today = today or date.today()
        heading = QLabel(f"{task.outline}  {task.text}", objectName="progressTask", wordWrap=True)
        self.on_date = DateField(today, object_name="progressDate")
        self.period = QComboBox(objectName="progressPeriod")
        self.period.addItem("Cả nhiệm vụ", 0)
        pending = None
        for occ in occurrences:
            self.period.addItem(f"{occ.label} (hạn {occ.deadline:%d/%m/%Y})", occ.period)
            if pending is None and occ.status not in ("done", "cancelled"):
                pending = occ.period
        chosen = period or pending
        if chosen:
            self.period.setCurrentIndex(self.period.findData(chosen))
        self.status = QComboBox(objectName="progressStatus")
        for key, label in TASK_STATUSES.items():
            self.status.addItem(label, key)
        self.status.setCurrentIndex(self.status.findData("in_progress"))
        self.percent = QSpinBox(objectName="progressPercent", maximum=100, suffix=" %")
        self.percent.setValue(task.percent)
        self.text = QPlainTextEdit(objectName="progressText")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("Kết quả đã làm, văn bản đã ban hành, khó khăn...")
        self.problems = QLabel(objectName="progressProblems", wordWrap=True)
        self.problems.setStyleSheet("color: #a40000;")
        self.problems.hide()
        form = QFormLayout()
        form.addRow("&Ngày:", self.on_date)
        if occurrences:
            form.addRow("&Kỳ báo cáo:", self.period)
        else:
            self.period.hide()
        form.addRow("&Trạng thái:", self.status)
        form.addRow("Tiến đ&ộ:", self.percent)
        form.addRow("Nội d&ung:", self.text)
        form.addRow("Người nhập:", QLabel(self._user, objectName="progressUser"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))
        self.status.currentIndexChanged.connect(self._on_status)
        self.resize(560, 420)

    def _on_status(self) -> None:
        if self.status.currentData() == "done":
            self.percent.setValue(100)

    def draft(self) -> ProgressDraft:
        return ProgressDraft(
            on_date=self.on_date.date() or date.today(),
            percent=self.percent.value(),
            status=self.status.currentData(),
            text=self.text.toPlainText(),
            period=self.period.currentData() or 0,
            entered_by=self._user,
        )

    def accept(self) -> None:
        problems: list[Problem] = []
        if self.on_date.value("Ngày", problems) is None and not problems:
            problems.append(Problem("Ngày", "hãy gõ ngày ghi tiến độ (ngày/tháng/năm)."))
        if problems:
            self._show("\n".join(f"• {p}" for p in problems))
            return
        try:
            self._save(self.draft())
        except ValidationError as exc:
            self._show("\n".join(f"• {p}" for p in exc.problems))
            return
        except UserError as exc:
            self._show(exc.message)
            return
        super().accept()

    def _show(self, text: str) -> None:
        self.problems.setText("Chưa lưu được:\n" + text)
        self.problems.show()
