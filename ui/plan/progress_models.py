"""Table models of a task's progress history and of its recurring periods."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from services.progress import Occurrence, ProgressEntry
from services.text import format_date
from services.vocab import TASK_STATUSES

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class _ListModel(QAbstractTableModel):
    """A read-only table over a list of frozen dataclasses."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(row, index.column())
        if role == ROW_ROLE:
            return row
        return None

    def cell(self, row, column: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError


class ProgressHistoryModel(_ListModel):
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


class OccurrenceModel(_ListModel):
    HEADERS = ("Kỳ", "Thời hạn", "Trạng thái", "Ngày xong", "Ghi chú")

    def cell(self, row: Occurrence, column: int) -> str:
        return (
            row.label,
            format_date(row.deadline),
            TASK_STATUSES.get(row.status, row.status),
            format_date(row.done_on),
            row.note,
        )[column]
