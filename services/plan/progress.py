"""Progress of plan tasks: dated updates kept as a history, and recurring-report periods.

A task's current status, percent and result follow its latest update (by date, then by
entry order; the result: the latest update with a text). For a recurring task the percent is
the share of its periods done. Which fields are derived, and how a typed value survives a
back-dated update, is the one model in services.plan.derived_values.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import Plan, PlanTask, TaskOccurrence, TaskProgress
from services.errors import NotFoundError, Problem, ValidationError
from services.plan.derived_values import (
    TaskSource,
    is_typed_entry,
    keep_typed_values,
    latest_update,
    task_source,
)
from services.plan.due import CLOSED_STATUSES, Period, periods
from services.safety.locks import retry_when_locked
from services.text import format_date, nfc
from services.vocab import TASK_STATUSES

STALE_ATTEMPTS = 5


def current_user() -> str:
    """Who is entering data: the OS login until ParDesk has accounts of its own."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no login name on this machine
        return "không rõ"


def entry_name(session_factory: sessionmaker[Session]) -> str:
    """Who enters progress, named as the change log names them: the signed-in account, else
    the user name set in the program (Cài đặt → Tên người dùng), the OS login only as a last
    resort, so history reads "Nguyễn Thị Lan", not "root"."""
    from services.accounts.access import current_account
    from services.safety.audit import current_actor

    account = current_account(session_factory)
    if not account.local:
        return f"{account.full_name} ({account.login})"
    return current_actor(session_factory) or current_user()


@dataclass(frozen=True)
class ProgressDraft:
    on_date: date
    percent: int
    status: str
    text: str = ""
    period: int = 0
    entered_by: str = ""


@dataclass(frozen=True)
class ProgressEntry:
    id: int
    task_id: int
    period: int
    on_date: date
    percent: int
    status: str
    text: str
    entered_by: str
    entered_at: datetime


@dataclass(frozen=True)
class Occurrence:
    task_id: int
    period: int
    label: str
    start: date
    deadline: date
    status: str
    done_on: date | None
    note: str


@dataclass(frozen=True)
class TaskState:
    """The followed fields of a task, kept by undo to put a task back as it was."""

    status: str
    percent: int
    result_notes: str


def validate_progress(
    draft: ProgressDraft, period_count: int, today: date | None = None
) -> list[Problem]:
    problems = []
    today = today or date.today()
    if draft.on_date > today:
        # The work date is when the work was done: reports are built from it.
        problems.append(
            Problem(
                "Ngày thực hiện",
                f"{format_date(draft.on_date)} là ngày sau hôm nay; ghi ngày công việc đã làm.",
            )
        )
    if draft.status not in TASK_STATUSES:
        problems.append(Problem("Trạng thái", f"“{draft.status}” không hợp lệ."))
    if not 0 <= draft.percent <= 100:
        problems.append(Problem("Tiến độ", "phải từ 0 đến 100%."))
    if draft.period and not 1 <= draft.period <= period_count:
        problems.append(Problem("Kỳ báo cáo", "không có trong các kỳ của nhiệm vụ."))
    return problems


