"""The change log reads in words: records and the ids in their changes named as a clerk knows them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event

from models import PlanTask, Unit
from services.plan.progress import ProgressDraft
from services.safety.audit import AUDIT_ENABLED, set_actor


@pytest.fixture
def edited(services):
    """A clerk's morning: moves a task from Tư pháp to Văn phòng, records progress, numbers the
    quarter's report and deletes a task."""
    set_actor(services.database.session_factory, "Nguyễn Thị Lan")
    units = {u.name: u for u in services.units.list()}
    plan = services.plans.plan_for_year(2025)
    tasks = [t for t in services.plans.tasks(plan.id) if t.actionable]
    task = next(t for t in tasks if t.lead_unit_id == units["Tư pháp"].id)
    partners = (units["Địa chính"].id, units["Trạm y tế"].id)
    services.plans.update_task(
        task.id,
        replace(task.draft(), lead_unit_id=units["Văn phòng"].id, deadline=date(2025, 9, 30),
                partner_ids=partners),
        expected_version=task.version,
    )  # fmt: skip
    services.progress.record(
        task.id, ProgressDraft(date(2025, 6, 15), 40, "in_progress", "Đã họp triển khai")
    )
    services.documents.number_report(2025, "Q2", date(2025, 7, 5))
    victim = tasks[-1]
    services.progress.record(victim.id, ProgressDraft(date(2025, 6, 20), 10, "in_progress"))
    services.plans.delete_task(victim.id)
    return task, victim


def _newest(services, table: str):
    return next(e for e in services.audit.entries() if e.table_name == table)


def test_a_moved_task_reads_from_unit_to_unit_with_its_stt_and_text(services, edited):
    task, _ = edited
    entry = next(
        e for e in services.audit.history("plan_tasks", task.id)
        if any(c.field == "lead_unit_id" for c in e.changes)
    )  # fmt: skip
    assert entry.action_label == "Sửa" and entry.actor == "Nguyễn Thị Lan"
    assert entry.record_label.startswith(f"{task.outline} {task.text[:30]}")
    lines = [str(c) for c in entry.changes]
    assert "Chủ trì: Tư pháp → Văn phòng" in lines
    assert "Thời hạn: 31/12/2025 → 30/09/2025" in lines
    assert "Phối hợp: (trống) → Địa chính, Trạm y tế" in lines


def test_progress_names_its_task_and_the_report_its_kind_and_period(services, edited):
    task, _ = edited
    progress = next(e for e in services.audit.entries(table="task_progress") if "40" in e.summary)
    assert progress.record_label.startswith(f"{task.outline} ")
    assert progress.record_label.endswith(", báo cáo ngày 15/06/2025")
    assert f"Nhiệm vụ: {task.outline} " in progress.summary and "Kỳ:" not in progress.summary
    report = _newest(services, "reports")
    assert report.record_label == "Báo cáo quý II năm 2025"
    assert report.summary == "Kế hoạch: Kế hoạch năm 2025; Kỳ báo cáo: Quý II"
    numbered = _newest(services, "outgoing_documents")
    assert numbered.record_label == "Báo cáo số 01/BC-UBND ngày 05/07/2025"
    by_field = {c.field: c.new for c in numbered.changes}
    assert by_field["doc_type"] == "Báo cáo" and by_field["report_id"] == "Báo cáo quý II năm 2025"


def test_a_deleted_task_is_still_named_from_what_the_log_kept(services, edited):
    _, victim = edited
    deleted, *earlier = services.audit.history("plan_tasks", victim.id)
    assert deleted.action_label == "Xóa"
    for entry in (deleted, *earlier):  # numbered where it stood in the plan
        assert entry.record_label.startswith(f"{victim.outline} {victim.text[:30]}")
    progress = next(e for e in services.audit.entries(table="task_progress") if "10" in e.summary)
    assert progress.record_label.startswith(f"{victim.outline} {victim.text[:30]}")
    assert f"Nhiệm vụ: {victim.outline} " in progress.summary
    assert "(đã xóa)" in progress.summary  # the task it points at is gone


