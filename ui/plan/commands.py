"""Undoable plan edits (QUndoStack): create, edit, delete and move of tasks and sections,
and recorded progress.

Each command's first redo is skipped: the action already ran (and could fail with a message
in its dialog) before the command was pushed. Ids change when an undo re-creates a row, so
commands name rows by the id they first had and resolve it through ``PlanEditor.ids``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from services.bundle import Services
from services.errors import UserError
from services.plan.excel_progress import ImportedProgress
from services.plan.plans import SectionNode, TaskDraft, TaskRow
from services.plan.progress import ProgressDraft, ProgressEntry
from ui.plan.criteria_links import LinkChange


class PlanEditor(QObject):
    """Runs plan edits through the services and keeps them on one undo stack."""

    changed = Signal(object)  # the task id to select afterwards, or None
    failed = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.stack = QUndoStack(self)
        self.task_ids: dict[int, int] = {}
        self.section_ids: dict[int, int] = {}

    def task_id(self, key: int) -> int:
        return self.task_ids.get(key, key)

    def section_id(self, key: int | None) -> int | None:
        return None if key is None else self.section_ids.get(key, key)

    def key_of(self, task_id: int) -> int:
        """The stable key of a task whose id may have changed through undo."""
        for key, current in self.task_ids.items():
            if current == task_id:
                return key
        return task_id

    # ----- actions (each raises UserError before anything is pushed) -----------------------
    def create_task(self, draft: TaskDraft, links_change: LinkChange | None = None) -> TaskRow:
        """A new task; the criteria added in the editor are linked in the same undo step."""
        row = self.services.plans.create_task(draft)
        links = links_change.added if links_change else frozenset()
        if links:
            self.services.assessments.set_task_links(row.id, links)
        command = _TaskCreated(self, row, draft)
        command.links = links
        self._push(command)
        return row

    def edit_task(
        self, task: TaskRow, draft: TaskDraft, links_change: LinkChange | None = None
    ) -> TaskRow:
        """Save the editor's fields and its link changes (None: links left alone); one undo
        puts both the fields and the links back."""
        old_links = self.linked_ids(task.id)
        row = self.services.plans.update_task(task.id, draft, expected_version=task.version)
        new_links = links_change.apply(old_links) if links_change else old_links
        if new_links != old_links:
            self.services.assessments.set_task_links(task.id, new_links)
        command = _TaskEdited(self, self.key_of(task.id), task.draft(), draft)
        command.old_position = task.position
        command.links = (old_links, new_links)
        self._push(command)
        return row

    def delete_task(self, task: TaskRow) -> None:
        snapshot = self.services.plans.snapshot_task(task.id)
        links = self.linked_ids(task.id)
        evidence = self.evidence_ids(task.id)
        self.services.plans.delete_task(task.id)
        command = _TaskDeleted(self, self.key_of(task.id), snapshot, task.outline)
        command.links, command.evidence = links, evidence
        self._push(command)

    def linked_ids(self, task_id: int) -> frozenset[int]:
        return frozenset(
            c.criterion_id for c in self.services.assessments.criteria_for_task(task_id)
        )

    def evidence_ids(self, task_id: int) -> frozenset[int]:
        return frozenset(e.id for e in self.services.evidence.list_files(task_id=task_id))

    def move_task(self, task: TaskRow, step: int) -> bool:
        if not self.services.plans.move_task(task.id, step):
            return False
        self._push(_Moved(self, "task", self.key_of(task.id), step, task.outline))
        return True

    def record_progress(self, task: TaskRow, draft: ProgressDraft) -> ProgressEntry:
        before = self.services.progress.state(task.id)
        entry = self.services.progress.record(task.id, draft)
        self._push(_ProgressRecorded(self, self.key_of(task.id), draft, before, entry))
        return entry

    def record_import(self, imported: ImportedProgress, files: int = 1) -> None:
        """An Excel progress import, already written, as ONE undo step: undo takes back
        every task's progress at once, and the edits before it stay undoable."""
        if imported.entries:
            self._push(_ProgressImported(self, imported, files))

    def create_section(
        self, plan_id: int, parent_id: int | None, kind: str, label: str, title: str
    ) -> SectionNode:
        node = self.services.plans.create_section(plan_id, parent_id, kind, label, title)
        self._push(_SectionCreated(self, plan_id, node))
        return node

    def edit_section(self, node: SectionNode, label: str, title: str) -> SectionNode:
        new = self.services.plans.update_section(node.id, label, title)
        key = self._section_key(node.id)
        self._push(_SectionEdited(self, key, (node.label, node.title), (label, title)))
        return new

    def delete_section(self, plan_id: int, node: SectionNode) -> None:
        self.services.plans.delete_section(node.id)
        self._push(_SectionDeleted(self, plan_id, self._section_key(node.id), node))

    def move_section(self, node: SectionNode, step: int) -> bool:
        if not self.services.plans.move_section(node.id, step):
            return False
        self._push(_Moved(self, "section", self._section_key(node.id), step, node.heading))
        return True

    # ----- plumbing -----------------------------------------------------------------------
    def _section_key(self, section_id: int) -> int:
        for key, current in self.section_ids.items():
            if current == section_id:
                return key
        return section_id

    def _push(self, command: _Command) -> None:
        self.stack.push(command)
        self.changed.emit(command.select)

    def run(self, action: Callable[[], object], select: int | None) -> None:
        try:
            action()
        except UserError as exc:
            self.failed.emit(exc.message)
        self.changed.emit(select)