class ProgressService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def history(self, task_id: int) -> list[ProgressEntry]:
        """Every update of a task, newest first."""
        with self._sessions() as session:
            rows = session.scalars(
                select(TaskProgress)
                .where(TaskProgress.task_id == task_id)
                .order_by(TaskProgress.on_date.desc(), TaskProgress.id.desc())
            )
            return [_entry(r) for r in rows]

    def occurrences(self, task_id: int) -> list[Occurrence]:
        """The task's periods in its plan year, each with its recorded status."""
        with self._sessions() as session:
            task = _task(session, task_id)
            year = session.execute(select(Plan.year).where(Plan.id == task.plan_id)).scalar_one()
            stored = {
                o.period: o
                for o in session.scalars(
                    select(TaskOccurrence).where(TaskOccurrence.task_id == task_id)
                )
            }
            return [
                _occurrence(task_id, p, stored.get(p.index)) for p in periods(task.recurrence, year)
            ]

    def state(self, task_id: int) -> TaskState:
        with self._sessions() as session:
            task = _task(session, task_id)
            return TaskState(task.status, task.percent, task.result_notes)

    def source(self, task_id: int) -> TaskSource:
        """Where the task's status, percent and result come from (the editor shows it)."""
        with self._sessions() as session:
            task = _task(session, task_id)
            year = session.scalar(select(Plan.year).where(Plan.id == task.plan_id))
            return task_source(session, task, year)

    def user_name(self) -> str:
        return entry_name(self._sessions)

    def record(self, task_id: int, draft: ProgressDraft) -> ProgressEntry:
        """Add a dated update; the task (and the period, if any) then follow it.

        Two officers recording on one task at once both keep their entry: the one whose task
        row changed underneath re-runs (the task follows the whole history either way).
        """
        from sqlalchemy.orm.exc import StaleDataError

        from services.errors import ConflictError

        for attempt in range(STALE_ATTEMPTS):
            try:
                return self._record(task_id, draft)
            except StaleDataError as exc:
                if attempt == STALE_ATTEMPTS - 1:
                    raise ConflictError(
                        "Nhiệm vụ đang được nhiều người cập nhật cùng lúc; hãy thử lại."
                    ) from exc
        raise AssertionError("unreachable")

    @retry_when_locked
    def _record(self, task_id: int, draft: ProgressDraft) -> ProgressEntry:
        with self._sessions.begin() as session:
            task = _task(session, task_id)
            year = session.execute(select(Plan.year).where(Plan.id == task.plan_id)).scalar_one()
            problems = validate_progress(draft, len(periods(task.recurrence, year)))
            if problems:
                raise ValidationError(problems)
            row = add_progress(session, task, draft, year)
            return _entry(row)

    def delete_entry(self, entry_id: int, *, restore: TaskState | None = None) -> None:
        """Remove an update (undo); the task follows the remaining history, else ``restore``."""
        with self._sessions.begin() as session:
            remove_entry(session, entry_id, restore=restore)

    def set_occurrence(
        self, task_id: int, period: int, status: str, note: str = "", done_on: date | None = None
    ) -> Occurrence:
        with self._sessions.begin() as session:
            task = _task(session, task_id)
            year = session.execute(select(Plan.year).where(Plan.id == task.plan_id)).scalar_one()
            known = periods(task.recurrence, year)
            problems = []
            if not 1 <= period <= len(known):
                problems.append(Problem("Kỳ báo cáo", "không có trong các kỳ của nhiệm vụ."))
            if status not in TASK_STATUSES:
                problems.append(Problem("Trạng thái", f"“{status}” không hợp lệ."))
            if problems:
                raise ValidationError(problems)
            occ = _store_period(session, task_id, period, status, nfc(note), done_on)
            follow_history(session, task, year)
            return _occurrence(task_id, known[period - 1], occ)


def add_progress(session: Session, task: PlanTask, draft: ProgressDraft, year: int) -> TaskProgress:
    """Write one validated update and make the task follow it (shared with Excel import).

    A task's first update first keeps what was typed in the task editor as an update of its
    own (services.plan.derived_values.keep_typed_values), so a back-dated update cannot replace it.
    """
    keep_typed_values(session, task)
    row = TaskProgress(
        task_id=task.id,
        period=draft.period,
        on_date=draft.on_date,
        percent=draft.percent,
        status=draft.status,
        text=nfc(draft.text),
        entered_by=nfc(draft.entered_by) or session.info.get("actor") or current_user(),
    )
    session.add(row)
    if draft.period:
        done_on = draft.on_date if draft.status == "done" else None
        _store_period(session, task.id, draft.period, draft.status, row.text, done_on)
    session.flush()
    follow_history(session, task, year)
    return row


