"""A year's plan (Kế hoạch): its document fields, its numbered section tree and its tasks.

Sections and tasks under one parent share a single ``position`` sequence, so the tree keeps
the document's order exactly when headings and items are interleaved.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped
from models.unit import Unit

task_partners = Table(
    "task_partners",
    Base.metadata,
    Column("task_id", ForeignKey("plan_tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
)


class Plan(Timestamped, Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    number: Mapped[str | None] = mapped_column(String(20))
    document_type: Mapped[str] = mapped_column(String(50), default="KẾ HOẠCH")
    symbol: Mapped[str] = mapped_column(String(30), default="KH-UBND")
    place: Mapped[str] = mapped_column(String(100), default="")
    # The document date may be partly known: a draft often has only month and year.
    date_day: Mapped[int | None] = mapped_column(Integer)
    date_month: Mapped[int | None] = mapped_column(Integer)
    date_year: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    # Paragraphs separated by a newline.
    opening: Mapped[str] = mapped_column(Text, default="")
    closing: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    sign_authority: Mapped[str] = mapped_column(String(100), default="")
    sign_deputy: Mapped[str] = mapped_column(String(100), default="")
    signer_title: Mapped[str] = mapped_column(String(100), default="")
    signer_name: Mapped[str] = mapped_column(String(100), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    sections: Mapped[list[PlanSection]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}


class PlanSection(Timestamped, Base):
    """A heading of the plan: Phần I, I., 1., a) ..."""

    __tablename__ = "plan_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_sections.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # part | roman | arabic | alpha
    kind: Mapped[str] = mapped_column(String(20), default="roman")
    label: Mapped[str] = mapped_column(String(30), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    plan: Mapped[Plan] = relationship(back_populates="sections")

    __mapper_args__ = {"version_id_col": version}


class PlanTask(Timestamped, Base):
    """An item of the plan: a task to assign and follow, or a statement (actionable=False)."""

    __tablename__ = "plan_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(
        ForeignKey("plan_sections.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(30), default="-")
    text: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    actionable: Mapped[bool] = mapped_column(Boolean, default=True)
    lead_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), index=True
    )
    start_on: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    deadline_is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    # none | monthly | quarterly | semiannual | yearly
    recurrence: Mapped[str] = mapped_column(String(20), default="none")
    # not_started | in_progress | done | paused | cancelled
    status: Mapped[str] = mapped_column(String(20), default="not_started", index=True)
    percent: Mapped[int] = mapped_column(Integer, default=0)
    result_notes: Mapped[str] = mapped_column(Text, default="")
    # Index criterion codes the task serves, comma-separated ("PAR.2, PAPI.2").
    criteria_codes: Mapped[str] = mapped_column(String(500), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    lead_unit: Mapped[Unit | None] = relationship()
    partners: Mapped[list[Unit]] = relationship(secondary=task_partners)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_plan_tasks_section_position", "section_id", "position"),)
