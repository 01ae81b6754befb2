"""Every importer takes the ward's own workbook: the sheet renamed, a title line above the
header, headers typed in capitals without accents and with double spaces; and each says
which sheet it read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from services.errors import ValidationError
from services.legal.excel_import import RegisterImporter
from services.xlsx.headers import HeaderSpec, find_sheet, header_key
from services.xlsx.sheets import SafeWorkbook, SheetData

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "so-van-ban-phuong.xlsx"


def _plain(text: str) -> str:
    """How a clerk types a header without Vietnamese input: capitals, no accents, two spaces."""
    return header_key(text).upper().replace(" ", "  ")


def test_header_matching_ignores_case_accents_and_spaces():
    assert header_key("  NGAY  BAO CAO ") == header_key("Ngày báo cáo") == "ngay bao cao"
    assert header_key("Số, ký hiệu:") == "so, ky hieu"
    spec = HeaderSpec.of({"id": ("Mã NV",), "day": ("Ngày báo cáo",)}, required=("id",))
    book = SafeWorkbook(
        Path("x.xlsx"),
        (
            SheetData("Ghi chú", (("Tổng hợp",),)),
            SheetData("Sheet1", (("Báo cáo",), ("ma nv", "NGAY  BAO CAO"), (1, "01/07/2025"))),
        ),
    )
    match = find_sheet(book, spec, name="Tiến độ")
    assert match is not None and match.sheet.name == "Sheet1"
    assert (match.header_row, match.columns) == (2, {"id": 0, "day": 1})
    assert str(match.read_note("x.xlsx")) == (
        "Tệp “x.xlsx”: không có trang “Tiến độ”; đã đọc trang “Sheet1” "
        "(có dòng tiêu đề đúng các cột cần)."
    )
    assert find_sheet(book, HeaderSpec.of({"x": ("Không có",)}, required=("x",))) is None


def _renamed_register(path: Path) -> Path:
    """The sample register with both sheets renamed, a title line and plain headers."""
    wb = load_workbook(SAMPLE)
    for ws, title in zip(wb.worksheets, ("Sheet1", "Sheet2"), strict=True):
        ws.title = title
        for cell in ws[1]:
            if cell.value:
                cell.value = _plain(cell.value)
        ws.insert_rows(1)
        ws["A1"] = "SỔ THEO DÕI VĂN BẢN"
    wb.save(path)
    return path


def test_legal_register_from_renamed_sheets_with_plain_headers(empty_services, tmp_path):
    path = _renamed_register(tmp_path / "so cua toi.xlsx")
    report = RegisterImporter(empty_services.database.session_factory).import_file(path)
    assert (report.documents, report.events) == (6, 2)
    assert report.summary().splitlines() == [
        "Đã nhập 6 văn bản và 2 sự kiện hiệu lực.",
        "Lưu ý – Tệp “so cua toi.xlsx”: không có trang “Văn bản”; đã đọc trang “Sheet1” "
        "(có dòng tiêu đề đúng các cột cần).",
        "Lưu ý – Tệp “so cua toi.xlsx”: không có trang “Hiệu lực”; đã đọc trang “Sheet2” "
        "(có dòng tiêu đề đúng các cột cần).",
    ]
    docs = {d.number_symbol: d for d in empty_services.legal.documents()}
    assert docs["15/2019/QĐ-UBND"].issued_on == date(2019, 4, 5)
    assert len(docs["15/2019/QĐ-UBND"].events) == 1


def test_legal_register_errors_name_the_sheet_and_row_as_in_the_file(empty_services, tmp_path):
    path = _renamed_register(tmp_path / "so.xlsx")
    wb = load_workbook(path)
    wb["Sheet1"]["D3"] = "31/02/2025"  # the first document's Ngày ban hành (row 3 now)
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        RegisterImporter(empty_services.database.session_factory).import_file(path)
    assert any(
        p.where.startswith("Trang “Sheet1”, dòng 3") and "31/02/2025" in str(p)
        for p in caught.value.problems
    ), caught.value.problems
    assert empty_services.legal.documents() == []


def test_a_one_sheet_register_missing_a_column_names_it(empty_services, tmp_path):
    wb = Workbook()
    wb.active.title = "Danh sách"
    wb.active.append(["LOAI VAN BAN", "SO, KY HIEU", "TRICH YEU"])
    wb.active.append(["Quyết định", "01/2025/QĐ-UBND", "Về việc…"])
    path = tmp_path / "thieu.xlsx"
    wb.save(path)
    with pytest.raises(ValidationError) as caught:
        RegisterImporter(empty_services.database.session_factory).import_file(path)
    messages = [str(p) for p in caught.value.problems]
    assert "Trang “Danh sách”, dòng 1: thiếu cột “Ngày ban hành”." in messages
    assert "Trang “Danh sách”, dòng 1: thiếu cột “Cơ quan ban hành”." in messages


def test_framework_from_a_renamed_sheet_with_plain_headers(services, tmp_path):
    wb = Workbook()
    wb.active.title = "Ghi chú"
    wb.active["A1"] = "Bảng do tỉnh gửi"
    ws = wb.create_sheet("Sheet2")
    ws.append(["PHU LUC"])
    ws.append(["MA", _plain("Tên tiêu chí"), _plain("Điểm tối đa")])
    for row in (("1", "Chỉ đạo", 6), ("1.1", "Kế hoạch", 4), ("1.2", "Báo cáo", 2)):
        ws.append(list(row))
    path = tmp_path / "tinh.xlsx"
    wb.save(path)
    report = services.frameworks.import_excel("PAR", 2026, path)
    assert report.sheet == "Sheet2" and (report.criteria, report.total_max) == (3, 6)


def test_appraisal_round_from_a_renamed_sheet_with_plain_headers(services, tmp_path):
    framework = services.frameworks.load_template("PAR", 2025)
    code = next(c.code for c in services.frameworks.criteria(framework.id) if c.depth == 2)
    wb = Workbook()
    wb.active.title = "Công văn"
    ws = wb.create_sheet("KQ")
    ws.append(["KET QUA THAM DINH"])
    ws.append([_plain("Mã tiêu chí"), _plain("Điểm thẩm định")])
    ws.append([code, 0])
    path = tmp_path / "kq.xlsx"
    wb.save(path)
    info, count, sheet = services.appraisal_rounds.import_excel_report(
        framework.id, path, date(2026, 1, 20)
    )
    assert (count, sheet) == (1, "KQ") and info is not None


def test_sipas_forms_from_a_second_sheet_with_codes_typed_in_lower_case(services, tmp_path):
    sipas = services.frameworks.load_template("SIPAS", 2025)
    wb = Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active["A1"] = "Nhập mỗi phiếu một dòng"
    ws = wb.create_sheet("Sheet2")
    ws.append(["SO PHIEU", "s1.1 ", " S1.2"])
    ws.append([1, 5, 4])
    path = tmp_path / "sipas.xlsx"
    wb.save(path)
    assert services.sipas.import_excel_report(sipas.id, path) == (1, "Sheet2")
    assert [r.answers for r in services.sipas.responses(sipas.id)] == [{"S1.1": 5, "S1.2": 4}]