def remove_entry(session: Session, entry_id: int, *, restore: TaskState | None = None) -> None:
    """Delete one update inside the caller's transaction (shared with undoing an import)."""
    row = session.get(TaskProgress, entry_id)
    if row is None:
        return
    task = _task(session, row.task_id)
    year = session.execute(select(Plan.year).where(Plan.id == task.plan_id)).scalar_one()
    session.delete(row)
    session.flush()
    if row.period:
        _reset_period(session, task, row.period)
    if restore is not None:  # an undo: the typed values kept by that update go too
        rest = list(session.scalars(select(TaskProgress).where(TaskProgress.task_id == task.id)))
        if rest and all(is_typed_entry(r) for r in rest):
            for typed in rest:
                session.delete(typed)
            session.flush()
    follow_history(session, task, year, fallback=restore)


def follow_history(
    session: Session, task: PlanTask, year: int, *, fallback: TaskState | None = None
) -> None:
    """Set the task's status, percent and result from its latest update (or its periods)."""
    latest = latest_update(session, task.id)
    count = len(periods(task.recurrence, year))
    statuses: list[str] = []
    if count:
        statuses = list(
            session.scalars(select(TaskOccurrence.status).where(TaskOccurrence.task_id == task.id))
        )
    if statuses:
        done = sum(1 for s in statuses if s in CLOSED_STATUSES)
        task.percent = round(100 * done / count)
        task.status = "done" if done == count else "in_progress"
    elif latest is not None:
        task.status, task.percent = latest.status, latest.percent
    if latest is not None:
        with_text = latest_update(session, task.id, with_text=True)
        if with_text is not None:
            task.result_notes = with_text.text
    elif fallback is not None and not statuses:
        task.status, task.percent = fallback.status, fallback.percent
        task.result_notes = fallback.result_notes


def _store_period(
    session: Session, task_id: int, period: int, status: str, note: str, done_on: date | None
) -> TaskOccurrence:
    occ = session.scalars(
        select(TaskOccurrence).where(
            TaskOccurrence.task_id == task_id, TaskOccurrence.period == period
        )
    ).first()
    if occ is None:
        occ = TaskOccurrence(task_id=task_id, period=period)
        session.add(occ)
    occ.status, occ.note, occ.done_on = status, note, done_on
    session.flush()
    return occ


def _reset_period(session: Session, task: PlanTask, period: int) -> None:
    """After an update is removed, the period takes its latest remaining update, or none."""
    latest = session.scalars(
        select(TaskProgress)
        .where(TaskProgress.task_id == task.id, TaskProgress.period == period)
        .order_by(TaskProgress.on_date.desc(), TaskProgress.id.desc())
        .limit(1)
    ).first()
    occ = session.scalars(
        select(TaskOccurrence).where(
            TaskOccurrence.task_id == task.id, TaskOccurrence.period == period
        )
    ).first()
    if latest is None:
        if occ is not None:
            session.delete(occ)
            session.flush()
        return
    done_on = latest.on_date if latest.status == "done" else None
    _store_period(session, task.id, period, latest.status, latest.text, done_on)


def _task(session: Session, task_id: int) -> PlanTask:
    task = session.get(PlanTask, task_id)
    if task is None:
        raise NotFoundError("Nhiệm vụ này không còn trong dữ liệu.")
    return task


def _entry(r: TaskProgress) -> ProgressEntry:
    return ProgressEntry(
        r.id,
        r.task_id,
        r.period,
        r.on_date,
        r.percent,
        r.status,
        r.text,
        r.entered_by,
        r.created_at,
    )


def _occurrence(task_id: int, p: Period, occ: TaskOccurrence | None) -> Occurrence:
    return Occurrence(
        task_id=task_id,
        period=p.index,
        label=p.label,
        start=p.start,
        deadline=p.deadline,
        status=occ.status if occ else "not_started",
        done_on=occ.done_on if occ else None,
        note=occ.note if occ else "",
    )
