"""Plans, their section tree and their tasks, as plain dataclasses for the UI and documents."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

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
from services.audit_trail import conflict_message
from services.due import CLOSED_STATUSES, periods
from services.errors import ConflictError, NotFoundError, Problem, ValidationError
from services.locks import retry_when_locked
from services.plan_structure import PlanStructureMixin
from services.text import nfc, search_key
from services.vocab import RECURRENCES, SECTION_KINDS, TASK_STATUSES


@dataclass(frozen=True)
class PlanInfo:
    id: int
    year: int
    number: str | None
    document_type: str
    symbol: str
    place: str
    date_day: int | None
    date_month: int | None
    date_year: int | None
    summary: str
    opening: tuple[str, ...]
    closing: tuple[str, ...]
    recipients: tuple[str, ...]
    sign_authority: str
    sign_deputy: str
    signer_title: str
    signer_name: str
    version: int


@dataclass(frozen=True)
class SectionNode:
    id: int
    parent_id: int | None
    position: int
    kind: str
    label: str
    title: str
    depth: int = 0

    @property
    def heading(self) -> str:
        return f"{self.label} {self.title}".strip()


@dataclass(frozen=True)
class TaskDraft:
    """What a user edits; validated by ``validate_task`` before anything is written."""

    section_id: int
    text: str
    label: str = "-"
    actionable: bool = True
    lead_unit_id: int | None = None
    partner_ids: tuple[int, ...] = ()
    start_on: date | None = None
    deadline: date | None = None
    deadline_is_default: bool = False
    recurrence: str = "none"
    status: str = "not_started"
    percent: int = 0
    result_notes: str = ""
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskRow:
    id: int
    plan_id: int
    section_id: int
    position: int
    label: str
    text: str
    actionable: bool
    lead_unit_id: int | None
    lead_code: str
    lead_name: str
    partner_ids: tuple[int, ...]
    partner_codes: tuple[str, ...]
    start_on: date | None
    deadline: date | None
    deadline_is_default: bool
    recurrence: str
    status: str
    percent: int
    result_notes: str
    criteria: tuple[str, ...]
    search_key: str
    version: int
    outline: str = ""
    order: int = 0
    # For a recurring task: the deadline of its first period not yet done; else its deadline.
    next_due: date | None = None
    periods_total: int = 0
    periods_done: int = 0
    # Codes of the index criteria linked to the task (services.scores links), code order.
    linked_criteria: tuple[str, ...] = ()

    @property
    def criteria_shown(self) -> tuple[str, ...]:
        """The "Tiêu chí" column: the typed codes, then linked codes not typed already."""
        typed = {c.casefold() for c in self.criteria}
        extra = tuple(c for c in self.linked_criteria if c.casefold() not in typed)
        return self.criteria + extra

    def draft(self) -> TaskDraft:
        return TaskDraft(
            section_id=self.section_id,
            text=self.text,
            label=self.label,
            actionable=self.actionable,
            lead_unit_id=self.lead_unit_id,
            partner_ids=self.partner_ids,
            start_on=self.start_on,
            deadline=self.deadline,
            deadline_is_default=self.deadline_is_default,
            recurrence=self.recurrence,
            status=self.status,
            percent=self.percent,
            result_notes=self.result_notes,
            criteria=self.criteria,
        )


def code_key(code: str) -> tuple:
    """ "PAR.2.10" after "PAR.2.9": numeric parts compare as numbers."""
    return tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.replace("-", ".").split(".")
    )


def split_codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in (nfc(p) for p in text.replace(";", ",").split(",")) if c)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in text.split("\n") if line.strip())


def validate_task(draft: TaskDraft, known_units: set[int]) -> list[Problem]:
    """Every problem of a task draft, each naming the field in Vietnamese."""
    problems = []
    if not nfc(draft.text):
        problems.append(Problem("Nội dung", "không được để trống."))
    if draft.start_on and draft.deadline and draft.deadline < draft.start_on:
        problems.append(
            Problem(
                "Thời hạn",
                f"{draft.deadline:%d/%m/%Y} trước ngày bắt đầu {draft.start_on:%d/%m/%Y}.",
            )
        )
    if draft.lead_unit_id is not None and draft.lead_unit_id not in known_units:
        problems.append(Problem("Đơn vị chủ trì", "không có trong danh sách bộ phận."))
    unknown = [p for p in draft.partner_ids if p not in known_units]
    if unknown:
        problems.append(Problem("Đơn vị phối hợp", "có đơn vị không có trong danh sách bộ phận."))
    if draft.status not in TASK_STATUSES:
        problems.append(Problem("Trạng thái", f"“{draft.status}” không hợp lệ."))
    if draft.recurrence not in RECURRENCES:
        problems.append(Problem("Lặp lại", f"“{draft.recurrence}” không hợp lệ."))
    if not 0 <= draft.percent <= 100:
        problems.append(Problem("Tiến độ", "phải từ 0 đến 100%."))
    return problems


def outline_labels(sections: list[SectionNode], tasks: list[TaskRow]) -> list[TaskRow]:
    """Tasks in document order, each with its plan numbering ("III.2.b", "II.1 (2)").

    Sections and tasks under one parent share one position sequence, so the order is a
    depth-first walk over both. Part headings ("Phần II") are left out of the number, as
    clerks cite "mục II.1" within the plan's body.
    """
    by_id = {t.id: t for t in tasks}
    return [
        replace(by_id[task_id], outline=number, order=order)
        for order, (task_id, number) in enumerate(outline_numbers(sections, tasks))
    ]


def outline_numbers(sections: list[SectionNode], items) -> list[tuple[int, str]]:
    """(task id, plan number) in document order, for anything with id, section_id,
    position and label (TaskRow or a database row)."""
    children: dict[int | None, list[tuple[int, int, str, object]]] = defaultdict(list)
    for s in sections:
        children[s.parent_id].append((s.position, 0, "section", s))
    for t in items:
        children[t.section_id].append((t.position, 1, "task", t))
    ordered: list[tuple[int, str]] = []

    def walk(parent: int | None, prefix: str) -> None:
        dash = 0
        for _pos, _tie, kind, item in sorted(children[parent], key=lambda c: (c[0], c[1])):
            if kind == "section":
                sec: SectionNode = item  # type: ignore[assignment]
                own = "" if sec.kind == "part" else sec.label.rstrip(".)").strip()
                walk(sec.id, f"{prefix}.{own}".strip(".") if own else prefix)
            else:
                own = item.label.rstrip(".)").strip()  # type: ignore[attr-defined]
                if own in ("", "-", "+", "•"):
                    dash += 1
                    number = f"{prefix} ({dash})" if prefix else f"({dash})"
                else:
                    number = f"{prefix}.{own}".strip(".")
                ordered.append((item.id, number))  # type: ignore[attr-defined]

    walk(None, "")
    return ordered


class PlanService(PlanStructureMixin):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    # ----- plans -------------------------------------------------------------------------
    def list_plans(self) -> list[PlanInfo]:
        with self._sessions() as session:
            return [_plan_info(p) for p in session.scalars(select(Plan).order_by(Plan.year))]

    def years(self) -> list[int]:
        return sorted({p.year for p in self.list_plans()})

    def plan_for_year(self, year: int) -> PlanInfo | None:
        with self._sessions() as session:
            row = session.scalars(select(Plan).where(Plan.year == year).order_by(Plan.id)).first()
            return _plan_info(row) if row else None

    def get_plan(self, plan_id: int) -> PlanInfo:
        with self._sessions() as session:
            row = session.get(Plan, plan_id)
            if row is None:
                raise NotFoundError("Kế hoạch này không còn trong dữ liệu.")
            return _plan_info(row)

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
            return session.scalar(
                select(func.count()).select_from(PlanTask).where(PlanTask.plan_id == plan_id)
            )

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
            self._check(session, draft)
            if position is None:
                position = _next_position(session, section.id)
            else:
                _make_room(session, section.id, position)
            row = PlanTask(plan_id=section.plan_id, section_id=section.id, position=position)
            session.add(row)
            _apply(session, row, draft)
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
            self._check(session, draft)
            if draft.section_id != row.section_id:
                row.section_id = draft.section_id
                row.position = _next_position(session, draft.section_id)
            _apply(session, row, draft)
            _rederive(session, row)
        return self.task(task_id)

    def delete_task(self, task_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(PlanTask, task_id)
            if row is None:
                raise NotFoundError("Nhiệm vụ này không còn trong dữ liệu.")
            session.delete(row)

    def _check(self, session: Session, draft: TaskDraft) -> None:
        known = set(session.scalars(select(Unit.id)))
        problems = validate_task(draft, known)
        if problems:
            raise ValidationError(problems)

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
                position=_next_position(session, parent_id, plan_id=plan_id),
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


def _next_position(session: Session, parent_id: int | None, *, plan_id: int | None = None) -> int:
    """One past the last position among a parent's sections and tasks (a shared sequence)."""
    sec = select(func.max(PlanSection.position)).where(PlanSection.parent_id == parent_id)
    if parent_id is None:
        sec = select(func.max(PlanSection.position)).where(
            PlanSection.parent_id.is_(None), PlanSection.plan_id == plan_id
        )
    last_sec = session.scalar(sec)
    last_task = (
        session.scalar(select(func.max(PlanTask.position)).where(PlanTask.section_id == parent_id))
        if parent_id is not None
        else None
    )
    return max(last_sec or 0, last_task or 0) + 1


