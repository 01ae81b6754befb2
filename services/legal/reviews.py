"""Reviews (rà soát) of ward documents, their handling, and unlawful-document cases.

A review is opened by a trigger (usually automatically, see ``register._flag_reviews``) and
stays open until the reviewer records the date, the outcome and the proposed handling; the
handling is then followed to the document that carried it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import LegalDocument, LegalReview, LegalReviewFinding, LegalUnlawfulCase
from services.errors import NotFoundError, Problem, ValidationError
from services.legal import vocab
from services.legal.dto import FindingDraft, ReviewRow, document_label
from services.legal.register import LegalRegisterService
from services.legal.review_form import ReviewForm, review_form
from services.legal.unlawful import UnlawfulDraft, UnlawfulRow, unlawful_row
from services.office.organisation import read_profile
from services.text import format_date, nfc


@dataclass(frozen=True)
class ReviewResult:
    """What the reviewer records to close a review."""

    reviewed_on: date | None
    reviewer: str
    finding: str
    scope: str = "whole"
    findings: tuple[FindingDraft, ...] = ()
    handling: str = ""
    handling_content: str = ""
    handling_deadline: date | None = None
    lead_unit: str = ""
    notes: str = ""


def validate_result(result: ReviewResult, flagged_on: date) -> list[Problem]:
    problems: list[Problem] = []
    if result.reviewed_on is None:
        problems.append(Problem("Ngày rà soát", "không được để trống."))
    elif result.reviewed_on < flagged_on:
        problems.append(
            Problem(
                "Ngày rà soát", f"trước ngày phát sinh yêu cầu rà soát {format_date(flagged_on)}."
            )
        )
    if not nfc(result.reviewer):
        problems.append(Problem("Người rà soát", "không được để trống."))
    if result.finding not in vocab.FINDINGS:
        problems.append(Problem("Kết quả rà soát", "hãy chọn một kết quả."))
    if result.scope not in vocab.SCOPES:
        problems.append(Problem("Phạm vi", f"“{result.scope}” không hợp lệ."))
    if result.finding and result.finding != "PHU_HOP" and result.handling not in vocab.HANDLINGS:
        problems.append(Problem("Kiến nghị xử lý", "hãy chọn hình thức xử lý."))
    if result.finding == "PHU_HOP" and result.handling in vocab.ACTION_HANDLINGS:
        problems.append(
            Problem(
                "Kiến nghị xử lý",
                f"kết quả “{vocab.FINDINGS['PHU_HOP']}” không đi cùng kiến nghị "
                f"“{vocab.HANDLINGS[result.handling]}”: chọn “{vocab.HANDLINGS['KHONG_XU_LY']}” "
                "hoặc sửa kết quả rà soát.",
            )
        )
    if result.handling and result.handling not in vocab.HANDLINGS:
        problems.append(Problem("Kiến nghị xử lý", f"“{result.handling}” không hợp lệ."))
    if result.scope == "part" and not any(nfc(f.article) for f in result.findings):
        problems.append(
            Problem("Nội dung rà soát", "rà soát một phần phải ghi ít nhất một điều, khoản.")
        )
    for number, row in enumerate(result.findings, start=1):
        where = f"Nội dung rà soát, dòng {number}"
        if not nfc(row.article):
            problems.append(Problem(where, "chưa ghi điều, khoản."))
        if row.finding not in vocab.FINDINGS:
            problems.append(Problem(where, "chưa chọn ý kiến rà soát."))
        if row.proposal and row.proposal not in vocab.HANDLINGS:
            problems.append(Problem(where, f"kiến nghị “{row.proposal}” không hợp lệ."))
    if (
        result.handling_deadline
        and result.reviewed_on
        and result.handling_deadline < result.reviewed_on
    ):
        problems.append(Problem("Thời hạn xử lý", "trước ngày rà soát."))
    return problems


class LegalReviewService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def reviews(
        self, *, document_id: int | None = None, open_only: bool = False
    ) -> list[ReviewRow]:
        with self._sessions() as session:
            stmt = select(LegalReview).order_by(LegalReview.flagged_on.desc(), LegalReview.id)
            if document_id is not None:
                stmt = stmt.where(LegalReview.document_id == document_id)
            if open_only:
                stmt = stmt.where(LegalReview.reviewed_on.is_(None))
            labels = _labels(session)
            return [_review_row(r, labels) for r in session.scalars(stmt)]

    def review(self, review_id: int) -> ReviewRow:
        with self._sessions() as session:
            row = session.get(LegalReview, review_id)
            if row is None:
                raise NotFoundError("Phiếu rà soát này không còn trong dữ liệu.")
            return _review_row(row, _labels(session))

    def open_review(
        self,
        document_id: int,
        *,
        trigger_type: str,
        trigger_text: str,
        flagged_on: date,
        mode: str = "THUONG_XUYEN",
        trigger_document_id: int | None = None,
        survey_id: int | None = None,
    ) -> ReviewRow:
        """Open a review by hand (a topic review, the socio-economic situation, a survey)."""
        problems = []
        if trigger_type not in vocab.TRIGGER_TYPES:
            problems.append(Problem("Căn cứ rà soát", "hãy chọn loại căn cứ."))
        if mode not in vocab.REVIEW_MODES:
            problems.append(Problem("Hình thức rà soát", f"“{mode}” không hợp lệ."))
        if not nfc(trigger_text) and trigger_document_id is None:
            problems.append(Problem("Căn cứ rà soát", "hãy ghi nội dung căn cứ rà soát."))
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            doc = session.get(LegalDocument, document_id)
            if doc is None:
                raise NotFoundError("Văn bản này không còn trong sổ.")
            if doc.external:
                raise ValidationError(
                    [
                        Problem(
                            "Văn bản",
                            f"chỉ rà soát văn bản của HĐND, UBND {read_profile(session).level}.",
                        )
                    ]
                )
            row = LegalReview(
                document_id=document_id,
                mode=mode,
                trigger_type=trigger_type,
                trigger_text=nfc(trigger_text),
                trigger_document_id=trigger_document_id,
                flagged_on=flagged_on,
                survey_id=survey_id,
            )
            session.add(row)
            session.flush()
            review_id = row.id
        return self.review(review_id)

    def record_result(self, review_id: int, result: ReviewResult) -> ReviewRow:
        """Close a review with its outcome, findings per article and proposed handling."""
        with self._sessions.begin() as session:
            row = session.get(LegalReview, review_id)
            if row is None:
                raise NotFoundError("Phiếu rà soát này không còn trong dữ liệu.")
            problems = validate_result(result, row.flagged_on)
            if problems:
                raise ValidationError(problems)
            row.reviewed_on = result.reviewed_on
            row.reviewer = nfc(result.reviewer)
            row.finding = result.finding
            row.scope = result.scope
            # Only "nothing to do" is filled in here; an action is the reviewer's to choose
            # (the dialog proposes vocab.DEFAULT_HANDLING), as it puts the text on list (d).
            row.handling = result.handling or ("KHONG_XU_LY" if result.finding == "PHU_HOP" else "")
            row.handling_content = nfc(result.handling_content)
            row.handling_deadline = result.handling_deadline
            row.handling_status = (
                "pending" if row.handling in vocab.ACTION_HANDLINGS else "not_needed"
            )
            row.lead_unit = nfc(result.lead_unit)
            row.notes = nfc(result.notes)
            row.findings = [
                LegalReviewFinding(
                    position=i,
                    article=nfc(f.article),
                    basis_content=nfc(f.basis_content),
                    finding=f.finding,
                    proposal=f.proposal,
                    note=nfc(f.note),
                )
                for i, f in enumerate(result.findings, start=1)
            ]
        return self.review(review_id)

    def update_handling(
        self, review_id: int, status: str, *, handling_document_id: int | None = None
    ) -> ReviewRow:
        """Follow the handling: in progress, then done by a document of the register."""
        with self._sessions.begin() as session:
            row = session.get(LegalReview, review_id)
            if row is None:
                raise NotFoundError("Phiếu rà soát này không còn trong dữ liệu.")
            problems = []
            if status not in vocab.HANDLING_STATUSES:
                problems.append(Problem("Tình hình xử lý", f"“{status}” không hợp lệ."))
            if row.reviewed_on is None:
                problems.append(Problem("Tình hình xử lý", "văn bản chưa được rà soát."))
            if (
                status == "done"
                and row.handling in vocab.ACTION_HANDLINGS
                and not handling_document_id
            ):
                problems.append(Problem("Văn bản xử lý", "hãy chọn văn bản đã xử lý."))
            if handling_document_id and session.get(LegalDocument, handling_document_id) is None:
                problems.append(Problem("Văn bản xử lý", "không còn trong sổ."))
            if problems:
                raise ValidationError(problems)
            row.handling_status = status
            row.handling_document_id = handling_document_id
        return self.review(review_id)

    def form(self, review_id: int, *, body: str = "") -> ReviewForm:
        """The review as the Phiếu rà soát (plain rows a renderer prints)."""
        review = self.review(review_id)
        document = LegalRegisterService(self._sessions).document(review.document_id)
        return review_form(review, document, body=body)

    # ----- unlawful documents -------------------------------------------------------------
    def add_unlawful(self, draft: UnlawfulDraft) -> UnlawfulRow:
        problems = []
        if not nfc(draft.authority):
            problems.append(Problem("Cơ quan kết luận", "không được để trống."))
        if draft.found_on is None:
            problems.append(Problem("Ngày kết luận", "không được để trống."))
        if not nfc(draft.content):
            problems.append(Problem("Nội dung trái pháp luật", "không được để trống."))
        if draft.found_on and draft.deadline and draft.deadline < draft.found_on:
            problems.append(Problem("Thời hạn xử lý", "trước ngày kết luận."))
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            if session.get(LegalDocument, draft.document_id) is None:
                raise NotFoundError("Văn bản này không còn trong sổ.")
            row = LegalUnlawfulCase(
                document_id=draft.document_id,
                authority=nfc(draft.authority),
                conclusion_ref=nfc(draft.conclusion_ref),
                found_on=draft.found_on,
                content=nfc(draft.content),
                deadline=draft.deadline,
            )
            session.add(row)
            session.flush()
            return unlawful_row(row, _labels(session))

    def mark_fixed(
        self, case_id: int, fixed_on: date, fixed_by_document_id: int | None, note: str = ""
    ) -> UnlawfulRow:
        with self._sessions.begin() as session:
            row = session.get(LegalUnlawfulCase, case_id)
            if row is None:
                raise NotFoundError("Hồ sơ này không còn trong dữ liệu.")
            if fixed_on < row.found_on:
                raise ValidationError([Problem("Ngày xử lý", "trước ngày kết luận.")])
            row.fixed_on = fixed_on
            row.fixed_by_document_id = fixed_by_document_id
            row.fixed_note = nfc(note)
            session.flush()
            return unlawful_row(row, _labels(session))

    def unlawful_cases(self, *, open_only: bool = False) -> list[UnlawfulRow]:
        with self._sessions() as session:
            stmt = select(LegalUnlawfulCase).order_by(LegalUnlawfulCase.deadline)
            if open_only:
                stmt = stmt.where(LegalUnlawfulCase.fixed_on.is_(None))
            labels = _labels(session)
            return [unlawful_row(r, labels) for r in session.scalars(stmt)]


def _labels(session: Session) -> dict[int | None, str]:
    return {
        r.id: document_label(r.doc_type, r.number_symbol)
        for r in session.execute(
            select(LegalDocument.id, LegalDocument.doc_type, LegalDocument.number_symbol)
        )
    }


def _review_row(r: LegalReview, labels: dict[int | None, str]) -> ReviewRow:
    return ReviewRow(
        id=r.id,
        document_id=r.document_id,
        document_label=labels.get(r.document_id, ""),
        mode=r.mode,
        trigger_type=r.trigger_type,
        trigger_document_id=r.trigger_document_id,
        trigger_label=labels.get(r.trigger_document_id, "") if r.trigger_document_id else "",
        trigger_text=r.trigger_text,
        flagged_on=r.flagged_on,
        reviewed_on=r.reviewed_on,
        reviewer=r.reviewer,
        finding=r.finding,
        scope=r.scope,
        findings=tuple(
            FindingDraft(f.article, f.finding, f.basis_content, f.proposal, f.note)
            for f in r.findings
        ),
        handling=r.handling,
        handling_content=r.handling_content,
        handling_deadline=r.handling_deadline,
        handling_status=r.handling_status,
        handling_document_id=r.handling_document_id,
        handling_document_label=labels.get(r.handling_document_id, "")
        if r.handling_document_id
        else "",
        lead_unit=r.lead_unit,
        notes=r.notes,
        survey_id=r.survey_id,
        version=r.version,
    )


__all__ = ["FindingDraft", "ReviewRow"]
