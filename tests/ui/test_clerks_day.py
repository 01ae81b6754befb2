"""One day of the office clerk (Văn phòng) in ParDesk, from the morning reminder to the
units' returned forms — every step through the window, every result read back from it."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ui import strings
from ui.plan.progress_dialog import ProgressDialog
from ui.plan.task_editor import TaskEditorDialog

TODAY = date(2025, 6, 25)


def _open_dialog(area, kind):
    return [d for d in area.findChildren(kind) if d.isVisible()][-1]


def test_a_clerks_day(main_window, qtbot, tmp_path, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    plan = main_window.show_area(strings.AREA_PLAN)
    overview = main_window.area(strings.AREA_OVERVIEW)
    plan.today = overview.today = TODAY
    plan.reload()

    # Morning: the dashboard says what is late.
    main_window.show_area(strings.AREA_OVERVIEW)
    assert overview.figure("overdue") == 2  # I.1's January report and IV.1.a's review
    assert overview.overdue_list.item(1).text().startswith("IV.1.a · VP · hạn 31/03/2025")
    assert overview.figure("in_progress") == 0

    # She filters the plan to the justice unit (TP) and opens its second task with F2.
    qtbot.mouseClick(overview.tile_buttons["all"], Qt.MouseButton.LeftButton)
    plan.filters.unit.setCurrentIndex(
        plan.filters.unit.findText("TP", Qt.MatchFlag.MatchStartsWith)
    )
    plan.table.selectRow(1)
    task = plan.current_task()
    assert task.lead_code == "TP"
    plan.table.setFocus()
    qtbot.keyClick(plan.table, Qt.Key.Key_F2)
    editor = _open_dialog(plan, TaskEditorDialog)
    editor.deadline.setText("30/09/2025")
    editor.accept()
    assert plan.current_task().deadline == date(2025, 9, 30)

    # A wrong date: she undoes it.
    plan.actions_.undo.trigger()
    assert plan.current_task().deadline == task.deadline

    # The unit phones in its progress; she records it.
    plan.actions_.record_progress()
    dialog = _open_dialog(plan, ProgressDialog)
    dialog.percent.setValue(50)
    dialog.text.setPlainText("Đã rà soát 12 văn bản")
    dialog.accept()
    assert plan.current_task().percent == 50

    # The dashboard follows.
    main_window.show_area(strings.AREA_OVERVIEW)
    assert overview.figure("in_progress") == 1
    tp = next(b for b in overview.unit_chart.bars() if b.label == "Tư pháp")
    assert tp.percent == 50 / 8

    # Afternoon: a unit sends back its form with three mistakes; nothing may be written.
    main_window.show_area(strings.AREA_PLAN)
    forms = tmp_path / "phieu.xlsx"
    task_export = plan.actions_.excel.export_forms(forms)
    qtbot.waitUntil(lambda: task_export.done, timeout=10_000)
    wb = load_workbook(forms)
    wb["VP"]["E5"], wb["VP"]["F6"], wb["VP"]["H7"] = "Xong", 120, "32/13/2025"
    wb.save(forms)
    before = main_window.services.plans.tasks(plan.plan_id())
    check = plan.actions_.excel.import_progress(forms)
    qtbot.waitUntil(lambda: check.done, timeout=10_000)
    preview = plan.actions_.excel.preview
    reported = [preview.problems.item(i).text() for i in range(preview.problems.count())]
    assert len(reported) == 3
    assert [r.split(":")[0] for r in reported] == [
        "Trang “VP”, dòng 5, cột E (Trạng thái)",
        "Trang “VP”, dòng 6, cột F (Tiến độ)",
        "Trang “VP”, dòng 7, cột H (Ngày báo cáo)",
    ]
    preview.reject()
    assert main_window.services.plans.tasks(plan.plan_id()) == before
