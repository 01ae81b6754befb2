"""Official documents kept in the database: saved reports and the outgoing register.

A report stores only what the clerk writes (assessment, limitations, next steps, proposals)
and its period; the figures are recomputed from the tasks, so it can be regenerated. The
register (sổ đăng ký văn bản đi) hands out numbers per year, per type or in one sequence.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamped


class Report(Timestamped, Base):
    """A "Báo cáo kết quả thực hiện Kế hoạch" for one period of one plan."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    # M1..M12, Q1..Q4, H1 (6 months), 9M, Y (12 months)
    period: Mapped[str] = mapped_column(String(10))
    summary: Mapped[str] = mapped_column(Text, default="")
    opening: Mapped[str] = mapped_column(Text, default="")
    assessment: Mapped[str] = mapped_column(Text, default="")
    limitations: Mapped[str] = mapped_column(Text, default="")
    directions: Mapped[str] = mapped_column(Text, default="")
    proposals: Mapped[str] = mapped_column(Text, default="")
    # One per line; when set, "Nơi nhận" starts with "- Như trên;".
    kinh_gui: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (UniqueConstraint("plan_id", "period"),)


class OutgoingDocument(Timestamped, Base):
    """One line of the outgoing register: a number given to a KH, BC, QĐ or TB on a date.

    A number given by mistake is cancelled, never deleted: the line stays with who cancelled
    it, when and why, and the sequence goes on past it (Decree 30, Điều 15: numbers unique).
    """

    __tablename__ = "outgoing_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    # "*" when all types share one sequence, else the type ("KH", "BC").
    sequence: Mapped[str] = mapped_column(String(10))
    number: Mapped[int] = mapped_column(Integer)
    doc_type: Mapped[str] = mapped_column(String(10))
    symbol: Mapped[str] = mapped_column(String(30))
    issued_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), index=True
    )
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", ondelete="SET NULL"), index=True
    )
    # What else was numbered: "legal-list:expired:2025", "disclosure-quarter:2025:3"...
    subject: Mapped[str | None] = mapped_column(String(120), index=True)
    signer: Mapped[str] = mapped_column(String(100), default="", server_default="")
    recipients: Mapped[str] = mapped_column(Text, default="", server_default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (UniqueConstraint("year", "sequence", "number"),)


class DocumentSettings(Timestamped, Base):
    """One row: how the office numbers its documents and which margin preset it prints with."""

    __tablename__ = "document_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    shared_sequence: Mapped[bool] = mapped_column(Boolean, default=False)
    margins: Mapped[str] = mapped_column(String(20), default="compact")
