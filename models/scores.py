"""Index frameworks (PAR INDEX, PAPI-xã, SIPAS) as data: a criteria tree per index per year.

Criteria are rows, never code: every province changes its set each year, so the ward imports or
edits them. A parent's points are always computed from its children (services.scores.arithmetic);
only leaves carry typed scores.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped

criterion_task_links = Table(
    "criterion_task_links",
    Base.metadata,
    Column("criterion_id", ForeignKey("criteria.id", ondelete="CASCADE"), primary_key=True),
    Column("task_id", ForeignKey("plan_tasks.id", ondelete="CASCADE"), primary_key=True),
)

evidence_criteria = Table(
    "evidence_criteria",
    Base.metadata,
    Column("evidence_id", ForeignKey("evidence_files.id", ondelete="CASCADE"), primary_key=True),
    Column("criterion_id", ForeignKey("criteria.id", ondelete="CASCADE"), primary_key=True),
)

evidence_tasks = Table(
    "evidence_tasks",
    Base.metadata,
    Column("evidence_id", ForeignKey("evidence_files.id", ondelete="CASCADE"), primary_key=True),
    Column("task_id", ForeignKey("plan_tasks.id", ondelete="CASCADE"), primary_key=True),
)


class IndexFramework(Timestamped, Base):
    """One index's criteria set for one year, with that year's published result."""

    __tablename__ = "index_frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    # PAR | PAPI | SIPAS
    index_key: Mapped[str] = mapped_column(String(10), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    code: Mapped[str] = mapped_column(String(30), default="")
    name: Mapped[str] = mapped_column(Text, default="")
    version_label: Mapped[str] = mapped_column(String(60), default="")
    # points: parents sum their children; percent: parents average them (SIPAS)
    unit: Mapped[str] = mapped_column(String(10), default="points")
    # True while the criteria are the shipped reconstruction nobody has checked yet
    is_template: Mapped[bool] = mapped_column(Boolean, default=False)
    # [{"label": "Tốt", "min": 80}, ...] highest first
    bands: Mapped[list] = mapped_column(JSON, default=list)
    # Published result (Sở Nội vụ): rank among how many wards, classification.
    result_rank: Mapped[int | None] = mapped_column(Integer)
    result_of: Mapped[int | None] = mapped_column(Integer)
    result_class: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    # The period the framework evaluates (2025 began at the 01/07 merger in many provinces);
    # None = the calendar year.
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    # The province's decision that set the criteria ("Quyết định số 1234/QĐ-UBND ngày …").
    decision: Mapped[str] = mapped_column(Text, default="")
    # Whom the self-assessment report is addressed to ("Sở Nội vụ tỉnh …").
    addressee: Mapped[str] = mapped_column(Text, default="")
    # The PAR criterion that takes the SIPAS % (PAR frameworks only; "" = none).
    sipas_link: Mapped[str] = mapped_column(String(40), default="")
    # How bonus/penalty enter the total: "add" (may pass the maximum) or "cap" (at most it).
    adjustment_rule: Mapped[str] = mapped_column(String(10), default="add")
    # Named band presets the framework came with ({"Tên": [{"label", "min"}, ...]}).
    band_presets: Mapped[dict] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)

    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="framework", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("index_key", "year"),)


class Criterion(Timestamped, Base):
    """A node of the tree: field (lĩnh vực), criterion (tiêu chí) or component (thành phần)."""

    __tablename__ = "criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(
        ForeignKey("index_frameworks.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("criteria.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text, default="")
    # Typed for leaves; for parents it is the declared figure, the computed one prevails.
    max_points: Mapped[float] = mapped_column(Float, default=0.0)
    # self_assessed | appraised | survey | data
    method: Mapped[str] = mapped_column(String(20), default="self_assessed")
    guidance: Mapped[str] = mapped_column(Text, default="")
    applicable: Mapped[bool] = mapped_column(Boolean, default=True)
    weight: Mapped[float | None] = mapped_column(Float)
    # Other codes a plan task may use for this criterion ("PAPI.1" for D1), comma-separated.
    aliases: Mapped[str] = mapped_column(String(200), default="")
    # Scores of this framework's year; None = not entered.
    self_score: Mapped[float | None] = mapped_column(Float)
    appraised_score: Mapped[float | None] = mapped_column(Float)
    explanation: Mapped[str] = mapped_column(Text, default="")
    # "" (inside the 100) | "bonus" (điểm thưởng) | "penalty" (điểm trừ, maxima ≤ 0)
    adjustment: Mapped[str] = mapped_column(String(10), default="")
    # Scored by the province from its own data or surveys: the ward does not self-score it.
    province_scored: Mapped[bool] = mapped_column(Boolean, default=False)
    province_score: Mapped[float | None] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1)

    framework: Mapped[IndexFramework] = relationship(back_populates="criteria")

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("framework_id", "code"),)


class CriterionMapping(Timestamped, Base):
    """Which criterion of this year's framework continues one of last year's (clerk-confirmed).

    Provinces renumber their annex ("PAR.1.1" becomes "1.1"), merge and split criteria, so a
    code alone cannot carry last year's lost points into this year's plan. One row per
    criterion of the previous year's framework; ``criterion_id`` None means the clerk said it
    has no counterpart this year. A framework without rows falls back to matching codes.
    """

    __tablename__ = "criterion_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(
        ForeignKey("index_frameworks.id", ondelete="CASCADE"), index=True
    )
    previous_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"))
    criterion_id: Mapped[int | None] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"))

    __table_args__ = (UniqueConstraint("framework_id", "previous_id"),)


class EvidenceFile(Timestamped, Base):
    """A document kept as proof (tài liệu kiểm chứng); its bytes live in the evidence folder."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    doc_date: Mapped[date | None] = mapped_column(Date)
    search_key: Mapped[str] = mapped_column(Text, default="")


