"""Importing the register from Excel: a real sample file, bad rows, dry run, the CLI."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from main import main
from services.errors import ValidationError
from services.legal.excel_import import RegisterImporter

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "so-van-ban-phuong.xlsx"


def _importer(services):
    return RegisterImporter(services.database.session_factory)


def test_sample_register_imports_with_bases_and_history(empty_services):
    report = _importer(empty_services).import_file(SAMPLE)
    assert report.summary() == "Đã nhập 6 văn bản và 2 sự kiện hiệu lực."
    legal = empty_services.legal
    docs = {d.number_symbol: d for d in legal.documents()}
    assert docs["31/2024/QH15"].external and docs["31/2024/QH15"].issuer_name == "Quốc hội"
    assert docs["08/2024/QĐ-UBND"].basis_labels == ("Luật số 31/2024/QH15",)
    assert docs["15/2019/QĐ-UBND"].issued_on == date(2019, 4, 5)  # typed as text dd/mm/yyyy
    assert docs["15/2019/QĐ-UBND"].original_unit == ""
    assert docs["15/2019/QĐ-UBND"].notes == "Văn bản của xã Dị Sử cũ"
    assert sorted(d.number_symbol for d in legal.in_force_on(date(2025, 7, 1))) == [
        "02/2025/QĐ-UBND",
        "04/2022/NQ-HĐND",
        "08/2024/QĐ-UBND",
    ]
    (replaced,) = docs["15/2019/QĐ-UBND"].events
    assert replaced.describe() == (
        "Bị thay thế bởi Quyết định số 02/2025/QĐ-UBND. Thay thế do sắp xếp đơn vị hành chính"
    )
    assert docs["04/2022/NQ-HĐND"].effect(date(2024, 2, 1)).expired_articles == (
        "Điều 2",
        "Khoản 3 Điều 4",
    )
    # History is the past: importing it opens no review.
    assert empty_services.legal_reviews.reviews(open_only=True) == []


def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "loi.xlsx"
    shutil.copyfile(SAMPLE, path)
    book = load_workbook(path)
    docs, events = book["Văn bản"], book["Hiệu lực"]
    docs["D3"] = "31/13/2024"  # Luật 31/2024: no such date
    docs["C5"] = "04/2021/NQ-HĐND"  # year differs from the issue date 12/07/2022
    docs["E6"] = "01/09/2024"  # effective before issued (03/09/2024)
    docs["J7"] = "99/2020/NĐ-CP"  # basis not in the register
    for column in "BCDEFI":  # row 8 repeats row 7's number, without a summary
        docs[f"{column}8"] = docs[f"{column}7"].value
    events["B2"] = "Hết hạn"
    events["A3"] = "77/2019/QĐ-UBND"
    book.save(path)
    return path


def test_bad_rows_are_all_reported_by_sheet_row_and_column_and_nothing_is_written(
    empty_services, tmp_path
):
    with pytest.raises(ValidationError) as info:
        _importer(empty_services).import_file(_broken(tmp_path))
    lines = [str(p) for p in info.value.problems]
    assert lines == [
        "Trang “Văn bản”, dòng 3, cột “Ngày ban hành”: Không có ngày 31/13/2024.",
        "Trang “Văn bản”, dòng 8, cột “Số, ký hiệu”: “02/2025/QĐ-UBND” trùng với dòng 7.",
        "Trang “Văn bản”, dòng 5, cột “Số, ký hiệu”: năm trong số, ký hiệu (2021) khác năm "
        "ban hành (2022).",
        "Trang “Văn bản”, dòng 6, cột “Ngày có hiệu lực”: 01/09/2024 trước ngày ban hành "
        "03/09/2024.",
        "Trang “Văn bản”, dòng 7, cột “Căn cứ”: “99/2020/NĐ-CP” không có trong sổ hay trong tệp.",
        "Trang “Văn bản”, dòng 8, cột “Trích yếu”: không được để trống.",
        "Trang “Hiệu lực”, dòng 2, cột “Số, ký hiệu”: “04/2022/NQ-HĐND” không có trong sổ "
        "hay trong tệp.",
        "Trang “Hiệu lực”, dòng 2, cột “Thay đổi”: “Hết hạn” không hợp lệ; ghi một trong: "
        "Bị thay thế; Bị bãi bỏ; Hết thời hạn có hiệu lực; Được công bố hết hiệu lực; "
        "Bị tạm ngưng hiệu lực; Tiếp tục có hiệu lực (hết tạm ngưng); Được sửa đổi, bổ sung.",
        "Trang “Hiệu lực”, dòng 3, cột “Số, ký hiệu”: “77/2019/QĐ-UBND” không có trong sổ "
        "hay trong tệp.",
    ]
    assert empty_services.legal.documents() == []


def test_cli_dry_run_checks_without_writing_then_imports(tmp_path, capsys):
    db = tmp_path / "phuong.sqlite"
    assert main(["init", "--empty", "--db", str(db)]) == 0
    capsys.readouterr()
    args = ["excel", "import", "legal-register", str(SAMPLE), "--db", str(db)]
    assert main([*args, "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == (
        "Kiểm tra xong, có thể nhập 6 văn bản và 2 sự kiện hiệu lực."
    )
    assert main(["check", "--db", str(db)]) == 0
    counts = capsys.readouterr().out
    assert counts.split("legal_documents")[1].split()[0] == "0"
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == "Đã nhập 6 văn bản và 2 sự kiện hiệu lực."
    # The same file again: every row is already in the register, nothing is written twice.
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Tệp “{SAMPLE.name}” có 6 lỗi; chưa nhập gì:")
    assert "  - Trang “Văn bản”, dòng 2, cột “Số, ký hiệu”: “64/2025/QH15” đã có trong sổ." in err


def test_cli_reports_a_file_that_is_not_a_workbook(tmp_path, capsys):
    db = tmp_path / "phuong.sqlite"
    bad = tmp_path / "so.xlsx"
    bad.write_text("không phải Excel")
    assert main(["init", "--empty", "--db", str(db)]) == 0
    assert main(["excel", "import", "legal-register", str(bad), "--db", str(db)]) == 1
    assert "không phải tệp Excel .xlsx" in capsys.readouterr().err
    assert (
        main(["excel", "import", "legal-register", str(tmp_path / "x.xlsx"), "--db", str(db)]) == 1
    )
    assert "không có tệp" in capsys.readouterr().err


def test_exported_register_imports_back_into_an_empty_database_unchanged(
    empty_services, register, tmp_path, sample_template
):
    from services.bundle import build_services
    from services.legal.register_export import write_register
    from services.store.db import open_database

    path = write_register(empty_services.legal.documents(), tmp_path / "so.xlsx")
    from tests.pg import copy_database

    target = copy_database(sample_template, tmp_path)
    db = open_database(target)
    try:
        other = build_services(db)
        assert other.legal.import_excel(path).summary() == (
            "Đã nhập 9 văn bản và 4 sự kiện hiệu lực."
        )

        def snapshot(services):
            return sorted(
                (
                    d.label,
                    d.issued_on,
                    d.effective_on,
                    d.issuer,
                    # The unit's own bodies are named after the target's profile ("HĐND xã").
                    d.issuer_name if d.external else d.issuer_name.split()[0],
                    d.summary,
                    d.field,
                    d.basis_labels,
                    tuple((e.kind, e.scope, e.articles, e.from_date, e.by_label) for e in d.events),
                )
                for d in services.legal.documents()
            )

        assert snapshot(other) == snapshot(empty_services)
    finally:
        db.dispose()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("HĐND", "hdnd"),
        ("UBND phường Dị Sử", "ubnd"),
        ("ubnd xa Di Su", "ubnd"),
        ("UBND tỉnh Hải Dương", "external"),
        ("HĐND thành phố", "external"),
        ("Cấp trên", "external"),
        ("Quốc hội", "external"),
        ("", ""),
    ],
)
def test_issuer_words_tell_the_ward_from_higher_bodies(text, code):
    from services.legal.excel_import import _issuer

    assert _issuer(text) == code
