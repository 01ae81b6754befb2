"""Reviews, handling, unlawful cases, and the four lists plus the annual list on the register."""

from __future__ import annotations

from datetime import date

import pytest

from services.errors import ValidationError
from services.legal.dto import EventDraft
from services.legal.reviews import FindingDraft, ReviewResult, UnlawfulDraft
from services.legal.systematisation import next_cycle


def _flag_nq_02(services, register):
    services.legal.record_event(
        EventDraft(
            register.luat_2015.id,
            "replaced",
            date(2025, 4, 1),
            by_document_id=register.luat_2025.id,
        ),
        today=date(2025, 4, 3),
    )
    (review,) = [
        r
        for r in services.legal_reviews.reviews(document_id=register.nq_02.id, open_only=True)
        if r.trigger_label == "Luật số 80/2015/QH13"
    ]
    return review


def _amend_result(**changes):
    values = dict(
        reviewed_on=date(2025, 4, 20),
        reviewer="Nguyễn Thị Lan",
        finding="MAU_THUAN_CHONG_CHEO",
        scope="part",
        findings=(
            FindingDraft(
                "Điều 4", "MAU_THUAN_CHONG_CHEO", "Điều 12 Luật 64/2025/QH15", "SUA_DOI_BO_SUNG"
            ),
        ),
        handling="SUA_DOI_BO_SUNG",
        handling_content="Sửa Điều 4 về thẩm quyền",
        handling_deadline=date(2025, 9, 30),
        lead_unit="Công chức Tư pháp – Hộ tịch",
    )
    values.update(changes)
    return ReviewResult(**values)


def test_recording_a_review_closes_it_and_puts_the_document_on_list_d(empty_services, register):
    s = empty_services
    review = _flag_nq_02(s, register)
    open_before = s.legal.document(register.nq_02.id).open_reviews
    done = s.legal_reviews.record_result(review.id, _amend_result())
    assert not done.is_open and done.needs_action and done.state_label == "Chưa xử lý"
    assert done.findings[0].article == "Điều 4"
    assert s.legal.document(register.nq_02.id).open_reviews == open_before - 1
    listed = s.legal_cycles.list_as_of("needing-action", date(2025, 5, 1))
    (row,) = listed.rows
    assert row[1:5] == (
        "Nghị quyết",
        "02/2021/NQ-HĐND\nngày 15/01/2021",
        "Mức chi hỗ trợ hoạt động tổ dân phố",
        "Sửa đổi, bổ sung",
    )
    assert row[7] == date(2025, 9, 30)
    # Once handled by a document of the register, it leaves the list.
    s.legal_reviews.update_handling(done.id, "done", handling_document_id=register.qd_12.id)
    assert s.legal_cycles.list_as_of("needing-action", date(2025, 10, 1)).rows == []


def test_review_validation_is_in_vietnamese(empty_services, register):
    review = _flag_nq_02(empty_services, register)
    bad = _amend_result(reviewed_on=date(2025, 1, 1), reviewer=" ", handling="", findings=())
    with pytest.raises(ValidationError) as info:
        empty_services.legal_reviews.record_result(review.id, bad)
    assert [p.where for p in info.value.problems] == [
        "Ngày rà soát",
        "Người rà soát",
        "Kiến nghị xử lý",
        "Nội dung rà soát",
    ]
    assert "trước ngày phát sinh yêu cầu rà soát 01/04/2025" in info.value.message
    reviewed = empty_services.legal_reviews.record_result(review.id, _amend_result())
    with pytest.raises(ValidationError, match="hãy chọn văn bản đã xử lý"):
        empty_services.legal_reviews.update_handling(reviewed.id, "done")


