"""The register service: documents, their căn cứ links and effect history.

Recording an effect event is also where review duties arise (NĐ 79/2025 Đ39): the changed
ward document itself and every ward document issued on its basis get an open review, in the
same transaction, so no change is recorded without its review duty.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from models import LegalDocument, LegalEffectEvent, LegalReview, legal_bases
from services.errors import ConflictError, NotFoundError, Problem, ValidationError
from services.legal.dto import (
    DocumentDraft,
    DocumentRow,
    EventDraft,
    EventOutcome,
    EventRow,
    document_label,
)
from services.legal.effect import split_articles
from services.legal.flagging import flag_reviews
from services.legal.rows import apply, doc_labels, event_row, get, load_rows
from services.legal.validation import validate_document, validate_event
from services.office.organisation import read_profile
from services.safety.audit_trail import conflict_message
from services.text import nfc, search_key


class LegalRegisterService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    # ----- reading -----------------------------------------------------------------------
    def level(self) -> str:
        """ "phường", "xã" or "đặc khu" (organisation profile): how screens name the unit."""
        with self._sessions() as session:
            return read_profile(session).level

    def documents(self, *, include_external: bool = True) -> list[DocumentRow]:
        """Every document of the register, with its căn cứ and history, newest first."""
        with self._sessions() as session:
            return load_rows(session, include_external=include_external)

    def document(self, document_id: int) -> DocumentRow:
        with self._sessions() as session:
            rows = load_rows(session, ids={document_id})
        if not rows:
            raise NotFoundError("Văn bản này không còn trong sổ.")
        return rows[0]

    def dependents(self, document_id: int) -> list[DocumentRow]:
        """Documents issued on the basis of ``document_id`` (its direct dependents)."""
        with self._sessions() as session:
            ids = set(
                session.scalars(
                    select(legal_bases.c.document_id).where(legal_bases.c.basis_id == document_id)
                )
            )
            return load_rows(session, ids=ids) if ids else []

    def in_force_on(self, on: date, *, include_external: bool = False) -> list[DocumentRow]:
        """The documents in force (in whole or in part) on ``on``."""
        return [
            d for d in self.documents(include_external=include_external) if d.effect(on).in_force
        ]

    def search(self, query: str) -> list[DocumentRow]:
        words = search_key(query).split()
        with self._sessions() as session:
            stmt = select(LegalDocument.id)
            for word in words:
                stmt = stmt.where(LegalDocument.search_key.contains(word, autoescape=True))
            ids = set(session.scalars(stmt))
            return load_rows(session, ids=ids) if ids else []

    def fields(self) -> list[str]:
        with self._sessions() as session:
            values = session.scalars(select(LegalDocument.field).distinct())
            return sorted((v for v in values if v), key=search_key)

    # ----- writing documents -------------------------------------------------------------
    def create_document(self, draft: DocumentDraft) -> DocumentRow:
        with self._sessions.begin() as session:
            self._check(session, draft, None)
            row = LegalDocument()
            session.add(row)
            apply(session, row, draft)
            session.flush()
            new_id = row.id
        return self.document(new_id)

    def update_document(
        self, document_id: int, draft: DocumentDraft, *, expected_version: int | None = None
    ) -> DocumentRow:
        try:
            return self._update_document(document_id, draft, expected_version)
        except StaleDataError as exc:  # saved by another window between our read and write
            with self._sessions() as session:
                row = session.get(LegalDocument, document_id)
                message = conflict_message(
                    session, "legal_documents", document_id, "Văn bản", row and row.updated_at
                )
            raise ConflictError(message) from exc

    def _update_document(
        self, document_id: int, draft: DocumentDraft, expected_version: int | None
    ) -> DocumentRow:
        with self._sessions.begin() as session:
            row = get(session, document_id)
            if expected_version is not None and row.version != expected_version:
                # who, when and what, from the audit trail
                raise ConflictError(
                    conflict_message(
                        session, "legal_documents", document_id, "Văn bản", row.updated_at
                    )
                )
            self._check(session, draft, document_id)
            apply(session, row, draft)
        return self.document(document_id)

    def delete_document(self, document_id: int) -> None:
        with self._sessions.begin() as session:
            row = get(session, document_id)
            users = session.scalar(
                select(func.count()).where(legal_bases.c.basis_id == document_id)
            )
            if users:
                raise ValidationError(
                    [Problem("Xóa văn bản", f"đang là căn cứ của {users} văn bản khác trong sổ.")]
                )
            session.delete(row)

    def _check(self, session: Session, draft: DocumentDraft, self_id: int | None) -> None:
        known = {
            r.id: (document_label(r.doc_type, r.number_symbol), r.issued_on)
            for r in session.execute(
                select(
                    LegalDocument.id,
                    LegalDocument.doc_type,
                    LegalDocument.number_symbol,
                    LegalDocument.issued_on,
                )
            )
        }
        level = read_profile(session).level
        problems = validate_document(draft, known, self_id=self_id, level=level)
        duplicate = session.scalar(
            select(LegalDocument.id).where(
                LegalDocument.number_symbol == nfc(draft.number_symbol),
                LegalDocument.doc_type == nfc(draft.doc_type),
            )
        )
        if duplicate is not None and duplicate != self_id:
            problems.append(
                Problem(
                    "Số, ký hiệu",
                    f"{document_label(nfc(draft.doc_type), nfc(draft.number_symbol))} "
                    "đã có trong sổ.",
                )
            )
        if problems:
            raise ValidationError(problems)

    def import_excel(self, path, *, dry_run: bool = False):  # -> excel_import.ImportReport
        """Import documents and history from a workbook; nothing is written on any problem."""
        from services.legal.excel_import import RegisterImporter

        return RegisterImporter(self._sessions).import_file(path, dry_run=dry_run)

    # ----- effect events -----------------------------------------------------------------
    def record_event(self, draft: EventDraft, *, today: date | None = None) -> EventOutcome:
        """Record an expiry, suspension, restoration or amendment and flag the reviews due."""
        today = today or date.today()
        with self._sessions.begin() as session:
            doc = get(session, draft.document_id)
            history = list(
                session.scalars(
                    select(LegalEffectEvent).where(LegalEffectEvent.document_id == doc.id)
                )
            )
            problems = validate_event(draft, doc, history)
            by_doc = (
                session.get(LegalDocument, draft.by_document_id) if draft.by_document_id else None
            )
            if draft.by_document_id and by_doc is None:
                problems.append(Problem("Văn bản tác động", "không còn trong sổ."))
            if problems:
                raise ValidationError(problems)
            event = LegalEffectEvent(
                document_id=doc.id,
                kind=draft.kind,
                scope=draft.scope,
                articles="\n".join(split_articles(draft.articles)) if draft.scope == "part" else "",
                from_date=draft.from_date,
                by_document_id=draft.by_document_id,
                by_text=nfc(draft.by_text),
                reason=nfc(draft.reason),
            )
            session.add(event)
            session.flush()
            flagged = flag_reviews(session, doc, event, by_doc, today)
            event_id = event.id
        return EventOutcome(
            event=self._event(event_id),
            flagged=tuple(self.document(i) for i in flagged),
        )

    def delete_event(self, event_id: int) -> int:
        """Remove an event recorded by mistake, with the reviews it opened not yet done.

        Reviews already carried out stay (they happened); returns how many were withdrawn.
        """
        with self._sessions.begin() as session:
            row = session.get(LegalEffectEvent, event_id)
            if row is None:
                raise NotFoundError("Sự kiện hiệu lực này không còn trong sổ.")
            pending = session.scalars(
                select(LegalReview).where(
                    LegalReview.trigger_event_id == event_id, LegalReview.reviewed_on.is_(None)
                )
            ).all()
            for review in pending:
                session.delete(review)
            session.delete(row)
            return len(pending)

    def _event(self, event_id: int) -> EventRow:
        with self._sessions() as session:
            row = session.get(LegalEffectEvent, event_id)
            if row is None:
                raise NotFoundError("Sự kiện hiệu lực này không còn trong sổ.")
            return event_row(row, doc_labels(session))