class _Command(QUndoCommand):
    def __init__(self, editor: PlanEditor, text: str, select: int | None = None) -> None:
        super().__init__(text)
        self.editor = editor
        self.services = editor.services
        self.select = select
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.editor.run(self.do, self.current())

    def undo(self) -> None:
        self.editor.run(self.undo_it, self.current())

    def current(self) -> int | None:
        return None if self.select is None else self.editor.task_id(self.select)

    def do(self) -> None:  # pragma: no cover - every command overrides it
        raise NotImplementedError

    def undo_it(self) -> None:  # pragma: no cover
        raise NotImplementedError


class _TaskCreated(_Command):
    def __init__(self, editor: PlanEditor, row: TaskRow, draft: TaskDraft) -> None:
        super().__init__(editor, f"thêm nhiệm vụ {row.outline}", row.id)
        self.draft, self.position, self.section = draft, row.position, row.section_id

    links: frozenset[int] = frozenset()

    def do(self) -> None:
        draft = _in_section(self.draft, self.editor.section_id(self.section))
        row = self.services.plans.create_task(draft, position=self.position)
        self.editor.task_ids[self.select] = row.id
        if self.links:
            self.services.assessments.set_task_links(row.id, self.links)

    def undo_it(self) -> None:
        self.services.plans.delete_task(self.editor.task_id(self.select))


class _TaskEdited(_Command):
    def __init__(self, editor: PlanEditor, key: int, old: TaskDraft, new: TaskDraft) -> None:
        super().__init__(editor, "sửa nhiệm vụ", key)
        self.old, self.new = old, new
        self.old_position = 0

    links: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())

    def do(self) -> None:
        self._apply(self.new)
        self._link(self.links[1])

    def undo_it(self) -> None:
        self._apply(self.old)
        self._link(self.links[0])
        if self.old.section_id != self.new.section_id:  # back to its old place, not the end
            self.services.plans.place_task(self.editor.task_id(self.select), self.old_position)

    def _link(self, wanted: frozenset[int]) -> None:
        if self.links[0] != self.links[1]:
            self.services.assessments.set_task_links(self.editor.task_id(self.select), wanted)

    def _apply(self, draft: TaskDraft) -> None:
        draft = _in_section(draft, self.editor.section_id(draft.section_id))
        self.services.plans.update_task(self.editor.task_id(self.select), draft)


