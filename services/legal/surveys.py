"""Opinion surveys on the ward's documents, and the reviews they prompt.

The plan asks the ward to survey people on its documents; an opinion that a document no
longer fits is a review trigger ("tình hình KT-XH", NĐ 34 practice), so a survey can open
reviews that keep a link back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import LegalDocument, LegalReview, LegalSurvey, LegalSurveyDocument
from services.errors import NotFoundError, Problem, ValidationError
from services.legal.dto import document_label
from services.text import format_date, nfc


@dataclass(frozen=True)
class SurveyDocument:
    document_id: int
    responses: int = 0
    opinions: str = ""
    label: str = ""


@dataclass(frozen=True)
class SurveyDraft:
    title: str
    started_on: date | None
    ended_on: date | None = None
    method: str = ""
    responses: int = 0
    summary: str = ""
    documents: tuple[SurveyDocument, ...] = ()


@dataclass(frozen=True)
class SurveyRow:
    id: int
    title: str
    started_on: date
    ended_on: date | None
    method: str
    responses: int
    summary: str
    documents: tuple[SurveyDocument, ...]
    review_ids: tuple[int, ...]
    reviewed_document_ids: tuple[int, ...]


def validate_survey(draft: SurveyDraft, ward_ids: set[int]) -> list[Problem]:
    problems = []
    if not nfc(draft.title):
        problems.append(Problem("Tên đợt khảo sát", "không được để trống."))
    if draft.started_on is None:
        problems.append(Problem("Ngày bắt đầu", "không được để trống."))
    elif draft.ended_on and draft.ended_on < draft.started_on:
        problems.append(Problem("Ngày kết thúc", "trước ngày bắt đầu."))
    if draft.responses < 0:
        problems.append(Problem("Số phiếu", "không được âm."))
    seen: set[int] = set()
    for number, doc in enumerate(draft.documents, start=1):
        where = f"Văn bản khảo sát, dòng {number}"
        if doc.document_id not in ward_ids:
            problems.append(Problem(where, "không phải văn bản của HĐND, UBND trong sổ."))
        elif doc.document_id in seen:
            problems.append(Problem(where, "văn bản bị ghi hai lần."))
        seen.add(doc.document_id)
        if doc.responses < 0:
            problems.append(Problem(where, "số ý kiến không được âm."))
        if draft.responses and doc.responses > draft.responses:
            problems.append(Problem(where, f"số ý kiến lớn hơn số phiếu ({draft.responses})."))
    return problems


class SurveyService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def surveys(self) -> list[SurveyRow]:
        with self._sessions() as session:
            rows = session.scalars(
                select(LegalSurvey).order_by(LegalSurvey.started_on.desc(), LegalSurvey.id)
            )
            return [_row(session, s) for s in rows]

    def survey(self, survey_id: int) -> SurveyRow:
        with self._sessions() as session:
            return _row(session, _get(session, survey_id))

    def save_survey(self, draft: SurveyDraft, survey_id: int | None = None) -> SurveyRow:
        """Create (``survey_id`` None) or replace a survey round with its documents."""
        with self._sessions.begin() as session:
            ward = set(
                session.scalars(select(LegalDocument.id).where(LegalDocument.external.is_(False)))
            )
            problems = validate_survey(draft, ward)
            if problems:
                raise ValidationError(problems)
            row = _get(session, survey_id) if survey_id else LegalSurvey()
            row.title = nfc(draft.title)
            row.started_on = draft.started_on  # type: ignore[assignment]  # validated
            row.ended_on = draft.ended_on
            row.method = nfc(draft.method)
            row.responses = draft.responses
            row.summary = nfc(draft.summary)
            session.add(row)
            session.flush()
            for old in session.scalars(
                select(LegalSurveyDocument).where(LegalSurveyDocument.survey_id == row.id)
            ):
                session.delete(old)
            session.flush()
            for doc in draft.documents:
                session.add(
                    LegalSurveyDocument(
                        survey_id=row.id,
                        document_id=doc.document_id,
                        responses=doc.responses,
                        opinions=nfc(doc.opinions),
                    )
                )
            new_id = row.id
        return self.survey(new_id)

    def open_reviews(
        self, survey_id: int, document_ids: tuple[int, ...], *, today: date | None = None
    ) -> SurveyRow:
        """Open a review of each chosen document, citing the survey's opinions as the trigger."""
        today = today or date.today()
        with self._sessions.begin() as session:
            survey = _get(session, survey_id)
            covered = {
                d.document_id: d
                for d in session.scalars(
                    select(LegalSurveyDocument).where(LegalSurveyDocument.survey_id == survey_id)
                )
            }
            missing = [i for i in document_ids if i not in covered]
            if missing or not document_ids:
                raise ValidationError(
                    [Problem("Văn bản", "hãy chọn văn bản thuộc đợt khảo sát này.")]
                )
            for doc_id in document_ids:
                opinions = covered[doc_id].opinions or survey.summary
                session.add(
                    LegalReview(
                        document_id=doc_id,
                        mode="THEO_CHUYEN_DE",
                        trigger_type="Y_KIEN_NHAN_DAN",
                        trigger_text=f"Khảo sát “{survey.title}” ({format_date(survey.started_on)}): "
                        f"{covered[doc_id].responses} ý kiến. {opinions}".strip(),
                        flagged_on=today,
                        survey_id=survey_id,
                    )
                )
        return self.survey(survey_id)


def _get(session: Session, survey_id: int) -> LegalSurvey:
    row = session.get(LegalSurvey, survey_id)
    if row is None:
        raise NotFoundError("Đợt khảo sát này không còn trong dữ liệu.")
    return row


def _row(session: Session, s: LegalSurvey) -> SurveyRow:
    docs = session.execute(
        select(LegalSurveyDocument, LegalDocument.doc_type, LegalDocument.number_symbol)
        .join(LegalDocument, LegalDocument.id == LegalSurveyDocument.document_id)
        .where(LegalSurveyDocument.survey_id == s.id)
        .order_by(LegalDocument.issued_on)
    ).all()
    reviews = session.execute(
        select(LegalReview.id, LegalReview.document_id).where(LegalReview.survey_id == s.id)
    ).all()
    return SurveyRow(
        id=s.id,
        title=s.title,
        started_on=s.started_on,
        ended_on=s.ended_on,
        method=s.method,
        responses=s.responses,
        summary=s.summary,
        documents=tuple(
            SurveyDocument(d.document_id, d.responses, d.opinions, document_label(t, n))
            for d, t, n in docs
        ),
        review_ids=tuple(r.id for r in reviews),
        reviewed_document_ids=tuple(sorted({r.document_id for r in reviews})),
    )