class SipasResponse(Timestamped, Base):
    """One paper questionnaire: answers 1–5 per item code; a missing key is no answer."""

    __tablename__ = "sipas_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(
        ForeignKey("index_frameworks.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer, default=0)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)


appraisal_evidence = Table(
    "appraisal_evidence",
    Base.metadata,
    Column(
        "appraisal_score_id",
        ForeignKey("appraisal_scores.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("evidence_id", ForeignKey("evidence_files.id", ondelete="CASCADE"), primary_key=True),
)


class AppraisalRound(Timestamped, Base):
    """One appraisal by the province (lần 1, then the final result), kept with its date.

    The ward's explanation (giải trình) answers a round; its numbered document is recorded
    in the outgoing register and linked here.
    """

    __tablename__ = "appraisal_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(
        ForeignKey("index_frameworks.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer, default=1)
    held_on: Mapped[date] = mapped_column(Date)
    is_final: Mapped[bool] = mapped_column(Boolean, default=False)
    reference: Mapped[str] = mapped_column(Text, default="")  # the province's notice
    explained_on: Mapped[date | None] = mapped_column(Date)
    register_id: Mapped[int | None] = mapped_column(
        ForeignKey("outgoing_documents.id", ondelete="SET NULL")
    )

    scores: Mapped[list[AppraisalScore]] = relationship(
        back_populates="round", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (UniqueConstraint("framework_id", "number"),)


class AppraisalScore(Timestamped, Base):
    """A criterion's points in one round, and the ward's explanation of it."""

    __tablename__ = "appraisal_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("appraisal_rounds.id", ondelete="CASCADE"), index=True
    )
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("criteria.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float | None] = mapped_column(Float)
    explanation: Mapped[str] = mapped_column(Text, default="")
    # The points the ward asks for in its explanation (None = not stated).
    proposed: Mapped[float | None] = mapped_column(Float)

    round: Mapped[AppraisalRound] = relationship(back_populates="scores")

    __table_args__ = (UniqueConstraint("round_id", "criterion_id"),)
