"""The disclosure plan on a real database: generated, posted, judged, scored, calendared."""

from __future__ import annotations

from datetime import date

import pytest

from services.disclosure.calendar import SpecialDay
from services.disclosure.checklist import Deadline, Rule
from services.disclosure.service import DisclosureDraft, DisclosureService, PostingDraft
from services.disclosure.vocab import (
    CAL_MAY_TAKE_DOWN,
    CAL_MUST_POST,
    CAL_OVERDUE,
    DUE,
    LATE,
    MET,
    MISSING,
    ON_TRACK,
    REMOVED_EARLY,
    WAITING,
)
from services.errors import ValidationError

TODAY = date(2026, 4, 1)


@pytest.fixture
def disclosure(services):
    return DisclosureService(
        services.database.session_factory, services.disclosure_setup, today=lambda: TODAY
    )


@pytest.fixture
def groups(services):
    return [services.disclosure_setup.add_group(f"Tổ dân phố {n}") for n in (1, 2, 3)]


def _row(disclosure, code, year=2026, period=""):
    return next(
        r for r in disclosure.disclosures(year) if r.item_code == code and r.period == period
    )


def _post_everywhere(disclosure, row, groups, posted, down=None, skip=()):
    for form in row.rule.forms:
        targets = (
            [g.id for g in groups] if form in ("NIEM_YET_NVH_TDP", "QUA_TO_TRUONG_TDP") else [None]
        )
        for gid in targets:
            if (form, gid) in skip:
                continue
            disclosure.add_posting(PostingDraft(row.id, form, posted, gid, down))
    return disclosure.disclosure(row.id)


def test_generated_plan_follows_the_checklist_and_is_idempotent(disclosure):
    created = disclosure.generate_plan(2026)
    assert created > 15
    assert disclosure.generate_plan(2026) == 0
    rows = disclosure.disclosures(2026)
    codes = [r.item_code for r in rows]
    assert codes.count("CK02C") == 4 and codes.count("CK18") == 4
    assert "CK03" not in codes  # event items are added when the event happens
    q1 = _row(disclosure, "CK02C", period="03 tháng")
    assert q1.trigger_date == date(2026, 3, 31) and q1.budget_year == 2026
    assert q1.trigger_document == "Hết 03 tháng"
    # The full-year execution is due after the report is submitted: no date is guessed.
    assert _row(disclosure, "CK02C", period="Cả năm").trigger_date is None
    assert _row(disclosure, "CK18", period="Quý IV").trigger_date == date(2026, 12, 31)
    # 2026 budget execution: 10 days after the quarter (NĐ 73/2026), was 15 under TT 343.
    assert q1.verdict.deadline == date(2026, 4, 10)
    assert _row(disclosure, "CK02D").budget_year == 2025
    assert _row(disclosure, "CK02A").budget_year == 2027


def test_plan_2025_uses_the_old_budget_rules(disclosure):
    disclosure.generate_plan(2025)
    q1 = _row(disclosure, "CK02C", year=2025, period="03 tháng")
    assert q1.rule.deadline == Deadline(15, "calendar_days")
    assert q1.verdict.deadline == date(2025, 4, 15)
    estimate = _row(disclosure, "CK02A", year=2025)
    assert estimate.budget_year == 2026 and "gửi dự toán" in estimate.rule.trigger


def test_recording_postings_moves_a_disclosure_from_due_to_met(disclosure, groups):
    disclosure.generate_plan(2026)
    row = _row(disclosure, "CK01")
    assert row.verdict.status == WAITING
    draft = row.draft()
    row = disclosure.update_disclosure(
        row.id,
        DisclosureDraft(
            **{
                **draft.__dict__,
                "trigger_document": "QĐ 12/QĐ-UBND",
                "trigger_date": date(2026, 3, 27),
            }
        ),
    )
    # Friday 27/03 + 5 working days = Friday 03/04; nothing posted yet on 01/04.
    assert row.verdict.deadline == date(2026, 4, 3) and row.verdict.status == DUE
    row = _post_everywhere(disclosure, row, groups, date(2026, 3, 30))
    assert row.verdict.status == ON_TRACK
    assert len(row.verdict.places) == 1 + 3 + 1  # website, headquarters, three groups
    later = disclosure.disclosures(2026, today=date(2026, 5, 1))
    assert next(r for r in later if r.id == row.id).verdict.status == MET


