"""The audit trail: one row per changed record, written in the same transaction as the change.

Rows are written by ``services.safety.audit`` from SQLAlchemy flush events, so every model is covered
without each service remembering to log. ``changes`` is JSON: ``{column: [old, new]}``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(10))  # insert / update / delete
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(64))
    record_label: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="{}")
    search_key: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)
