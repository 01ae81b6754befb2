"""The outgoing-document register (sổ đăng ký văn bản đi): numbers for KH, BC, QĐ and TB.

Decree 30 (Điều 15): numbers run per calendar year from 01, are unique with their symbol,
and are given after signing. Whether all types share one sequence or each type has its own
is the office's choice (``DocumentSettings.shared_sequence``; default: one per type).

A number given by mistake is cancelled, not deleted: the line stays in the register marked
"hủy" with who, when and why, and the next number goes on past it, so no number is ever
silently given twice.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import DocumentSettings, OutgoingDocument
from services.documents.model import Document
from services.errors import NotFoundError, Problem, UserError, ValidationError
from services.text import nfc

DOCUMENT_TYPES = {"KH": "Kế hoạch", "BC": "Báo cáo", "QĐ": "Quyết định", "TB": "Thông báo"}
SHARED_SEQUENCE = "*"


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
    subject: str | None = None
    signer: str = ""
    recipients: str = ""
    cancelled_at: datetime | None = None
    cancelled_by: str = ""
    cancel_reason: str = ""

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def type_name(self) -> str:
        return DOCUMENT_TYPES.get(self.doc_type, self.doc_type)

    @property
    def status_text(self) -> str:
        """The register's last column: empty, or "Đã hủy số ngày … (người hủy): lý do"."""
        if self.cancelled_at is None:
            return ""
        when = self.cancelled_at.strftime("%d/%m/%Y %H:%M")
        return f"Đã hủy số ngày {when} ({self.cancelled_by}): {self.cancel_reason}"

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
        row.subject,
        row.signer or "",
        row.recipients or "",
        row.cancelled_at,
        row.cancelled_by or "",
        row.cancel_reason or "",
    )


@dataclass(frozen=True)
class PendingNumber:
    """What "Vào sổ, cấp số" is about to give, for the clerk to confirm before it is given."""

    doc_type: str
    symbol: str
    number: int
    issued_on: date

    @property
    def reference(self) -> str:
        return f"{self.number:02d}/{self.symbol}"

    @property
    def question(self) -> str:
        """ "Cấp số 05/KH-UBND ngày 03/12/2026?" """
        return f"Cấp số {self.reference} ngày {self.issued_on.strftime('%d/%m/%Y')}?"


def register_recipients(document: Document) -> str:
    """The "Nơi nhận" column: the printed recipients (Kính gửi first), then the Lưu line."""
    lines = [*document.kinh_gui, *document.recipients, f"Lưu: {document.archive}"]
    return "; ".join(x.strip().rstrip(";.") for x in lines if x.strip())


def require_signer(document: Document) -> None:
    """A number is given to a signed document (Điều 15): none while nobody is named to sign."""
    if not document.signature.name.strip():
        raise UserError(
            f"{document.type_name.capitalize()} chưa có người ký: hãy nhập “Họ tên người ký” "
            "trong Cài đặt › Thông tin đơn vị. Chưa cấp số."
        )


def _sequence(session: Session, doc_type: str) -> str:
    settings = session.scalars(select(DocumentSettings).order_by(DocumentSettings.id)).first()
    return SHARED_SEQUENCE if settings and settings.shared_sequence else doc_type


def _next_number(session: Session, year: int, sequence: str, doc_type: str) -> int:
    """One past the highest number of the year, cancelled numbers included.

    Counted over what the reference shows (all types when shared, else the type's own), not
    over the stored sequence, so an office switching mid-year never prints a number twice.
    """
    stmt = select(func.max(OutgoingDocument.number)).where(OutgoingDocument.year == year)
    if sequence != SHARED_SEQUENCE:
        stmt = stmt.where(OutgoingDocument.doc_type == doc_type)
    return (session.scalar(stmt) or 0) + 1


