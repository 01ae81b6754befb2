"""Plan tasks through the service: search, validation, one transaction per action."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date

import pytest

from services.errors import ConflictError, ValidationError
from services.plan.plans import TaskDraft


@pytest.fixture
def plan(services):
    return services.plans.plan_for_year(2025)


def test_search_without_accents_finds_the_plan_tasks(services, plan):
    found = services.plans.search_tasks(plan.id, "khac phuc")
    assert found
    assert all("khắc phục" in t.text.lower() for t in found)
    assert services.plans.search_tasks(plan.id, "HO NGHEO")[0].text.startswith("Thực hiện điều tra")


def test_a_task_with_three_mistakes_reports_all_three_and_writes_nothing(services, plan):
    section = services.plans.sections(plan.id)[-1]
    before = len(services.plans.tasks(plan.id))
    draft = TaskDraft(
        section_id=section.id,
        text="   ",
        lead_unit_id=99_999,
        start_on=date(2025, 6, 1),
        deadline=date(2025, 5, 1),
    )
    with pytest.raises(ValidationError) as caught:
        services.plans.create_task(draft)
    fields = {p.where for p in caught.value.problems}
    assert fields == {"Nội dung", "Thời hạn", "Đơn vị chủ trì"}
    assert "01/05/2025" in caught.value.message
    assert len(services.plans.tasks(plan.id)) == before


def test_created_task_is_stored_nfc_and_found_by_search(services, plan):
    section = services.plans.sections(plan.id)[-1]
    vp = services.units.by_code()["VP"]
    text = unicodedata.normalize("NFD", "Tổ chức đối thoại với Nhân dân quý III")
    task = services.plans.create_task(
        TaskDraft(section_id=section.id, text=text, lead_unit_id=vp.id, deadline=date(2025, 9, 30))
    )
    assert task.text == unicodedata.normalize("NFC", text)
    assert [t.id for t in services.plans.search_tasks(plan.id, "doi thoai quy iii")] == [task.id]


def test_saving_over_someone_elses_change_is_refused(services, plan):
    task = services.plans.tasks(plan.id)[5]
    services.plans.update_task(
        task.id, replace(task.draft(), percent=40), expected_version=task.version
    )
    with pytest.raises(ConflictError, match="người khác sửa"):
        services.plans.update_task(
            task.id, replace(task.draft(), percent=90), expected_version=task.version
        )
    assert services.plans.task(task.id).percent == 40


def test_unit_in_use_cannot_be_deleted(services):
    from services.errors import UserError

    tp = services.units.by_code()["TP"]
    with pytest.raises(UserError, match="Ngừng sử dụng"):
        services.units.delete(tp.id)
    assert "TP" in services.units.by_code()


def test_organisation_profile_requires_its_header_lines(services):
    profile = replace(services.organisation.get(), body_line2=" ", symbol_suffix="UB ND")
    with pytest.raises(ValidationError) as caught:
        services.organisation.save(profile)
    assert {p.where for p in caught.value.problems} == {
        "Tên cơ quan (dòng 2)",
        "Chữ viết tắt cơ quan",
    }
    assert services.organisation.get().body_line2 == "PHƯỜNG DỊ SỬ"