def test_a_unit_deleted_since_keeps_its_name_and_one_never_logged_says_so(services, database):
    task = next(t for t in services.plans.tasks(services.plans.plan_for_year(2025).id)
                if t.lead_unit_id)  # fmt: skip
    temp = services.units.create("TCT", "Tổ công tác tạm thời")
    services.plans.update_task(task.id, replace(task.draft(), lead_unit_id=temp.id))
    task = services.plans.task(task.id)
    services.plans.update_task(task.id, replace(task.draft(), lead_unit_id=None))
    services.units.delete(temp.id)
    with database.session_factory.begin() as session:  # a unit the trail never saw
        session.info[AUDIT_ENABLED] = False
        session.add(Unit(code="AN", name="Bộ phận ẩn"))
    ghost = next(u for u in services.units.list() if u.code == "AN")
    task = services.plans.task(task.id)
    services.plans.update_task(task.id, replace(task.draft(), lead_unit_id=ghost.id))
    with database.session_factory.begin() as session:
        session.info[AUDIT_ENABLED] = False
        session.get(PlanTask, task.id).lead_unit_id = None
        session.flush()
        session.delete(session.get(Unit, ghost.id))
    lines = [str(c) for e in services.audit.history("plan_tasks", task.id)[:3] for c in e.changes]
    assert "Chủ trì: (trống) → (đã xóa)" in lines
    assert "Chủ trì: Tổ công tác tạm thời (đã xóa) → (trống)" in lines


def test_search_finds_the_words_shown_not_the_ids_stored(services, edited):
    task, _ = edited
    found = services.audit.entries("chu tri tu phap van phong")
    assert found[0].record_id == str(task.id) and found[0].actor == "Nguyễn Thị Lan"
    assert "Chủ trì: Tư pháp → Văn phòng" in found[0].summary
    assert services.audit.entries("bao cao quy ii nam 2025")[0].table_name in {
        "reports", "outgoing_documents"
    }  # fmt: skip


def test_names_are_read_with_a_few_queries_whatever_the_length_of_the_log(services, edited):
    engine = services.database.engine
    counted: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        counted.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        short = services.audit.entries(limit=5)
        few = len(counted)
        counted.clear()
        whole = services.audit.entries(limit=5000)
        many = len(counted)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(whole) > 80 > len(short)
    assert many <= few + 6, (few, many)  # a query per kind of record, never one per line


def test_an_id_given_again_to_a_new_unit_keeps_the_old_lines_on_the_old_unit(services):
    task = next(t for t in services.plans.tasks(services.plans.plan_for_year(2025).id)
                if t.lead_unit_id)  # fmt: skip
    old = services.units.create("CU", "Tổ công tác cũ")
    services.plans.update_task(task.id, replace(task.draft(), lead_unit_id=old.id))
    task = services.plans.task(task.id)
    services.plans.update_task(task.id, replace(task.draft(), lead_unit_id=None))
    services.units.delete(old.id)
    new = services.units.create("MOI", "Tổ công tác mới")  # SQLite reuses the last id
    task = services.plans.task(task.id)
    services.plans.update_task(task.id, replace(task.draft(), lead_unit_id=new.id))
    newest, cleared, given = services.audit.history("plan_tasks", task.id)[:3]
    assert str(newest.changes[0]) == "Chủ trì: (trống) → Tổ công tác mới"
    assert str(cleared.changes[0]) == "Chủ trì: Tổ công tác cũ (đã xóa) → (trống)"
    assert str(given.changes[0]).endswith("→ Tổ công tác cũ (đã xóa)")
    unit_lines = services.audit.entries(table="units", limit=3)
    assert [e.record_label for e in unit_lines] == [
        "Tổ công tác mới", "Tổ công tác cũ", "Tổ công tác cũ"
    ]  # fmt: skip
