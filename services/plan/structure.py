"""The plan's structure edits (reorder, sections, undo snapshots) and year rollover.

Kept apart from services/plan/plans.py, which reads plans and writes tasks. PlanService holds
one ``PlanStructure`` and hands these calls on, so callers see one service; both write tasks
through services.plan.task_writes. Each method is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import Plan, PlanSection, PlanTask
from services.errors import NotFoundError, ValidationError
from services.plan import district_wording
from services.plan import editing as plan_editing
from services.plan.records import PlanInfo, SectionNode, TaskDraft, TaskRow, plan_info
from services.plan.task_writes import apply_draft, check_draft, make_room
from services.text import nfc, search_key


class PlanStructure:
    """Structure edits over one database; ``read_task`` gives a task as the service shows it."""

    def __init__(
        self, session_factory: sessionmaker[Session], read_task: Callable[[int], TaskRow]
    ) -> None:
        self._sessions = session_factory
        self._read_task = read_task

    def move_task(self, task_id: int, step: int) -> bool:
        """Move a task up (-1) or down (+1) among its section's items; False at an end."""
        with self._sessions.begin() as session:
            row = session.get(PlanTask, task_id)
            if row is None:
                raise NotFoundError("Nhiệm vụ này không còn trong dữ liệu.")
            return plan_editing.move_item(session, row, step)

    def place_task(self, task_id: int, position: int) -> None:
        """Put a task at ``position`` among its section's items (undo of a section change)."""
        with self._sessions.begin() as session:
            row = session.get(PlanTask, task_id)
            if row is None:
                raise NotFoundError("Nhiệm vụ này không còn trong dữ liệu.")
            for other in plan_editing.siblings(session, row.plan_id, row.section_id):
                if other is not row and other.position >= position:
                    other.position += 1
            row.position = position

    def move_section(self, section_id: int, step: int) -> bool:
        with self._sessions.begin() as session:
            row = session.get(PlanSection, section_id)
            if row is None:
                raise NotFoundError("Mục này không còn trong dữ liệu.")
            return plan_editing.move_item(session, row, step)

    def update_section(self, section_id: int, label: str, title: str) -> SectionNode:
        problems = plan_editing.validate_section(True, "", nfc(title))
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            row = session.get(PlanSection, section_id)
            if row is None:
                raise NotFoundError("Mục này không còn trong dữ liệu.")
            row.label, row.title = nfc(label), nfc(title)
            row.search_key = search_key(row.label, row.title)
            return SectionNode(row.id, row.parent_id, row.position, row.kind, row.label, row.title)

    def restore_section(
        self, plan_id: int, parent_id: int | None, node: SectionNode
    ) -> SectionNode:
        """Put a deleted (empty) section back at its old position (undo of delete)."""
        with self._sessions.begin() as session:
            if session.get(Plan, plan_id) is None:
                raise NotFoundError("Kế hoạch này không còn trong dữ liệu.")
            for row in plan_editing.siblings(session, plan_id, parent_id):
                if row.position >= node.position:
                    row.position += 1
            row = PlanSection(
                plan_id=plan_id,
                parent_id=parent_id,
                position=node.position,
                kind=node.kind,
                label=node.label,
                title=node.title,
                search_key=search_key(node.label, node.title),
            )
            session.add(row)
            session.flush()
            return SectionNode(row.id, row.parent_id, row.position, row.kind, row.label, row.title)

    def delete_section(self, section_id: int) -> None:
        """Delete an empty section; one still holding tasks or sub-sections is refused."""
        with self._sessions.begin() as session:
            plan_editing.delete_section(session, section_id)

    def snapshot_task(self, task_id: int) -> plan_editing.TaskSnapshot:
        task = self._read_task(task_id)
        with self._sessions() as session:
            progress, occurrences = plan_editing.snapshot_history(session, task_id)
        return plan_editing.TaskSnapshot(
            task.draft(), task.section_id, task.position, progress, occurrences
        )

    def restore_task(self, snapshot: plan_editing.TaskSnapshot) -> TaskRow:
        """Put a deleted task back where it was, with its progress history (undo of delete)."""
        draft: TaskDraft = snapshot.draft
        with self._sessions.begin() as session:
            section = session.get(PlanSection, snapshot.section_id)
            if section is None:
                raise NotFoundError("Mục chứa nhiệm vụ không còn trong dữ liệu.")
            check_draft(session, draft)
            make_room(session, section.id, snapshot.position)
            row = PlanTask(
                plan_id=section.plan_id, section_id=section.id, position=snapshot.position
            )
            session.add(row)
            apply_draft(session, row, draft)
            session.flush()
            plan_editing.restore_history(session, row.id, snapshot)
            task_id = row.id
        return self._read_task(task_id)

    def rollover(
        self,
        plan_id: int,
        year: int,
        *,
        include_open: bool = False,
        rewrites: dict[tuple[str, int | str], str] | None = None,
    ) -> PlanInfo:
        """Create ``year``'s plan from this plan's structure and recurring tasks; both stay.

        ``rewrites`` are the rewordings of ``district_findings`` the clerk accepted."""

        with self._sessions.begin() as session:
            source = session.get(Plan, plan_id)
            if source is None:
                raise NotFoundError("Kế hoạch này không còn trong dữ liệu.")
            plan = plan_editing.rollover(
                session, source, year, include_open=include_open, rewrites=rewrites
            )
            return plan_info(plan)

    def district_findings(
        self, plan_id: int, *, include_open: bool = False
    ) -> list[district_wording.Finding]:
        """The passages a rollover would copy that still name a district or a thị trấn."""
        found: list[district_wording.Finding | None] = []
        with self._sessions() as session:
            source = session.get(Plan, plan_id)
            if source is None:
                raise NotFoundError("Kế hoạch này không còn trong dữ liệu.")
            for field, label in plan_editing.PLAN_TEXT_FIELDS.items():
                found.append(district_wording.find(("plan", field), label, getattr(source, field)))
            sections = session.scalars(
                select(PlanSection).where(PlanSection.plan_id == plan_id).order_by(PlanSection.id)
            ).all()
            names = {s.id: s.label for s in sections}
            for s in sections:
                found.append(district_wording.find(("section", s.id), f"Mục {s.label}", s.title))
            tasks = session.scalars(
                select(PlanTask)
                .where(PlanTask.plan_id == plan_id)
                .order_by(PlanTask.section_id, PlanTask.position)
            ).all()
            for t in tasks:
                if plan_editing.copied_in_rollover(t, include_open):
                    where = f"Mục {names.get(t.section_id, '')}, nhiệm vụ {t.label}".strip(", ")
                    found.append(district_wording.find(("task", t.id), where, t.text))
        return [f for f in found if f is not None]