def test_unlawful_document_is_followed_until_fixed(empty_services, register):
    reviews = empty_services.legal_reviews
    case = reviews.add_unlawful(
        UnlawfulDraft(
            register.qd_05.id,
            "Sở Tư pháp tỉnh Hải Dương",
            date(2025, 3, 1),
            "Điều 9 quy định thẩm quyền xử phạt trái luật",
            date(2025, 5, 31),
        )
    )
    assert case.state(date(2025, 5, 31)) == "Đang theo dõi"
    assert case.state(date(2025, 6, 1)) == "Quá hạn xử lý"
    assert [c.id for c in reviews.unlawful_cases(open_only=True)] == [case.id]
    fixed = reviews.mark_fixed(case.id, date(2025, 6, 15), register.qd_12.id)
    assert fixed.state(date(2025, 7, 1)) == "Đã xử lý"
    assert fixed.fixed_by_label == "Quyết định số 12/2025/QĐ-UBND"
    assert reviews.unlawful_cases(open_only=True) == []


def test_the_four_lists_of_a_cycle_at_its_cutoff(empty_services, register):
    cycles = empty_services.legal_cycles
    name, start, cutoff = cycles.suggested_cycle()
    assert (name, start, cutoff) == ("2024-2028", date(2024, 1, 1), date(2028, 12, 31))
    cycle = cycles.create_cycle(name, start, cutoff)
    whole, part, in_force, action = cycles.cycle_lists(cycle.id)
    assert [g.title for g in whole.groups] == [
        "A. VĂN BẢN HẾT HIỆU LỰC TOÀN BỘ",
        "B. VĂN BẢN TẠM NGƯNG HIỆU LỰC TOÀN BỘ",
    ]
    (replaced,) = whole.groups[0].rows
    assert replaced[2] == "01/2020/QĐ-UBND\nngày 10/03/2020"
    assert replaced[4:] == ("Bị thay thế bởi Quyết định số 12/2025/QĐ-UBND", date(2025, 7, 1))
    (partly,) = part.rows
    assert partly[4] == "Hết hiệu lực một phần: Điều 3; Khoản 2 Điều 5"
    assert partly[5] == "Bị bãi bỏ bởi Nghị quyết số 09/2023/NQ-HĐND"
    assert partly[6] == date(2024, 1, 1)
    assert [g.title for g in in_force.groups] == [
        "I. LĨNH VỰC ĐẤT ĐAI",
        "II. LĨNH VỰC TÀI CHÍNH",
        "III. LĨNH VỰC TƯ PHÁP",
    ]
    assert [r[0] for r in in_force.rows] == [1, 2, 3]
    assert [r[2].split("\n")[0] for r in in_force.rows] == [
        "05/2022/QĐ-UBND",
        "02/2021/NQ-HĐND",
        "12/2025/QĐ-UBND",
    ]
    assert action.rows == []
    assert "thời điểm hệ thống hóa 31/12/2028" in in_force.subtitle


def test_suspension_outside_the_cycle_is_left_off_its_list(empty_services, register):
    cycles = empty_services.legal_cycles
    cycle = cycles.create_cycle("2019-2023", date(2019, 1, 1), date(2023, 12, 31))
    whole, part, in_force, _ = cycles.cycle_lists(cycle.id)
    assert whole.rows == [] and part.rows == []  # replacement and repeal came after 2023
    assert [r[2].split("\n")[0] for r in in_force.rows] == [
        "05/2022/QĐ-UBND",
        "02/2021/NQ-HĐND",
        "01/2020/QĐ-UBND",
    ]
    assert next_cycle(date(2023, 12, 31))[0] == "2024-2028"


