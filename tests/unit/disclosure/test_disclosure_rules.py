"""The checklist as data: the shipped default, rule versions by year, bad input."""

from __future__ import annotations

from datetime import date

import pytest

from services.disclosure.calendar import WorkCalendar
from services.disclosure.checklist import (
    ChecklistItem,
    Deadline,
    Rule,
    default_checklist,
    parse_checklist,
)
from services.disclosure.vocab import FORMS
from services.errors import ValidationError


@pytest.fixture(scope="module")
def checklist():
    return default_checklist()


def test_the_default_checklist_holds_the_design_note_items(checklist):
    codes = [i.code for i in checklist.items]
    for code in ["CK01", "CK02A", "CK02B", "CK02C", "CK02D", "CK11", "CK17", "CK18", "CK21"]:
        assert code in codes
    assert len(codes) == len(set(codes)) >= 27
    assert all(f in FORMS for i in checklist.items for r in i.rules for f in r.forms)
    ck01 = checklist.item("CK01")
    rule = ck01.rule_on(date(2025, 5, 1))
    assert rule.forms == ("TRANG_TTDT", "NIEM_YET_TRU_SO", "NIEM_YET_NVH_TDP")
    assert rule.duration_days == 30 and rule.deadline == Deadline(5, "working_days")
    assert "Luật 10/2022/QH15 Đ11.1" in rule.legal_basis


def test_budget_execution_rules_differ_between_budget_years_2025_and_2026(checklist):
    item = checklist.item("CK02C")
    old = item.rule_on(item.reference_date(date(2026, 3, 31), 2025, 2025))
    new = item.rule_on(item.reference_date(date(2026, 3, 31), 2026, 2026))
    assert old.deadline == Deadline(15, "calendar_days")
    assert any("TT 343/2016" in b for b in old.legal_basis)
    assert new.deadline == Deadline(10, "calendar_days")
    assert any("NĐ 73/2026" in b for b in new.legal_basis)
    # The version is picked by the budget year, not by the date of the trigger.
    assert item.reference_date(date(2026, 1, 10), 2025, 2026) == date(2025, 1, 1)


def test_final_account_of_2025_follows_the_new_regime_and_2024_the_old(checklist):
    item = checklist.item("CK02D")
    assert any("TT 343" in b for b in item.rule_on(date(2024, 1, 1)).legal_basis)
    new = item.rule_on(date(2025, 1, 1))
    assert any("TT 26/2026" in b for b in new.legal_basis)
    assert "THONG_BAO_DOAN_THE" not in new.forms
    # The estimate for 2026 was prepared under the old rules (TT 26/2026 Đ37).
    estimate = checklist.item("CK02A")
    assert "gửi dự toán" in estimate.rule_on(date(2026, 1, 1)).trigger
    assert "khai mạc" in estimate.rule_on(date(2027, 1, 1)).trigger


def test_a_later_version_inherits_what_it_does_not_restate(checklist):
    item = checklist.item("CK10")
    old, new = item.rule_on(date(2025, 6, 1)), item.rule_on(date(2026, 6, 1))
    assert old.deadline == Deadline(5, "working_days") and new.deadline == Deadline(3)
    assert new.forms == old.forms and new.broadcast_days == old.broadcast_days == 3


def test_no_rule_before_an_item_applies(checklist):
    assert checklist.item("CK10B").rule_on(date(2025, 12, 31)) is None


def test_the_five_working_days_apply_only_where_article_12_3_governs(checklist):
    """Đ12.3 sets a posting deadline for documents the Law does not time otherwise; the report
    at the HĐND session, the dialogue conference or the land-price table are not postings."""
    from services.disclosure.compliance import judge_disclosure

    on = date(2026, 3, 1)
    for code in ("CK07", "CK17", "CK18", "CK23"):
        assert checklist.item(code).rule_on(on).deadline == Deadline(5, "working_days"), code
    for code in ("CK06", "CK21", "CK22", "CK24"):
        rule = checklist.item(code).rule_on(on)
        assert rule.deadline is None, code
        late = judge_disclosure(rule, date(2026, 1, 5), [], [], WorkCalendar(), date(2026, 12, 1))
        assert late.deadline is None and late.status == "due", code  # never "quá hạn" by a rule
        assert "không có hạn cố định" in rule.deadline_label or rule.deadline_text


def test_changing_the_law_rules_in_the_data_changes_what_is_computed(tmp_path):
    from services.disclosure.compliance import Minimum, earliest_take_down, minimum_for
    from services.disclosure.law_rules import CHECKLIST_FILE, law_rules

    shipped = law_rules(date(2026, 3, 1))
    assert shipped.posting_min.days == 30 and shipped.broadcast_min.days == 3
    assert shipped.default_deadline.basis.startswith("Luật 10/2022/QH15 Đ12.3")
    assert "Đ147" in shipped.counting.basis and not shipped.counting.posting_day_counts
    edited = tmp_path / "checklist.yaml"
    text = CHECKLIST_FILE.read_text(encoding="utf-8")
    edited.write_text(
        text.replace("      days: 3\n", "      days: 5\n", 1).replace(
            "posting_day_counts: false", "posting_day_counts: true"
        ),
        encoding="utf-8",
    )
    changed = law_rules(date(2026, 3, 1), edited)
    assert changed.broadcast_min.days == 5 and changed.counting.posting_day_counts
    rule = Rule(applies_from=date(2023, 7, 1), forms=("LOA_TRUYEN_THANH",))
    assert minimum_for(rule, "LOA_TRUYEN_THANH", shipped).days == 3
    assert minimum_for(rule, "LOA_TRUYEN_THANH", changed).days == 5
    # 30 days posted on 04/09/2026: down from 04/10 if the posting day counted, else 05/10.
    counted = Minimum(30, posting_day_counts=True)
    assert earliest_take_down(date(2026, 9, 4), counted, WorkCalendar()) == date(2026, 10, 4)
    assert earliest_take_down(date(2026, 9, 4), Minimum(30), WorkCalendar()) == date(2026, 10, 5)


