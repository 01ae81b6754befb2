"""Excel from the Kế hoạch area: export what is shown, send forms out, take them back."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ui import strings
from ui.plan.import_preview import ChangePreviewModel, ImportPreviewDialog


@pytest.fixture
def plan(main_window, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: told.append(a[2]))
    area = main_window.show_area(strings.AREA_PLAN)
    area.told = told
    area.today = date(2025, 7, 1)
    return area


def _wait(qtbot, task):
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=10_000)


def test_export_writes_exactly_the_filtered_rows(plan, qtbot, tmp_path):
    plan.filters.unit.setCurrentIndex(
        plan.filters.unit.findText("TP", Qt.MatchFlag.MatchStartsWith)
    )
    plan.search.setText("van ban")
    shown = [t.outline for t in plan.visible_tasks()]
    _wait(qtbot, plan.actions_.excel.export_table(tmp_path / "loc.xlsx"))
    ws = load_workbook(tmp_path / "loc.xlsx").active
    assert [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)] == shown
    assert "bộ phận TP" in ws["A2"].value and "tìm “van ban”" in ws["A2"].value
    assert "Đã xuất" in plan.told[-1]


def test_import_with_three_bad_rows_reports_all_three_and_writes_nothing(plan, qtbot, tmp_path):
    path = tmp_path / "phieu.xlsx"
    _wait(qtbot, plan.actions_.excel.export_forms(path))
    wb = load_workbook(path)
    ws = wb["TP"]
    ws["E5"], ws["F6"], ws["H7"] = "Gần xong", "nhiều", "hôm qua"
    wb.save(path)
    before = plan.task_model.tasks()
    _wait(qtbot, plan.actions_.excel.import_progress(path))
    preview = plan.actions_.excel.preview
    assert isinstance(preview, ImportPreviewDialog) and preview.isVisible()
    problems = [preview.problems.item(i).text() for i in range(preview.problems.count())]
    assert len(problems) == 3
    assert problems[0].startswith("Trang “TP”, dòng 5, cột E (Trạng thái): “Gần xong”")
    assert problems[1].startswith("Trang “TP”, dòng 6, cột F (Tiến độ): “nhiều”")
    assert problems[2].startswith("Trang “TP”, dòng 7, cột H (Ngày báo cáo): “hôm qua”")
    assert "CHƯA NHẬP GÌ" in preview.summary.text()
    preview.accept()  # only Đóng is offered; closing must not write
    qtbot.wait(50)
    assert plan._services.plans.tasks(plan.plan_id()) == before


def test_import_preview_then_accept_updates_the_table(plan, qtbot, tmp_path):
    path = tmp_path / "phieu.xlsx"
    _wait(qtbot, plan.actions_.excel.export_forms(path))
    wb = load_workbook(path)
    task_id = wb["VP"]["A6"].value
    wb["VP"]["F6"], wb["VP"]["G6"] = 55, "Đã tổ chức 2 hội nghị"
    wb.save(path)
    _wait(qtbot, plan.actions_.excel.import_progress(path))
    preview = plan.actions_.excel.preview
    assert preview.model.rowCount() == 1
    assert "Tiến độ: 0% → 55%" in preview.model.index(0, 3).data()
    assert plan._services.plans.task(task_id).percent == 0  # nothing yet
    preview.accept()
    qtbot.waitUntil(lambda: plan._services.plans.task(task_id).percent == 55, timeout=10_000)
    _wait(qtbot, plan.actions_.excel.last)
    row = plan.task_model.row_of(task_id)
    assert plan.task_model.task_at(row).result_notes == "Đã tổ chức 2 hội nghị"


def test_preview_model_passes_the_qt_model_checks(qtmodeltester, services, tmp_path):
    path = services.excel.export_unit_forms(
        services.plans.plan_for_year(2025).id, tmp_path / "p.xlsx"
    ).path
    wb = load_workbook(path)
    wb["TP"]["F5"] = 20
    wb["VP"]["E5"] = "Đang thực hiện"
    wb.save(path)
    check = services.progress_import.check(path, today=date(2025, 7, 1))
    model = ChangePreviewModel(check.changes)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2


def test_long_work_runs_off_the_ui_thread_and_can_be_cancelled(qtbot, services, tmp_path):
    import threading

    from services.jobs import Cancelled
    from ui.tasks import BackgroundTask

    plan_id = services.plans.plan_for_year(2025).id
    seen = {}

    def work(progress):
        seen["thread"] = threading.current_thread()
        return services.excel.export_tasks(plan_id, tmp_path / "huy.xlsx", progress=progress)

    task = BackgroundTask(work)
    task.cancel()  # the user pressed Hủy before the file was written
    with qtbot.waitSignal(task.failed, timeout=10_000) as failed:
        task.start()
    assert isinstance(failed.args[0], Cancelled)
    assert seen["thread"] is not threading.main_thread()
    assert not (tmp_path / "huy.xlsx").exists()

    done = BackgroundTask(
        lambda progress: services.excel.export_tasks(
            plan_id, tmp_path / "ok.xlsx", progress=progress
        )
    )
    steps = []
    done.progress_callbacks.append(lambda d, t: steps.append((d, t)))
    with qtbot.waitSignal(done.finished, timeout=10_000) as finished:
        done.start()
    assert finished.args[0].rows == 48 and steps[-1] == (48, 48)


def test_an_import_is_one_undo_step_and_earlier_edits_stay_undoable(plan, qtbot, tmp_path):
    from dataclasses import replace

    services = plan._services
    task = next(t for t in plan.task_model.tasks() if t.lead_code == "VP" and t.actionable)
    plan.editor.edit_task(task, replace(task.draft(), text="Tổ chức hội nghị tập huấn (đã sửa)"))
    assert services.plans.task(task.id).text.endswith("(đã sửa)")

    files = plan.actions_.excel.export_unit_files(tmp_path)
    _wait(qtbot, files)
    vp = next(p for p in tmp_path.glob("*.xlsx") if load_workbook(p).sheetnames == ["VP"])
    wb = load_workbook(vp)
    ws = wb.worksheets[0]
    rows = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1)}
    other = next(i for i in rows if i != task.id)
    ws[f"F{rows[task.id]}"], ws[f"F{rows[other]}"] = 60, 25
    wb.save(vp)
    before = [services.progress.state(i) for i in (task.id, other)]

    _wait(qtbot, plan.actions_.excel.import_progress(vp))
    plan.actions_.excel.preview.accept()
    qtbot.waitUntil(lambda: services.plans.task(other).percent == 25, timeout=10_000)
    _wait(qtbot, plan.actions_.excel.last)
    assert services.plans.task(task.id).percent == 60
    assert plan.editor.stack.count() == 2  # the edit is still there, the import on top
    assert plan.actions_.undo.text().startswith("Hoàn tác nhập tiến độ 2 nhiệm vụ")

    plan.actions_.undo.trigger()  # the whole import goes back at once
    assert [services.progress.state(i) for i in (task.id, other)] == before
    assert services.progress.history(other) == []
    row = plan.task_model.row_of(other)
    assert plan.task_model.task_at(row).percent == before[1].percent
    assert services.plans.task(task.id).text.endswith("(đã sửa)")

    plan.actions_.undo.trigger()  # then the edit made before the import
    assert services.plans.task(task.id).text == task.text

    plan.actions_.redo.trigger()
    plan.actions_.redo.trigger()  # and the import can be made again
    assert services.plans.task(other).percent == 25


def test_unit_files_go_out_to_a_folder_and_come_back_in_one_import(plan, qtbot, tmp_path):
    _wait(qtbot, plan.actions_.excel.export_unit_files(tmp_path))
    made = sorted(tmp_path.glob("*.xlsx"))
    assert len(made) > 2 and "Đã xuất" in plan.told[-1]
    assert all(p.name.startswith("Phiếu tiến độ 2025 - ") for p in made)
    first, second = made[:2]
    for path, cell, value in ((first, "F5", 30), (second, "F5", "ba mươi")):
        wb = load_workbook(path)
        wb.worksheets[0][cell] = value
        wb.save(path)
    before = plan._services.plans.tasks(plan.plan_id())
    _wait(qtbot, plan.actions_.excel.import_progress([first, second]))
    preview = plan.actions_.excel.preview
    assert preview.windowTitle() == "Nhập tiến độ từ 2 tệp"
    lines = preview.files.text().splitlines()
    assert lines[0].startswith(f"• {first.name}: đọc ") and lines[0].endswith("không có lỗi.")
    assert lines[1].endswith("1 lỗi.")
    problems = [preview.problems.item(i).text() for i in range(preview.problems.count())]
    sheet = load_workbook(second).sheetnames[0]
    assert problems == [
        f"Tệp “{second.name}”, trang “{sheet}”, dòng 5, cột F (Tiến độ): "
        "“ba mươi” phải là số nguyên từ 0 đến 100."
    ]
    preview.grab().save("/work/notes/shots/r13c-import-two-files-error.png")
    preview.accept()
    qtbot.wait(50)
    assert plan._services.plans.tasks(plan.plan_id()) == before

    wb = load_workbook(second)
    wb.worksheets[0]["F5"] = 30
    wb.save(second)
    _wait(qtbot, plan.actions_.excel.import_progress([first, second]))
    preview = plan.actions_.excel.preview
    assert preview.model.rowCount() == 2
    preview.grab().save("/work/notes/shots/r13c-import-two-files.png")
    preview.accept()
    _wait(qtbot, plan.actions_.excel.last)
    qtbot.waitUntil(lambda: plan.editor.stack.count() == 1, timeout=10_000)
