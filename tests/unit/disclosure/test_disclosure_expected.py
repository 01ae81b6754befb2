"""Forgotten items count: a yearly item whose document never came turns overdue at its
expected day (rule data with its basis) and lowers the rate; "không phát sinh trong năm"
with a reason takes it out of the rate and the report says why."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest

from services.disclosure.documents import DisclosureDocuments
from services.disclosure.expected import expected_rules, parse_expected
from services.disclosure.service import DisclosureDraft, DisclosureService, PostingDraft
from services.disclosure.vocab import CAL_OVERDUE, NOT_ARISEN, OVERDUE_NO_TRIGGER, WAITING
from services.documents.render import document_pdf
from services.errors import UserError, ValidationError

NOV_30 = date(2026, 11, 30)
DEC_20 = date(2026, 12, 20)


@pytest.fixture
def disclosure(services):
    service = DisclosureService(
        services.database.session_factory, services.disclosure_setup, today=lambda: DEC_20
    )
    for n in (1, 2):
        services.disclosure_setup.add_group(f"Tổ dân phố {n}")
    service.generate_plan(2026)
    # One item fully met, so the year has a rate to lower.
    ck01 = _row(service, "CK01")
    service.update_disclosure(
        ck01.id,
        DisclosureDraft(
            "CK01", 2026, trigger_document="NQ 05/NQ-HĐND", trigger_date=date(2026, 1, 8)
        ),
    )
    for form in ck01.rule.forms:
        targets = (
            [g.id for g in services.disclosure_setup.groups()]
            if form == "NIEM_YET_NVH_TDP"
            else [None]
        )
        for gid in targets:
            service.add_posting(
                PostingDraft(ck01.id, form, date(2026, 1, 9), gid, date(2026, 3, 1))
            )
    return service


def _row(service, code, period="", today=None):
    rows = service.disclosures(2026, today=today)
    return next(r for r in rows if r.item_code == code and r.period == period)


def test_budget_estimate_without_its_resolution_turns_overdue_after_the_hdnd_deadline(disclosure):
    before = _row(disclosure, "CK02B", today=NOV_30)
    assert before.verdict.status == WAITING
    assert before.expected is not None and before.expected.day == date(2026, 12, 19)
    assert "10/12" in before.expected.basis  # the basis travels with the date

    after = _row(disclosure, "CK02B", today=DEC_20)
    assert after.verdict.status == OVERDUE_NO_TRIGGER
    assert all(p.status == OVERDUE_NO_TRIGGER for p in after.verdict.places)
    assert "chưa có văn bản căn cứ" in after.verdict.places[0].messages[0]

    rate_before = disclosure.score(2026, today=NOV_30).overall
    rate_after = disclosure.score(2026, today=DEC_20).overall
    assert rate_after.failed >= rate_before.failed + len(after.verdict.places)
    assert rate_after.ratio < rate_before.ratio
    # The calendar lists it as overdue too, on its expected day.
    overdue = [c for c in disclosure.calendar(2026, today=DEC_20) if c.item_code == "CK02B"]
    assert overdue and {c.kind for c in overdue} == {CAL_OVERDUE}
    assert overdue[0].day == date(2026, 12, 19)


def test_event_items_never_turn_overdue_without_their_document(disclosure):
    row = disclosure.add_disclosure(DisclosureDraft("CK04", 2026, title="Thu hồi đất khu A"))
    late = disclosure.disclosures(2026, today=date(2027, 6, 1))
    assert next(r for r in late if r.id == row.id).verdict.status == WAITING
    assert row.expected is None


def test_not_arisen_needs_a_reason_and_leaves_the_rate(disclosure, services):
    estimate = _row(disclosure, "CK02B")
    with pytest.raises(ValidationError) as error:
        disclosure.mark_not_arisen(estimate.id, "   ")
    assert "Lý do" in str(error.value)
    overdue_rate = disclosure.score(2026, today=DEC_20).overall

    marked = disclosure.mark_not_arisen(
        estimate.id, "Kỳ họp cuối năm lùi sang 05/01/2027 theo Thông báo 12/TB-HĐND"
    )
    assert marked.verdict.status == NOT_ARISEN
    rate = disclosure.score(2026, today=DEC_20).overall
    assert rate.failed == overdue_rate.failed - len(marked.verdict.places)
    assert rate.ratio > overdue_rate.ratio
    assert rate.pending == overdue_rate.pending  # not "chưa đến hạn" either: not counted

    report = disclosure.report_tables(2026, today=DEC_20)[0]
    status = [r[10] for r in report.rows if r[1] == "CK02B"][0]
    assert status.startswith("Không phát sinh trong năm (lý do: Kỳ họp cuối năm lùi")

    # The report PDF prints the reason.
    documents = DisclosureDocuments(services.database.session_factory, disclosure)
    pdf, _info = document_pdf(documents.report_document(2026, today=DEC_20))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = " ".join((p.extract_text() or "") for p in doc.pages).replace("\n", " ")
    assert "không phát sinh trong năm, không tính vào tỷ lệ" in text
    assert "Thông báo 12/TB-HĐND" in text

    # A document entered later: the mark no longer applies and cannot be set again.
    draft = marked.draft()
    entered = disclosure.update_disclosure(
        marked.id,
        DisclosureDraft(**{**draft.__dict__, "trigger_date": date(2026, 12, 18)}),
    )
    assert entered.not_arisen_reason == "" and entered.verdict.status != NOT_ARISEN
    with pytest.raises(UserError):
        disclosure.mark_not_arisen(entered.id, "nhầm")


def test_expected_days_are_data_with_periods_and_a_wrong_day_is_refused():
    rules = expected_rules(
        {
            "items": [
                {
                    "code": "X1",
                    "expected": {
                        "day": "31/12",
                        "basis": "B",
                        "periods": {"Kỳ họp giữa năm": "31/07"},
                    },
                }
            ]
        }
    )
    assert rules["X1"].on(2026, "Kỳ họp giữa năm").day == date(2026, 7, 31)
    assert rules["X1"].on(2026, "Kỳ họp cuối năm").day == date(2026, 12, 31)
    with pytest.raises(ValueError):
        parse_expected({"day": "31/02", "basis": "B"})