def test_annual_list_carries_unpublished_entries_until_published(empty_services, register):
    cycles = empty_services.legal_cycles
    due = cycles.annual_due(date(2024, 1, 10))
    assert (due.year, due.deadline, due.entries) == (2023, date(2024, 1, 31), 1)
    assert [r[2].split("\n")[0] for r in cycles.annual_list(2023).rows] == ["05/2022/QĐ-UBND"]
    assert due.overdue(date(2024, 2, 1)) and not due.overdue(date(2024, 1, 31))
    # 2023 never published: its suspension is carried into the 2024 list.
    rows_2024 = cycles.annual_list(2024).rows
    assert [(r[2].split("\n")[0], r[4]) for r in rows_2024] == [
        ("02/2021/NQ-HĐND", "Một phần: Điều 3; Khoản 2 Điều 5"),
        ("05/2022/QĐ-UBND", "Toàn bộ"),
    ]
    assert rows_2024[1][5] == "Bị ngưng hiệu lực bởi Quyết định số 88/QĐ-UBND của UBND tỉnh"
    published = cycles.mark_annual_published(2024, date(2025, 1, 20), "Quyết định số 15/QĐ-UBND")
    assert published.published_on == date(2025, 1, 20)
    assert not published.overdue(date(2025, 3, 1))
    assert len(cycles.annual_list(2024).rows) == 2  # reprint shows the same list
    assert [r[2].split("\n")[0] for r in cycles.annual_list(2025).rows] == ["01/2020/QĐ-UBND"]


def test_dashboard_reminders_put_overdue_work_first(empty_services, register):
    s = empty_services
    s.legal_reviews.add_unlawful(
        UnlawfulDraft(
            register.qd_05.id, "Sở Tư pháp", date(2025, 3, 1), "Điều 9 trái luật", date(2025, 5, 31)
        )
    )
    reminders = s.legal_cycles.reminders(date(2025, 1, 15))
    assert [(r.text, r.deadline, r.overdue) for r in reminders] == [
        (
            "Công bố danh mục 2 văn bản hết hiệu lực, tạm ngưng hiệu lực năm 2024",
            date(2025, 1, 31),
            False,
        ),
        (
            "Xử lý Quyết định số 05/2022/QĐ-UBND bị kết luận trái pháp luật",
            date(2025, 5, 31),
            False,
        ),
        ("2 yêu cầu rà soát văn bản chưa thực hiện (cũ nhất từ 01/03/2023)", None, False),
    ]
    late = s.legal_cycles.reminders(date(2025, 6, 1))
    assert [r.overdue for r in late[:2]] == [True, True]


def test_document_still_suspended_at_the_cutoff_is_listed_even_if_suspended_earlier(
    empty_services, register
):
    s = empty_services
    s.legal.record_event(
        EventDraft(
            register.nq_02.id, "suspended", date(2023, 6, 1), by_text="Nghị quyết HĐND tỉnh"
        ),
        today=date(2023, 6, 2),
    )
    cycle = s.legal_cycles.create_cycle("2024-2028", date(2024, 1, 1), date(2028, 12, 31))
    whole, _part, in_force, _action = s.legal_cycles.cycle_lists(cycle.id)
    (suspended,) = whole.groups[1].rows
    assert suspended[2].startswith("02/2021/NQ-HĐND")
    assert suspended[4] == "Bị ngưng hiệu lực bởi Nghị quyết HĐND tỉnh"  # NĐ 34 wording, 2023
    assert not any(r[2].startswith("02/2021/NQ-HĐND") for r in in_force.rows)


def test_outcome_and_handling_agree(empty_services, register):
    review = _flag_nq_02(empty_services, register)
    reviews = empty_services.legal_reviews
    # "Still fine, nothing to do" with "amend it" would put the document on list (d): refused.
    contradiction = _amend_result(finding="PHU_HOP", scope="whole", findings=())
    with pytest.raises(ValidationError, match="không đi cùng kiến nghị “Sửa đổi, bổ sung”"):
        reviews.record_result(review.id, contradiction)
    # "Still fine" saved without a handling records "nothing to do", never an action.
    fine = _amend_result(finding="PHU_HOP", scope="whole", findings=(), handling="")
    saved = reviews.record_result(review.id, fine)
    assert saved.handling == "KHONG_XU_LY" and saved.handling_status == "not_needed"
