"""The register of legal documents (VBQPPL), their effect history, reviews and cycles.

Higher-level documents (laws, decrees, provincial decisions) live in the same table, marked
``external``, so that the căn cứ links form one graph: a change to any document reaches every
ward document issued on its basis (NĐ 79/2025 Đ39).
"""

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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped

legal_bases = Table(
    "legal_bases",
    Base.metadata,
    Column("document_id", ForeignKey("legal_documents.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "basis_id",
        ForeignKey("legal_documents.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class LegalDocument(Timestamped, Base):
    """One document of the register: the ward's own, or a higher-level one it is based on."""

    __tablename__ = "legal_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "Nghị quyết", "Quyết định", "Luật", "Nghị định", "Thông tư"...
    doc_type: Mapped[str] = mapped_column(String(50))
    number_symbol: Mapped[str] = mapped_column(String(60), index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    effective_on: Mapped[date | None] = mapped_column(Date)
    # hdnd | ubnd | external
    issuer: Mapped[str] = mapped_column(String(20), index=True)
    # Free name of the issuing body ("Quốc hội", "UBND tỉnh Hải Dương", "HĐND phường").
    issuer_name: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str] = mapped_column(String(100), default="", index=True)
    external: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # Issuing ward/commune before the 2025 reorganisation, when not the current ward.
    original_unit: Mapped[str] = mapped_column(String(200), default="")
    signer: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    bases: Mapped[list[LegalDocument]] = relationship(
        secondary=legal_bases,
        primaryjoin=lambda: LegalDocument.id == legal_bases.c.document_id,
        secondaryjoin=lambda: LegalDocument.id == legal_bases.c.basis_id,
    )

    __mapper_args__ = {"version_id_col": version}


class LegalEffectEvent(Timestamped, Base):
    """A change of a document's effect: expiry, suspension, restoration, or an amendment."""

    __tablename__ = "legal_effect_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("legal_documents.id", ondelete="CASCADE"), index=True
    )
    # replaced | repealed | term_ended | announced | suspended | restored | amended
    kind: Mapped[str] = mapped_column(String(20))
    # whole | part
    scope: Mapped[str] = mapped_column(String(10), default="whole")
    # Articles concerned when scope is "part", one per line ("Điều 3", "Khoản 2 Điều 5").
    articles: Mapped[str] = mapped_column(Text, default="")
    from_date: Mapped[date] = mapped_column(Date, index=True)
    by_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_documents.id", ondelete="SET NULL"), index=True
    )
    # The acting instrument in words when it is not in the register.
    by_text: Mapped[str] = mapped_column(String(300), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    # Year of the annual list in which this expiry/suspension was published (None: not yet).
    published_year: Mapped[int | None] = mapped_column(Integer)


class LegalReview(Timestamped, Base):
    """A review of one ward document for one trigger; open until reviewed_on is set."""

    __tablename__ = "legal_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("legal_documents.id", ondelete="CASCADE"), index=True
    )
    # THUONG_XUYEN | THEO_CHUYEN_DE | HE_THONG_HOA_DINH_KY
    mode: Mapped[str] = mapped_column(String(30), default="THUONG_XUYEN")
    # can_cu_ra_soat_type code
    trigger_type: Mapped[str] = mapped_column(String(60), default="VBQPPL_HIEU_LUC_CAO_HON")
    trigger_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_effect_events.id", ondelete="SET NULL"), index=True
    )
    trigger_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_documents.id", ondelete="SET NULL")
    )
    trigger_text: Mapped[str] = mapped_column(Text, default="")
    flagged_on: Mapped[date] = mapped_column(Date)
    reviewed_on: Mapped[date | None] = mapped_column(Date, index=True)
    reviewer: Mapped[str] = mapped_column(String(100), default="")
    # ra_soat_finding code ("" while open)
    finding: Mapped[str] = mapped_column(String(40), default="")
    # whole | part
    scope: Mapped[str] = mapped_column(String(10), default="whole")
    # kien_nghi_xu_ly code
    handling: Mapped[str] = mapped_column(String(40), default="")
    handling_content: Mapped[str] = mapped_column(Text, default="")
    handling_deadline: Mapped[date | None] = mapped_column(Date)
    # not_needed | pending | in_progress | done
    handling_status: Mapped[str] = mapped_column(String(20), default="pending")
    handling_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_documents.id", ondelete="SET NULL")
    )
    lead_unit: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The opinion survey that prompted this review, if any.
    survey_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_surveys.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)

    findings: Mapped[list[LegalReviewFinding]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="LegalReviewFinding.position",
    )

    __mapper_args__ = {"version_id_col": version}


class LegalReviewFinding(Base):
    """One row of the review form: an article, the basis it is checked against, the opinion."""

    __tablename__ = "legal_review_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("legal_reviews.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    article: Mapped[str] = mapped_column(String(200), default="")
    basis_content: Mapped[str] = mapped_column(Text, default="")
    finding: Mapped[str] = mapped_column(String(40), default="")
    proposal: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class LegalUnlawfulCase(Timestamped, Base):
    """A document a higher authority found unlawful, followed until it is fixed."""

    __tablename__ = "legal_unlawful_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("legal_documents.id", ondelete="CASCADE"), index=True
    )
    authority: Mapped[str] = mapped_column(String(200), default="")
    conclusion_ref: Mapped[str] = mapped_column(String(200), default="")
    found_on: Mapped[date] = mapped_column(Date)
    content: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date | None] = mapped_column(Date, index=True)
    fixed_on: Mapped[date | None] = mapped_column(Date)
    fixed_by_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_documents.id", ondelete="SET NULL")
    )
    fixed_note: Mapped[str] = mapped_column(Text, default="")


class LegalCycle(Timestamped, Base):
    """A periodic systematisation cycle (kỳ hệ thống hóa), e.g. 2024–2028 cut at 31/12/2028."""

    __tablename__ = "legal_cycles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    start_on: Mapped[date] = mapped_column(Date)
    cutoff_on: Mapped[date] = mapped_column(Date)
    plan_ref: Mapped[str] = mapped_column(String(200), default="")
    published_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class LegalSurvey(Timestamped, Base):
    """A round of opinion-gathering on the ward's documents (the plan asks for one a year)."""

    __tablename__ = "legal_surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(200), default="")
    responses: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(Text, default="")


class LegalSurveyDocument(Base):
    """A document covered by a survey round, with the opinions gathered on it."""

    __tablename__ = "legal_survey_documents"

    survey_id: Mapped[int] = mapped_column(
        ForeignKey("legal_surveys.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("legal_documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    responses: Mapped[int] = mapped_column(Integer, default=0)
    opinions: Mapped[str] = mapped_column(Text, default="")


class LegalAnnualPublication(Timestamped, Base):
    """The publication of one year's list of expired and suspended ward documents."""

    __tablename__ = "legal_annual_publications"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    published_on: Mapped[date] = mapped_column(Date)
    decision_ref: Mapped[str] = mapped_column(String(200), default="")
