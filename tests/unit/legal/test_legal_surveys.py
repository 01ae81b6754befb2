"""Opinion surveys on ward documents, and the reviews they open."""

from __future__ import annotations

from datetime import date

import pytest

from services.errors import ValidationError
from services.legal.surveys import SurveyDocument, SurveyDraft


def _draft(register, **changes):
    values = dict(
        title="Lấy ý kiến người dân về văn bản của phường năm 2025",
        started_on=date(2025, 9, 1),
        ended_on=date(2025, 9, 30),
        method="Phiếu khảo sát tại 12 tổ dân phố",
        responses=240,
        summary="Đa số ý kiến đề nghị nâng mức hỗ trợ tổ dân phố.",
        documents=(
            SurveyDocument(register.nq_02.id, 180, "Mức hỗ trợ 2021 không còn phù hợp giá cả."),
            SurveyDocument(register.qd_05.id, 60, ""),
        ),
    )
    values.update(changes)
    return SurveyDraft(**values)


def test_survey_round_opens_reviews_linked_back_to_it(empty_services, register):
    surveys, reviews = empty_services.legal_surveys, empty_services.legal_reviews
    survey = surveys.save_survey(_draft(register))
    assert [d.label for d in survey.documents] == [
        "Nghị quyết số 02/2021/NQ-HĐND",
        "Quyết định số 05/2022/QĐ-UBND",
    ]
    after = surveys.open_reviews(survey.id, (register.nq_02.id,), today=date(2025, 10, 5))
    assert after.reviewed_document_ids == (register.nq_02.id,)
    (review,) = [r for r in reviews.reviews(document_id=register.nq_02.id) if r.survey_id]
    assert review.trigger_type == "Y_KIEN_NHAN_DAN" and review.mode == "THEO_CHUYEN_DE"
    assert review.trigger_text == (
        "Khảo sát “Lấy ý kiến người dân về văn bản của phường năm 2025” (01/09/2025): "
        "180 ý kiến. Mức hỗ trợ 2021 không còn phù hợp giá cả."
    )
    assert review.is_open and review.flagged_on == date(2025, 10, 5)


def test_survey_validation(empty_services, register):
    bad = _draft(
        register,
        title=" ",
        ended_on=date(2025, 8, 1),
        documents=(
            SurveyDocument(register.luat_2025.id),
            SurveyDocument(register.nq_02.id, 300),
            SurveyDocument(register.nq_02.id),
        ),
    )
    with pytest.raises(ValidationError) as info:
        empty_services.legal_surveys.save_survey(bad)
    assert [str(p) for p in info.value.problems] == [
        "Tên đợt khảo sát: không được để trống.",
        "Ngày kết thúc: trước ngày bắt đầu.",
        "Văn bản khảo sát, dòng 1: không phải văn bản của HĐND, UBND trong sổ.",
        "Văn bản khảo sát, dòng 2: số ý kiến lớn hơn số phiếu (240).",
        "Văn bản khảo sát, dòng 3: văn bản bị ghi hai lần.",
    ]
    survey = empty_services.legal_surveys.save_survey(_draft(register))
    with pytest.raises(ValidationError, match="thuộc đợt khảo sát này"):
        empty_services.legal_surveys.open_reviews(survey.id, (register.qd_12.id,))
