"""Loading register rows into dataclasses, and applying a draft to an ORM row."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import LegalDocument, LegalEffectEvent, LegalReview, legal_bases
from services.errors import NotFoundError
from services.legal import vocab
from services.legal.dto import (
    DocumentDraft,
    DocumentRow,
    EventRow,
    document_label,
)
from services.legal.effect import split_articles
from services.office.organisation import read_profile
from services.text import nfc, search_key


def get(session: Session, document_id: int) -> LegalDocument:
    row = session.get(LegalDocument, document_id)
    if row is None:
        raise NotFoundError("Văn bản này không còn trong sổ.")
    return row


def apply(session: Session, row: LegalDocument, draft: DocumentDraft) -> None:
    row.doc_type = nfc(draft.doc_type)
    row.number_symbol = nfc(draft.number_symbol)
    row.issued_on = draft.issued_on  # type: ignore[assignment]  # validated
    row.effective_on = draft.effective_on
    row.issuer = draft.issuer
    row.issuer_name = nfc(draft.issuer_name) or (
        vocab.issuer_labels(read_profile(session).level)[draft.issuer] if not draft.external else ""
    )
    row.summary = nfc(draft.summary)
    row.field = nfc(draft.field)
    row.external = draft.external
    row.original_unit = nfc(draft.original_unit)
    row.signer = nfc(draft.signer)
    row.notes = nfc(draft.notes)
    row.bases = [session.get(LegalDocument, i) for i in dict.fromkeys(draft.basis_ids)]  # type: ignore[misc]
    row.search_key = search_key(
        row.doc_type, row.number_symbol, row.summary, row.field, row.issuer_name, row.original_unit
    )


def doc_labels(session: Session) -> dict[int | None, str]:
    return {
        r.id: document_label(r.doc_type, r.number_symbol)
        for r in session.execute(
            select(LegalDocument.id, LegalDocument.doc_type, LegalDocument.number_symbol)
        )
    }


def events_by_document(session: Session, ids: set[int] | None) -> dict[int, list[LegalEffectEvent]]:
    stmt = select(LegalEffectEvent).order_by(LegalEffectEvent.from_date, LegalEffectEvent.id)
    if ids is not None:
        stmt = stmt.where(LegalEffectEvent.document_id.in_(ids))
    grouped: dict[int, list[LegalEffectEvent]] = defaultdict(list)
    for e in session.scalars(stmt):
        grouped[e.document_id].append(e)
    return grouped


def event_row(e: LegalEffectEvent, labels: dict[int | None, str]) -> EventRow:
    return EventRow(
        id=e.id or 0,
        document_id=e.document_id,
        kind=e.kind,
        scope=e.scope,
        articles=split_articles(e.articles),
        from_date=e.from_date,
        by_document_id=e.by_document_id,
        by_label=labels.get(e.by_document_id, "") if e.by_document_id else e.by_text,
        reason=e.reason,
        published_year=e.published_year,
    )


def load_rows(
    session: Session, *, ids: set[int] | None = None, include_external: bool = True
) -> list[DocumentRow]:
    stmt = select(LegalDocument).order_by(LegalDocument.issued_on.desc(), LegalDocument.id.desc())
    if ids is not None:
        stmt = stmt.where(LegalDocument.id.in_(ids))
    if not include_external:
        stmt = stmt.where(LegalDocument.external.is_(False))
    docs = session.scalars(stmt).all()
    labels = doc_labels(session)
    bases: dict[int, list[int]] = defaultdict(list)
    for doc_id, basis_id in session.execute(
        select(legal_bases.c.document_id, legal_bases.c.basis_id)
    ):
        bases[doc_id].append(basis_id)
    events = events_by_document(session, ids)
    open_counts = dict(
        session.execute(
            select(LegalReview.document_id, func.count())
            .where(LegalReview.reviewed_on.is_(None))
            .group_by(LegalReview.document_id)
        ).all()
    )
    last_reviewed = dict(
        session.execute(
            select(LegalReview.document_id, func.max(LegalReview.reviewed_on))
            .where(LegalReview.reviewed_on.is_not(None))
            .group_by(LegalReview.document_id)
        ).all()
    )
    return [
        DocumentRow(
            id=d.id,
            doc_type=d.doc_type,
            number_symbol=d.number_symbol,
            issued_on=d.issued_on,
            effective_on=d.effective_on,
            issuer=d.issuer,
            issuer_name=d.issuer_name,
            summary=d.summary,
            field=d.field,
            external=d.external,
            original_unit=d.original_unit,
            signer=d.signer,
            notes=d.notes,
            basis_ids=tuple(sorted(bases.get(d.id, []))),
            basis_labels=tuple(labels[b] for b in sorted(bases.get(d.id, []))),
            events=tuple(event_row(e, labels) for e in events.get(d.id, [])),
            open_reviews=open_counts.get(d.id, 0),
            search_key=d.search_key,
            version=d.version,
            last_reviewed_on=last_reviewed.get(d.id),
        )
        for d in docs
    ]
