"""The checklist as data: the shipped default, rule versions by year, bad input."""

from __future__ import annotations

from datetime import date

import pytest

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


def test_rule_without_its_own_deadline_uses_five_working_days():
    rule = Rule(applies_from=date(2023, 7, 1), forms=("NIEM_YET_TRU_SO",), deadline=None)
    assert rule.effective_deadline == Deadline(5, "working_days")


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
