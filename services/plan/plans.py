"""Plans, their section tree and their tasks, as plain dataclasses for the UI and documents."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from models import (
    Criterion,
    IndexFramework,
    Plan,
    PlanSection,
    PlanTask,
    TaskOccurrence,
    Unit,
    criterion_task_links,
    task_partners,
)
from services.errors import ConflictError, NotFoundError, Problem, ValidationError
from services.plan import district_wording
from services.plan import editing as plan_editing
from services.plan.derived_values import has_history
from services.plan.due import CLOSED_STATUSES, periods
from services.plan.progress import follow_history
from services.plan.records import (
    PlanInfo,
    SectionNode,
    TaskDraft,
    TaskRow,
    code_key,
    outline_labels,
    outline_numbers,
    plan_info,
    split_codes,
    validate_task,
)
from services.plan.structure import PlanStructure
from services.plan.task_writes import apply_draft, check_draft, make_room, next_position
from services.safety.audit_trail import conflict_message
from services.safety.locks import retry_when_locked
from services.text import nfc, search_key
from services.vocab import SECTION_KINDS


class PlanService:
    """Plans, sections and tasks of one database; structure edits are handed to
    ``self.structure`` (services.plan.structure) so callers keep one service."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory
        self.structure = PlanStructure(session_factory, self.task)

    # ----- structure (reorder, sections, undo snapshots, rollover) --------------------------
    def move_task(self, task_id: int, step: int) -> bool:
        return self.structure.move_task(task_id, step)

    def place_task(self, task_id: int, position: int) -> None:
        self.structure.place_task(task_id, position)

    def move_section(self, section_id: int, step: int) -> bool:
        return self.structure.move_section(section_id, step)

    def update_section(self, section_id: int, label: str, title: str) -> SectionNode:
        return self.structure.update_section(section_id, label, title)

    def restore_section(
        self, plan_id: int, parent_id: int | None, node: SectionNode
    ) -> SectionNode:
        return self.structure.restore_section(plan_id, parent_id, node)

    def delete_section(self, section_id: int) -> None:
        self.structure.delete_section(section_id)

    def snapshot_task(self, task_id: int) -> plan_editing.TaskSnapshot:
        return self.structure.snapshot_task(task_id)

    def restore_task(self, snapshot: plan_editing.TaskSnapshot) -> TaskRow:
        return self.structure.restore_task(snapshot)

    def rollover(
        self,
        plan_id: int,
        year: int,
        *,
        include_open: bool = False,
        rewrites: dict[tuple[str, int | str], str] | None = None,
    ) -> PlanInfo:
        return self.structure.rollover(plan_id, year, include_open=include_open, rewrites=rewrites)

    def district_findings(
        self, plan_id: int, *, include_open: bool = False
    ) -> list[district_wording.Finding]:
        return self.structure.district_findings(plan_id, include_open=include_open)

    # ----- plans -------------------------------------------------------------------------
    def list_plans(self) -> list[PlanInfo]:
        with self._sessions() as session:
            return [plan_info(p) for p in session.scalars(select(Plan).order_by(Plan.year))]

    def years(self) -> list[int]:
        return sorted({p.year for p in self.list_plans()})

    def plan_for_year(self, year: int) -> PlanInfo | None:
        with self._sessions() as session:
            row = session.scalars(select(Plan).where(Plan.year == year).order_by(Plan.id)).first()
            return plan_info(row) if row else None

    def get_plan(self, plan_id: int) -> PlanInfo:
        with self._sessions() as session:
            row = session.get(Plan, plan_id)
            if row is None:
                raise NotFoundError("Kế hoạch này không còn trong dữ liệu.")
            return plan_info(row)

    # ----- reading the tree ---------------------------------------------------------------
    def sections(self, plan_id: int) -> list[SectionNode]:
        """Sections depth-first in document order, each with its depth."""
        with self._sessions() as session:
            rows = session.execute(
                select(
                    PlanSection.id,
                    PlanSection.parent_id,
                    PlanSection.position,
                    PlanSection.kind,
                    PlanSection.label,
                    PlanSection.title,
                ).where(PlanSection.plan_id == plan_id)
            ).all()
        by_parent: dict[int | None, list] = defaultdict(list)
        for r in rows:
            by_parent[r.parent_id].append(r)
        ordered: list[SectionNode] = []

        def walk(parent: int | None, depth: int) -> None:
            for r in sorted(by_parent[parent], key=lambda r: r.position):
                ordered.append(
                    SectionNode(r.id, r.parent_id, r.position, r.kind, r.label, r.title, depth)
                )
                walk(r.id, depth + 1)

        walk(None, 0)
        return ordered

    def tasks(self, plan_id: int) -> list[TaskRow]:
        """All tasks of a plan in document order, with their plan numbering."""
        with self._sessions() as session:
            # Plain columns, not ORM objects: a 10,000-task plan loads several times faster.
            rows = session.execute(
                select(PlanTask.__table__, Unit.code.label("u_code"), Unit.name.label("u_name"))
                .outerjoin(Unit, Unit.id == PlanTask.lead_unit_id)
                .where(PlanTask.plan_id == plan_id)
            ).all()
            partners = session.execute(
                select(task_partners.c.task_id, Unit.id, Unit.code)
                .join(Unit, Unit.id == task_partners.c.unit_id)
                .join(PlanTask, PlanTask.id == task_partners.c.task_id)
                .where(PlanTask.plan_id == plan_id)
                .order_by(Unit.position, Unit.code)
            ).all()
            linked = _linked_codes(session, plan_id)
            year = session.scalar(select(Plan.year).where(Plan.id == plan_id))
            closed = defaultdict(set)
            for task_id, period in session.execute(
                select(TaskOccurrence.task_id, TaskOccurrence.period)
                .join(PlanTask, PlanTask.id == TaskOccurrence.task_id)
                .where(PlanTask.plan_id == plan_id, TaskOccurrence.status.in_(CLOSED_STATUSES))
            ):
                closed[task_id].add(period)
        by_task: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for task_id, unit_id, code in partners:
            by_task[task_id].append((unit_id, code))
        by_id = {t.id: t for t in rows}
        numbers = outline_numbers(self.sections(plan_id), rows)
        return [
            _task_row(
                t := by_id[task_id],
                t.u_code or "",
                t.u_name or "",
                by_task.get(task_id, []),
                {
                    **_due(t, year, closed),
                    "outline": number,
                    "order": order,
                    "linked_criteria": linked.get(task_id, ()),
                },
            )
            for order, (task_id, number) in enumerate(numbers)
        ]

    def linked_criteria(self, plan_id: int) -> dict[int, tuple[str, ...]]:
        """Task id → codes of the index criteria linked to it (TaskRow.linked_criteria), so
        the plan area can tell cheaply whether links changed elsewhere."""
        with self._sessions() as session:
            return _linked_codes(session, plan_id)

    def task(self, task_id: int) -> TaskRow:
        with self._sessions() as session:
            row = session.get(PlanTask, task_id)
            if row is None:
                raise NotFoundError("Nhiệm vụ này không còn trong dữ liệu.")
            plan_id = row.plan_id
        return next(t for t in self.tasks(plan_id) if t.id == task_id)

    def task_count(self, plan_id: int) -> int:
        with self._sessions() as session:
            return session.execute(
                select(func.count()).select_from(PlanTask).where(PlanTask.plan_id == plan_id)
            ).scalar_one()

    def search_tasks(self, plan_id: int, query: str) -> list[TaskRow]:
        """Tasks whose text, unit or result contain every word of ``query``, accents ignored."""
        words = search_key(query).split()
        with self._sessions() as session:
            stmt = select(PlanTask.id).where(PlanTask.plan_id == plan_id)
            for word in words:
                stmt = stmt.where(PlanTask.search_key.contains(word, autoescape=True))
            ids = set(session.scalars(stmt))
        return [t for t in self.tasks(plan_id) if t.id in ids]

    # ----- writing ------------------------------------------------------------------------
    @retry_when_locked
    def create_task(self, draft: TaskDraft, *, position: int | None = None) -> TaskRow:
        with self._sessions.begin() as session:
            section = session.get(PlanSection, draft.section_id)
            if section is None:
                raise NotFoundError("Mục chứa nhiệm vụ không còn trong dữ liệu.")
            check_draft(session, draft)
            if position is None:
                position = next_position(session, section.id)
            else:
                make_room(session, section.id, position)
            row = PlanTask(plan_id=section.plan_id, section_id=section.id, position=position)
            session.add(row)
            apply_draft(session, row, draft)
            session.flush()
            task_id = row.id
        return self.task(task_id)

    @retry_when_locked
    def update_task(
        self, task_id: int, draft: TaskDraft, *, expected_version: int | None = None
    ) -> TaskRow:
        try:
            return self._update_task(task_id, draft, expected_version)
        except StaleDataError as exc:  # saved by another window between our read and write
            with self._sessions() as session:
                row = session.get(PlanTask, task_id)
                stamp = row.updated_at if row else None
                message = conflict_message(session, "plan_tasks", task_id, "Nhiệm vụ", stamp)
            raise ConflictError(message) from exc

    def _update_task(self, task_id: int, draft: TaskDraft, expected_version: int | None) -> TaskRow:
        with self._sessions.begin() as session:
            row = session.get(PlanTask, task_id)
            if row is None:
                raise NotFoundError("Nhiệm vụ này không còn trong dữ liệu.")
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(
                    conflict_message(session, "plan_tasks", task_id, "Nhiệm vụ", row.updated_at)
                )
            check_draft(session, draft)
            if draft.section_id != row.section_id:
                row.section_id = draft.section_id
                row.position = next_position(session, draft.section_id)
            apply_draft(session, row, draft)
            _rederive(session, row)
        return self.task(task_id)

    def delete_task(self, task_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(PlanTask, task_id)
            if row is None:
                raise NotFoundError("Nhiệm vụ này không còn trong dữ liệu.")
            session.delete(row)

    def create_section(
        self, plan_id: int, parent_id: int | None, kind: str, label: str, title: str
    ) -> SectionNode:
        problems = []
        if kind not in SECTION_KINDS:
            problems.append(Problem("Cấp mục", f"“{kind}” không hợp lệ."))
        if not nfc(title):
            problems.append(Problem("Tên mục", "không được để trống."))
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            if session.get(Plan, plan_id) is None:
                raise NotFoundError("Kế hoạch này không còn trong dữ liệu.")
            row = PlanSection(
                plan_id=plan_id,
                parent_id=parent_id,
                position=next_position(session, parent_id, plan_id=plan_id),
                kind=kind,
                label=nfc(label),
                title=nfc(title),
                search_key=search_key(label, title),
            )
            session.add(row)
            session.flush()
            return SectionNode(row.id, row.parent_id, row.position, row.kind, row.label, row.title)


def _due(task, year: int | None, closed: dict[int, set[int]]) -> dict:
    """next_due and period counts; for a one-off task next_due is simply its deadline."""
    if task.recurrence == "none" or year is None:
        return {"next_due": task.deadline}
    own = periods(task.recurrence, year)
    done = closed.get(task.id, set())
    pending = [p for p in own if p.index not in done]
    return {
        "next_due": pending[0].deadline if pending else None,
        "periods_total": len(own),
        "periods_done": len(own) - len(pending),
    }


def _rederive(session: Session, row: PlanTask) -> None:
    """Status, percent and result of a task with a history are derived, never typed: a draft's
    values for them are replaced by the history's (the model: services.plan.derived_values)."""
    session.flush()
    if has_history(session, row.id):
        year = session.execute(select(Plan.year).where(Plan.id == row.plan_id)).scalar_one()
        typed = row.result_notes
        follow_history(session, row, year)
        if row.result_notes != typed:
            unit = session.get(Unit, row.lead_unit_id) if row.lead_unit_id else None
            lead = unit.code if unit is not None else ""
            row.search_key = search_key(row.text, lead, row.result_notes, row.criteria_codes)


def _linked_codes(session: Session, plan_id: int) -> dict[int, tuple[str, ...]]:
    from services.scores.dto import qualified_code

    linked: dict[int, list[str]] = defaultdict(list)
    for task_id, code, index_key in session.execute(
        select(criterion_task_links.c.task_id, Criterion.code, IndexFramework.index_key)
        .join(Criterion, Criterion.id == criterion_task_links.c.criterion_id)
        .join(IndexFramework, IndexFramework.id == Criterion.framework_id)
        .join(PlanTask, PlanTask.id == criterion_task_links.c.task_id)
        .where(PlanTask.plan_id == plan_id)
    ):
        linked[task_id].append(qualified_code(index_key, code))
    return {t: tuple(sorted(codes, key=code_key)) for t, codes in linked.items()}


def _task_row(
    t, code: str, name: str, partners: list[tuple[int, str]], due: dict | None = None
) -> TaskRow:
    return TaskRow(
        **(due or {}),
        id=t.id,
        plan_id=t.plan_id,
        section_id=t.section_id,
        position=t.position,
        label=t.label,
        text=t.text,
        actionable=t.actionable,
        lead_unit_id=t.lead_unit_id,
        lead_code=code,
        lead_name=name,
        partner_ids=tuple(p[0] for p in partners),
        partner_codes=tuple(p[1] for p in partners),
        start_on=t.start_on,
        deadline=t.deadline,
        deadline_is_default=t.deadline_is_default,
        recurrence=t.recurrence,
        status=t.status,
        percent=t.percent,
        result_notes=t.result_notes,
        criteria=split_codes(t.criteria_codes),
        search_key=t.search_key,
        version=t.version,
    )


__all__ = [
    "PlanInfo",
    "code_key",
    "outline_numbers",
    "split_codes",
    "PlanService",
    "SectionNode",
    "TaskDraft",
    "TaskRow",
    "outline_labels",
    "validate_task",
]