def test_missing_place_late_posting_and_early_removal_in_the_score(disclosure, groups):
    disclosure.generate_plan(2026)
    base = _row(disclosure, "CK13")
    row = disclosure.update_disclosure(
        base.id,
        DisclosureDraft(
            "CK13", 2026, trigger_date=date(2026, 1, 9), trigger_document="QĐ gọi nhập ngũ"
        ),
    )
    # Deadline: 15/01/2026 (Saturday 10/01 worked). One group missing: missing there.
    row = _post_everywhere(
        disclosure,
        row,
        groups,
        date(2026, 1, 12),
        date(2026, 2, 20),
        skip={("NIEM_YET_NVH_TDP", groups[2].id)},
    )
    assert row.verdict.status == MISSING
    missing = [p for p in row.verdict.places if p.status == MISSING]
    assert [p.place_label for p in missing] == ["Niêm yết thôn, tổ dân phố – Tổ dân phố 3"]
    # Poor-household list: posted late and the headquarters copy removed early.
    poor = _row(disclosure, "CK11")
    poor = disclosure.update_disclosure(
        poor.id, DisclosureDraft("CK11", 2026, trigger_date=date(2026, 1, 5))
    )
    late = _post_everywhere(
        disclosure,
        poor,
        groups,
        date(2026, 1, 20),
        date(2026, 3, 1),
        skip={("NIEM_YET_TRU_SO", None)},
    )
    assert late.verdict.status == MISSING  # the headquarters copy is not recorded yet
    assert {p.status for p in late.verdict.places} == {LATE, MISSING}
    disclosure.add_posting(
        PostingDraft(poor.id, "NIEM_YET_TRU_SO", date(2026, 1, 6), None, date(2026, 1, 20))
    )
    poor = disclosure.disclosure(poor.id)
    head = next(p for p in poor.verdict.places if p.form == "NIEM_YET_TRU_SO")
    assert head.status == REMOVED_EARLY and poor.verdict.status == LATE
    score = disclosure.score(2026)
    by_item = {line.key: line for line in score.by_item}
    assert (by_item["CK13"].met, by_item["CK13"].failed) == (8, 1)
    group3 = next(line for line in score.by_residential_group if line.label == "Tổ dân phố 3")
    assert group3.failed >= 1
    assert score.overall.assessable == score.overall.met + score.overall.failed
    assert 0 < score.overall.ratio < 1
    security = next(line for line in score.by_group if line.label == "Quốc phòng, an ninh")
    assert security.percent_text == "88,9%"


def test_calendar_lists_overdue_due_and_may_take_down(disclosure, groups):
    disclosure.generate_plan(2026)
    q1 = _row(disclosure, "CK02C", period="03 tháng")  # due 10/04
    items = disclosure.calendar(2026)
    kinds = {(i.item_code, i.kind) for i in items}
    assert ("CK02C", CAL_MUST_POST) in kinds
    assert ("CK18", CAL_OVERDUE) not in kinds  # Q1 list: deadline 07/04
    q1_items = [i for i in items if i.disclosure_id == q1.id]
    assert {i.day for i in q1_items} == {date(2026, 4, 10)}
    assert q1_items[0].note == "Còn 9 ngày"
    _post_everywhere(disclosure, q1, groups, date(2026, 4, 1))
    after = disclosure.calendar(2026, today=date(2026, 4, 20))
    downs = [i for i in after if i.disclosure_id == q1.id]
    assert {i.kind for i in downs} == {CAL_MAY_TAKE_DOWN}
    assert {i.day for i in downs} == {
        date(2026, 5, 2)
    }  # posted 01/04: 30 days 02/04–01/05, down from 02/05
    overdue = [i for i in after if i.kind == CAL_OVERDUE and i.item_code == "CK18"]
    assert overdue and overdue[0].note.startswith("Quá hạn")


def test_a_holiday_moved_in_the_database_changes_the_deadline(services, disclosure):
    disclosure.generate_plan(2026)
    setup = services.disclosure_setup
    row = _row(disclosure, "CK01")
    row = disclosure.update_disclosure(
        row.id, DisclosureDraft("CK01", 2026, trigger_date=date(2026, 8, 21))
    )
    # Shipped: Saturday 22/08 is worked (swap for Monday 31/08): 22, 24, 25, 26, 27.
    assert row.verdict.deadline == date(2026, 8, 27)
    table = setup.holidays(2026)
    assert not table.edited
    moved = [d for d in table.days if d.day not in (date(2026, 8, 31), date(2026, 8, 22))]
    moved.append(SpecialDay(date(2026, 9, 3), "Quốc khánh (ngày liền kề, theo quyết định)"))
    assert setup.set_holidays(2026, moved).edited
    assert disclosure.disclosure(row.id).verdict.deadline == date(2026, 8, 28)
    setup.reset_holidays(2026)
    assert disclosure.disclosure(row.id).verdict.deadline == date(2026, 8, 27)


