"""The register service: documents, their căn cứ links and effect history.

Recording an effect event is also where review duties arise (NĐ 79/2025 Đ39): the changed
ward document itself and every ward document issued on its basis get an open review, in the
same transaction, so no change is recorded without its review duty.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import LegalDocument, LegalEffectEvent, LegalReview, legal_bases
from services.errors import NotFoundError, Problem, ValidationError
from services.legal import vocab
from services.legal.dto import (
    DocumentDraft,
    DocumentRow,
    EventDraft,
    EventOutcome,
    EventRow,
    document_label,
)
from services.legal.effect import effect_as_of, split_articles
from services.text import format_date, nfc, search_key

_SYMBOL = re.compile(r"^\d+[a-zA-Z]?/(\d{4})/\S+$")
NEED_BY = {"replaced", "repealed", "suspended"}


def validate_document(
    draft: DocumentDraft, known: dict[int, tuple[str, date]], *, self_id: int | None = None
) -> list[Problem]:
    """Every problem of a document draft; ``known`` maps ids to (label, issue date)."""
    problems: list[Problem] = []
    if not nfc(draft.doc_type):
        problems.append(Problem("Loại văn bản", "không được để trống."))
    symbol = nfc(draft.number_symbol)
    match = _SYMBOL.match(symbol)
    if not symbol:
        problems.append(Problem("Số, ký hiệu", "không được để trống."))
    elif not match:
        problems.append(
            Problem(
                "Số, ký hiệu", f"“{symbol}” phải có dạng số/năm/ký hiệu, ví dụ 05/2024/QĐ-UBND."
            )
        )
    if draft.issued_on is None:
        problems.append(Problem("Ngày ban hành", "không được để trống."))
    elif match and int(match.group(1)) != draft.issued_on.year:
        problems.append(
            Problem(
                "Số, ký hiệu",
                f"năm trong số, ký hiệu ({match.group(1)}) khác năm ban hành "
                f"({draft.issued_on.year}).",
            )
        )
    if draft.issued_on and draft.effective_on and draft.effective_on < draft.issued_on:
        problems.append(
            Problem(
                "Ngày có hiệu lực",
                f"{format_date(draft.effective_on)} trước ngày ban hành "
                f"{format_date(draft.issued_on)}.",
            )
        )
    if draft.issuer not in vocab.ISSUERS:
        problems.append(Problem("Cơ quan ban hành", f"“{draft.issuer}” không hợp lệ."))
    allowed = vocab.WARD_TYPE_BY_ISSUER.get(draft.issuer)
    if allowed and nfc(draft.doc_type) and nfc(draft.doc_type) not in allowed:
        problems.append(
            Problem(
                "Loại văn bản",
                f"{vocab.ISSUERS[draft.issuer]} ban hành {' hoặc '.join(allowed)}, "
                f"không ban hành {nfc(draft.doc_type)}.",
            )
        )
    if not nfc(draft.summary):
        problems.append(Problem("Trích yếu", "không được để trống."))
    for basis in draft.basis_ids:
        if basis == self_id:
            problems.append(Problem("Căn cứ", "văn bản không thể là căn cứ của chính nó."))
        elif basis not in known:
            problems.append(Problem("Căn cứ", "có văn bản căn cứ không còn trong sổ."))
        elif draft.issued_on and known[basis][1] > draft.issued_on:
            label, issued = known[basis]
            problems.append(
                Problem(
                    "Căn cứ",
                    f"{label} ban hành ngày {format_date(issued)}, sau văn bản này; "
                    "không thể là căn cứ ban hành.",
                )
            )
    return problems


class LegalRegisterService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    # ----- reading -----------------------------------------------------------------------
    def documents(self, *, include_external: bool = True) -> list[DocumentRow]:
        """Every document of the register, with its căn cứ and history, newest first."""
        with self._sessions() as session:
            return _load_rows(session, include_external=include_external)

    def document(self, document_id: int) -> DocumentRow:
        with self._sessions() as session:
            rows = _load_rows(session, ids={document_id})
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
            return _load_rows(session, ids=ids) if ids else []

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
            return _load_rows(session, ids=ids) if ids else []

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
            _apply(session, row, draft)
            session.flush()
            new_id = row.id
        return self.document(new_id)

    def update_document(
        self, document_id: int, draft: DocumentDraft, *, expected_version: int | None = None
    ) -> DocumentRow:
        with self._sessions.begin() as session:
            row = _get(session, document_id)
            if expected_version is not None and row.version != expected_version:
                from services.errors import ConflictError

                raise ConflictError("Văn bản đã được người khác sửa; hãy tải lại trước khi lưu.")
            self._check(session, draft, document_id)
            _apply(session, row, draft)
        return self.document(document_id)

    def delete_document(self, document_id: int) -> None:
        with self._sessions.begin() as session:
            row = _get(session, document_id)
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
        problems = validate_document(draft, known, self_id=self_id)
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

    # ----- effect events -----------------------------------------------------------------
    def record_event(self, draft: EventDraft, *, today: date | None = None) -> EventOutcome:
        """Record an expiry, suspension, restoration or amendment and flag the reviews due."""
        today = today or date.today()
        with self._sessions.begin() as session:
            doc = _get(session, draft.document_id)
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
            flagged = _flag_reviews(session, doc, event, by_doc, today)
            event_id = event.id
        return EventOutcome(
            event=self._event(event_id),
            flagged=tuple(self.document(i) for i in flagged),
        )

    def delete_event(self, event_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(LegalEffectEvent, event_id)
            if row is None:
                raise NotFoundError("Sự kiện hiệu lực này không còn trong sổ.")
            session.delete(row)

    def _event(self, event_id: int) -> EventRow:
        with self._sessions() as session:
            row = session.get(LegalEffectEvent, event_id)
            if row is None:
                raise NotFoundError("Sự kiện hiệu lực này không còn trong sổ.")
            labels = _labels(session)
            return _event_row(row, labels)


def validate_event(
    draft: EventDraft, doc: LegalDocument, history: list[LegalEffectEvent]
) -> list[Problem]:
    problems: list[Problem] = []
    if draft.kind not in vocab.EVENT_KINDS:
        problems.append(Problem("Loại sự kiện", f"“{draft.kind}” không hợp lệ."))
    if draft.scope not in vocab.SCOPES:
        problems.append(Problem("Phạm vi", f"“{draft.scope}” không hợp lệ."))
    if draft.scope == "part" and not split_articles(draft.articles):
        problems.append(Problem("Điều, khoản", "phải ghi các điều, khoản khi chỉ một phần."))
    if draft.kind in NEED_BY and not draft.by_document_id and not nfc(draft.by_text):
        problems.append(
            Problem("Văn bản tác động", "phải ghi văn bản thay thế, bãi bỏ, tạm ngưng.")
        )
    if draft.by_document_id == doc.id:
        problems.append(Problem("Văn bản tác động", "không thể là chính văn bản này."))
    if draft.from_date is None:
        problems.append(Problem("Từ ngày", "không được để trống."))
        return problems
    if draft.from_date < doc.issued_on:
        problems.append(
            Problem("Từ ngày", f"trước ngày ban hành văn bản ({format_date(doc.issued_on)}).")
        )
    events = [_event_row(e, {}).as_effect_event() for e in history]
    before = effect_as_of(doc.effective_on, events, draft.from_date)
    if before.status == vocab.HET_HIEU_LUC_TOAN_BO and before.cause is not None:
        problems.append(
            Problem(
                "Từ ngày",
                f"văn bản đã hết hiệu lực toàn bộ từ {format_date(before.cause.from_date)}.",
            )
        )
    if draft.kind == "restored" and not (
        before.status == vocab.TAM_NGUNG_TOAN_BO or before.suspended_articles
    ):
        problems.append(
            Problem(
                "Loại sự kiện", f"ngày {format_date(draft.from_date)} văn bản không bị tạm ngưng."
            )
        )
    elif (
        draft.kind == "restored"
        and draft.scope == "part"
        and before.status == vocab.TAM_NGUNG_TOAN_BO
    ):
        problems.append(
            Problem("Phạm vi", "văn bản đang tạm ngưng toàn bộ; chỉ có thể cho tiếp tục toàn bộ.")
        )
    return problems


def _flag_reviews(
    session: Session,
    doc: LegalDocument,
    event: LegalEffectEvent,
    by_doc: LegalDocument | None,
    today: date,
) -> list[int]:
    """Open a review for the changed ward document and for every ward document based on it."""
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
    all_events = _events_by_document(session, {d.id for d in dependents})
    for dep in dependents:
        history = [_event_row(e, {}).as_effect_event() for e in all_events.get(dep.id, [])]
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
    row = _event_row(event, {event.by_document_id: by_label} if by_doc else {})
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
                flagged_on=today,
            )
        )
    return [t.id for t in targets]


def _get(session: Session, document_id: int) -> LegalDocument:
    row = session.get(LegalDocument, document_id)
    if row is None:
        raise NotFoundError("Văn bản này không còn trong sổ.")
    return row


def _apply(session: Session, row: LegalDocument, draft: DocumentDraft) -> None:
    row.doc_type = nfc(draft.doc_type)
    row.number_symbol = nfc(draft.number_symbol)
    row.issued_on = draft.issued_on  # type: ignore[assignment]  # validated
    row.effective_on = draft.effective_on
    row.issuer = draft.issuer
    row.issuer_name = nfc(draft.issuer_name) or (
        vocab.ISSUERS[draft.issuer] if not draft.external else ""
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


def _labels(session: Session) -> dict[int | None, str]:
    return {
        r.id: document_label(r.doc_type, r.number_symbol)
        for r in session.execute(
            select(LegalDocument.id, LegalDocument.doc_type, LegalDocument.number_symbol)
        )
    }


def _events_by_document(
    session: Session, ids: set[int] | None
) -> dict[int, list[LegalEffectEvent]]:
    stmt = select(LegalEffectEvent).order_by(LegalEffectEvent.from_date, LegalEffectEvent.id)
    if ids is not None:
        stmt = stmt.where(LegalEffectEvent.document_id.in_(ids))
    grouped: dict[int, list[LegalEffectEvent]] = defaultdict(list)
    for e in session.scalars(stmt):
        grouped[e.document_id].append(e)
    return grouped


def _event_row(e: LegalEffectEvent, labels: dict[int | None, str]) -> EventRow:
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


def _load_rows(
    session: Session, *, ids: set[int] | None = None, include_external: bool = True
) -> list[DocumentRow]:
    stmt = select(LegalDocument).order_by(LegalDocument.issued_on.desc(), LegalDocument.id.desc())
    if ids is not None:
        stmt = stmt.where(LegalDocument.id.in_(ids))
    if not include_external:
        stmt = stmt.where(LegalDocument.external.is_(False))
    docs = session.scalars(stmt).all()
    labels = _labels(session)
    bases: dict[int, list[int]] = defaultdict(list)
    for doc_id, basis_id in session.execute(
        select(legal_bases.c.document_id, legal_bases.c.basis_id)
    ):
        bases[doc_id].append(basis_id)
    events = _events_by_document(session, ids)
    open_counts = dict(
        session.execute(
            select(LegalReview.document_id, func.count())
            .where(LegalReview.reviewed_on.is_(None))
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
            events=tuple(_event_row(e, labels) for e in events.get(d.id, [])),
            open_reviews=open_counts.get(d.id, 0),
            search_key=d.search_key,
            version=d.version,
        )
        for d in docs
    ]