def _make_room(session: Session, section_id: int, position: int) -> None:
    for model, column in ((PlanTask, PlanTask.section_id), (PlanSection, PlanSection.parent_id)):
        for row in session.scalars(
            select(model).where(column == section_id, model.position >= position)
        ):
            row.position += 1


def _apply(session: Session, row: PlanTask, draft: TaskDraft) -> None:
    criteria = tuple(nfc(c) for c in draft.criteria if nfc(c))
    row.label = nfc(draft.label) or "-"
    row.text = nfc(draft.text)
    row.actionable = draft.actionable
    row.lead_unit_id = draft.lead_unit_id
    row.start_on = draft.start_on
    row.deadline = draft.deadline
    row.deadline_is_default = draft.deadline_is_default
    row.recurrence = draft.recurrence
    row.status = draft.status
    row.percent = draft.percent
    row.result_notes = nfc(draft.result_notes)
    row.criteria_codes = ", ".join(criteria)
    units = {u.id: u for u in session.scalars(select(Unit))}
    lead_code = units[draft.lead_unit_id].code if draft.lead_unit_id in units else ""
    row.partners = [units[i] for i in draft.partner_ids if i in units]
    row.search_key = search_key(row.text, lead_code, row.result_notes, row.criteria_codes)


def _rederive(session: Session, row: PlanTask) -> None:
    """Status, percent and result of a task with a history are derived, never typed: a draft's
    values for them are replaced by the history's (the model: services.derived_values)."""
    from services.derived_values import has_history
    from services.progress import follow_history

    session.flush()
    if has_history(session, row.id):
        year = session.scalar(select(Plan.year).where(Plan.id == row.plan_id))
        typed = row.result_notes
        follow_history(session, row, year)
        if row.result_notes != typed:
            unit = session.get(Unit, row.lead_unit_id) if row.lead_unit_id else None
            lead = unit.code if unit is not None else ""
            row.search_key = search_key(row.text, lead, row.result_notes, row.criteria_codes)


def _plan_info(row: Plan) -> PlanInfo:
    return PlanInfo(
        id=row.id,
        year=row.year,
        number=row.number,
        document_type=row.document_type,
        symbol=row.symbol,
        place=row.place,
        date_day=row.date_day,
        date_month=row.date_month,
        date_year=row.date_year,
        summary=row.summary,
        opening=_lines(row.opening),
        closing=_lines(row.closing),
        recipients=_lines(row.recipients),
        sign_authority=row.sign_authority,
        sign_deputy=row.sign_deputy,
        signer_title=row.signer_title,
        signer_name=row.signer_name,
        version=row.version,
    )


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
    "PlanService",
    "SectionNode",
    "TaskDraft",
    "TaskRow",
    "outline_labels",
    "validate_task",
]