def test_bad_posting_input_is_refused_in_vietnamese(disclosure, groups):
    disclosure.generate_plan(2026)
    row = _row(disclosure, "CK02C", period="03 tháng")
    with pytest.raises(ValidationError) as caught:
        disclosure.add_posting(
            PostingDraft(row.id, "NIEM_YET_NVH_TDP", date(2026, 3, 20), None, date(2026, 3, 1))
        )
    text = str(caught.value)
    assert "Thôn, tổ dân phố: hãy chọn nơi niêm yết" in text
    assert "Ngày công khai: 20/03/2026 trước ngày văn bản căn cứ 31/03/2026." in text
    assert "Ngày gỡ: 01/03/2026 trước ngày công khai 20/03/2026." in text
    with pytest.raises(ValidationError) as caught:
        disclosure.add_posting(PostingDraft(row.id, "FAX", None, groups[0].id))
    text = str(caught.value)
    assert "Hình thức: “FAX” không hợp lệ." in text
    assert "Ngày công khai: không được để trống." in text
    with pytest.raises(ValidationError, match="chưa đến"):
        disclosure.add_posting(PostingDraft(row.id, "TRANG_TTDT", date(2026, 4, 2)))
    assert disclosure.disclosure(row.id).postings == ()


def test_the_ward_edits_and_adds_checklist_items(services, disclosure):
    setup = services.disclosure_setup
    assert setup.ensure_checklist() >= 27
    item = next(i for i in setup.checklist() if i.code == "CK01")
    rule = item.rules[0]
    new_rule = Rule(**{**rule.__dict__, "applies_from": date(2026, 7, 1), "duration_days": 45})
    saved = setup.save_item(type(item)(**{**item.__dict__, "rules": item.rules + (new_rule,)}))
    assert saved.rule_on(date(2026, 7, 2)).duration_days == 45
    assert saved.rule_on(date(2026, 6, 30)).duration_days == 30
    own = type(item)("ck25", "Kết quả thu hồi vốn", "NGAN_SACH", "yearly", (rule,))
    assert setup.save_item(own).code == "CK25"
    disclosure.generate_plan(2026)
    assert any(r.item_code == "CK25" for r in disclosure.disclosures(2026))
    with pytest.raises(ValidationError, match="Nhóm"):
        setup.save_item(type(item)("CK26", "Thử", "KHONG_CO", "yearly", (rule,)))


def test_residential_group_names_are_unique_and_required(services):
    setup = services.disclosure_setup
    setup.add_group("Tổ dân phố Hòa Bình")
    with pytest.raises(ValidationError, match="đã có"):
        setup.add_group("Tổ dân phố Hòa Bình")
    with pytest.raises(ValidationError, match="không được để trống"):
        setup.add_group("  ")


def test_editing_and_deleting_a_posting_rejudges_the_place(disclosure, groups):
    disclosure.generate_plan(2026)
    row = _row(disclosure, "CK02C", period="03 tháng")
    row = disclosure.add_posting(
        PostingDraft(row.id, "NIEM_YET_TRU_SO", date(2026, 3, 31), None, date(2026, 4, 1))
    )
    head = next(p for p in row.verdict.places if p.form == "NIEM_YET_TRU_SO")
    assert head.status == REMOVED_EARLY
    row = disclosure.update_posting(
        head.posting.id,
        PostingDraft(
            row.id,
            "NIEM_YET_TRU_SO",
            date(2026, 3, 31),
            None,
            None,
            evidence_note="Biên bản niêm yết 02",
        ),
    )
    head = next(p for p in row.verdict.places if p.form == "NIEM_YET_TRU_SO")
    assert head.status == ON_TRACK and head.posting.evidence_note == "Biên bản niêm yết 02"
    disclosure.delete_posting(head.posting.id)
    after = disclosure.disclosure(row.id)
    assert next(p for p in after.verdict.places if p.form == "NIEM_YET_TRU_SO").status == DUE
    disclosure.delete_disclosure(row.id)
    assert all(r.id != row.id for r in disclosure.disclosures(2026))


def test_a_report_line_missing_at_many_groups_stays_printable(disclosure, groups):
    from services.disclosure.reports import MAX_PROBLEM_LINES, year_report

    disclosure.generate_plan(2026)
    base = _row(disclosure, "CK13")
    disclosure.update_disclosure(
        base.id,
        DisclosureDraft("CK13", 2026, trigger_date=date(2026, 1, 9), trigger_document="QĐ"),
    )
    rows = disclosure.disclosures(2026, today=date(2026, 6, 1))
    table = year_report(rows, 2026, date(2026, 6, 1))
    titles = [c.title for c in table.columns]
    line = next(r for r in table.rows if r[titles.index("Mã")] == "CK13")
    issues = line[titles.index("Tồn tại")].split("\n")
    assert len(issues) <= MAX_PROBLEM_LINES
    places = next(r for r in rows if r.item_code == "CK13").verdict.places
    if len(places) > MAX_PROBLEM_LINES:
        assert issues[-1].startswith("… và ")