def test_bad_checklist_input_names_each_problem_in_vietnamese():
    data = {
        "groups": {"KTXH": "Kinh tế"},
        "items": [
            {
                "code": "CK 1",
                "title_vi": "",
                "group": "X",
                "recurrence": "daily",
                "forms": ["NIEM_YET", "TRANG_TTDT"],
                "duration_type": "consecutive_calendar",
                "duration_days": 0,
                "deadline": {"offset": -1, "unit": "weeks"},
            },
            {
                "code": "CK02",
                "title_vi": "Hai",
                "group": "KTXH",
                "recurrence": "yearly",
                "forms": ["TRANG_TTDT"],
                "duration_type": "publication",
            },
            {
                "code": "CK02",
                "title_vi": "Hai lần",
                "group": "KTXH",
                "recurrence": "yearly",
                "forms": ["TRANG_TTDT"],
                "duration_type": "publication",
            },
            {
                "code": "CK03",
                "title_vi": "Ba",
                "group": "KTXH",
                "recurrence": "yearly",
                "forms": [],
                "versions": [{"applies_from": "không phải ngày"}],
            },
        ],
    }
    with pytest.raises(ValidationError) as caught:
        parse_checklist(data)
    text = str(caught.value)
    assert "Mục CK 1: Mã: viết liền" in text
    assert "Mục CK 1: Nội dung: không được để trống." in text
    assert "Nhóm: “X” không có trong danh mục nhóm." in text
    assert "Định kỳ: “daily” không hợp lệ." in text
    assert "Hình thức: không biết “NIEM_YET”." in text
    assert "Thời gian công khai: số ngày phải lớn hơn 0." in text
    assert "Thời hạn: đơn vị “weeks” sai." in text
    assert "Thời hạn: số ngày không được âm." in text
    assert "Mục CK02: mã bị trùng." in text
    assert "Mục thứ 4: không đọc được" in text


def test_item_with_two_versions_on_one_day_is_refused():
    from services.disclosure.checklist import validate_item

    rule = Rule(applies_from=date(2026, 1, 1), forms=("TRANG_TTDT",))
    item = ChecklistItem("CK99", "Thử", "KTXH", "yearly", (rule, rule))
    problems = validate_item(item, {"KTXH": "x"})
    assert [p.message for p in problems] == ["trùng ngày áp dụng với phiên bản khác."]


def test_budget_disclosures_from_2026_need_the_web_portal_not_the_loudspeaker(checklist):
    """Luật 89/2025/QH15 Đ15.1.b: one or more forms, the web portal mandatory; loudspeaker and
    relay by each Tổ trưởng are the Law 10/2022 Đ13.3–4 forms of its Đ11 items 7–12 only."""
    from services.disclosure.compliance import Group, Posting, judge_disclosure

    groups = [Group(1, "Tổ dân phố 1"), Group(2, "Tổ dân phố 2")]
    portal_only = [Posting(1, "TRANG_TTDT", None, date(2026, 12, 22))]
    for code, on in (("CK02A", date(2027, 1, 1)), ("CK02B", date(2027, 1, 1))):
        rule = checklist.item(code).rule_on(on)
        assert rule.forms == ("TRANG_TTDT",), code
        assert any("Luật 89/2025/QH15 Đ15.1.b" in b for b in rule.legal_basis)
        verdict = judge_disclosure(
            rule, date(2026, 12, 20), portal_only, groups, WorkCalendar(), date(2027, 2, 1)
        )
        assert verdict.status == "met", code
    settled = checklist.item("CK02D").rule_on(date(2025, 1, 1))  # quyết toán 2025
    assert settled.forms == ("TRANG_TTDT",)
    # A social-support list (Đ11.7) still needs the loudspeaker and each group's posting.
    support = checklist.item("CK10").rule_on(date(2026, 6, 1))
    assert {"LOA_TRUYEN_THANH", "QUA_TO_TRUONG_TDP"} <= set(support.forms)
    verdict = judge_disclosure(
        support, date(2026, 6, 1), portal_only, groups, WorkCalendar(), date(2026, 8, 1)
    )
    assert verdict.status == "missing"


def test_citizen_reception_cites_decree_154_2026_from_july_2026(checklist):
    item = checklist.item("CK19")
    march, august = item.rule_on(date(2026, 3, 1)), item.rule_on(date(2026, 8, 1))
    assert any("NĐ 64/2014" in b for b in march.legal_basis)
    assert any("NĐ 154/2026" in b for b in august.legal_basis)
    assert not any("64/2014" in b for b in august.legal_basis)
    assert any("Luật 136/2025/QH15" in b for b in august.legal_basis)
