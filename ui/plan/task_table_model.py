"""Table model of a plan's tasks, and the proxy that filters it as the user types.

For 10,000 tasks to filter within a keystroke, the model precomputes every row's search text,
due date and timing state once per load; the proxy then only looks up a precomputed mask,
and sorting is done by the source model with Python's sort rather than by pairwise lessThan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from services.plan.due import DUE_STATES, due_state, in_window, is_open
from services.plan.plans import TaskRow
from services.search import rank
from services.text import format_date, search_key
from services.vocab import TASK_STATUSES
from ui import strings

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TASK_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

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

# A table cell shows at most this much of a long text (the panel below shows it all);
# laying out 300-character cells on every keystroke costs more than the filtering.
DISPLAY_LIMIT = 160
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        SORT_ROLE,
        TASK_ROLE,
        STATE_ROLE,
    }
)

# Timing states shown with an icon AND a colour (never colour alone).
STATE_COLOURS = {"overdue": ("#a40000", "#fde7e7"), "at_risk": ("#7a4b00", "#fff3d1")}


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
        if task.periods_total:
            due = format_date(task.next_due) or "xong các kỳ"
            return (
                f"{due} (kỳ {min(task.periods_done + 1, task.periods_total)}/{task.periods_total})"
            )
        return format_date(task.deadline)
    if column == COL_STATUS:
        return TASK_STATUSES.get(task.status, task.status)
    if column == COL_PERCENT:
        return f"{task.percent}%"
    if column == COL_RESULT:
        return task.result_notes
    return ", ".join(task.criteria_shown)


def _sort_value(task: TaskRow, column: int) -> object:
    if column == COL_OUTLINE:
        return task.order
    if column == COL_DEADLINE:
        # Tasks with no deadline sort after every dated one.
        return (task.next_due or date.max).toordinal()
    if column == COL_PERCENT:
        return task.percent
    if column == COL_STATUS:
        return list(TASK_STATUSES).index(task.status) if task.status in TASK_STATUSES else 99
    return _display(task, column).casefold()


def task_state(task: TaskRow, today: date) -> str:
    return due_state(
        actionable=task.actionable,
        status=task.status,
        percent=task.percent,
        start_on=task.start_on,
        due=task.next_due,
        today=today,
    )


class TaskTableModel(QAbstractTableModel):
    """Rows are ``TaskRow`` dataclasses from PlanService; the model never queries itself."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._tasks: list[TaskRow] = []
        self._states: list[str] = []
        self._hay: list[str] = []
        self._today = date.today()
        self._italic = QFont()
        self._italic.setItalic(True)
        self._icons: dict[str, QIcon] = {}
        self._brushes = {
            state: (QBrush(QColor(fg)), QBrush(QColor(bg)))
            for state, (fg, bg) in STATE_COLOURS.items()
        }

    # ----- loading ------------------------------------------------------------------------
    def set_tasks(self, tasks: list[TaskRow], today: date | None = None) -> None:
        self.beginResetModel()
        self._today = today or date.today()
        self._tasks = list(tasks)
        self._states = [task_state(t, self._today) for t in self._tasks]
        self._hay = [
            f"{t.search_key} {t.outline.casefold()} {' '.join(t.linked_criteria).casefold()}"
            for t in self._tasks
        ]
        self.endResetModel()

    @property
    def today(self) -> date:
        return self._today

    def task_at(self, row: int) -> TaskRow:
        return self._tasks[row]

    def state_at(self, row: int) -> str:
        return self._states[row]

    def haystack(self) -> list[str]:
        return self._hay

    def tasks(self) -> list[TaskRow]:
        return list(self._tasks)

    def row_of(self, task_id: int) -> int:
        return next((r for r, t in enumerate(self._tasks) if t.id == task_id), -1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows in Python (fast for 10,000 rows); persistent indexes follow their rows."""
        if not 0 <= column < len(strings.TASK_COLUMNS) or not self._tasks:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._tasks[i.row()].id for i in old]
        keys = [_sort_value(t, column) for t in self._tasks]
        order_rows = sorted(
            range(len(self._tasks)),
            key=lambda r: (keys[r], self._tasks[r].order),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._tasks = [self._tasks[r] for r in order_rows]
        self._states = [self._states[r] for r in order_rows]
        self._hay = [self._hay[r] for r in order_rows]
        rows = {t.id: r for r, t in enumerate(self._tasks)}
        self.changePersistentIndexList(
            old, [self.index(rows[i], p.column()) for i, p in zip(old_ids, old, strict=True)]
        )
        self.layoutChanged.emit()

    # ----- Qt model -----------------------------------------------------------------------
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
        # Called thousands of times per repaint: unhandled roles leave first.
        if role not in _ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._tasks):
            return None
        task = self._tasks[row]
        if role == Qt.ItemDataRole.DisplayRole:
            text = _display(task, column)
            return text if len(text) <= DISPLAY_LIMIT else text[: DISPLAY_LIMIT - 1] + "…"
        state = self._states[row]
        if role == Qt.ItemDataRole.ForegroundRole or role == Qt.ItemDataRole.BackgroundRole:
            brushes = self._brushes.get(state)
            if brushes is None:
                return None
            return brushes[0] if role == Qt.ItemDataRole.ForegroundRole else brushes[1]
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(state) if column == COL_OUTLINE else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (COL_PERCENT, COL_DEADLINE):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if column == COL_DEADLINE and task.deadline_is_default else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(task, state, column)
        if role == TASK_ROLE:
            return task
        if role == STATE_ROLE:
            return state
        return _sort_value(task, column)  # SORT_ROLE

    def _tooltip(self, task: TaskRow, state: str, column: int) -> str | None:
        if column == COL_OUTLINE and state in STATE_COLOURS:
            return f"{DUE_STATES[state]} – thời hạn {format_date(task.next_due)}"
        if column == COL_DEADLINE and task.deadline_is_default:
            return strings.DEFAULT_DEADLINE_TIP
        if column == COL_LEAD:
            return task.lead_name or None
        return _display(task, column) or None

    def _icon(self, state: str) -> QIcon | None:
        if state not in STATE_COLOURS:
            return None
        if state not in self._icons:
            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if state == "overdue"
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            self._icons[state] = QApplication.style().standardIcon(pixmap)
        return self._icons[state]


@dataclass(frozen=True)
class TaskFilter:
    """What the task table is filtered to; remembered between sessions and set by the dashboard."""

    query: str = ""
    section_ids: frozenset[int] | None = None
    unit_id: int | None = None
    status: str | None = None
    due: str | None = None  # a key of services.plan.due.DUE_WINDOWS
    task_ids: frozenset[int] | None = None
    lead_only: bool = False  # the unit must lead the task (dashboard bars), not only support


RANK_SORT_LIMIT = 2000  # more matches than this: plan order (the clerk is still typing)


class TaskFilterProxy(QSortFilterProxyModel):
    """Filters by section, unit, status, due window and accent-free search words.

    While words are typed, tasks holding them as a phrase come first ("ky so" finds "ký số"
    before "kỹ năng … cơ sở"), then tasks holding all of them, each group in plan order.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._filter = TaskFilter()
        self._words: list[str] = []
        self._mask: list[bool] = []
        self._ranks: list[int] = []
        self._previous: TaskFilter | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model: TaskTableModel) -> None:  # noqa: N802
        super().setSourceModel(model)
        model.modelReset.connect(self._recompute)
        model.layoutChanged.connect(self._recompute)

    @property
    def current(self) -> TaskFilter:
        return self._filter

    def set_filter(self, wanted: TaskFilter) -> None:
        """Apply a filter. A reset of the proxy (one signal) is far cheaper for the view
        than the row-by-row removals of a filter change when matches are scattered over
        10,000 rows; the selection is lost, so PlanArea puts the current task back."""
        if self.sortColumn() >= 0:  # back to plan order first: a reset would re-sort pairwise
            QSortFilterProxyModel.sort(self, -1)
        self.beginResetModel()
        self._filter = wanted
        self._words = search_key(wanted.query).split()
        self._compute_mask()
        self.endResetModel()
        # Rank order while searching, plan order otherwise (-1: the source's own order). The
        # pairwise sort costs Python calls, so it runs only when ranks differ among a few
        # thousand matches (a phrase needs two words; one word typed matches too widely).
        shown = [r for r in self._ranks if r]
        mixed = bool(shown) and min(shown) != max(shown)
        QSortFilterProxyModel.sort(self, 0 if mixed else -1)

    def set_sections(self, section_ids: frozenset[int] | None) -> None:
        self.set_filter(_replace(self._filter, section_ids=section_ids))

    def set_query(self, text: str) -> None:
        self.set_filter(_replace(self._filter, query=text))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts itself (see TaskTableModel.sort); the proxy keeps source order.
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def _recompute(self) -> None:
        self._previous = None  # rows changed: test every one again
        self.set_filter(self._filter)

    def _compute_mask(self) -> None:
        """One bool per source row. While the user keeps typing (the new query extends the
        old one, other filters unchanged) only rows that matched before are tested again."""
        model: TaskTableModel | None = self.sourceModel()  # type: ignore[assignment]
        if model is None:
            self._mask = []
            return
        f, hay = self._filter, model.haystack()
        previous = self._previous
        narrowing = (
            previous is not None
            and len(self._mask) == len(hay)
            and f.query.startswith(previous.query)
            and _replace(previous, query=f.query) == f
        )
        mask = list(self._mask) if narrowing else [True] * len(hay)
        for word in self._words:
            mask = [m and word in h for m, h in zip(mask, hay, strict=True)]
        if not narrowing and (
            f.section_ids is not None or f.unit_id or f.status or f.due or f.task_ids
        ):
            today, task_at = model.today, model.task_at
            mask = [m and self._accepts(task_at(r), f, today) for r, m in enumerate(mask)]
        self._mask = mask
        # Ranks only where they can reorder: two words or more, a few thousand matches.
        words = self._words
        self._ranks = []
        if len(words) > 1 and 0 < sum(mask) <= RANK_SORT_LIMIT:
            self._ranks = [rank(h, words) if m else 0 for m, h in zip(mask, hay, strict=True)]
        self._previous = f

    @staticmethod
    def _accepts(task: TaskRow, f: TaskFilter, today: date) -> bool:
        if f.task_ids is not None and task.id not in f.task_ids:
            return False
        if f.section_ids is not None and task.section_id not in f.section_ids:
            return False
        if f.unit_id and task.lead_unit_id != f.unit_id:
            if f.lead_only or f.unit_id not in task.partner_ids:
                return False
        if f.status and (task.status != f.status or not task.actionable):
            return False
        if f.due:
            open_ = is_open(task.actionable, task.status)
            if not in_window(f.due, open_=open_, due=task.next_due, today=today):
                return False
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        try:
            return self._mask[source_row]
        except IndexError:
            return False

    def followed_counts(self) -> tuple[int, int]:
        """(shown, all) tasks to follow up (actionable): what the dashboard calls nhiệm vụ."""
        model: TaskTableModel | None = self.sourceModel()  # type: ignore[assignment]
        if model is None:
            return 0, 0
        tasks = model.tasks()
        followed = [t.actionable for t in tasks]
        shown = sum(1 for f, m in zip(followed, self._mask, strict=False) if f and m)
        return shown, sum(followed)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        """Better rank first; equal ranks keep the plan's order (source row)."""
        ranks = self._ranks
        if not ranks:  # a reset re-sorts before the new ranks decide (plan order)
            return left.row() < right.row()
        a, b = ranks[left.row()], ranks[right.row()]
        if a != b:
            return a > b
        return left.row() < right.row()


def _replace(f: TaskFilter, **changes) -> TaskFilter:
    from dataclasses import replace

    return replace(f, **changes)
