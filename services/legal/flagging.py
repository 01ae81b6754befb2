"""Review duties that arise when a document's effect changes (NĐ 79/2025 Đ39).

The changed ward document itself and every ward document issued on its basis get an open
review, in the transaction that records the change.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import LegalDocument, LegalEffectEvent, LegalReview, legal_bases
from services.legal import vocab
from services.legal.dto import (
    document_label,
)
from services.legal.effect import effect_as_of
from services.legal.rows import event_row, events_by_document
from services.text import format_date


def flag_reviews(
    session: Session,
    doc: LegalDocument,
    event: LegalEffectEvent,
    by_doc: LegalDocument | None,
    today: date,
) -> list[int]:
    """Open a review for the changed ward document and for every ward document based on it.

    The duty dates from the day the change takes effect (``event.from_date``), not from the
    day the clerk typed it: a change keyed in weeks late must not look freshly raised, and
    the review's deadline counts from when the law changed."""
    targets: list[LegalDocument] = []
    ends_whole = event.kind in vocab.EXPIRING_KINDS and event.scope == "whole"
    if not doc.external and event.kind != "restored" and not ends_whole:
        # A document ended in whole has nothing left to review: it goes on the lists as is.
        targets.append(doc)
    dependents = session.scalars(
        select(LegalDocument)
        .join(legal_bases, legal_bases.c.document_id == LegalDocument.id)
        .where(legal_bases.c.basis_id == doc.id, LegalDocument.external.is_(False))
        .order_by(LegalDocument.issued_on, LegalDocument.id)
    ).all()
    all_events = events_by_document(session, {d.id for d in dependents})
    for dep in dependents:
        history = [event_row(e, {}).as_effect_event() for e in all_events.get(dep.id, [])]
        still = effect_as_of(dep.effective_on, history, event.from_date - timedelta(days=1))
        if still.status != vocab.HET_HIEU_LUC_TOAN_BO and dep.id != event.by_document_id:
            targets.append(dep)
    if doc.external:
        trigger_type = "VBQPPL_HIEU_LUC_CAO_HON"
    else:
        trigger_type = "VBQPPL_CUNG_CO_QUAN_BAN_HANH"
    if event.kind == "announced":
        trigger_type = "VAN_BAN_CONG_BO_HET_HIEU_LUC"
    by_label = document_label(by_doc.doc_type, by_doc.number_symbol) if by_doc else event.by_text
    row = event_row(event, {event.by_document_id: by_label} if by_doc else {})
    text = (
        f"{document_label(doc.doc_type, doc.number_symbol)}: {row.describe()}, "
        f"từ ngày {format_date(event.from_date)}."
    )
    for target in targets:
        session.add(
            LegalReview(
                document_id=target.id,
                mode="THUONG_XUYEN",
                trigger_type=trigger_type,
                trigger_event_id=event.id,
                trigger_document_id=event.by_document_id if target.id == doc.id else doc.id,
                trigger_text=text,
                flagged_on=event.from_date or today,
            )
        )
    return [t.id for t in targets]
