"""Below the task table: the selected task in full, its progress history and its periods."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.plan.plans import TaskRow
from services.text import format_date
from services.vocab import RECURRENCES, TASK_STATUSES
from ui.plan.progress_models import OccurrenceModel, ProgressHistoryModel
from ui.plan.task_evidence import TaskEvidencePage
from ui.safety.editor_safety import history_button


class TaskPanel(QTabWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskPanel")
        self._services = services
        self.detail = QTextBrowser(objectName="taskDetail")
        self.detail.setOpenLinks(False)
        self.history_model = ProgressHistoryModel(self)
        self.history = _table("progressHistory", self.history_model)
        self.record_button = QPushButton("&Ghi tiến độ... (Ctrl+G)", objectName="recordProgress")
        history_page = QWidget()
        layout = QVBoxLayout(history_page)
        layout.setContentsMargins(2, 2, 2, 2)
        row = QHBoxLayout()
        row.addWidget(self.record_button)
        row.addStretch(1)
        # Every change of the task and of its progress entries: who, when, old → new.
        self.history_button = history_button(self, services.audit, self._history_records)
        row.addWidget(self.history_button)
        layout.addLayout(row)
        layout.addWidget(self.history)
        self.occurrence_model = OccurrenceModel(self)
        self.occurrences = _table("occurrences", self.occurrence_model)
        self.addTab(self.detail, "Chi tiết")
        self.addTab(history_page, "Lịch sử tiến độ")
        self.addTab(self.occurrences, "Các kỳ báo cáo")
        self.evidence = TaskEvidencePage(services)
        self.addTab(self.evidence, "Tài liệu kiểm chứng")
        self._task: TaskRow | None = None
        self._shown = True  # something (if only empty tables) is on show

    def forget(self) -> None:
        """The next show_task re-reads even the same row (its history may have changed)."""
        self._task = None

    def show_task(self, task: TaskRow | None) -> None:
        if task == self._task and (task is not None or not self._shown):
            return  # the same row again (e.g. after a filter): no need to re-read
        self._shown = task is not None
        self._task = task
        self.detail.setPlainText(describe_task(task) if task else "")
        self.record_button.setEnabled(bool(task and task.actionable))
        self.evidence.set_task(task)
        self.history_button.setEnabled(task is not None)
        if task is None:
            self.history_model.set_history([], {})
            self.occurrence_model.set_rows([])
            return
        occurrences = self._services.progress.occurrences(task.id)
        labels = {o.period: o.label for o in occurrences}
        self.history_model.set_history(self._services.progress.history(task.id), labels)
        self.occurrence_model.set_rows(occurrences)
        self.setTabEnabled(2, bool(occurrences))

    def _history_records(self) -> list[tuple[str, int]]:
        if self._task is None:
            return []
        entries = self._services.progress.history(self._task.id)
        return [("plan_tasks", self._task.id), *(("task_progress", e.id) for e in entries)]


def _table(name: str, model) -> QTableView:
    table = QTableView(objectName=name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def describe_task(task: TaskRow) -> str:
    """The selected task in full, as the clerk reads it below the table."""
    deadline = format_date(task.deadline) or "chưa có"
    if task.deadline and task.deadline_is_default:
        deadline += " (mặc định)"
    lines = [
        f"{task.outline}  {task.text}",
        "",
        f"Chủ trì: {task.lead_name or 'chưa giao'}"
        + (f"   Phối hợp: {', '.join(task.partner_codes)}" if task.partner_codes else ""),
        f"Bắt đầu: {format_date(task.start_on) or 'chưa có'}   Thời hạn: {deadline}"
        f"   Lặp lại: {RECURRENCES.get(task.recurrence, task.recurrence)}",
        f"Trạng thái: {TASK_STATUSES.get(task.status, task.status)}   Tiến độ: {task.percent}%",
    ]
    if task.periods_total:
        next_due = format_date(task.next_due) or "không còn"
        lines.append(
            f"Đã xong {task.periods_done}/{task.periods_total} kỳ; kỳ tiếp theo hạn: {next_due}"
        )
    if task.criteria_shown:
        lines.append(f"Tiêu chí: {', '.join(task.criteria_shown)}")
    if task.result_notes:
        lines.append(f"Kết quả: {task.result_notes}")
    return "\n".join(lines)
