"""The year's disclosure workbook: written by the CLI and read back as a user would see it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from main import main
from services.disclosure.service import DisclosureDraft, DisclosureService, PostingDraft

TODAY = date(2026, 5, 15)


@pytest.fixture
def recorded(services):
    """A 2026 plan with the Q1 budget execution posted (one group missing) and CK01 on time."""
    service = DisclosureService(
        services.database.session_factory, services.disclosure_setup, today=lambda: TODAY
    )
    groups = [services.disclosure_setup.add_group(f"Tổ dân phố {n}") for n in (1, 2)]
    service.generate_plan(2026)
    rows = service.disclosures(2026)
    q1 = next(r for r in rows if r.item_code == "CK02C" and r.period == "03 tháng")
    for form, gid in (
        ("TRANG_TTDT", None),
        ("NIEM_YET_TRU_SO", None),
        ("NIEM_YET_NVH_TDP", groups[0].id),
    ):
        service.add_posting(
            PostingDraft(
                q1.id,
                form,
                date(2026, 4, 3),
                gid,
                date(2026, 5, 4),
                evidence_note="Biên bản niêm yết số 01",
            )
        )
    ck01 = next(r for r in rows if r.item_code == "CK01")
    service.update_disclosure(
        ck01.id,
        DisclosureDraft(
            "CK01", 2026, trigger_document="Nghị quyết 05/NQ-HĐND", trigger_date=date(2026, 1, 8)
        ),
    )
    service.add_posting(PostingDraft(ck01.id, "TRANG_TTDT", date(2026, 1, 9)))
    return service


def test_quarterly_list_rows_and_columns(recorded):
    table = recorded.quarterly_table(2026, 2)
    assert table.title == "DANH SÁCH CÁC NỘI DUNG ĐÃ CÔNG KHAI QUÝ II NĂM 2026"
    assert [c.title for c in table.columns][:3] == ["STT", "Nội dung công khai", "Văn bản căn cứ"]
    assert [r[3] for r in table.rows] == [
        "Niêm yết tại trụ sở HĐND, UBND",
        "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng ở thôn, tổ dân phố",
        "Đăng trên trang thông tin điện tử của UBND",
    ]
    assert table.rows[1][4] == "Tổ dân phố 1"
    assert table.rows[0][4] == "Trụ sở UBND"
    assert table.rows[0][5] == date(2026, 4, 3) and table.rows[0][6] == date(2026, 5, 4)
    first_quarter = recorded.quarterly_table(2026, 1)
    assert [r[1] for r in first_quarter.rows] == [
        next(r.heading for r in recorded.disclosures(2026) if r.item_code == "CK01")
    ]


def test_excel_export_cli_writes_a_workbook_that_reads_back(recorded, db_path, tmp_path, capsys):
    out = tmp_path / "cong-khai-2026.xlsx"
    code = main(
        ["excel", "export", "disclosure", "--year", "2026", "-o", str(out), "--db", str(db_path)]
    )
    assert code == 0, capsys.readouterr().err
    assert "Đã ghi báo cáo công khai năm 2026" in capsys.readouterr().out
    book = load_workbook(out)
    assert book.sheetnames == ["Báo cáo năm", "Tổng hợp", "Quý I", "Quý II", "Quý III", "Quý IV"]
    report = book["Báo cáo năm"]
    assert report["A1"].value == "KẾT QUẢ THỰC HIỆN CÔNG KHAI THÔNG TIN NĂM 2026"
    assert report["A4"].value == "STT" and report["A4"].font.bold
    assert report.freeze_panes == "A5"
    assert report.page_setup.orientation == "landscape"
    assert int(report.page_setup.paperSize) == 9  # A4
    assert report.column_dimensions["C"].width == 46
    lines = {row[1]: row for row in report.iter_rows(min_row=5, values_only=True)}
    ck01 = lines["CK01"]
    assert ck01[4] == datetime(2026, 1, 8)  # a real date cell, not text
    assert report.cell(5, 5).number_format == "DD/MM/YYYY"
    assert "Nghị quyết 05/NQ-HĐND" in ck01[3]
    assert ck01[10] == "Quá hạn, chưa công khai"  # only the website was used
    assert "Niêm yết trụ sở" in ck01[11]
    assert report.row_dimensions[5].height >= 2 * 15  # wrapped lines get their height
    assert report.cell(5, 12).alignment.wrap_text
    quarter = book["Quý II"]
    assert quarter["A1"].value == "DANH SÁCH CÁC NỘI DUNG ĐÃ CÔNG KHAI QUÝ II NĂM 2026"
    values = [r for r in quarter.iter_rows(min_row=5, values_only=True)]
    assert len(values) == 3 and values[0][5] == datetime(2026, 4, 3)
    assert values[0][7] == "Biên bản niêm yết số 01"
    summary = book["Tổng hợp"]
    first = next(summary.iter_rows(min_row=5, max_row=5, values_only=True))
    assert first[0] == "Cả năm" and 0 < first[5] < 1


def test_export_of_a_year_without_a_plan_fails_in_vietnamese(db_path, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert (
        main(
            [
                "excel",
                "export",
                "disclosure",
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
    assert "Năm 2031 chưa có kế hoạch công khai" in capsys.readouterr().err
    assert not out.exists()


def test_export_needs_an_xlsx_name_and_a_year(db_path, tmp_path, capsys):
    assert (
        main(
            [
                "excel",
                "export",
                "disclosure",
                "--year",
                "2026",
                "-o",
                str(tmp_path / "x.csv"),
                "--db",
                str(db_path),
            ]
        )
        == 1
    )
    assert "phải có đuôi .xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["excel", "export", "disclosure", "-o", str(tmp_path / "x.xlsx")])
    assert "Lỗi cú pháp lệnh" in capsys.readouterr().err


def test_places_not_yet_due_are_not_listed_as_shortcomings(recorded):
    report = recorded.report_tables(2026)[0]
    q3 = next(r for r in report.rows if "(09 tháng)" in r[2])
    assert q3[10] == "Chưa đến hạn" and q3[11] == ""
    q1 = next(r for r in report.rows if "(03 tháng)" in r[2])
    assert q1[11].startswith("Niêm yết thôn, tổ dân phố – Tổ dân phố 2: Chưa công khai")