class _TaskDeleted(_Command):
    links: frozenset[int] = frozenset()
    evidence: frozenset[int] = frozenset()

    def __init__(self, editor: PlanEditor, key: int, snapshot, outline: str) -> None:
        super().__init__(editor, f"xóa nhiệm vụ {outline}", key)
        self.snapshot = snapshot

    def do(self) -> None:
        task_id = self.editor.task_id(self.select)
        self.snapshot = self.services.plans.snapshot_task(task_id)
        self.links = self.editor.linked_ids(task_id)
        self.evidence = self.editor.evidence_ids(task_id)
        self.services.plans.delete_task(task_id)

    def undo_it(self) -> None:
        from dataclasses import replace

        section = self.editor.section_id(self.snapshot.section_id)
        snapshot = replace(
            self.snapshot, section_id=section, draft=_in_section(self.snapshot.draft, section)
        )
        row = self.services.plans.restore_task(snapshot)
        self.editor.task_ids[self.select] = row.id
        # The delete cascaded to the task's criterion links and evidence: put them back.
        if self.links:
            self.services.assessments.set_task_links(row.id, self.links)
        for evidence_id in sorted(self.evidence):
            self.services.evidence.attach(evidence_id, task_id=row.id)


class _Moved(_Command):
    def __init__(self, editor: PlanEditor, kind: str, key: int, step: int, name: str) -> None:
        where = "lên" if step < 0 else "xuống"
        super().__init__(editor, f"chuyển {name} {where}", key if kind == "task" else None)
        self.kind, self.key, self.step = kind, key, step

    def do(self) -> None:
        self._move(self.step)

    def undo_it(self) -> None:
        self._move(-self.step)

    def _move(self, step: int) -> None:
        if self.kind == "task":
            self.services.plans.move_task(self.editor.task_id(self.key), step)
        else:
            self.services.plans.move_section(self.editor.section_id(self.key), step)


class _ProgressRecorded(_Command):
    def __init__(self, editor, key: int, draft: ProgressDraft, before, entry) -> None:
        super().__init__(editor, "ghi tiến độ", key)
        self.draft, self.before, self.entry_id = draft, before, entry.id

    def do(self) -> None:
        entry = self.services.progress.record(self.editor.task_id(self.select), self.draft)
        self.entry_id = entry.id

    def undo_it(self) -> None:
        self.services.progress.delete_entry(self.entry_id, restore=self.before)


class _ProgressImported(_Command):
    def __init__(self, editor: PlanEditor, imported: ImportedProgress, files: int) -> None:
        count = len(imported.entries)
        source = f"{files} tệp" if files > 1 else "tệp"
        super().__init__(editor, f"nhập tiến độ {count} nhiệm vụ từ {source} Excel")
        self.imported = imported
        # Stable keys: an undo of an earlier delete may give a task a new id.
        self.keys = tuple(editor.key_of(e.task_id) for e in imported.entries)

    def do(self) -> None:
        ids = {
            e.task_id: self.editor.task_id(k)
            for e, k in zip(self.imported.entries, self.keys, strict=True)
        }
        self.imported = self.services.progress_import.redo(self.imported, ids)

    def undo_it(self) -> None:
        self.services.progress_import.undo(self.imported)


class _SectionCreated(_Command):
    def __init__(self, editor: PlanEditor, plan_id: int, node: SectionNode) -> None:
        super().__init__(editor, f"thêm mục {node.heading}")
        self.plan_id, self.node, self.key = plan_id, node, node.id

    def do(self) -> None:
        parent = self.editor.section_id(self.node.parent_id)
        row = self.services.plans.restore_section(self.plan_id, parent, self.node)
        self.editor.section_ids[self.key] = row.id

    def undo_it(self) -> None:
        self.services.plans.delete_section(self.editor.section_id(self.key))


class _SectionEdited(_Command):
    def __init__(self, editor: PlanEditor, key: int, old: tuple, new: tuple) -> None:
        super().__init__(editor, "sửa mục")
        self.key, self.old, self.new = key, old, new

    def do(self) -> None:
        self.services.plans.update_section(self.editor.section_id(self.key), *self.new)

    def undo_it(self) -> None:
        self.services.plans.update_section(self.editor.section_id(self.key), *self.old)


class _SectionDeleted(_SectionCreated):
    def __init__(self, editor: PlanEditor, plan_id: int, key: int, node: SectionNode) -> None:
        super().__init__(editor, plan_id, node)
        self.key = key
        self.setText(f"xóa mục {node.heading}")

    def do(self) -> None:
        super().undo_it()

    def undo_it(self) -> None:
        super().do()


def _in_section(draft: TaskDraft, section_id: int | None) -> TaskDraft:
    from dataclasses import replace

    return draft if section_id is None else replace(draft, section_id=section_id)
