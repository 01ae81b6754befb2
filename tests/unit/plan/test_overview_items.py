"""Tổng quan's lines from every module, on a hand-made office: a posting overdue, legal
documents flagged for review, the yearly legal list due, a criterion's points at risk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from services.bundle import Services
from services.disclosure.drafts import DisclosureDraft, PostingDraft
from services.disclosure.score import CalendarItem
from services.disclosure.service import DisclosureRow
from services.disclosure.vocab import CAL_MAY_TAKE_DOWN, CAL_MUST_POST, PER_GROUP_FORMS
from services.overview_items import (
    CRITICAL,
    DISCLOSURE,
    INFO,
    LEGAL,
    PLAN,
    SCORES,
    WARNING,
    Target,
    disclosure_items,
    gather,
)
from services.plan.dashboard import build_dashboard
from tests.legal_sample import Register, build_register

# CK01 (decided Monday 05/01) was due Saturday 10/01, a working day by letter 12729/VPCP-KGVX;
# the 2025 legal list is due 31/01.
TODAY = date(2026, 1, 20)


@dataclass
class Office:
    services: Services
    register: Register
    posting: DisclosureRow
    criterion_id: int


@pytest.fixture
def office(services) -> Office:
    register = build_register(services.legal)
    setup = services.disclosure_setup
    setup.ensure_checklist()
    setup.add_group("Tổ dân phố Đông Sơn")
    # The yearly socio-economic plan, decided 05/01/2026: 5 working days to post it.
    row = services.disclosure.add_disclosure(
        DisclosureDraft("CK01", 2026, trigger_date=date(2026, 1, 5))
    )
    par = services.frameworks.load_template("PAR", 2025)
    leaf = next(
        r for r in services.frameworks.criteria(par.id) if r.is_leaf and r.method != "survey"
    )
    services.assessments.set_score(leaf.id, "self", leaf.max_points)  # no evidence attached
    return Office(services, register, row, leaf.id)


def _gather(office: Office, today: date = TODAY):
    plans = office.services.plans
    plan = plans.plan_for_year(2025)
    board = build_dashboard(plan.id, 2025, plans.tasks(plan.id), plans.sections(plan.id), today)
    return board, gather(office.services, today, year=2025, board=board)


def test_the_overdue_posting_is_one_critical_line_naming_every_place(office):
    _board, found = _gather(office)
    (line,) = found.of(DISCLOSURE)
    assert (line.severity, line.status, line.day_text) == (
        CRITICAL,
        "Quá hạn công khai",
        "10/01/2026",
    )
    assert line.text.startswith("CK01 Kế hoạch phát triển kinh tế - xã hội")
    for place in ("Trang TTĐT", "Niêm yết trụ sở", "Tổ dân phố Đông Sơn"):
        assert place in line.text
    assert line.text.endswith(": Quá hạn 10 ngày")
    assert line.target == Target(DISCLOSURE, "disclosure", office.posting.id, 2026)
    assert line.line.startswith("Quá hạn công khai · 10/01/2026 · CK01 ")


def test_legal_lines_are_the_yearly_list_then_each_flagged_document(office):
    _board, found = _gather(office)
    annual, *flagged = found.of(LEGAL)
    assert (annual.severity, annual.status, annual.day) == (
        WARNING,
        "Sắp đến hạn công bố",
        date(2026, 1, 31),
    )
    assert annual.text == (
        "Công bố danh mục 3 văn bản hết hiệu lực, tạm ngưng hiệu lực năm 2025 (còn 11 ngày)"
    )
    assert annual.target == Target(LEGAL, "annual_list", year=2025)
    reg = office.register
    assert [(f.status, f.target.record_id, f.day_text) for f in flagged] == [
        # Dated from the day each change took effect (typed a day later in the sample).
        ("Cần rà soát", reg.qd_05.id, "01/03/2023"),
        ("Cần rà soát", reg.nq_02.id, "01/01/2024"),
    ]
    assert flagged[0].text == (
        "Quyết định số 05/2022/QĐ-UBND – Bị ngưng hiệu lực bởi Quyết định số 88/QĐ-UBND "
        "của UBND tỉnh, từ ngày 01/03/2023."
    )


def test_the_yearly_list_turns_critical_after_31_01_and_leaves_once_published(office):
    _board, late = _gather(office, date(2026, 2, 5))
    annual = late.of(LEGAL)[0]
    assert (annual.severity, annual.status) == (CRITICAL, "Quá hạn công bố")
    assert "(còn" not in annual.text
    office.services.legal_cycles.mark_annual_published(2025, date(2026, 2, 6), "QĐ 15/QĐ-UBND")
    _board, after = _gather(office, date(2026, 2, 7))
    assert [i.target.kind for i in after.of(LEGAL)] == ["document", "document"]


def test_a_new_review_request_adds_its_document(office):
    from services.legal.dto import EventDraft

    reg = office.register
    office.services.legal.record_event(
        EventDraft(reg.luat_2015.id, "replaced", date(2025, 4, 1), by_document_id=reg.luat_2025.id),
        today=date(2025, 4, 3),
    )
    _board, found = _gather(office)
    flagged = {i.target.record_id for i in found.of(LEGAL) if i.status == "Cần rà soát"}
    assert flagged == {reg.qd_01.id, reg.nq_02.id, reg.qd_05.id}


def test_points_at_risk_and_plan_lines_come_with_their_targets(office):
    board, found = _gather(office)
    (risk,) = found.of(SCORES)
    assert risk.status == "Nguy cơ mất điểm" and risk.day is None
    assert risk.text == (
        "PAR.1.1.1 Ban hành đúng thời hạn: có thể mất 1 điểm – Chưa có tài liệu kiểm chứng"
    )
    assert risk.target == Target(SCORES, "criterion", office.criterion_id, 2025, "PAR.1.1.1", "PAR")
    plan = found.of(PLAN)
    assert len(plan) == len(board.overdue) + len(board.due_soon) == 43
    assert all(i.severity == CRITICAL and i.status == "Quá hạn" for i in plan)
    assert plan[0].target == Target(PLAN, "task", board.overdue[0].id, 2025)
    assert plan[0].line.startswith("Quá hạn · 31/01/2025 · I.1 · VP – ")


def test_posting_everywhere_clears_the_overdue_line(office):
    services, row = office.services, office.posting
    for place in row.verdict.places:
        group = place.group_id if place.form in PER_GROUP_FORMS else None
        services.disclosure.add_posting(PostingDraft(row.id, place.form, date(2026, 1, 9), group))
    _board, found = _gather(office)
    assert found.of(DISCLOSURE) == []


def test_urgent_lines_leave_out_what_is_only_to_know_and_put_the_late_first(office):
    _board, found = _gather(office)
    urgent = found.urgent(exclude={PLAN})
    assert [i.module for i in urgent] == [DISCLOSURE, LEGAL, LEGAL, LEGAL, SCORES]
    assert urgent[0].severity == CRITICAL
    assert all(i.severity != INFO for i in urgent)
    assert found.count(LEGAL, WARNING) == 3


def test_take_down_lines_only_once_the_day_has_come_and_soon_posts_are_warnings():
    def item(day, kind, place, note=""):
        return CalendarItem(day, kind, 7, "CK02C", "Dự toán ngân sách (03 tháng)", place, note)

    calendar = [
        item(date(2026, 4, 10), CAL_MUST_POST, "Trang TTĐT", "Còn 3 ngày"),
        item(date(2026, 4, 10), CAL_MUST_POST, "Niêm yết trụ sở", "Còn 3 ngày"),
        item(date(2026, 5, 20), CAL_MUST_POST, "Trang TTĐT", "Còn 43 ngày"),
        item(date(2026, 4, 1), CAL_MAY_TAKE_DOWN, "Niêm yết trụ sở", "Đủ thời gian, có thể gỡ"),
        item(date(2026, 4, 30), CAL_MAY_TAKE_DOWN, "Trang TTĐT", "Được gỡ từ 30/04/2026"),
    ]
    lines = disclosure_items(calendar, 2026, date(2026, 4, 7))
    assert [(i.status, i.severity, i.day_text) for i in lines] == [
        ("Phải công khai", WARNING, "10/04/2026"),
        ("Phải công khai", INFO, "20/05/2026"),
        ("Có thể gỡ", INFO, "01/04/2026"),
    ]
    assert "Trang TTĐT, Niêm yết trụ sở: Còn 3 ngày" in lines[0].text
