"""Public disclosure: holiday table, residential groups, checklist and its rule versions,
the year's disclosures and their postings (niêm yết, website, loudspeaker...)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped

# Evidence of a posting (biên bản niêm yết, photos) kept in the shared evidence store.
posting_evidence = Table(
    "posting_evidence",
    Base.metadata,
    Column(
        "posting_id", ForeignKey("disclosure_postings.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("evidence_id", ForeignKey("evidence_files.id", ondelete="CASCADE"), primary_key=True),
)


class Holiday(Base):
    """A day that differs from the usual week in one year: a day off, or a weekend worked.

    A year with any row here uses these rows only; a year without rows uses the shipped table.
    """

    __tablename__ = "holidays"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(10), default="off")  # off | work
    # False for a day announced but not yet decided (24/11 in 2026): not counted as off.
    confirmed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ResidentialGroup(Timestamped, Base):
    """A tổ dân phố: each one's cultural house is a required place of posting."""

    __tablename__ = "residential_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DisclosureItem(Timestamped, Base):
    """One checklist item (CK01...), editable by the ward; its rules are versioned below."""

    __tablename__ = "disclosure_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(Text)
    group_code: Mapped[str] = mapped_column(String(20))
    recurrence: Mapped[str] = mapped_column(String(20), default="event")
    version_by: Mapped[str] = mapped_column(String(20), default="trigger_date")
    # Budget year = plan year + offset (estimate for next year: 1; final account: -1).
    budget_offset: Mapped[int] = mapped_column(Integer, default=0)
    # Period names, one per line ("" = by recurrence), and the periods (1-4) whose trigger
    # is the end of that quarter ("1,2,3": the quarter-end of budget execution reports).
    periods: Mapped[str] = mapped_column(Text, default="")
    quarter_end_triggers: Mapped[str] = mapped_column(String(20), default="")
    confidence: Mapped[str] = mapped_column(String(20), default="sourced")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    rules: Mapped[list[DisclosureRule]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="DisclosureRule.applies_from"
    )


class DisclosureRule(Base):
    """The rule of an item from ``applies_from`` on, until a later version starts."""

    __tablename__ = "disclosure_rules"
    __table_args__ = (UniqueConstraint("item_id", "applies_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("disclosure_items.id", ondelete="CASCADE"))
    applies_from: Mapped[date] = mapped_column(Date)
    forms: Mapped[str] = mapped_column(String(300))  # comma-separated form codes
    duration_type: Mapped[str] = mapped_column(String(30), default="consecutive_calendar")
    duration_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    broadcast_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    deadline_offset: Mapped[int | None] = mapped_column(Integer, nullable=True)
    deadline_unit: Mapped[str | None] = mapped_column(String(20), nullable=True)
    trigger: Mapped[str] = mapped_column(String(300), default="")
    deadline_text: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")  # one basis per line
    note: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[DisclosureItem] = relationship(back_populates="rules")


class Disclosure(Timestamped, Base):
    """One thing to disclose in a year: an item, for a period, triggered by a document."""

    __tablename__ = "disclosures"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("disclosure_items.id"))
    period: Mapped[str] = mapped_column(String(50), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    budget_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    trigger_document: Mapped[str] = mapped_column(String(300), default="")
    trigger_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    responsible: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    # the clerk's reason for "không phát sinh trong năm": left out of the compliance rate
    not_arisen_reason: Mapped[str] = mapped_column(Text, default="")

    postings: Mapped[list[Posting]] = relationship(
        back_populates="disclosure", cascade="all, delete-orphan", order_by="Posting.posted_on"
    )


class Posting(Timestamped, Base):
    """One act of disclosure in one form at one place, with its evidence."""

    __tablename__ = "disclosure_postings"

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id", ondelete="CASCADE"))
    form: Mapped[str] = mapped_column(String(30))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("residential_groups.id"), nullable=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    posted_on: Mapped[date] = mapped_column(Date)
    taken_down_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    evidence_note: Mapped[str] = mapped_column(Text, default="")
    evidence_path: Mapped[str] = mapped_column(String(500), default="")  # before the store

    disclosure: Mapped[Disclosure] = relationship(back_populates="postings")
