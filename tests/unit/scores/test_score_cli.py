"""`excel import framework`, `excel export scores`, `evidence pack`, `scores templates`."""

from __future__ import annotations

import zipfile
from datetime import date

from openpyxl import Workbook, load_workbook

from main import main
from services.bundle import build_services
from services.store.db import open_database


def _sheet(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "PL"
    ws.append(["Mã", "Tên tiêu chí", "Điểm tối đa"])
    for row in rows:
        ws.append(list(row))
    wb.save(path)


def test_import_framework_dry_run_then_real(db_path, tmp_path, capsys):
    sheet = tmp_path / "par.xlsx"
    _sheet(sheet, [("1", "Chỉ đạo", 3), ("1.1", "Kế hoạch", 1), ("1.2", "Báo cáo", 2)])
    args = [
        "excel",
        "import",
        "framework",
        str(sheet),
        "--index",
        "par",
        "--year",
        "2026",
        "--db",
        str(db_path),
    ]
    assert main([*args, "--dry-run"]) == 0
    assert "chưa ghi, --dry-run" in capsys.readouterr().out
    assert main(args) == 0
    assert "Đã nhập: 3 tiêu chí, 1 lĩnh vực, tổng điểm tối đa 3" in capsys.readouterr().out
    db = open_database(db_path)
    try:
        assert build_services(db).frameworks.find("PAR", 2026).criteria_count == 3
    finally:
        db.dispose()


def test_import_of_a_bad_file_lists_problems_and_fails(db_path, tmp_path, capsys):
    sheet = tmp_path / "bad.xlsx"
    _sheet(sheet, [("1", "Chỉ đạo", 3), ("1.1", "", "một")])
    code = main(
        [
            "excel",
            "import",
            "framework",
            str(sheet),
            "--index",
            "PAR",
            "--year",
            "2026",
            "--db",
            str(db_path),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "Trang “PL”, dòng 3, cột B: tên tiêu chí không được để trống." in err
    assert "Trang “PL”, dòng 3, cột C: “một” không phải là số điểm." in err


def test_templates_export_and_evidence_pack(db_path, tmp_path, capsys):
    assert main(["scores", "templates", "--year", "2025", "--db", str(db_path)]) == 0
    assert "mẫu cần kiểm tra" in capsys.readouterr().out
    out = tmp_path / "bang-diem.xlsx"
    assert (
        main(
            [
                "excel",
                "export",
                "scores",
                "--index",
                "PAR",
                "--year",
                "2025",
                "-o",
                str(out),
                "--db",
                str(db_path),
            ]
        )
        == 0
    )
    ws = load_workbook(out).active
    assert ws["A2"].value.startswith("BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC")
    db = open_database(db_path)
    try:
        services = build_services(db)
        framework = services.frameworks.find("PAR", 2025)
        leaf = next(r for r in services.frameworks.criteria(framework.id) if r.code == "PAR.3.2")
        doc = tmp_path / "niem-yet.pdf"
        doc.write_bytes(b"%PDF niem yet")
        services.evidence.add_file(
            doc, title="Niêm yết TTHC", doc_date=date(2025, 4, 1), criterion_ids=[leaf.id]
        )
    finally:
        db.dispose()
    zip_path = tmp_path / "tlkc.zip"
    assert (
        main(["evidence", "pack", "--year", "2025", "-o", str(zip_path), "--db", str(db_path)]) == 0
    )
    assert "1 tệp" in capsys.readouterr().out
    assert "PAR/PAR.3.2/01 - Niêm yết TTHC.pdf" in zipfile.ZipFile(zip_path).namelist()


def test_unknown_index_and_missing_framework_are_clear(db_path, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert (
        main(
            [
                "excel",
                "export",
                "scores",
                "--index",
                "PAR",
                "--year",
                "2031",
                "-o",
                str(out),
                "--db",
                str(db_path),
            ]
        )
        == 1
    )
    assert "Chưa có bộ tiêu chí PAR năm 2031" in capsys.readouterr().err
    try:
        main(["excel", "export", "scores", "--index", "PCI", "--year", "2031", "-o", str(out)])
    except SystemExit as done:
        assert done.code == 2
    assert "chọn PAR, PAPI hoặc SIPAS" in capsys.readouterr().err
