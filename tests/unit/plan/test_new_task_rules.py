"""A new task the clerk must follow up needs a lead unit, a deadline and an STT of its own."""

from __future__ import annotations

from datetime import date

from services.plan.records import TaskDraft, next_label, validate_task


def _problems(draft: TaskDraft, taken=frozenset({"1", "2"})) -> list[str]:
    return [str(p) for p in validate_task(draft, {7}, taken_labels=taken)]


def test_a_followed_new_task_names_the_missing_lead_and_deadline():
    draft = TaskDraft(section_id=1, text="Đối thoại với doanh nghiệp", label="3")
    assert _problems(draft) == [
        "Đơn vị chủ trì: nhiệm vụ cần giao và theo dõi phải có đơn vị chủ trì.",
        "Thời hạn: nhiệm vụ cần giao và theo dõi phải có thời hạn.",
    ]
    ready = TaskDraft(
        section_id=1, text="Đối thoại", label="3", lead_unit_id=7, deadline=date(2025, 11, 30)
    )
    assert _problems(ready) == []
    heading = TaskDraft(section_id=1, text="Mục đích", label="3", actionable=False)
    assert _problems(heading) == []  # a line of text that is not followed up needs neither
    # Editing old tasks (no taken_labels) keeps today's rules: imports may lack deadlines.
    assert validate_task(draft, {7}) == []


def test_the_stt_must_be_free_in_its_section_and_a_free_one_is_proposed():
    draft = TaskDraft(
        section_id=1, text="Việc", label="2", lead_unit_id=7, deadline=date(2025, 11, 30)
    )
    assert _problems(draft) == ["Số thứ tự: “2” đã có trong mục này."]
    assert next_label(frozenset({"1", "2", "-"})) == "3"
    assert next_label(frozenset({"a)", "b)"})) == "c)"
    assert next_label(frozenset()) == "1"
