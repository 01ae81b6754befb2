"""The Kế hoạch area: year, section tree, searchable task table and the selected task's text."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.plans import TaskRow
from services.text import format_date
from services.vocab import RECURRENCES, TASK_STATUSES
from ui import strings
from ui.plan.section_tree_model import SUBTREE_ROLE, SectionTreeModel
from ui.plan.task_table_model import (
    COL_OUTLINE,
    COL_TEXT,
    TASK_ROLE,
    TaskFilterProxy,
    TaskTableModel,
)


class PlanArea(QWidget):
    def __init__(
        self, services: Services, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._build()
        self._connect()
        self._load_years()
        self._restore()

    # ----- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(objectName="planTitle", wordWrap=True)
        self.title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.year_box = QComboBox(objectName="yearBox")
        year_label = QLabel("&Năm:")
        year_label.setBuddy(self.year_box)
        self.search = QLineEdit(objectName="taskSearch", placeholderText=strings.SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        search_label = QLabel("&Tìm:")
        search_label.setBuddy(self.search)
        self.count_label = QLabel(objectName="taskCount")
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year_box)
        top.addSpacing(16)
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)

        self.tree_model = SectionTreeModel(self)
        self.tree = QTreeView(objectName="sectionTree")
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(False)
        self.tree.setUniformRowHeights(True)

        self.task_model = TaskTableModel(self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.task_model)
        self.table = QTableView(objectName="taskTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_OUTLINE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((70, 420, 70, 110, 90, 110, 70, 160, 110)):
            self.table.setColumnWidth(column, width)

        self.detail = QTextBrowser(objectName="taskDetail")
        self.detail.setOpenLinks(False)
        right = QSplitter(Qt.Orientation.Vertical, objectName="tableSplitter")
        right.addWidget(self.table)
        right.addWidget(self.detail)
        right.setStretchFactor(0, 4)
        right.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="planSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 900])
        self._right = right

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.year_box.currentIndexChanged.connect(self._on_year)
        self.search.textChanged.connect(self._on_search)
        self.tree.selectionModel().currentChanged.connect(self._on_section)
        self.table.selectionModel().currentRowChanged.connect(self._on_task)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)

    # ----- behaviour ----------------------------------------------------------------------
    def _load_years(self) -> None:
        plans = self._services.plans.list_plans()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for plan in plans:
            self.year_box.addItem(str(plan.year), plan.id)
        self.year_box.blockSignals(False)
        wanted = self._settings.value("plan/year", None)
        index = self.year_box.findText(str(wanted)) if wanted else -1
        self.year_box.setCurrentIndex(index if index >= 0 else self.year_box.count() - 1)
        self._on_year()

    def _on_year(self) -> None:
        plan_id = self.year_box.currentData()
        if plan_id is None:
            self.title.setText("Chưa có kế hoạch nào. Hãy tạo kế hoạch mới.")
            self.task_model.set_tasks([])
            self.tree_model.set_sections([])
            self._update_count()
            return
        plan = self._services.plans.get_plan(plan_id)
        self._settings.setValue("plan/year", plan.year)
        self.title.setText(f"{plan.document_type.capitalize()} năm {plan.year}: {plan.summary}")
        self.tree_model.set_sections(self._services.plans.sections(plan_id))
        self.tree.expandToDepth(1)
        self.task_model.set_tasks(self._services.plans.tasks(plan_id))
        self.proxy.set_sections(None)
        self.tree.setCurrentIndex(self.tree_model.index(0, 0))
        self._update_count()

    def _on_section(self, current, _previous=None) -> None:
        self.proxy.set_sections(current.data(SUBTREE_ROLE) if current.isValid() else None)
        self._update_count()

    def _on_search(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.task_model.rowCount()
        self.count_label.setText(f"{shown}/{total} nhiệm vụ")

    def _on_task(self, current, _previous=None) -> None:
        task: TaskRow | None = current.data(TASK_ROLE) if current.isValid() else None
        self.detail.setPlainText(describe_task(task) if task else "")

    def visible_tasks(self) -> list[TaskRow]:
        return [self.proxy.index(r, COL_TEXT).data(TASK_ROLE) for r in range(self.proxy.rowCount())]

    # ----- state --------------------------------------------------------------------------
    def _restore(self) -> None:
        for key, widget in (("plan/splitter", self.splitter), ("plan/rightSplitter", self._right)):
            state = self._settings.value(key)
            if state is not None:
                widget.restoreState(state)
        header_state = self._settings.value("plan/header")
        if header_state is not None:
            self.table.horizontalHeader().restoreState(header_state)

    def save_state(self) -> None:
        self._settings.setValue("plan/splitter", self.splitter.saveState())
        self._settings.setValue("plan/rightSplitter", self._right.saveState())
        self._settings.setValue("plan/header", self.table.horizontalHeader().saveState())


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
    if task.criteria:
        lines.append(f"Tiêu chí: {', '.join(task.criteria)}")
    if task.result_notes:
        lines.append(f"Kết quả: {task.result_notes}")
    return "\n".join(lines)
