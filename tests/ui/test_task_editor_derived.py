"""The task editor shows derived status, percent and result read-only, saying where they come
from, so a clerk never types a value that a back-dated progress report would replace."""

from __future__ import annotations

import os
from datetime import date

import pytest

from services.plan.progress import ProgressDraft
from ui import strings

SHOTS = os.environ.get("PARDESK_SHOTS")


@pytest.fixture
def plan(main_window, qtbot):
    main_window.resize(1024, 700)
    area = main_window.show_area(strings.AREA_PLAN)
    area.table.setFocus()
    return area


def _select_one_off(plan):
    for row in range(plan.task_model.rowCount()):
        plan.table.selectRow(row)
        task = plan.current_task()
        if task and task.actionable and task.recurrence == "none" and task.status == "not_started":
            return task
    raise AssertionError("no one-off task in the sample plan")


def test_a_task_with_progress_shows_its_followed_fields_read_only_with_their_source(
    plan, qtbot, main_window
):
    task = _select_one_off(plan)
    main_window.services.progress.record(
        task.id, ProgressDraft(date(2025, 5, 10), 60, "in_progress", "Đã tổ chức hội nghị")
    )
    plan.reload(task.id)
    editor = plan.actions_.edit_current()
    qtbot.waitExposed(editor)
    assert not editor.status.isEnabled()
    assert editor.percent.isReadOnly() and editor.result.isReadOnly()
    assert editor.percent.value() == 60
    note = editor.derived_note
    assert note.isVisible()
    assert "theo cập nhật ngày 10/05/2025" in note.text() and "Ctrl+G" in note.text()
    assert editor.result.toolTip() == note.text()
    if SHOTS:
        editor.grab().save(os.path.join(SHOTS, "task-editor-derived.png"))
    # What the clerk can still edit is saved; the derived values stay the history's.
    editor.text.setPlainText("Tổ chức hội nghị triển khai kế hoạch")
    editor.accept()
    assert not editor.isVisible(), editor.problems.text()
    saved = main_window.services.plans.task(task.id)
    assert saved.text == "Tổ chức hội nghị triển khai kế hoạch"
    assert (saved.percent, saved.result_notes) == (60, "Đã tổ chức hội nghị")
    # The editor still fits a 1024×700 screen with the note shown.
    assert editor.minimumSizeHint().height() <= 700


def test_a_task_without_progress_is_typed_in_the_editor(plan, qtbot):
    _select_one_off(plan)
    editor = plan.actions_.edit_current()
    qtbot.waitExposed(editor)
    assert editor.status.isEnabled() and not editor.result.isReadOnly()
    assert not editor.derived_note.isVisible()
    assert editor.minimumSizeHint().height() <= 700
    editor.reject()
