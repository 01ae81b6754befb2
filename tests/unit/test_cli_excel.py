"""`main.py excel export tasks` and `main.py excel import progress`, as support staff run them."""

from __future__ import annotations

from openpyxl import load_workbook

from main import main


def test_export_tasks_of_a_year_and_of_one_unit(db_path, tmp_path, capsys):
    out = tmp_path / "nv.xlsx"
    assert (
        main(["excel", "export", "tasks", "--year", "2025", "-o", str(out), "--db", str(db_path)])
        == 0
    )
    assert "Đã xuất 48 nhiệm vụ" in capsys.readouterr().out
    assert load_workbook(out).active.max_row == 3 + 48
    unit = tmp_path / "tp.xlsx"
    args = [
        "--db",
        str(db_path),
        "excel",
        "export",
        "tasks",
        "--year",
        "2025",
        "-o",
        str(unit),
        "--unit",
        "tp",
    ]
    assert main(args) == 0
    ws = load_workbook(unit).active
    assert ws["A2"].value.startswith("Lọc: bộ phận TP")
    assert ws.max_row - 3 < 48


def test_export_explains_a_missing_year_and_unit(db_path, tmp_path, capsys):
    out = str(tmp_path / "x.xlsx")
    assert (
        main(["excel", "export", "tasks", "--year", "2030", "-o", out, "--db", str(db_path)]) == 1
    )
    assert "Không có kế hoạch năm 2030 (các năm có: 2025)" in capsys.readouterr().err
    args = [
        "excel",
        "export",
        "tasks",
        "--year",
        "2025",
        "-o",
        out,
        "--unit",
        "XX",
        "--db",
        str(db_path),
    ]
    assert main(args) == 1
    assert "Không có bộ phận mã “XX”" in capsys.readouterr().err


def test_import_progress_dry_run_then_for_real_and_a_bad_file(db_path, tmp_path, capsys, services):
    plan = services.plans.plan_for_year(2025)
    path = services.excel.export_unit_forms(plan.id, tmp_path / "phieu.xlsx").path
    wb = load_workbook(path)
    task_id = wb["TP"]["A5"].value
    wb["TP"]["F5"] = 35
    wb.save(path)
    assert main(["excel", "import", "progress", str(path), "--dry-run", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Tiến độ: 0% → 35%" in out and "chưa ghi gì" in out
    assert services.plans.task(task_id).percent == 0
    assert main(["excel", "import", "progress", str(path), "--db", str(db_path)]) == 0
    assert "Đã ghi tiến độ của 1 nhiệm vụ." in capsys.readouterr().out
    assert services.plans.task(task_id).percent == 35

    wb = load_workbook(path)
    wb["TP"]["F6"], wb["TP"]["E7"], wb["VP"]["A5"] = 101, "???", "abc"
    wb.save(path)
    assert main(["excel", "import", "progress", str(path), "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "Tệp có 3 lỗi nên chưa nhập gì:" in out
    assert "Trang “TP”, dòng 6, cột F (Tiến độ)" in out
    assert "Trang “TP”, dòng 7, cột E (Trạng thái)" in out
    assert "Trang “VP”, dòng 5, cột A (Mã NV)" in out


def test_import_progress_of_several_unit_files_at_once(db_path, tmp_path, capsys, services):
    plan = services.plans.plan_for_year(2025)
    first, second = services.excel.export_unit_workbooks(plan.id, tmp_path).files[:2]
    for unit_file, value in ((first, 20), (second, "hai mươi")):
        wb = load_workbook(unit_file.path)
        wb.worksheets[0]["F5"] = value
        wb.save(unit_file.path)
    args = ["excel", "import", "progress", str(first.path), str(second.path), "--db", str(db_path)]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert f"{first.path.name}: đọc " in out and f"{second.path.name}: đọc " in out
    assert f"Tệp “{second.path.name}”, trang " in out and "dòng 5, cột F (Tiến độ)" in out
    task_id = load_workbook(first.path).worksheets[0]["A5"].value
    assert services.plans.task(task_id).percent == 0
    wb = load_workbook(second.path)
    wb.worksheets[0]["F5"] = 20
    wb.save(second.path)
    assert main(args) == 0
    assert "Đã ghi tiến độ của 2 nhiệm vụ." in capsys.readouterr().out
    assert services.plans.task(task_id).percent == 20
