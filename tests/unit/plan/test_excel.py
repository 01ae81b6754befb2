"""Excel files written by ParDesk, opened again with openpyxl, and unit forms sent back."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from services.errors import ConflictError, UserError, ValidationError
from services.jobs import Cancelled
from services.plan.plans import TaskDraft

TODAY = date(2025, 7, 1)


@pytest.fixture
def plan(services):
    return services.plans.plan_for_year(2025)


def test_task_table_export_is_ready_to_print(services, plan, tmp_path):
    tasks = services.plans.tasks(plan.id)
    chosen = [t.id for t in tasks if t.lead_code == "TP"][::-1]  # on-screen order is kept
    result = services.excel.export_tasks(
        plan.id, tmp_path / "nv.xlsx", task_ids=chosen, note="Lọc: bộ phận TP"
    )
    assert result.rows == len(chosen)
    ws = load_workbook(result.path).active
    assert ws["A1"].value == "DANH SÁCH NHIỆM VỤ THỰC HIỆN KẾ HOẠCH NĂM 2025"
    assert ws["A2"].value == "Lọc: bộ phận TP"
    assert [c.value for c in ws[3]][:3] == ["STT", "Nội dung", "Chủ trì"]
    assert all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.column_dimensions["B"].width == 60
    assert ws["B4"].alignment.wrap_text
    by_id = {t.id: t for t in tasks}
    first = by_id[chosen[0]]
    assert ws["A4"].value == first.outline and ws["C4"].value == "TP"
    assert isinstance(ws["F4"].value, datetime) and ws["F4"].value.date() == first.deadline
    assert ws["F4"].number_format == "dd/mm/yyyy"
    assert ws.max_row == 3 + len(chosen)


def test_export_to_a_unit_and_refusing_a_wrong_name(services, plan, tmp_path):
    tp = services.units.by_code()["TP"]
    result = services.excel.export_tasks(plan.id, tmp_path / "tp.xlsx", unit_id=tp.id)
    ws = load_workbook(result.path).active
    codes = [(ws.cell(r, 3).value, ws.cell(r, 4).value or "") for r in range(4, ws.max_row + 1)]
    assert codes and all(lead == "TP" or "TP" in partners for lead, partners in codes)
    with pytest.raises(UserError, match=r"\.xlsx"):
        services.excel.export_tasks(plan.id, tmp_path / "nv.csv")


def test_cancelled_export_writes_no_file(services, plan, tmp_path):
    with pytest.raises(Cancelled):
        services.excel.export_tasks(plan.id, tmp_path / "x.xlsx", progress=lambda d, t: False)
    assert not list(tmp_path.glob("*.xlsx"))


def test_unit_forms_have_one_locked_sheet_per_unit(services, plan, tmp_path):
    result = services.excel.export_unit_forms(plan.id, tmp_path / "phieu.xlsx")
    wb = load_workbook(result.path)
    assert "VP" in wb.sheetnames and "TP" in wb.sheetnames
    ws = wb["TP"]
    assert ws.column_dimensions["A"].hidden and ws.protection.sheet
    assert ws["A4"].value == "Mã NV" and isinstance(ws["A5"].value, int)
    assert ws["A5"].protection.locked and not ws["E5"].protection.locked
    kinds = {v.type for v in ws.data_validations.dataValidation}
    assert kinds == {"list", "whole", "date"}
    assert result.sheets == len(wb.sheetnames)


def _fill(path, edits):
    """A unit's clerk fills in the form: {(sheet, row): {column: value}}."""
    wb = load_workbook(path)
    for (sheet, row), cells in edits.items():
        for column, value in cells.items():
            wb[sheet][f"{column}{row}"] = value
    wb.save(path)


def test_returned_form_with_three_bad_rows_reports_all_and_writes_nothing(services, plan, tmp_path):
    path = services.excel.export_unit_forms(plan.id, tmp_path / "phieu.xlsx").path
    _fill(
        path,
        {
            ("TP", 5): {"E": "Hoàn thành", "G": "Đã ban hành kế hoạch số 12"},
            ("TP", 6): {"E": "Xong rồi"},
            ("TP", 7): {"F": 150},
            ("VP", 8): {"H": "31/02/2025"},
        },
    )
    before = services.plans.tasks(plan.id)
    check = services.progress_import.check(path, today=TODAY)
    assert [str(p) for p in check.problems] == [
        "Trang “VP”, dòng 8, cột H (Ngày báo cáo): Không có ngày 31/02/2025.",
        "Trang “TP”, dòng 6, cột E (Trạng thái): “Xong rồi” không phải trạng thái hợp lệ "
        "(Chưa thực hiện, Đang thực hiện, Hoàn thành, Tạm dừng, Hủy bỏ).",
        "Trang “TP”, dòng 7, cột F (Tiến độ): “150” phải là số nguyên từ 0 đến 100.",
    ]
    with pytest.raises(ValidationError):
        services.progress_import.apply(check)
    assert services.plans.tasks(plan.id) == before


