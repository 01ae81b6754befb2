"""Each task as it stood on a day: what a period report states, whatever was recorded later.

A report for Q3 is about 30/09. Progress a unit reports in December, or a task finished on
25/09, must not change what the Q2 or Q3 report says when it is printed again. So a report
never reads a task's current status: for each task it takes

- a one-off task: the latest progress update whose work date (``on_date``) is on or before
  the day (the later entry on the same date wins), for status and percent; the result text
  from the latest such update that has a text. A task whose updates all come later had not
  started on that day. A task with no update at all still carries what was typed in the
  task editor (there is no date to place it before or after the day);
- a recurring task: its occurrences due by the day (deadline on or before it), each done if
  its recorded completion date (or, without one, its latest update) is on or before the day;
  the task is done when every occurrence due is done, and its percent is the share done of
  all its occurrences, as the plan screen counts it.

The same rows feed the report's counts, its annex and its sentences, so they always agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import PlanTask, TaskOccurrence, TaskProgress
from services.plan.due import CLOSED_STATUSES, periods
from services.plan.records import TaskRow


@dataclass(frozen=True)
class Update:
    """One progress update as the as-of calculation needs it."""

    id: int
    on_date: date
    status: str
    percent: int
    text: str = ""
    period: int = 0


@dataclass(frozen=True)
class RecordedPeriod:
    """The recorded state of one occurrence of a recurring task."""

    period: int
    status: str
    done_on: date | None


@dataclass(frozen=True)
class History:
    """Everything recorded about a task's progress, with its dates."""

    updates: tuple[Update, ...] = ()
    occurrences: tuple[RecordedPeriod, ...] = ()


def _latest(updates: Iterable[Update], day: date) -> Update | None:
    known = [u for u in updates if u.on_date <= day]
    return max(known, key=lambda u: (u.on_date, u.id), default=None)


def task_as_of(task: TaskRow, history: History, day: date, year: int) -> TaskRow:
    """``task`` with status, percent and result as they stood on ``day``."""
    if not history.updates and not history.occurrences:
        return task
    with_text = _latest((u for u in history.updates if u.text), day)
    result = with_text.text if with_text else ""
    due = periods(task.recurrence, year)
    if due and (history.occurrences or any(u.period for u in history.updates)):
        return _recurring_as_of(task, history, day, due, result)
    latest = _latest(history.updates, day)
    if latest is None:
        return replace(task, status="not_started", percent=0, result_notes="")
    return replace(task, status=latest.status, percent=latest.percent, result_notes=result)


def _recurring_as_of(task: TaskRow, history: History, day: date, all_periods, result: str):
    recorded = {o.period: o for o in history.occurrences}
    by_period: dict[int, list[Update]] = defaultdict(list)
    for u in history.updates:
        if u.period:
            by_period[u.period].append(u)

    def done(index: int) -> bool:
        occurrence = recorded.get(index)
        if occurrence is not None and occurrence.done_on is not None:
            return occurrence.status in CLOSED_STATUSES and occurrence.done_on <= day
        latest = _latest(by_period.get(index, ()), day)
        if latest is not None:
            return latest.status in CLOSED_STATUSES
        # Closed without a date nor an update: counted once its period is over.
        return (
            occurrence is not None
            and occurrence.status in CLOSED_STATUSES
            and all_periods[index - 1].deadline <= day
        )

    finished = sum(1 for p in all_periods if done(p.index))
    due = [p for p in all_periods if p.deadline <= day]
    started = finished or any(_latest(by_period.get(p.index, ()), day) for p in all_periods)
    if finished == len(all_periods):
        status = "done"
    elif started:
        status = "in_progress"
    else:
        status = "not_started"
    late_periods = [p for p in due if not done(p.index)]
    next_due = late_periods[0].deadline if late_periods else task.next_due
    return replace(
        task,
        status=status,
        percent=round(100 * finished / len(all_periods)),
        result_notes=result,
        periods_done=finished,
        next_due=next_due,
    )


def plan_as_of(
    tasks: Sequence[TaskRow], histories: Mapping[int, History], day: date, year: int
) -> list[TaskRow]:
    """Every task of a plan as it stood on ``day`` (the one calculation a report uses)."""
    return [task_as_of(t, histories.get(t.id, History()), day, year) for t in tasks]


def load_histories(session: Session, plan_id: int) -> dict[int, History]:
    """The dated progress records of every task of a plan, in two queries."""
    updates: dict[int, list[Update]] = defaultdict(list)
    for row in session.scalars(
        select(TaskProgress)
        .join(PlanTask, PlanTask.id == TaskProgress.task_id)
        .where(PlanTask.plan_id == plan_id)
    ):
        updates[row.task_id].append(
            Update(row.id, row.on_date, row.status, row.percent, row.text, row.period)
        )
    occurrences: dict[int, list[RecordedPeriod]] = defaultdict(list)
    for occ in session.scalars(
        select(TaskOccurrence)
        .join(PlanTask, PlanTask.id == TaskOccurrence.task_id)
        .where(PlanTask.plan_id == plan_id)
    ):
        occurrences[occ.task_id].append(RecordedPeriod(occ.period, occ.status, occ.done_on))
    return {
        task_id: History(tuple(updates.get(task_id, ())), tuple(occurrences.get(task_id, ())))
        for task_id in set(updates) | set(occurrences)
    }
