"""Writing a task inside an open session: positions in the shared section/task sequence,
applying a validated draft to its row, and the check against the office's units.

Both the task service (create, update) and the structure edits (undo of a delete) write tasks,
so the steps live here, below both, instead of one reaching into the other's privates.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import PlanSection, PlanTask, Unit
from services.errors import ValidationError
from services.plan.records import TaskDraft, validate_task
from services.text import nfc, search_key


def check_draft(session: Session, draft: TaskDraft) -> None:
    """Refuse a draft with any problem (``ValidationError`` naming each field)."""
    known = set(session.scalars(select(Unit.id)))
    problems = validate_task(draft, known)
    if problems:
        raise ValidationError(problems)


def next_position(session: Session, parent_id: int | None, *, plan_id: int | None = None) -> int:
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


def make_room(session: Session, section_id: int, position: int) -> None:
    for model, column in ((PlanTask, PlanTask.section_id), (PlanSection, PlanSection.parent_id)):
        for row in session.scalars(
            select(model).where(column == section_id, model.position >= position)
        ):
            assert isinstance(row, (PlanTask, PlanSection))  # select(model) types rows as Base
            row.position += 1


def apply_draft(session: Session, row: PlanTask, draft: TaskDraft) -> None:
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