def _check_type(doc_type: str) -> None:
    if doc_type not in DOCUMENT_TYPES:
        raise ValidationError([Problem("Loại văn bản", f"“{doc_type}” không hợp lệ.")])


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
        subject: str | None = None,
        signer: str = "",
        recipients: str = "",
        expected_number: int | None = None,
    ) -> RegisterEntry:
        """Give the next number of the year (in its sequence) and record it, in one step.

        A document already holding a number that is not cancelled is refused (one document,
        one number). ``expected_number`` is the number the clerk confirmed: if another PC took
        it meanwhile nothing is given and the clerk is told the new one.
        """
        _check_type(doc_type)
        with self._sessions.begin() as session:
            held = self._held(session, plan_id, report_id, subject)
            if held is not None:
                raise UserError(
                    f"Văn bản này đã được cấp số {_entry(held).reference} ngày "
                    f"{held.issued_on.strftime('%d/%m/%Y')}; muốn cấp số khác hãy hủy số đó trước."
                )
            sequence = _sequence(session, doc_type)
            number = _next_number(session, issued_on.year, sequence, doc_type)
            if expected_number is not None and number != expected_number:
                raise UserError(
                    f"Số {expected_number:02d} vừa được cấp cho văn bản khác; số tiếp theo là "
                    f"{number:02d}. Hãy bấm cấp số lại để xác nhận."
                )
            row = OutgoingDocument(
                year=issued_on.year,
                sequence=sequence,
                number=number,
                doc_type=doc_type,
                symbol=nfc(symbol),
                issued_on=issued_on,
                summary=nfc(summary),
                plan_id=plan_id,
                report_id=report_id,
                subject=subject,
                signer=nfc(signer),
                recipients=nfc(recipients),
            )
            session.add(row)
            session.flush()
            return _entry(row)

    def issue_document(
        self,
        doc_type: str,
        document: Document,
        issued_on: date,
        *,
        subject: str,
        expected_number: int | None = None,
    ) -> RegisterEntry:
        """Number a built document (QĐ, TB...): symbol, summary, signer and recipients are the
        ones it prints, and ``subject`` ties the number to it for the next printing."""
        require_signer(document)
        return self.issue(
            doc_type,
            document.header.symbol,
            issued_on,
            document.title or f"{DOCUMENT_TYPES[doc_type]} {document.summary}",
            subject=subject,
            signer=document.signature.name,
            recipients=register_recipients(document),
            expected_number=expected_number,
        )

    @staticmethod
    def _held(
        session: Session, plan_id: int | None, report_id: int | None, subject: str | None
    ) -> OutgoingDocument | None:
        conditions = []
        if plan_id is not None:
            conditions.append(OutgoingDocument.plan_id == plan_id)
        if report_id is not None:
            conditions.append(OutgoingDocument.report_id == report_id)
        if subject is not None:
            conditions.append(OutgoingDocument.subject == subject)
        for condition in conditions:
            row = session.scalars(
                select(OutgoingDocument).where(condition, OutgoingDocument.cancelled_at.is_(None))
            ).first()
            if row is not None:
                return row
        return None

    def pending(self, doc_type: str, symbol: str, issued_on: date) -> PendingNumber:
        """The number ``issue`` would give now (nothing is written)."""
        _check_type(doc_type)
        with self._sessions() as session:
            number = _next_number(session, issued_on.year, _sequence(session, doc_type), doc_type)
        return PendingNumber(doc_type, nfc(symbol), number, issued_on)

    def cancel(
        self, entry_id: int, reason: str, user: str = "", *, now: datetime | None = None
    ) -> RegisterEntry:
        """Mark a number given by mistake as cancelled; the line and its number stay."""
        reason = nfc(reason).strip()
        if not reason:
            raise ValidationError([Problem("Lý do hủy số", "không được để trống.")])
        with self._sessions.begin() as session:
            row = session.get(OutgoingDocument, entry_id)
            if row is None:
                raise NotFoundError("Số văn bản này không còn trong sổ.")
            if row.cancelled_at is not None:
                raise UserError(f"Số {_entry(row).reference} đã được hủy trước đó.")
            row.cancelled_at = (now or datetime.now()).replace(microsecond=0)
            row.cancelled_by = nfc(user).strip() or session.info.get("actor") or _login()
            row.cancel_reason = reason
            session.flush()
            return _entry(row)

    def years(self) -> list[int]:
        """Years that have a register, newest last."""
        with self._sessions() as session:
            return list(
                session.scalars(
                    select(OutgoingDocument.year).distinct().order_by(OutgoingDocument.year)
                )
            )

    def for_subject(self, subject: str) -> RegisterEntry | None:
        return self._latest(OutgoingDocument.subject == subject)

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
        """The document's number in force: a cancelled number no longer prints."""
        with self._sessions() as session:
            row = session.scalars(
                select(OutgoingDocument)
                .where(condition, OutgoingDocument.cancelled_at.is_(None))
                .order_by(OutgoingDocument.id.desc())
            ).first()
            return _entry(row) if row else None


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no login name on this machine
        return "không rõ"