def test_good_form_previews_old_and_new_then_writes_in_one_go(services, plan, tmp_path):
    path = services.excel.export_unit_forms(plan.id, tmp_path / "phieu.xlsx").path
    wb = load_workbook(path)
    task_id = wb["TP"]["A5"].value
    _fill(
        path,
        {
            ("TP", 5): {"E": "Hoàn thành", "G": "Đã ban hành kế hoạch số 12", "H": "20/06/2025"},
            ("TP", 6): {"F": 40},
        },
    )
    check = services.progress_import.check(path, today=TODAY)
    assert check.ok and len(check.changes) == 2 and check.unchanged == check.rows_read - 2
    first = check.changes[0]
    assert first.outline == services.plans.task(task_id).outline
    assert [(c.field, c.old, c.new) for c in first.changes] == [
        ("Trạng thái", "Chưa thực hiện", "Hoàn thành"),
        ("Tiến độ", "0%", "100%"),
        ("Kết quả", "(trống)", "Đã ban hành kế hoạch số 12"),
    ]
    assert services.progress_import.apply(check) == 2
    task = services.plans.task(task_id)
    assert (task.status, task.percent, task.result_notes) == (
        "done",
        100,
        "Đã ban hành kế hoạch số 12",
    )
    history = services.progress.history(task_id)
    assert history[0].on_date == date(2025, 6, 20) and "phieu.xlsx" in history[0].entered_by


def test_import_refuses_when_a_task_changed_after_the_check(services, plan, tmp_path):
    path = services.excel.export_unit_forms(plan.id, tmp_path / "phieu.xlsx").path
    _fill(path, {("TP", 5): {"F": 30}, ("TP", 6): {"F": 40}})
    check = services.progress_import.check(path, today=TODAY)
    task = services.plans.task(check.changes[1].task_id)
    services.plans.update_task(task.id, TaskDraft(**{**task.draft().__dict__, "percent": 5}))
    with pytest.raises(ConflictError):
        services.progress_import.apply(check)
    assert services.plans.task(check.changes[0].task_id).percent == 0


def test_a_file_that_is_not_a_form_is_explained(services, tmp_path):
    bad = tmp_path / "khac.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(UserError, match="khac.xlsx"):
        services.progress_import.check(bad)
    from openpyxl import Workbook

    other = Workbook()
    other.active.title = "Sổ"
    other.active["A1"] = "Họ tên"
    other.save(tmp_path / "so.xlsx")
    check = services.progress_import.check(tmp_path / "so.xlsx")
    assert [str(p) for p in check.problems] == [
        "Trang “Sổ”: không phải phiếu báo cáo của ParDesk (không có cột “Mã NV”)."
    ]


def test_rows_with_long_text_are_tall_enough_to_print_without_overlap(services, tmp_path):
    """Excel and LibreOffice keep a row's stored height when opening: a wrapped task must
    carry the height of its lines, or it prints over the next row."""
    from openpyxl import load_workbook

    plan = services.plans.plan_for_year(2025)
    path = services.excel.export_tasks(plan.id, tmp_path / "nv.xlsx").path
    ws = load_workbook(path).active
    tasks = services.plans.tasks(plan.id)
    long_row = 4 + max(range(len(tasks)), key=lambda i: len(tasks[i].text))
    short_row = 4 + min(range(len(tasks)), key=lambda i: len(tasks[i].text))
    assert ws.row_dimensions[long_row].height >= 15 * (len(ws.cell(long_row, 2).value) // 60)
    assert ws.row_dimensions[long_row].height > ws.row_dimensions[short_row].height


def test_imported_progress_names_the_user_as_the_change_log_does(services, plan, tmp_path):
    services.audit.set_actor("Nguyễn Thị Lan")
    assert services.progress.user_name() == "Nguyễn Thị Lan"  # what the GUI dialog shows
    path = services.excel.export_unit_forms(plan.id, tmp_path / "phieu-tp.xlsx").path
    task_id = load_workbook(path)["TP"]["A5"].value
    _fill(path, {("TP", 5): {"F": 30}})
    services.progress_import.apply(services.progress_import.check(path, today=TODAY))
    entry = services.progress.history(task_id)[0]
    assert entry.entered_by == "Nguyễn Thị Lan (nhập từ tệp phieu-tp.xlsx)"
    assert services.audit.entries()[0].actor == "Nguyễn Thị Lan"
