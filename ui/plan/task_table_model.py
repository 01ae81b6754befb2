"""Table model of a plan's tasks, and the proxy that filters it as the user types."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from services.plans import TaskRow
from services.text import format_date, search_key
from services.vocab import TASK_STATUSES
from ui import strings

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TASK_ROLE = Qt.ItemDataRole.UserRole + 2

(
    COL_OUTLINE,
    COL_TEXT,
    COL_LEAD,
    COL_PARTNERS,
    COL_DEADLINE,
    COL_STATUS,
    COL_PERCENT,
    COL_RESULT,
    COL_CRITERIA,
) = range(9)


def _display(task: TaskRow, column: int) -> str:
    if column == COL_OUTLINE:
        return task.outline
    if column == COL_TEXT:
        return task.text
    if column == COL_LEAD:
        return task.lead_code
    if column == COL_PARTNERS:
        return ", ".join(task.partner_codes)
    if column == COL_DEADLINE:
        return format_date(task.deadline)
    if column == COL_STATUS:
        return TASK_STATUSES.get(task.status, task.status)
    if column == COL_PERCENT:
        return f"{task.percent}%"
    if column == COL_RESULT:
        return task.result_notes
    return ", ".join(task.criteria)


def _sort_value(task: TaskRow, column: int) -> object:
    if column == COL_OUTLINE:
        return task.order
    if column == COL_DEADLINE:
        # Tasks with no deadline sort after every dated one.
        return (task.deadline or date.max).toordinal()
    if column == COL_PERCENT:
        return task.percent
    if column == COL_STATUS:
        return list(TASK_STATUSES).index(task.status) if task.status in TASK_STATUSES else 99
    return _display(task, column).casefold()


class TaskTableModel(QAbstractTableModel):
    """Rows are ``TaskRow`` dataclasses from PlanService; the model never queries itself."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._tasks: list[TaskRow] = []
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_tasks(self, tasks: list[TaskRow]) -> None:
        self.beginResetModel()
        self._tasks = list(tasks)
        self.endResetModel()

    def task_at(self, row: int) -> TaskRow:
        return self._tasks[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(strings.TASK_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return strings.TASK_COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._tasks):
            return None
        task = self._tasks[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(task, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_DEADLINE and task.deadline_is_default:
                return strings.DEFAULT_DEADLINE_TIP
            if column == COL_LEAD:
                return task.lead_name
            return _display(task, column) or None
        if role == SORT_ROLE:
            return _sort_value(task, column)
        if role == TASK_ROLE:
            return task
        if role == Qt.ItemDataRole.FontRole and column == COL_DEADLINE and task.deadline_is_default:
            return self._italic
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_PERCENT, COL_DEADLINE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TaskFilterProxy(QSortFilterProxyModel):
    """Filters by section (with its sub-sections) and by accent-free search words."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sections: frozenset[int] | None = None
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_sections(self, section_ids: frozenset[int] | None) -> None:
        self.beginFilterChange()
        self._sections = section_ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = search_key(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        task: TaskRow = self.sourceModel().task_at(source_row)
        if self._sections is not None and task.section_id not in self._sections:
            return False
        key = task.search_key
        return all(word in key or word in task.outline.casefold() for word in self._words)
