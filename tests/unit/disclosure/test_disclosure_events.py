"""Disclosures "khi phát sinh": listed in the year's plan, opened when their document arises."""

from __future__ import annotations

from datetime import date

import pytest

from services.disclosure.events import (
    ArisenDocument,
    deadline_preview,
    event_items,
    record_arisen,
)
from services.disclosure.service import DisclosureService
from services.disclosure.vocab import DUE
from services.errors import ValidationError

TODAY = date(2026, 4, 1)


@pytest.fixture
def disclosure(services):
    service = DisclosureService(
        services.database.session_factory, services.disclosure_setup, today=lambda: TODAY
    )
    service.generate_plan(2026)
    return service


def test_land_items_are_listed_as_khi_phat_sinh_rows_of_the_year(disclosure):
    items = {i.code: i for i in event_items(disclosure, 2026)}
    # Land recovery, land-use plans, land prices (Luật 10/2022 Đ11.3; sample plan III.2.d).
    assert {"CK04", "CK05", "CK06"} <= set(items)
    assert "CK01" not in items and "CK02B" not in items  # yearly items have their own rows
    recovery = items["CK04"]
    assert recovery.status_text == "Chưa phát sinh" and not recovery.recorded
    assert "thu hồi đất" in recovery.trigger
    assert "05 ngày làm việc" in recovery.deadline_text
    assert "Đ11.3" in recovery.basis


def test_recording_the_document_opens_the_disclosure_with_its_deadline(disclosure):
    # Friday 27/03/2026 + 05 working days = Friday 03/04/2026.
    assert deadline_preview(disclosure, "CK04", date(2026, 3, 27)) == date(2026, 4, 3)
    row = record_arisen(
        disclosure,
        ArisenDocument(
            "CK04", 2026, " 125/QĐ-UBND ", date(2026, 3, 27), "Thu hồi đất dự án đường Lê Lợi"
        ),
    )
    assert row.trigger_document == "125/QĐ-UBND" and row.trigger_date == date(2026, 3, 27)
    assert row.heading == "Thu hồi đất dự án đường Lê Lợi"
    assert row.verdict.deadline == date(2026, 4, 3) and row.verdict.status == DUE
    assert row.expected is None  # event items never wait for an expected day
    recovery = next(i for i in event_items(disclosure, 2026) if i.code == "CK04")
    assert [r.id for r in recovery.recorded] == [row.id]
    assert recovery.status_text == "Đã ghi nhận 1 văn bản"
    # A land-use plan: ≈15 calendar days from its approval.
    plan = record_arisen(
        disclosure,
        ArisenDocument("CK05", 2026, "88/QĐ-UBND", date(2026, 3, 2), "Kế hoạch sử dụng đất 2026"),
    )
    assert plan.verdict.deadline == date(2026, 3, 17)


def test_a_document_without_number_date_or_summary_is_refused_naming_each(disclosure):
    before = len(disclosure.disclosures(2026))
    with pytest.raises(ValidationError) as error:
        record_arisen(disclosure, ArisenDocument("CK04", 2026, " ", None, ""))
    where = {p.where for p in error.value.problems}
    assert where == {"Số, ký hiệu văn bản", "Ngày văn bản", "Trích yếu"}
    assert len(disclosure.disclosures(2026)) == before
