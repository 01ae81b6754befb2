"""Changing a plan's structure: reorder, section edits, task snapshots for undo, year rollover.

Functions take an open session; PlanService wraps each in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Plan, PlanSection, PlanTask, TaskOccurrence, TaskProgress
from services.errors import NotFoundError, Problem, UserError, ValidationError
from services.plan.due import shift_year
from services.plan.records import TaskDraft
from services.text import nfc, search_key


@dataclass(frozen=True)
class ProgressRecord:
    period: int
    on_date: date
    percent: int
    status: str
    text: str
    entered_by: str


@dataclass(frozen=True)
class OccurrenceRecord:
    period: int
    status: str
    done_on: date | None
    note: str


@dataclass(frozen=True)
class TaskSnapshot:
    """Everything of a task needed to put it back after a delete is undone."""

    draft: TaskDraft
    section_id: int
    position: int
    progress: tuple[ProgressRecord, ...]
    occurrences: tuple[OccurrenceRecord, ...]


def siblings(session: Session, plan_id: int, parent_id: int | None) -> list[PlanSection | PlanTask]:
    """Sections and tasks under one parent, in their shared position order."""
    if parent_id is None:
        secs = session.scalars(
            select(PlanSection).where(
                PlanSection.plan_id == plan_id, PlanSection.parent_id.is_(None)
            )
        ).all()
        tasks: Sequence[PlanTask] = []
    else:
        secs = session.scalars(select(PlanSection).where(PlanSection.parent_id == parent_id)).all()
        tasks = session.scalars(select(PlanTask).where(PlanTask.section_id == parent_id)).all()
    items: list[PlanSection | PlanTask] = [*secs, *tasks]
    items.sort(key=lambda r: (r.position, isinstance(r, PlanTask), r.id))
    return items


def move_item(session: Session, item: PlanSection | PlanTask, step: int) -> bool:
    """Swap an item with its neighbour ``step`` (-1 up, +1 down); False at either end."""
    parent = item.section_id if isinstance(item, PlanTask) else item.parent_id
    items = siblings(session, item.plan_id, parent)
    # Renumber so that equal or sparse positions cannot defeat the swap.
    for number, row in enumerate(items, start=1):
        if row.position != number:
            row.position = number
    index = items.index(item)
    target = index + step
    if not 0 <= target < len(items):
        return False
    other = items[target]
    item.position, other.position = other.position, item.position
    return True


def delete_section(session: Session, section_id: int) -> None:
    row = session.get(PlanSection, section_id)
    if row is None:
        raise NotFoundError("Mục này không còn trong dữ liệu.")
    has_tasks = session.scalar(
        select(PlanTask.id).where(PlanTask.section_id == section_id).limit(1)
    )
    has_children = session.scalar(
        select(PlanSection.id).where(PlanSection.parent_id == section_id).limit(1)
    )
    if has_tasks or has_children:
        raise UserError(
            f"Mục “{row.label} {row.title}” còn nhiệm vụ hoặc mục con; hãy chuyển hoặc xóa "
            "chúng trước khi xóa mục."
        )
    session.delete(row)


def validate_section(kind_ok: bool, kind: str, title: str) -> list[Problem]:
    problems = []
    if not kind_ok:
        problems.append(Problem("Cấp mục", f"“{kind}” không hợp lệ."))
    if not title:
        problems.append(Problem("Tên mục", "không được để trống."))
    return problems


def snapshot_history(session: Session, task_id: int) -> tuple[tuple, tuple]:
    progress = tuple(
        ProgressRecord(p.period, p.on_date, p.percent, p.status, p.text, p.entered_by)
        for p in session.scalars(
            select(TaskProgress).where(TaskProgress.task_id == task_id).order_by(TaskProgress.id)
        )
    )
    occurrences = tuple(
        OccurrenceRecord(o.period, o.status, o.done_on, o.note)
        for o in session.scalars(select(TaskOccurrence).where(TaskOccurrence.task_id == task_id))
    )
    return progress, occurrences


def restore_history(session: Session, task_id: int, snapshot: TaskSnapshot) -> None:
    for p in snapshot.progress:
        session.add(
            TaskProgress(
                task_id=task_id,
                period=p.period,
                on_date=p.on_date,
                percent=p.percent,
                status=p.status,
                text=p.text,
                entered_by=p.entered_by,
            )
        )
    for o in snapshot.occurrences:
        session.add(
            TaskOccurrence(
                task_id=task_id, period=o.period, status=o.status, done_on=o.done_on, note=o.note
            )
        )


def copied_in_rollover(task: PlanTask, include_open: bool) -> bool:
    """Whether next year's plan gets this task: recurring ones, text paragraphs, and (if
    asked) unfinished ones."""
    recurring = task.recurrence != "none"
    unfinished = task.actionable and task.status not in ("done", "cancelled")
    return recurring or not task.actionable or (include_open and unfinished)


PLAN_TEXT_FIELDS = {
    "summary": "Trích yếu",
    "opening": "Phần mở đầu",
    "closing": "Phần kết",
    "recipients": "Nơi nhận",
}


def rollover(
    session: Session,
    source: Plan,
    year: int,
    *,
    include_open: bool,
    rewrites: dict[tuple[str, int | str], str] | None = None,
) -> Plan:
    """Copy a plan's section tree and recurring tasks (and, if asked, its unfinished tasks)
    into a new plan for ``year``; dates move by the year difference, progress starts afresh.

    ``rewrites`` holds the rewordings the clerk accepted, keyed as the district-wording
    findings are: ("plan", field), ("section", source id), ("task", source id)."""
    rewrites = rewrites or {}
    if session.scalar(select(Plan.id).where(Plan.year == year)):
        raise ValidationError([Problem("Năm", f"đã có kế hoạch năm {year}.")])
    years = year - source.year
    plan = Plan(year=year)
    for field in (
        "document_type", "symbol", "place", "summary", "opening", "closing",
        "recipients", "sign_authority", "sign_deputy", "signer_title", "signer_name",
    ):  # fmt: skip
        setattr(plan, field, getattr(source, field))
    plan.number = None
    for field in PLAN_TEXT_FIELDS:
        if ("plan", field) in rewrites:
            setattr(plan, field, nfc(rewrites["plan", field]))
    plan.summary = plan.summary.replace(str(source.year), str(year))
    session.add(plan)
    session.flush()
    sections = session.scalars(
        select(PlanSection).where(PlanSection.plan_id == source.id).order_by(PlanSection.id)
    ).all()
    new_ids: dict[int, int] = {}
    pending = list(sections)
    while pending:  # parents before children, whatever the id order
        rest = []
        for s in pending:
            if s.parent_id is not None and s.parent_id not in new_ids:
                rest.append(s)
                continue
            title = nfc(rewrites.get(("section", s.id), s.title))
            copy = PlanSection(
                plan_id=plan.id,
                parent_id=new_ids.get(s.parent_id) if s.parent_id else None,
                position=s.position,
                kind=s.kind,
                label=s.label,
                title=title,
                search_key=search_key(s.label, title) if title != s.title else s.search_key,
            )
            session.add(copy)
            session.flush()
            new_ids[s.id] = copy.id
        pending = rest
    tasks = session.scalars(select(PlanTask).where(PlanTask.plan_id == source.id)).all()
    for t in tasks:
        if not copied_in_rollover(t, include_open):
            continue
        text = nfc(rewrites.get(("task", t.id), t.text))
        task_copy = PlanTask(
            plan_id=plan.id,
            section_id=new_ids[t.section_id],
            position=t.position,
            label=t.label,
            text=text,
            # The new wording is searchable; the old key keeps the unit and criteria codes.
            search_key=t.search_key if text == t.text else f"{search_key(text)} {t.search_key}",
            actionable=t.actionable,
            lead_unit_id=t.lead_unit_id,
            start_on=shift_year(t.start_on, years),
            deadline=shift_year(t.deadline, years),
            deadline_is_default=t.deadline_is_default,
            recurrence=t.recurrence,
            status="not_started",
            percent=0,
            result_notes="",
            criteria_codes=t.criteria_codes,
        )
        task_copy.partners = list(t.partners)
        session.add(task_copy)
    session.flush()
    return plan
