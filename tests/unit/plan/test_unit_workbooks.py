"""Forms as offices send them: one workbook per unit, all taken back in one import, and
one import taken back by one undo."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from services.errors import ValidationError

TODAY = date(2025, 7, 1)


@pytest.fixture
def plan(services):
    return services.plans.plan_for_year(2025)


def _ids(path) -> list[int]:
    ws = load_workbook(path).worksheets[0]
    return [ws.cell(r, 1).value for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value]


def test_one_workbook_per_unit_named_by_the_unit_holding_only_its_own_tasks(
    services, plan, tmp_path
):
    result = services.excel.export_unit_workbooks(plan.id, tmp_path)
    tasks = services.plans.tasks(plan.id)
    leads = {t.lead_unit_id for t in tasks if t.actionable and t.lead_unit_id}
    assert len(result.files) == len(leads) > 1
    units = {u.name: u for u in services.units.list()}
    by_id = {t.id: t for t in tasks}
    for unit_file in result.files:
        assert unit_file.path.parent == tmp_path
        assert unit_file.path.name == f"Phiếu tiến độ 2025 - {unit_file.unit}.xlsx"
        unit = units[unit_file.unit]
        wb = load_workbook(unit_file.path)
        assert wb.sheetnames == [unit.code]
        ws = wb.worksheets[0]
        assert [c.value for c in ws[4]] == [
            "Mã NV",
            "STT",
            "Nội dung nhiệm vụ",
            "Thời hạn",
            "Trạng thái",
            "Tiến độ (%)",
            "Kết quả thực hiện",
            "Ngày báo cáo",
        ]
        ids = _ids(unit_file.path)
        assert ids and len(ids) == unit_file.rows
        assert all(by_id[i].lead_unit_id == unit.id for i in ids)
        expected = [t.id for t in tasks if t.actionable and t.lead_unit_id == unit.id]
        assert sorted(ids) == sorted(expected)
    # Exporting again never overwrites a form that may already be filled in.
    again = services.excel.export_unit_workbooks(plan.id, tmp_path)
    assert all(f.path.stem.endswith("(2)") for f in again.files)


def _fill(path, cells: dict[str, object]) -> None:
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(path)


def _two_units(services, plan, tmp_path):
    files = services.excel.export_unit_workbooks(plan.id, tmp_path).files
    return files[0].path, files[1].path


def test_two_filled_files_are_read_and_written_in_one_import(services, plan, tmp_path):
    first, second = _two_units(services, plan, tmp_path)
    _fill(first, {"F5": 40, "G5": "Đã họp triển khai"})
    _fill(second, {"E5": "Hoàn thành", "H5": "20/06/2025"})
    check = services.progress_import.check_files([first, second], today=TODAY)
    assert check.ok, check.problems
    assert [(f.name, f.problems) for f in check.files] == [(first.name, 0), (second.name, 0)]
    assert all(f.rows_read > 0 and len(f.sheets) == 1 for f in check.files)
    assert check.rows_read == sum(f.rows_read for f in check.files)
    assert len(check.changes) == 2
    assert services.progress_import.apply(check) == 2
    one, two = _ids(first)[0], _ids(second)[0]
    assert services.plans.task(one).percent == 40
    assert services.plans.task(two).status == "done"


def test_one_bad_file_writes_nothing_and_names_file_sheet_row_and_field(services, plan, tmp_path):
    first, second = _two_units(services, plan, tmp_path)
    _fill(first, {"F5": 40})
    _fill(second, {"F6": "nhiều"})
    before = services.plans.tasks(plan.id)
    check = services.progress_import.check_files([first, second], today=TODAY)
    sheet = load_workbook(second).sheetnames[0]
    assert [str(p) for p in check.problems] == [
        f"Tệp “{second.name}”, trang “{sheet}”, dòng 6, cột F (Tiến độ): "
        "“nhiều” phải là số nguyên từ 0 đến 100."
    ]
    assert [f.problems for f in check.files] == [0, 1]
    with pytest.raises(ValidationError):
        services.progress_import.apply(check)
    assert services.plans.tasks(plan.id) == before


def test_the_same_task_in_two_files_is_a_problem(services, plan, tmp_path):
    first, _second = _two_units(services, plan, tmp_path)
    copy = tmp_path / "ban sao.xlsx"
    copy.write_bytes(first.read_bytes())
    _fill(first, {"F5": 10})
    _fill(copy, {"F5": 90})
    check = services.progress_import.check_files([first, copy], today=TODAY)
    assert not check.ok
    assert f"đã có ở tệp “{first.name}”" in str(check.problems[0])


def test_an_import_is_undone_in_one_step_and_can_be_redone(services, plan, tmp_path):
    first, second = _two_units(services, plan, tmp_path)
    _fill(first, {"F5": 40, "G5": "Đã họp"})
    _fill(second, {"E5": "Hoàn thành"})
    one, two = _ids(first)[0], _ids(second)[0]
    before = [services.progress.state(i) for i in (one, two)]
    check = services.progress_import.check_files([first, second], today=TODAY)
    imported = services.progress_import.write(check)
    assert services.plans.task(two).percent == 100
    services.progress_import.undo(imported)
    assert [services.progress.state(i) for i in (one, two)] == before
    assert services.progress.history(one) == services.progress.history(two) == []
    again = services.progress_import.redo(imported)
    assert services.plans.task(one).percent == 40 and services.plans.task(two).status == "done"
    services.progress_import.undo(again)
    assert [services.progress.state(i) for i in (one, two)] == before


def test_a_users_own_workbook_with_renamed_sheet_and_plain_headers(services, plan, tmp_path):
    """A clerk copies the rows into a workbook of her own: sheet "Sheet1", a title line,
    headers typed in capitals without accents and with double spaces."""
    task = next(t for t in services.plans.tasks(plan.id) if t.actionable)
    wb = Workbook()
    notes = wb.active
    notes.title = "Ghi chú"
    notes["A1"] = "Tổng hợp của tổ"
    ws = wb.create_sheet("Sheet1")
    ws.append(["Báo cáo tiến độ tháng 6"])
    ws.append(["MA NV", "TIEN  DO (%)", "ket qua  thuc hien", "NGAY  BAO CAO"])
    ws.append([task.id, 35, "Đã khảo sát", "15/06/2025"])
    path = tmp_path / "cua toi.xlsx"
    wb.save(path)
    check = services.progress_import.check(path, today=TODAY)
    assert check.ok, check.problems
    assert check.files[0].sheets == ("Sheet1",)
    assert any("“Ghi chú”" in str(n) and "bỏ qua" in str(n) for n in check.notes)
    change = check.changes[0]
    assert change.where == "Trang “Sheet1”, dòng 3"
    assert change.draft.percent == 35 and change.draft.on_date == date(2025, 6, 15)
