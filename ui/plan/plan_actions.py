"""The Kế hoạch area's commands: keyboard shortcuts, toolbar actions and their handlers.

Keyboard first: Ctrl+N new task, F2/Enter edit, Delete (asks first), Alt+Up/Down move,
Ctrl+G record progress, Ctrl+Z/Ctrl+Y undo/redo; in the section tree F2, Delete and
Alt+Up/Down act on the section instead.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QStyle, QTableView, QTreeView

from services.bundle import Services
from services.errors import UserError
from services.plan.plans import SectionNode, TaskDraft, TaskRow
from services.plan.records import next_label
from ui import strings
from ui.help.keys import add_help_key
from ui.plan.commands import PlanEditor
from ui.plan.criteria_links import CriteriaSource
from ui.plan.district_dialog import DistrictWordingDialog
from ui.plan.filter_bar import FilterBar
from ui.plan.progress_dialog import ProgressDialog
from ui.plan.small_dialogs import RolloverDialog, SectionDialog
from ui.plan.task_editor import TaskEditorDialog


class PlanAreaView(Protocol):
    """What the commands use of the Kế hoạch area (ui.plan.plan_area.PlanArea, a QWidget):
    its parts and its current selection. Kept as a protocol so that the area may import the
    commands without the commands importing the area back."""

    editor: PlanEditor
    table: QTableView
    tree: QTreeView
    filters: FilterBar
    _services: Services
    today: date

    def plan_id(self) -> int | None: ...
    def year(self) -> int | None: ...
    def select_year(self, year: int) -> None: ...
    def current_section(self) -> SectionNode | None: ...
    def current_task(self) -> TaskRow | None: ...
    def style(self) -> QStyle: ...


SP = QStyle.StandardPixmap
WIDGET = Qt.ShortcutContext.WidgetShortcut
AREA = Qt.ShortcutContext.WidgetWithChildrenShortcut


class PlanActions(QObject):
    def __init__(self, area: PlanAreaView) -> None:
        super().__init__(area)
        self.area = area
        self.editor = area.editor
        table, tree = area.table, area.tree
        self.new_task = self._action(
            "Thêm nhiệm vụ", "Ctrl+N", AREA, area, self.create_task, SP.SP_FileIcon
        )
        self.edit_task = self._action(
            "Sửa", "F2", WIDGET, table, self.edit_current, SP.SP_FileDialogDetailedView
        )
        self.delete_task = self._action(
            "Xóa", "Delete", WIDGET, table, self.delete_current, SP.SP_TrashIcon
        )
        self.move_up = self._action(
            "Lên", "Alt+Up", WIDGET, table, lambda: self.move(-1), SP.SP_ArrowUp
        )
        self.move_down = self._action(
            "Xuống", "Alt+Down", WIDGET, table, lambda: self.move(1), SP.SP_ArrowDown
        )
        self.record = self._action(
            "Ghi tiến độ", "Ctrl+G", AREA, area, self.record_progress, SP.SP_DialogApplyButton
        )
        self.copy_task = self._action(
            "Sao chép", "Ctrl+C", WIDGET, table, self.copy_current, SP.SP_FileDialogContentsView
        )
        # Right-click on a task: what a clerk does with it, with the keys shown beside.
        self.task_menu = QMenu(table)
        self.task_menu.setObjectName("taskContextMenu")
        for action in (self.edit_task, self.record, self.copy_task):
            self.task_menu.addAction(action)
        self.task_menu.addSeparator()
        for action in (self.move_up, self.move_down):
            self.task_menu.addAction(action)
        self.task_menu.addSeparator()
        self.task_menu.addAction(self.delete_task)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._task_menu_at)
        self.undo = self.editor.stack.createUndoAction(self, "Hoàn tác")
        self.undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo = self.editor.stack.createRedoAction(self, "Làm lại")
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action, icon in ((self.undo, SP.SP_ArrowBack), (self.redo, SP.SP_ArrowForward)):
            action.setShortcutContext(AREA)
            action.setIcon(area.style().standardIcon(icon))
            area.addAction(action)
        self.sections_menu = QMenu("Mục", area)
        self.sections_menu.setIcon(area.style().standardIcon(SP.SP_DirIcon))
        self.new_section = self._action(
            "Thêm mục con...", "Ctrl+Shift+N", AREA, area, self.create_section
        )
        self.edit_section = self._action("Sửa tên mục...", "F2", WIDGET, tree, self.rename_section)
        self.delete_section = self._action(
            "Xóa mục...", "Delete", WIDGET, tree, self.remove_section
        )
        self.section_up = self._action(
            "Chuyển mục lên", "Alt+Up", WIDGET, tree, lambda: self.move_section(-1)
        )
        self.section_down = self._action(
            "Chuyển mục xuống", "Alt+Down", WIDGET, tree, lambda: self.move_section(1)
        )
        for action in (self.new_section, self.edit_section, self.delete_section,
                       self.section_up, self.section_down):  # fmt: skip
            self.sections_menu.addAction(action)
        self.excel_menu = QMenu("Excel", area)
        self.excel_menu.setIcon(area.style().standardIcon(SP.SP_DialogSaveButton))
        from ui.plan.excel_actions import ExcelActions

        self.excel = ExcelActions(area, self.excel_menu)
        self.rollover = self._action("Tạo kế hoạch năm sau...", "", AREA, area, self.roll_over)
        # Less frequent work, off the toolbar so it fits a 1024 screen (keys still work).
        self.more_menu = QMenu("Khác", area)
        self.more_menu.setObjectName("planMoreMenu")
        self.more_menu.setIcon(area.style().standardIcon(SP.SP_FileDialogListView))
        for action in (self.move_up, self.move_down):
            self.more_menu.addAction(action)
        self.more_menu.addSeparator()
        self.more_menu.addMenu(self.sections_menu)
        self.more_menu.addSeparator()
        self.more_menu.addAction(self.rollover)

    def _action(self, text, shortcut, context, widget, slot, icon=None) -> QAction:  # noqa: PLR0913
        action = QAction(text, widget)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text} ({shortcut})")
        action.setShortcutContext(context)
        if icon is not None:
            action.setIcon(widget.style().standardIcon(icon))
        action.triggered.connect(slot)
        widget.addAction(action)
        return action

    def _task_menu_at(self, pos) -> None:
        table = self.area.table
        index = table.indexAt(pos)
        if not index.isValid():
            return
        table.setCurrentIndex(index)
        self.task_menu.popup(table.viewport().mapToGlobal(pos))

    def copy_current(self) -> str:
        """The selected task's STT and text on the clipboard (to paste into Word, Zalo…)."""
        from PySide6.QtWidgets import QApplication

        task = self.area.current_task()
        if task is None:
            return ""
        text = f"{task.outline} {task.text}".strip()
        QApplication.clipboard().setText(text)
        return text

    # ----- tasks --------------------------------------------------------------------------
    def _dialog(  # noqa: PLR0913
        self,
        draft: TaskDraft,
        save,
        title: str,
        reload=None,
        task_id: int | None = None,
        taken_labels: dict[int, frozenset[str]] | None = None,
    ) -> TaskEditorDialog:
        plan_id = self.area.plan_id()
        services = self.area._services
        year = self.area.year()
        criteria = None
        if year is not None:
            current = (lambda: services.assessments.criteria_for_task(task_id)) if task_id else list
            criteria = CriteriaSource(year, services.assessments.criteria_choices(year), current)
        dialog = TaskEditorDialog(
            services.units.list(include_inactive=False),
            services.plans.sections(plan_id),
            draft,
            save,
            reload=reload,
            title=title,
            criteria=criteria,
            source=(lambda: services.progress.source(task_id)) if task_id else None,
            taken_labels=taken_labels,
            parent=self.area,
        )
        add_help_key(dialog, "nhiem-vu")
        return dialog

    def create_task(self) -> TaskEditorDialog | None:
        plan_id = self.area.plan_id()
        if plan_id is None:
            return None
        current = self.area.current_task()
        section = self.area.current_section()
        section_id = section.id if section else current.section_id if current else None
        if section_id is None:
            sections = self.area._services.plans.sections(plan_id)
            if not sections:
                self.show_error("Kế hoạch chưa có mục nào; hãy thêm mục trước (Ctrl+Shift+N).")
                return None
            section_id = sections[-1].id
        unit_id = self.area.filters.values()[0]
        by_section: dict[int, set[str]] = {}
        for t in self.area._services.plans.tasks(plan_id):
            by_section.setdefault(t.section_id, set()).add(t.label)
        taken = {section: frozenset(labels) for section, labels in by_section.items()}
        label = next_label(taken.get(section_id, frozenset()))
        draft = TaskDraft(section_id=section_id, text="", lead_unit_id=unit_id, label=label)
        dialog = self._dialog(draft, self.editor.create_task, "Thêm nhiệm vụ", taken_labels=taken)
        dialog.open()
        return dialog

    def edit_current(self) -> TaskEditorDialog | None:
        task = self.area.current_task()
        if task is None:
            return None
        plans = self.area._services.plans
        latest = {"task": task}

        def save(draft: TaskDraft, links=None) -> None:
            self.editor.edit_task(latest["task"], draft, links)

        def reload():
            latest["task"] = plans.task(task.id)
            return latest["task"]

        dialog = self._dialog(
            task.draft(), save, f"Sửa nhiệm vụ {task.outline}", reload=reload, task_id=task.id
        )
        dialog.open()
        return dialog

    def delete_current(self) -> None:
        task = self.area.current_task()
        if task is None:
            return
        answer = QMessageBox.question(
            self.area,
            "Xóa nhiệm vụ",
            f"Xóa nhiệm vụ {task.outline} “{_short(task.text)}” cùng lịch sử tiến độ của nó?\n"
            "Có thể hoàn tác bằng Ctrl+Z.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._guard(lambda: self.editor.delete_task(task))

    def move(self, step: int) -> None:
        task = self.area.current_task()
        if task is not None:
            self._guard(lambda: self.editor.move_task(task, step))

    def record_progress(self) -> ProgressDialog | None:
        return self.record_period(0)

    def record_period(self, period: int) -> ProgressDialog | None:
        """The progress dialog, on one period of a recurring task when ``period`` > 0."""
        task = self.area.current_task()
        if task is None or not task.actionable:
            return None
        occurrences = self.area._services.progress.occurrences(task.id)
        dialog = ProgressDialog(
            task,
            occurrences,
            lambda draft: self.editor.record_progress(task, draft),
            today=self.area.today,
            period=period,
            parent=self.area,
            entered_by=self.area._services.progress.user_name(),
        )
        add_help_key(dialog, "tien-do")
        dialog.open()
        return dialog

    # ----- sections -----------------------------------------------------------------------
    def create_section(self) -> None:
        plan_id = self.area.plan_id()
        if plan_id is None:
            return
        parent = self.area.current_section()
        dialog = SectionDialog("Thêm mục", new=True, parent=self.area)
        if dialog.exec():
            self._guard(
                lambda: self.editor.create_section(
                    plan_id,
                    parent.id if parent else None,
                    dialog.kind.currentData(),
                    dialog.label.text(),
                    dialog.heading.text(),
                )  # fmt: skip
            )

    def rename_section(self) -> None:
        node = self.area.current_section()
        if node is None:
            return
        dialog = SectionDialog("Sửa tên mục", node.label, node.title, parent=self.area)
        if dialog.exec():
            self._guard(
                lambda: self.editor.edit_section(node, dialog.label.text(), dialog.heading.text())
            )

    def remove_section(self) -> None:
        node, plan_id = self.area.current_section(), self.area.plan_id()
        if node is None or plan_id is None:
            return
        answer = QMessageBox.question(
            self.area, "Xóa mục", f"Xóa mục “{node.heading}”?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self._guard(lambda: self.editor.delete_section(plan_id, node))

    def move_section(self, step: int) -> None:
        node = self.area.current_section()
        if node is not None:
            self._guard(lambda: self.editor.move_section(node, step))

    # ----- years --------------------------------------------------------------------------
    def roll_over(self) -> None:
        plan_id, year = self.area.plan_id(), self.area.year()
        if plan_id is None or year is None:
            return
        dialog = RolloverDialog(year, self.area)
        if not dialog.exec():
            return
        new_year = dialog.year.value()
        include = dialog.include_open.isChecked()
        plans = self.area._services.plans
        try:
            findings = plans.district_findings(plan_id, include_open=include)
            rewrites = {}
            if findings:
                wording = DistrictWordingDialog(findings, new_year, self.area)
                self.district_dialog = wording
                if not wording.exec():
                    return
                rewrites = wording.rewrites()
            plans.rollover(plan_id, new_year, include_open=include, rewrites=rewrites)
        except UserError as exc:
            self.show_error(exc.message)
            return
        self.editor.stack.clear()  # undo does not cross years
        self.area.select_year(new_year)

    # ----- errors -------------------------------------------------------------------------
    def _guard(self, action) -> None:
        try:
            action()
        except UserError as exc:
            self.show_error(exc.message)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self.area, strings.ERROR_TITLE, message)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
