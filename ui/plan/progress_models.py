"""Table models of a task's progress history and of its recurring periods."""

from __future__ import annotations

from services.plan.progress import Occurrence, ProgressEntry
from services.text import format_date
from services.vocab import TASK_STATUSES
from ui.list_table_model import ListTableModel


class ProgressHistoryModel(ListTableModel):
    HEADERS = ("Ngày", "Kỳ", "Tiến độ", "Trạng thái", "Nội dung", "Người nhập")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._labels: dict[int, str] = {}

    def set_history(self, entries: list[ProgressEntry], period_labels: dict[int, str]) -> None:
        self._labels = period_labels
        self.set_rows(entries)

    def cell(self, row: ProgressEntry, column: int) -> str:
        return (
            format_date(row.on_date),
            self._labels.get(row.period, "Cả nhiệm vụ") if row.period else "Cả nhiệm vụ",
            f"{row.percent}%",
            TASK_STATUSES.get(row.status, row.status),
            row.text,
            row.entered_by,
        )[column]


class OccurrenceModel(ListTableModel):
    HEADERS = ("Kỳ", "Thời hạn", "Trạng thái", "Ngày xong", "Ghi chú")

    def cell(self, row: Occurrence, column: int) -> str:
        return (
            row.label,
            format_date(row.deadline),
            TASK_STATUSES.get(row.status, row.status),
            format_date(row.done_on),
            row.note,
        )[column]
