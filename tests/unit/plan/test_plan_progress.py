"""Progress history, recurring periods, reordering, undo snapshots and year rollover."""

from __future__ import annotations

from datetime import date

import pytest

from services.errors import UserError, ValidationError
from services.plan.due import due_state, in_window, periods
from services.plan.progress import ProgressDraft


@pytest.fixture
def plan(services):
    return services.plans.plan_for_year(2025)


def _one_off(services, plan):
    return next(t for t in services.plans.tasks(plan.id) if t.actionable and t.recurrence == "none")


def _monthly(services, plan):
    return next(t for t in services.plans.tasks(plan.id) if t.recurrence == "monthly")


def test_the_task_follows_its_latest_dated_update_not_the_last_typed(services, plan):
    task = _one_off(services, plan)
    progress = services.progress
    progress.record(task.id, ProgressDraft(date(2025, 5, 10), 60, "in_progress", "Đã họp"))
    progress.record(task.id, ProgressDraft(date(2025, 3, 1), 20, "in_progress", "Bắt đầu"))
    now = services.plans.task(task.id)
    assert (now.status, now.percent, now.result_notes) == ("in_progress", 60, "Đã họp")
    history = progress.history(task.id)
    assert [h.percent for h in history] == [60, 20]
    assert history[0].entered_by  # the OS login name
    progress.delete_entry(history[0].id)
    assert services.plans.task(task.id).percent == 20


def test_undoing_the_only_update_puts_the_task_back(services, plan):
    task = _one_off(services, plan)
    before = services.progress.state(task.id)
    entry = services.progress.record(task.id, ProgressDraft(date(2025, 5, 1), 100, "done"))
    assert services.plans.task(task.id).status == "done"
    services.progress.delete_entry(entry.id, restore=before)
    assert services.progress.state(task.id) == before


def test_a_bad_update_is_refused_with_every_problem(services, plan):
    task = _one_off(services, plan)
    with pytest.raises(ValidationError) as caught:
        services.progress.record(task.id, ProgressDraft(date(2025, 5, 1), 140, "xong", period=3))
    assert {p.where for p in caught.value.problems} == {"Trạng thái", "Tiến độ", "Kỳ báo cáo"}
    assert services.progress.history(task.id) == []


def test_a_monthly_task_has_twelve_periods_each_with_its_own_status(services, plan):
    task = _monthly(services, plan)
    occ = services.progress.occurrences(task.id)
    assert [o.label for o in occ[:2]] == ["Tháng 1/2025", "Tháng 2/2025"]
    assert occ[1].deadline == date(2025, 2, 28) and len(occ) == 12
    services.progress.record(task.id, ProgressDraft(date(2025, 1, 30), 100, "done", period=1))
    services.progress.set_occurrence(task.id, 2, "done", "Báo cáo số 12")
    row = services.plans.task(task.id)
    assert (row.periods_done, row.periods_total, row.next_due) == (2, 12, date(2025, 3, 31))
    assert row.percent == 17 and row.status == "in_progress"
    assert services.progress.occurrences(task.id)[1].note == "Báo cáo số 12"


def test_periods_and_due_windows():
    assert [p.deadline for p in periods("quarterly", 2025)][-1] == date(2025, 12, 31)
    assert len(periods("semiannual", 2025)) == 2 and periods("none", 2025) == []
    today = date(2025, 6, 10)
    args = {"actionable": True, "status": "in_progress", "percent": 10, "start_on": None}
    assert due_state(**args, due=date(2025, 6, 1), today=today) == "overdue"
    assert due_state(**args, due=date(2025, 6, 15), today=today) == "at_risk"
    assert due_state(**args, due=date(2025, 9, 1), today=today) == "ok"
    assert due_state(**{**args, "status": "done"}, due=date(2025, 6, 1), today=today) == "closed"
    assert in_window("week", open_=True, due=date(2025, 6, 17), today=today)
    assert not in_window("week", open_=True, due=date(2025, 6, 18), today=today)
    assert in_window("month", open_=True, due=date(2025, 6, 30), today=today)
    assert in_window("no_deadline", open_=True, due=None, today=today)


def test_moving_a_task_up_and_down_changes_its_number(services, plan):
    tasks = services.plans.tasks(plan.id)
    first, second = tasks[0], tasks[1]
    assert first.section_id == second.section_id
    assert services.plans.move_task(second.id, -1)
    after = services.plans.tasks(plan.id)
    assert [after[0].id, after[1].id] == [second.id, first.id]
    assert services.plans.move_task(second.id, +1)
    assert [t.id for t in services.plans.tasks(plan.id)[:2]] == [first.id, second.id]


def test_deleted_task_comes_back_with_its_history(services, plan):
    task = _one_off(services, plan)
    services.progress.record(task.id, ProgressDraft(date(2025, 4, 1), 30, "in_progress", "x"))
    snap = services.plans.snapshot_task(task.id)
    services.plans.delete_task(task.id)
    back = services.plans.restore_task(snap)
    assert back.outline == task.outline and back.text == task.text
    assert [h.percent for h in services.progress.history(back.id)] == [30]


def test_a_section_with_tasks_cannot_be_deleted_but_an_empty_one_can(services, plan):
    sections = services.plans.sections(plan.id)
    busy = next(
        s for s in sections if any(t.section_id == s.id for t in services.plans.tasks(plan.id))
    )
    with pytest.raises(UserError, match="còn nhiệm vụ"):
        services.plans.delete_section(busy.id)
    new = services.plans.create_section(plan.id, None, "roman", "V.", "Mục thử")
    services.plans.update_section(new.id, "V.", "Mục đã sửa")
    assert services.plans.sections(plan.id)[-1].title == "Mục đã sửa"
    services.plans.delete_section(new.id)
    assert all(s.id != new.id for s in services.plans.sections(plan.id))


def test_rollover_copies_structure_and_recurring_tasks_and_keeps_both_years(services, plan):
    old_tasks = services.plans.tasks(plan.id)
    new = services.plans.rollover(plan.id, 2026)
    assert services.plans.years() == [2025, 2026]
    assert "2026" in new.summary
    new_tasks = services.plans.tasks(new.id)
    recurring = {t.text for t in old_tasks if t.recurrence != "none"}
    assert recurring <= {t.text for t in new_tasks}
    assert all(t.status == "not_started" for t in new_tasks)
    assert len(services.plans.sections(new.id)) == len(services.plans.sections(plan.id))
    assert len(services.plans.tasks(plan.id)) == len(old_tasks)
    with pytest.raises(ValidationError, match="đã có kế hoạch năm 2026"):
        services.plans.rollover(plan.id, 2026)
