"""Rolling a 2025 plan over: text naming the district level or a thị trấn is found and a
rewording suggested before the new plan is saved (issue 14.4)."""

from __future__ import annotations

import pytest

from services.plan.district_wording import find, suggest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chương trình tổng thể của Chính phủ, của tỉnh, của thị xã, của phường; triển khai",
            "Chương trình tổng thể của Chính phủ, của tỉnh, của phường; triển khai",
        ),
        ("kế hoạch của thị xã kịp thời tham mưu", "kế hoạch của tỉnh kịp thời tham mưu"),
        ("của UBND các xã, phường, thị trấn năm 2024", "của UBND các xã, phường năm 2024"),
        ("Báo cáo Phòng Nội vụ thị xã Mỹ Hào trước ngày 15", "Báo cáo Sở Nội vụ trước ngày 15"),
        ("Gửi Phòng Tư pháp huyện Văn Lâm", "Gửi Sở Tư pháp"),
        ("Phòng Tài nguyên và Môi trường quận Ba Đình", "Sở Nông nghiệp và Môi trường"),
        ("Gửi UBND huyện Văn Lâm và Huyện ủy", "Gửi UBND tỉnh và Tỉnh ủy"),
        ("Chủ tịch Ủy ban nhân dân thị xã giao", "Chủ tịch Ủy ban nhân dân tỉnh giao"),
        ("các nhiệm vụ cấp huyện giao", "các nhiệm vụ cấp tỉnh giao"),
    ],
)
def test_the_suggestion_names_the_province_directly(text, expected):
    assert suggest(text) == expected


def test_text_without_a_district_is_not_a_finding_and_a_town_name_needs_a_hand():
    assert find(("task", 1), "x", "Kế hoạch của phường năm 2025; Ủy ban nhân dân xã") is None
    town = find(("task", 1), "Mục I", "Trước đây là thị trấn Như Quỳnh")
    assert town is not None and town.manual and town.suggestion == town.text


def test_rollover_shows_the_findings_and_saves_only_the_accepted_rewordings(services):
    plans = services.plans
    source = plans.plan_for_year(2025)
    findings = plans.district_findings(source.id, include_open=True)
    by_text = {f.text: f for f in findings}
    nationwide = next(t for t in by_text if "của tỉnh, của thị xã, của phường" in t)
    office = next(t for t in by_text if "kế hoạch của thị xã" in t)
    assert by_text[nationwide].where.startswith("Mục ")
    assert ("plan", "opening") in {f.key for f in findings}  # "xã, phường, thị trấn"
    accepted = {by_text[nationwide].key: by_text[nationwide].suggestion}
    new = plans.rollover(source.id, 2026, include_open=True, rewrites=accepted)
    texts = [t.text for t in plans.tasks(new.id)]
    assert any("của Chính phủ, của tỉnh, của phường;" in t for t in texts)
    assert not any("của tỉnh, của thị xã, của phường" in t for t in texts)
    assert office in texts  # not accepted: copied as it was
    assert plans.search_tasks(new.id, "cua tinh, cua phuong")  # the new wording is searchable
    # The 2025 plan is untouched, and the new plan's opening kept its words (not accepted).
    assert any(nationwide == t.text for t in plans.tasks(source.id))
    assert "thị trấn" in " ".join(plans.get_plan(new.id).opening)
