"""The outgoing-document register (sổ đăng ký văn bản đi): numbers for KH and BC.

Decree 30 (Điều 15): numbers run per calendar year from 01, are unique with their symbol,
and are given after signing. Whether all types share one sequence or each type has its own
is the office's choice (``DocumentSettings.shared_sequence``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import DocumentSettings, OutgoingDocument
from services.errors import Problem, ValidationError
from services.text import nfc

DOCUMENT_TYPES = {"KH": "Kế hoạch", "BC": "Báo cáo"}


@dataclass(frozen=True)
class RegisterEntry:
    id: int
    year: int
    number: int
    doc_type: str
    symbol: str
    issued_on: date
    summary: str
    plan_id: int | None
    report_id: int | None

    @property
    def number_text(self) -> str:
        """Zero-padded below 10 (Decree 30): "05", "12"."""
        return f"{self.number:02d}"

    @property
    def reference(self) -> str:
        return f"{self.number_text}/{self.symbol}"


@dataclass(frozen=True)
class DocumentOptions:
    shared_sequence: bool = False
    margins: str = "compact"


def _entry(row: OutgoingDocument) -> RegisterEntry:
    return RegisterEntry(
        row.id,
        row.year,
        row.number,
        row.doc_type,
        row.symbol,
        row.issued_on,
        row.summary,
        row.plan_id,
        row.report_id,
    )


class RegisterService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def options(self) -> DocumentOptions:
        with self._sessions() as session:
            row = session.scalars(select(DocumentSettings).order_by(DocumentSettings.id)).first()
            return DocumentOptions(row.shared_sequence, row.margins) if row else DocumentOptions()

    def save_options(self, options: DocumentOptions) -> DocumentOptions:
        from services.documents.model import MARGIN_PRESETS

        if options.margins not in MARGIN_PRESETS:
            raise ValidationError([Problem("Lề trang", f"“{options.margins}” không hợp lệ.")])
        with self._sessions.begin() as session:
            row = session.scalars(select(DocumentSettings).order_by(DocumentSettings.id)).first()
            if row is None:
                row = DocumentSettings()
                session.add(row)
            row.shared_sequence = options.shared_sequence
            row.margins = options.margins
        return options

    def issue(
        self,
        doc_type: str,
        symbol: str,
        issued_on: date,
        summary: str = "",
        *,
        plan_id: int | None = None,
        report_id: int | None = None,
    ) -> RegisterEntry:
        """Give the next number of the year (in its sequence) and record it, in one step."""
        if doc_type not in DOCUMENT_TYPES:
            raise ValidationError([Problem("Loại văn bản", f"“{doc_type}” không hợp lệ.")])
        with self._sessions.begin() as session:
            settings = session.scalars(select(DocumentSettings)).first()
            sequence = "*" if settings and settings.shared_sequence else doc_type
            last = session.scalar(
                select(func.max(OutgoingDocument.number)).where(
                    OutgoingDocument.year == issued_on.year, OutgoingDocument.sequence == sequence
                )
            )
            row = OutgoingDocument(
                year=issued_on.year,
                sequence=sequence,
                number=(last or 0) + 1,
                doc_type=doc_type,
                symbol=nfc(symbol),
                issued_on=issued_on,
                summary=nfc(summary),
                plan_id=plan_id,
                report_id=report_id,
            )
            session.add(row)
            session.flush()
            return _entry(row)

    def entries(self, year: int | None = None) -> list[RegisterEntry]:
        with self._sessions() as session:
            stmt = select(OutgoingDocument).order_by(
                OutgoingDocument.year, OutgoingDocument.issued_on, OutgoingDocument.id
            )
            if year is not None:
                stmt = stmt.where(OutgoingDocument.year == year)
            return [_entry(r) for r in session.scalars(stmt)]

    def for_plan(self, plan_id: int) -> RegisterEntry | None:
        return self._latest(OutgoingDocument.plan_id == plan_id)

    def for_report(self, report_id: int) -> RegisterEntry | None:
        return self._latest(OutgoingDocument.report_id == report_id)

    def _latest(self, condition) -> RegisterEntry | None:
        with self._sessions() as session:
            row = session.scalars(
                select(OutgoingDocument).where(condition).order_by(OutgoingDocument.id.desc())
            ).first()
            return _entry(row) if row else None
