"""Items waiting for their trigger document do not wait forever, and "không phát sinh" is said.

By 20/12/2026 the HĐND has held its year-end session: a budget estimate or socio-economic plan
never entered is overdue and lowers the year's rate; an item that truly did not arise this
year is marked so with its reason, left out of the rate and explained in the report.
"""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest

from services.disclosure.expected import expected_trigger
from services.disclosure.vocab import NOT_ARISING, TRIGGER_OVERDUE, WAITING
from services.documents.render import document_pdf
from services.errors import ValidationError

MID_YEAR, YEAR_END = date(2026, 6, 15), date(2026, 12, 20)


def _row(services, code):
    return next(r for r in services.disclosure.disclosures(2026) if r.item_code == code)


def test_the_budget_estimate_never_entered_is_overdue_after_the_year_end_session(services):
    services.disclosure.generate_plan(2026)
    assert expected_trigger("CK02B", 1, 2026).day == date(2026, 12, 31)
    assert expected_trigger("CK03", 1, 2026) is None  # an event item: "khi phát sinh"
    june = next(
        r for r in services.disclosure.disclosures(2026, today=MID_YEAR) if r.item_code == "CK01"
    )
    assert june.verdict.status == WAITING
    before = services.disclosure.score(2026, today=MID_YEAR).overall
    after_rows = services.disclosure.disclosures(2026, today=date(2027, 1, 5))
    plan_row = next(r for r in after_rows if r.item_code == "CK01")
    assert plan_row.verdict.status == TRIGGER_OVERDUE
    assert "quá hạn" in plan_row.verdict.places[0].messages[0]
    after = services.disclosure.score(2026, today=date(2027, 1, 5)).overall
    assert after.failed > before.failed and (after.ratio or 0) < 1
    # An event-triggered item with no document stays "chờ văn bản căn cứ", never overdue.
    project = next(r for r in after_rows if r.item_code == "CK06")
    assert project.verdict.status == WAITING


def test_marked_not_arising_with_its_reason_it_leaves_the_rate_and_the_report_says_why(services):
    services.disclosure.generate_plan(2026)
    row = _row(services, "CK24")
    with_it = services.disclosure.score(2026, today=date(2027, 1, 5)).overall
    reason = "Năm 2026 không tổ chức hội nghị đối thoại do sáp nhập đơn vị hành chính"
    marked = services.disclosure.mark_not_arising(row.id, reason)
    assert marked.verdict.status == NOT_ARISING and marked.not_arising == reason
    without = services.disclosure.score(2026, today=date(2027, 1, 5)).overall
    assert without.assessable < with_it.assessable and without.failed < with_it.failed
    report = services.disclosure.report_tables(2026, today=date(2027, 1, 5))[0]
    titles = [c.title for c in report.columns]
    line = next(r for r in report.rows if r[titles.index("Mã")] == "CK24")
    assert line[titles.index("Tình trạng")] == "Không phát sinh trong năm"
    assert line[titles.index("Tồn tại")] == f"Không phát sinh trong năm: {reason}"
    pdf, _info = document_pdf(
        services.disclosure_documents.report_document(2026, today=date(2027, 1, 5))
    )
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = " ".join(w["text"] for p in doc.pages for w in p.extract_words())
    assert "sáp nhập" in words and "đối thoại" in words
    services.disclosure.mark_not_arising(row.id, "")  # taken back: judged again
    assert _row(services, "CK24").verdict.status != NOT_ARISING


def test_an_item_already_posted_cannot_be_marked_not_arising(services):
    from services.disclosure.service import PostingDraft

    services.disclosure.generate_plan(2026)
    row = _row(services, "CK18")
    services.disclosure.add_posting(PostingDraft(row.id, "NIEM_YET_TRU_SO", date(2026, 4, 2)))
    with pytest.raises(ValidationError, match="đã có lần công khai"):
        services.disclosure.mark_not_arising(row.id, "không có")
