"""The Kế hoạch area: year, section tree, filterable task table, and the selected task.

Widgets here only arrange and forward: edits go through ``PlanEditor`` (services + undo
stack), filtering through ``TaskFilterProxy``, Excel through ``ui.plan.excel_actions``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.plan.plans import TaskRow
from ui import strings
from ui.collapsible_pane import CollapsiblePane
from ui.plan.commands import PlanEditor
from ui.plan.filter_bar import FilterBar
from ui.plan.plan_actions import PlanActions
from ui.plan.plan_settings import PlanSettings
from ui.plan.section_tree_model import ALL, SECTION_ID_ROLE, SUBTREE_ROLE, SectionTreeModel
from ui.plan.task_panel import TaskPanel, describe_task
from ui.plan.task_table_model import (
    COL_OUTLINE,
    COL_TEXT,
    TASK_ROLE,
    TaskFilter,
    TaskFilterProxy,
    TaskTableModel,
)
from ui.plan.task_table_view import task_table_view
from ui.qt_safe import combo_value
from ui.reminders import ReminderPanel, load_other_modules
from ui.search_highlight import HighlightDelegate
from ui.tasks import BackgroundTask, show_error

__all__ = ["PlanArea", "describe_task"]

# Plans with more tasks than this are read on a worker thread when opened.
BACKGROUND_LOAD_ABOVE = 3000
# The section tree's width when shown: its headings are read in two levels, the table needs
# the rest (STT, Nội dung, Chủ trì, Thời hạn, Trạng thái, Tiến độ fit a 1366 screen beside it).
TREE_WIDTH = 220


class PlanArea(QWidget):
    data_changed = Signal()

    def __init__(
        self, services: Services, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self.prefs = PlanSettings(settings)
        self._loading = False
        self._filtering = False
        self.loading: BackgroundTask | None = None
        self.today = date.today()
        self.editor = PlanEditor(services, self)
        self._build()
        self.actions_ = PlanActions(self)
        self._build_toolbar()
        self._connect()
        self._restore()
        self._load_years()

    # ----- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(objectName="planTitle", wordWrap=True)
        self.title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.reminders = ReminderPanel(lambda due: self.apply_filter(TaskFilter(due=due)))
        self.reminders.hide()
        self._reminders_dismissed = False
        self.reminders.close_button.clicked.connect(self._dismiss_reminders)
        self.year_box = QComboBox(objectName="yearBox")
        year_label = QLabel("&Năm:")
        year_label.setBuddy(self.year_box)
        self.search = QLineEdit(objectName="taskSearch", placeholderText=strings.SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        search_label = QLabel("&Tìm:")
        search_label.setBuddy(self.search)
        self.count_label = QLabel(objectName="taskCount")
        self.toolbar = QToolBar(objectName="planToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year_box)
        top.addSpacing(16)
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        self.filters = FilterBar()

        self.tree_model = SectionTreeModel(self)
        self.tree = QTreeView(objectName="sectionTree")
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderHidden(True)  # the pane's own title names it
        self.tree_pane = CollapsiblePane("Mục của kế hoạch", self.tree)
        self.tree_pane.setObjectName("sectionPane")

        self.task_model = TaskTableModel(self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.task_model)
        self.table = task_table_view(self.proxy)
        self.highlight = HighlightDelegate(lambda: self.proxy.current.query, self.table)
        self.table.setItemDelegateForColumn(COL_TEXT, self.highlight)

        self.panel = TaskPanel(self._services)
        self.detail = self.panel.detail
        right = QSplitter(Qt.Orientation.Vertical, objectName="tableSplitter")
        right.addWidget(self.table)
        right.addWidget(self.panel)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        right.setSizes([440, 120])  # rows first; the detail pane is dragged taller when wanted
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="planSplitter")
        self.splitter.addWidget(self.tree_pane)
        self.splitter.addWidget(right)
        self.splitter.setCollapsible(0, False)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([TREE_WIDTH, 1000])
        self._right = right

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.reminders)
        layout.addWidget(self.toolbar)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)

    def _build_toolbar(self) -> None:
        """What a clerk does every day, on buttons that fit a 1024 screen; the rest
        (moving rows, sections, next year's plan) is under "Khác" and the right-click menu."""
        a = self.actions_
        for action in (a.new_task, a.edit_task, a.delete_task):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(a.record)
        self.toolbar.addSeparator()
        self.toolbar.addAction(a.undo)
        self.toolbar.addAction(a.redo)
        self.toolbar.addSeparator()
        for menu in (a.excel_menu, a.more_menu):
            self.toolbar.addAction(menu.menuAction())
            button = self.toolbar.widgetForAction(menu.menuAction())
            if isinstance(button, QToolButton):
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def _connect(self) -> None:
        self.year_box.currentIndexChanged.connect(self._on_year)
        self.search.textChanged.connect(self._on_filters)
        self.filters.changed.connect(self._on_filters)
        self.tree.selectionModel().currentChanged.connect(self._on_section)
        self.table.selectionModel().currentRowChanged.connect(self._on_task)
        self.table.doubleClicked.connect(lambda _i: self.actions_.edit_current())
        self.panel.record_button.clicked.connect(self.actions_.record_progress)
        self.panel.occurrences.doubleClicked.connect(
            lambda index: self.actions_.record_period(index.row() + 1)
        )
        self.tree_pane.collapsed_changed.connect(self._on_tree_folded)
        self.filters.clear_button.clicked.connect(self._clear_search_and_section)
        self.editor.changed.connect(self.reload)
        self.editor.failed.connect(self.actions_.show_error)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        enter = QAction(self.table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self.actions_.edit_current)
        self.table.addAction(enter)

    # ----- years and loading ----------------------------------------------------------------
    def _load_years(self, select_year: int | None = None) -> None:
        plans = self._services.plans.list_plans()
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for plan in plans:
            self.year_box.addItem(str(plan.year), plan.id)
        self.year_box.blockSignals(False)
        wanted = select_year or self.prefs.year()
        index = self.year_box.findText(str(wanted)) if wanted else -1
        self.year_box.setCurrentIndex(index if index >= 0 else self.year_box.count() - 1)
        self._on_year()

    def plan_id(self) -> int | None:
        return combo_value(self.year_box)

    def year(self) -> int | None:
        text = self.year_box.currentText()
        return int(text) if text else None

    def select_year(self, year: int) -> None:
        if self.year() != year:
            self._load_years(year)

    def _on_year(self) -> None:
        plan_id = self.plan_id()
        self.filters.set_units(self._services.units.list())
        if plan_id is None:
            self.title.setText("Chưa có kế hoạch nào. Hãy tạo kế hoạch mới.")
            self.task_model.set_tasks([])
            self.tree_model.set_sections([])
            self._update_count()
            return
        plan = self._services.plans.get_plan(plan_id)
        self.prefs.set_year(plan.year)
        self.title.setText(f"{plan.document_type.capitalize()} năm {plan.year}: {plan.summary}")
        large = self._services.plans.task_count(plan_id) > BACKGROUND_LOAD_ABOVE
        self.reload(None, keep_section=False, background=large)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Coming back from the Chỉ số area: links made there show in the "Tiêu chí" column."""
        super().showEvent(event)
        plan_id = self.plan_id()
        if plan_id is None or (self.loading is not None and not self.loading.done):
            return
        shown = {t.id: t.linked_criteria for t in self.task_model.tasks() if t.linked_criteria}
        if shown != self._services.plans.linked_criteria(plan_id):
            self.reload()

    def reload(
        self,
        select_task_id: int | None = None,
        *,
        keep_section: bool = True,
        background: bool = False,
    ) -> BackgroundTask | None:
        """Re-read the plan (after any edit or undo), keeping filters and the selected row.

        With ``background`` (opening a large plan) the reading runs on a worker and the
        table is filled when it is done; the window stays responsive meanwhile.
        """
        plan_id = self.plan_id()
        if plan_id is None:
            return None
        if select_task_id is None:
            current = self.current_task()
            select_task_id = current.id if current else None
        section_id = self._current_section_id() if keep_section else self._saved_section()
        plans = self._services.plans

        def read(_progress=None):
            return plans.sections(plan_id), plans.tasks(plan_id)

        if not background:
            self._fill(plan_id, read(), section_id, select_task_id)
            return None
        self.count_label.setText("Đang tải kế hoạch...")
        self.table.setEnabled(False)
        task = BackgroundTask(read, self)
        task.finished.connect(lambda data: self._fill(plan_id, data, section_id, select_task_id))
        task.failed.connect(lambda exc: (self.table.setEnabled(True), show_error(self, exc)))
        self.loading = task.start()
        return task

    def _fill(self, plan_id: int, data, section_id: int | None, select_task_id: int | None) -> None:
        if plan_id != self.plan_id():
            return  # the user chose another year while this one was loading
        sections, tasks = data
        self.table.setEnabled(True)
        self._loading = True
        self.tree_model.set_sections(sections)
        self.tree.expandToDepth(1)
        index = self._section_index(section_id)
        self.tree.setCurrentIndex(index)
        section = _subtree(index)
        self._loading = False
        header = self.table.horizontalHeader()
        self.task_model.set_tasks(tasks, self.today)
        self.task_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._refilter(self._collect(section), keep=False)
        self._update_count()
        self._show_reminders()
        self.panel.forget()
        self.select_task(select_task_id)
        self.data_changed.emit()

    def _show_reminders(self) -> None:
        from services.plan.dashboard import build_dashboard

        plan_id, year = self.plan_id(), self.year()
        if plan_id is None or year is None:
            return
        board = build_dashboard(plan_id, year, self.task_model.tasks(), [], self.today)
        self._reminder_board = board
        key = (year, self.today)
        if getattr(self, "_others_key", None) != key:
            # The other modules' urgent lines are read once per year shown: the strip is a
            # start-up reminder, and editing tasks should not pay for re-judging disclosures.
            self._others_key, self._others = key, []
            load_other_modules(
                self,
                self._services,
                self.today,
                year,
                lambda found: self._others_loaded(key, found),
                background=self.task_model.rowCount() > BACKGROUND_LOAD_ABOVE,
            )
        self._update_reminders()

    def _others_loaded(self, key, found) -> None:
        if key == self._others_key:
            self._others = found.urgent()
            self._update_reminders()

    def _update_reminders(self) -> None:
        board = getattr(self, "_reminder_board", None)
        if board is None:
            return
        wanted = self.reminders.show_for(board, self._others) and not self._reminders_dismissed
        self.reminders.setVisible(wanted)

    def _dismiss_reminders(self) -> None:
        self._reminders_dismissed = True

    # ----- filters ------------------------------------------------------------------------
    def _collect(self, section: frozenset[int] | None) -> TaskFilter:
        unit_id, status, due = self.filters.values()
        return TaskFilter(
            query=self.search.text(),
            section_ids=section,
            unit_id=unit_id,
            status=status,
            due=due,
            task_ids=self.proxy.current.task_ids,
        )

    def _refilter(self, wanted: TaskFilter, *, keep: bool = True) -> None:
        """Filter the table, keeping the current task selected if it is still shown."""
        current = self.current_task() if keep else None
        self._filtering = True
        try:
            self.proxy.set_filter(wanted)
        finally:
            self._filtering = False
        if current is not None:
            self.select_task(current.id, fallback=False)
        elif keep:
            self.panel.show_task(None)

    def _on_filters(self, *_args) -> None:
        self._refilter(self._collect(self.proxy.current.section_ids))
        self._update_count()
        self._save_filters()

    def _on_section(self, current: QModelIndex, _previous=None) -> None:
        if self._loading:
            return
        section = _subtree(current)
        self._refilter(self._collect(section))
        self._update_count()
        self._save_filters()

    def apply_filter(self, wanted: TaskFilter, *, year: int | None = None) -> None:
        """Show the tasks matching ``wanted`` (the dashboard's and reminders' entry point):
        every other filter is cleared first so the clerk sees exactly what was clicked."""
        if year is not None:
            self.select_year(year)
        self.search.blockSignals(True)
        self.search.setText(wanted.query)
        self.search.blockSignals(False)
        self.filters.set_values(wanted.unit_id, wanted.status, wanted.due)
        self._loading = True
        self.tree.setCurrentIndex(self._section_index(_one(wanted.section_ids)))
        self._loading = False
        section = _subtree(self.tree.currentIndex())
        self._refilter(TaskFilter(**{**wanted.__dict__, "section_ids": section}), keep=False)
        self._update_count()
        self._save_filters()
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()

    def _clear_search_and_section(self) -> None:
        """Bỏ lọc shows the whole plan: the search words and the section go too."""
        self.search.clear()
        self.tree.setCurrentIndex(self._section_index(None))

    def clear_task_ids(self) -> None:
        self._refilter(self._collect(self.proxy.current.section_ids))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.task_model.rowCount()
        # One meaning of "nhiệm vụ" with the dashboard: the tasks to follow up (actionable);
        # the plan's other lines (headings of content, aims) are counted as "dòng".
        shown_followed, followed = self.proxy.followed_counts()
        text = f"{shown}/{total} dòng · {shown_followed}/{followed} nhiệm vụ cần theo dõi"
        if self.proxy.current.task_ids is not None:
            text += " (đang lọc theo danh sách)"
        elif self.proxy.current.lead_only:
            text += " (bộ phận chủ trì)"
        self.count_label.setText(text)
        extra = []
        section = self.tree.currentIndex()
        if section.isValid() and section.data(SECTION_ID_ROLE):
            extra.append(f"mục “{section.data(Qt.ItemDataRole.DisplayRole)}”")
        if self.search.text().strip():
            extra.append(f"tìm “{self.search.text().strip()}”")
        self.filters.show_active(extra)

    # ----- selection ----------------------------------------------------------------------
    def _section_index(self, section_id: int | None) -> QModelIndex:
        root = self.tree_model.index(0, 0)
        if section_id is not None:
            found = self.tree_model.match(
                root, SECTION_ID_ROLE, section_id, 1,
                Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
            )  # fmt: skip
            if found:
                return found[0]
        return root

    def _current_section_id(self) -> int | None:
        index = self.tree.currentIndex()
        return (index.data(SECTION_ID_ROLE) or None) if index.isValid() else None

    def _saved_section(self) -> int | None:
        return self.prefs.filters()["section"]

    def current_section(self):
        section_id = self._current_section_id()
        plan_id = self.plan_id()
        if section_id is None or plan_id is None:
            return None
        return next((s for s in self._services.plans.sections(plan_id) if s.id == section_id), None)

    def current_task(self) -> TaskRow | None:
        index = self.table.currentIndex()
        return index.data(TASK_ROLE) if index.isValid() else None

    def select_task(self, task_id: int | None, *, fallback: bool = True) -> None:
        """Make a task current (or, with ``fallback``, the first shown one if it is hidden)."""
        row = self.task_model.row_of(task_id) if task_id is not None else -1
        if fallback and row < 0 and self.proxy.rowCount():
            row = self.proxy.mapToSource(self.proxy.index(0, 0)).row()
        proxy_index = self.proxy.mapFromSource(self.task_model.index(row, COL_OUTLINE))
        if proxy_index.isValid():
            self.table.setCurrentIndex(proxy_index)
            self.table.scrollTo(proxy_index)
        elif fallback is False:
            self.panel.show_task(None)
            return
        self.panel.show_task(self.current_task())

    def _on_task(self, current, _previous=None) -> None:
        if self._filtering:
            return
        self.panel.show_task(current.data(TASK_ROLE) if current.isValid() else None)

    def visible_tasks(self) -> list[TaskRow]:
        return [self.proxy.index(r, COL_TEXT).data(TASK_ROLE) for r in range(self.proxy.rowCount())]

    def _on_tree_folded(self, collapsed: bool) -> None:
        self.prefs.set_tree_collapsed(collapsed)
        total = sum(self.splitter.sizes())
        left = self.tree_pane.maximumWidth() if collapsed else TREE_WIDTH
        self.splitter.setSizes([left, max(0, total - left)])

    # ----- state --------------------------------------------------------------------------
    def _splitters(self) -> dict:
        return {"splitter": self.splitter, "rightSplitter": self._right}

    def _save_filters(self) -> None:
        unit_id, status, due = self.filters.values()
        self.prefs.save_filters(
            unit=unit_id, status=status, due=due, query=self.search.text(),
            section=self._current_section_id(),
        )  # fmt: skip

    def _restore(self) -> None:
        self.prefs.restore_layout(self._splitters(), self.table)
        self.tree_pane.set_collapsed(self.prefs.tree_collapsed())
        self.filters.set_units(self._services.units.list())
        saved = self.prefs.filters()
        self.filters.set_values(saved["unit"], saved["status"], saved["due"])
        self.search.blockSignals(True)
        self.search.setText(saved["query"] or "")
        self.search.blockSignals(False)

    def save_state(self) -> None:
        self.prefs.save_layout(self._splitters(), self.table)
        self._save_filters()


def _subtree(index: QModelIndex) -> frozenset[int] | None:
    value = index.data(SUBTREE_ROLE) if index.isValid() else ALL
    return None if value == ALL else value


def _one(section_ids: frozenset[int] | None) -> int | None:
    """The heading a subtree filter was made from: the one whose subtree holds the others."""
    if not section_ids:
        return None
    return min(section_ids)
