"""Nothing a clerk typed disappears: derived fields follow their history, typed ones survive it.

The model is services.plan.derived_values: a task's status, percent and result are the clerk's
until the task has a progress history, then derived from it (and read-only in the editor).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from services.plan.derived_values import TYPED_BY
from services.plan.progress import ProgressDraft


@pytest.fixture
def task(services):
    plan = services.plans.plan_for_year(2025)
    return next(
        t
        for t in services.plans.tasks(plan.id)
        if t.actionable and t.recurrence == "none" and t.status == "not_started"
    )


def _type_in_editor(services, task, **values):
    current = services.plans.task(task.id)
    return services.plans.update_task(
        task.id, replace(current.draft(), **values), expected_version=current.version
    )


def test_back_dated_progress_after_a_direct_edit_keeps_the_edit(services, task):
    _type_in_editor(
        services, task, status="in_progress", percent=70, result_notes="Đã ban hành KH số 12"
    )
    # A unit's report of March is entered today, after the clerk's edit.
    services.progress.record(task.id, ProgressDraft(date(2025, 3, 1), 20, "in_progress", "Bắt đầu"))

    now = services.plans.task(task.id)
    assert (now.status, now.percent, now.result_notes) == (
        "in_progress",
        70,
        "Đã ban hành KH số 12",
    )
    history = services.progress.history(task.id)
    assert [(h.percent, h.text) for h in history] == [(70, "Đã ban hành KH số 12"), (20, "Bắt đầu")]
    assert TYPED_BY in history[0].entered_by  # the history says where the newer values came from
    assert history[0].on_date == date.today()


def test_a_newer_update_is_followed_and_the_typed_values_stay_in_the_history(services, task):
    _type_in_editor(services, task, status="in_progress", percent=30, result_notes="Đang soạn")
    services.progress.record(
        task.id, ProgressDraft(date.today(), 100, "done", "Đã ban hành Kế hoạch số 12")
    )
    now = services.plans.task(task.id)
    assert (now.status, now.percent, now.result_notes) == (
        "done",
        100,
        "Đã ban hành Kế hoạch số 12",
    )
    assert "Đang soạn" in [h.text for h in services.progress.history(task.id)]


def test_once_a_task_has_a_history_an_editor_draft_cannot_overwrite_what_it_derives(services, task):
    services.progress.record(task.id, ProgressDraft(date(2025, 5, 10), 60, "in_progress", "Đã họp"))
    source = services.progress.source(task.id)
    assert source.derived
    assert "theo cập nhật ngày 10/05/2025" in source.text and "Ctrl+G" in source.text

    # An old draft (another window, an undo, an import of the plan) still says 0% and blank.
    edited = _type_in_editor(
        services, task, text="Tổ chức hội nghị", status="not_started", percent=0, result_notes=""
    )
    assert edited.text == "Tổ chức hội nghị"  # the task's own fields are saved
    assert (edited.status, edited.percent, edited.result_notes) == ("in_progress", 60, "Đã họp")
    services.progress.record(task.id, ProgressDraft(date(2025, 4, 1), 10, "in_progress", "Cũ"))
    assert services.plans.task(task.id).result_notes == "Đã họp"  # back-dated: no change


def test_an_update_without_text_keeps_the_latest_result_that_has_one(services, task):
    services.progress.record(task.id, ProgressDraft(date(2025, 5, 10), 60, "in_progress", "Đã họp"))
    services.progress.record(task.id, ProgressDraft(date(2025, 6, 1), 80, "in_progress", ""))
    services.progress.record(task.id, ProgressDraft(date(2025, 2, 1), 10, "in_progress", "Cũ hơn"))
    now = services.plans.task(task.id)
    assert (now.percent, now.result_notes) == (80, "Đã họp")


def test_undoing_the_first_update_puts_the_typed_values_back_without_leftovers(services, task):
    _type_in_editor(services, task, status="in_progress", percent=40, result_notes="Đang làm")
    before = services.progress.state(task.id)
    entry = services.progress.record(
        task.id, ProgressDraft(date.today(), 90, "in_progress", "Gần xong")
    )
    services.progress.delete_entry(entry.id, restore=before)
    assert services.progress.state(task.id) == before
    assert services.progress.history(task.id) == []
    assert not services.progress.source(task.id).derived  # typed again in the editor


def test_a_task_without_history_is_the_clerks_to_type(services, task):
    assert not services.progress.source(task.id).derived
    edited = _type_in_editor(services, task, status="in_progress", percent=15)
    assert (edited.status, edited.percent) == ("in_progress", 15)


def test_a_recurring_task_says_its_percent_comes_from_its_periods(services):
    plan = services.plans.plan_for_year(2025)
    monthly = next(t for t in services.plans.tasks(plan.id) if t.recurrence == "monthly")
    services.progress.set_occurrence(monthly.id, 1, "done", "Báo cáo tháng 1")
    source = services.progress.source(monthly.id)
    assert source.derived and "1/12 kỳ đã xong" in source.text
    edited = _type_in_editor(services, monthly, percent=90, status="done")
    assert (edited.percent, edited.status) == (8, "in_progress")


# Score parents are refused by set_score: tests/unit/test_score_services.py (on parents).
