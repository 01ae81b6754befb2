"""Derived values: which fields ParDesk computes, from what, and why nothing typed is lost.

One rule everywhere: a value is either *derived* — computed from its source records each time
they change, shown read-only in every editor together with where it comes from — or it is
the user's, and no derivation ever writes it. No field is sometimes typed and then silently
overwritten by a later, back-dated record.

- **Task status, percent and result** (a one-off task): the user's while the task has no
  progress history; derived from the history once it has one — status and percent from the
  latest-dated update (by date, then by entry order), the result from the latest-dated update
  that has a text. From then on the task editor shows the three read-only with the update they
  come from (``task_source``), and ``PlanService.update_task`` re-derives them whatever a
  draft says. When the first update is recorded on a task whose values were typed, the typed
  values are first kept as an update of their own, dated the day they were saved
  (``keep_typed_values``): a back-dated update then sorts before them, so what the clerk typed
  stays the task's state — and stays visible in the history.
- **A recurring task**: status and percent derived from its periods (the share of periods
  done) as soon as one period has a recorded status; the result as for a one-off task.
- **Score parents**: always derived from their children (services.scores.arithmetic), never
  stored; ``AssessmentService.set_score`` refuses them and the score tree does not edit them.
  Only leaves carry typed scores.
- **Disclosure status** (on track, late, removed early, met…): always derived from the
  postings and the rule in force on their dates (services.disclosure.compliance), never
  stored, so there is nothing a posting could overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import PlanTask, TaskOccurrence, TaskProgress
from services.plan.due import CLOSED_STATUSES, periods
from services.text import format_date

TYPED_BY = "nhập trực tiếp khi sửa nhiệm vụ"
BLANK = ("not_started", 0, "")
HOW_TO_CHANGE = "Muốn thay đổi, hãy ghi tiến độ mới (Ctrl+G)."


@dataclass(frozen=True)
class TaskSource:
    """Where a task's status, percent and result come from, for the task editor."""

    derived: bool
    text: str = ""  # Vietnamese: "Theo cập nhật tiến độ ngày 10/05/2025 (…)"


def latest_update(session: Session, task_id: int, *, with_text: bool = False):
    """The latest-dated update of a task (the later entry on the same date); None if none."""
    stmt = select(TaskProgress).where(TaskProgress.task_id == task_id)
    if with_text:
        stmt = stmt.where(TaskProgress.text != "")
    return session.scalars(
        stmt.order_by(TaskProgress.on_date.desc(), TaskProgress.id.desc()).limit(1)
    ).first()


def has_history(session: Session, task_id: int) -> bool:
    """Whether the task's followed fields are derived (it has an update or a recorded period)."""
    updates = session.scalar(
        select(func.count()).select_from(TaskProgress).where(TaskProgress.task_id == task_id)
    )
    if updates:
        return True
    return bool(
        session.scalar(
            select(func.count())
            .select_from(TaskOccurrence)
            .where(TaskOccurrence.task_id == task_id)
        )
    )


def keep_typed_values(session: Session, task: PlanTask, today: date | None = None) -> None:
    """Before a task's first update: keep its typed status, percent and result as an update.

    Dated the day they were last saved, so that an update dated earlier (a back-dated report)
    does not replace them, and entered by whoever is named as typing them.
    """
    if has_history(session, task.id):
        return
    if (task.status, task.percent, task.result_notes) == BLANK:
        return
    saved = task.updated_at.date() if task.updated_at else (today or date.today())
    actor = session.info.get("actor") or ""
    session.add(
        TaskProgress(
            task_id=task.id,
            period=0,
            on_date=saved,
            percent=task.percent,
            status=task.status,
            text=task.result_notes,
            entered_by=f"{actor} ({TYPED_BY})" if actor else TYPED_BY.capitalize(),
        )
    )
    session.flush()


def is_typed_entry(entry: TaskProgress) -> bool:
    """An update ``keep_typed_values`` made (undoing the first real update removes it too)."""
    return TYPED_BY in entry.entered_by.casefold()


def task_source(session: Session, task: PlanTask, year: int | None) -> TaskSource:
    """Say where the followed fields come from; ``derived`` False: the clerk types them."""
    if not has_history(session, task.id):
        return TaskSource(False)
    parts = []
    count = len(periods(task.recurrence, year)) if year else 0
    statuses = (
        list(
            session.scalars(select(TaskOccurrence.status).where(TaskOccurrence.task_id == task.id))
        )
        if count
        else []
    )
    latest = latest_update(session, task.id)
    if statuses:
        done = sum(1 for s in statuses if s in CLOSED_STATUSES)
        parts.append(f"Trạng thái và tiến độ theo các kỳ báo cáo: {done}/{count} kỳ đã xong.")
    elif latest is not None:
        parts.append(
            f"Trạng thái và tiến độ theo cập nhật ngày {format_date(latest.on_date)}{_by(latest)}."
        )
    with_text = latest_update(session, task.id, with_text=True)
    if with_text is not None:
        parts.append(
            f"Kết quả theo cập nhật ngày {format_date(with_text.on_date)}{_by(with_text)}."
        )
    parts.append(HOW_TO_CHANGE)
    return TaskSource(True, " ".join(parts))


def _by(entry: TaskProgress) -> str:
    return f" – {entry.entered_by}" if entry.entered_by else ""


__all__ = [
    "TaskSource",
    "has_history",
    "is_typed_entry",
    "keep_typed_values",
    "latest_update",
    "task_source",
]
