"""Progress of plan tasks: dated updates (a history per task) and recurring-report occurrences.

An occurrence row exists only once somebody recorded something for that period; the periods
themselves are computed from the task's recurrence and the plan year (services.occurrences).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamped


class TaskProgress(Timestamped, Base):
    """One dated progress update of a task, as a unit reported it."""

    __tablename__ = "task_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(
        ForeignKey("plan_tasks.id", ondelete="CASCADE"), index=True
    )
    # 0 for the task as a whole; otherwise the recurring period it reports on (1-based).
    period: Mapped[int] = mapped_column(Integer, default=0)
    on_date: Mapped[date] = mapped_column(Date, index=True)
    percent: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    text: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(100), default="")


class TaskOccurrence(Timestamped, Base):
    """The recorded state of one period (month, quarter...) of a recurring task."""

    __tablename__ = "task_occurrences"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(
        ForeignKey("plan_tasks.id", ondelete="CASCADE"), index=True
    )
    period: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    done_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("task_id", "period"),)
