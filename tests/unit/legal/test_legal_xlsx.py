"""Lists and the review form written as .xlsx and read back as a clerk would see them."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook

from services.legal.dto import EventDraft
from services.legal.reviews import FindingDraft, ReviewResult
from services.legal.xlsx import write_list, write_review_form


def test_in_force_list_reads_back_with_title_header_groups_and_real_dates(
    empty_services, register, tmp_path
):
    legal_list = empty_services.legal_cycles.list_as_of("in-force", date(2025, 7, 1))
    path = write_list(legal_list, tmp_path / "con-hieu-luc.xlsx", body="UBND phường Dị Sử")
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "UBND PHƯỜNG DỊ SỬ"
    assert sheet["A2"].value == "DANH MỤC VĂN BẢN CÒN HIỆU LỰC"
    assert sheet["A3"].value == "(tính đến ngày 01/07/2025)"
    header = [c.value for c in sheet[5]]
    assert header[:4] == [
        "STT",
        "Tên loại văn bản",
        "Số, ký hiệu; ngày, tháng, năm ban hành",
        "Tên gọi của văn bản (trích yếu)",
    ]
    assert all(c.font.bold for c in sheet[5])
    assert sheet.freeze_panes == "A6"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"
    assert sheet.column_dimensions["D"].width == 44
    assert sheet["A6"].value == "I. LĨNH VỰC ĐẤT ĐAI"
    assert [c.value for c in sheet[7]][:3] == [1, "Quyết định", "05/2022/QĐ-UBND\nngày 01/06/2022"]
    assert sheet["E7"].value == datetime(2022, 6, 15)
    assert sheet["E7"].number_format == "DD/MM/YYYY"
    assert sheet["D7"].alignment.wrap_text
    notes = [sheet.cell(row=r, column=6).value for r in range(7, sheet.max_row + 1)]
    assert "Hết hiệu lực một phần: Điều 3; Khoản 2 Điều 5" in notes


def test_annual_list_xlsx_names_the_year_and_the_reason(empty_services, register, tmp_path):
    path = write_list(empty_services.legal_cycles.annual_list(2025), tmp_path / "nam.xlsx")
    sheet = load_workbook(path).active
    assert sheet["A2"].value == "(năm 2025)"
    assert [c.value for c in sheet[5]][4:] == [
        "Toàn bộ",
        "Bị thay thế bởi Quyết định số 12/2025/QĐ-UBND",
        datetime(2025, 7, 1),
    ]


def test_review_form_xlsx_has_one_row_per_article(empty_services, register, tmp_path):
    s = empty_services
    s.legal.record_event(
        EventDraft(
            register.luat_2015.id,
            "replaced",
            date(2025, 4, 1),
            by_document_id=register.luat_2025.id,
        ),
        today=date(2025, 4, 3),
    )
    review = s.legal_reviews.reviews(document_id=register.qd_01.id, open_only=True)[0]
    s.legal_reviews.record_result(
        review.id,
        ReviewResult(
            date(2025, 4, 10),
            "Nguyễn Thị Lan",
            "MAU_THUAN_CHONG_CHEO",
            "part",
            (
                FindingDraft(
                    "Điều 2", "MAU_THUAN_CHONG_CHEO", "Điều 3 Luật 64/2025/QH15", "SUA_DOI_BO_SUNG"
                ),
                FindingDraft(
                    "Khoản 1 Điều 6", "HET_HIEU_LUC", "Điều 72 Luật 64/2025/QH15", "BAI_BO_MOT_PHAN"
                ),
            ),
            handling="THAY_THE",
            handling_deadline=date(2025, 6, 30),
        ),
    )
    form = s.legal_reviews.form(review.id, body="UBND phường Dị Sử")
    sheet = load_workbook(write_review_form(form, tmp_path / "phieu.xlsx")).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "PHIẾU RÀ SOÁT VĂN BẢN"
    flat = [v for row in values for v in row if v is not None]
    assert (
        # No profile in this database: the unit's bodies take the generic level "xã".
        "Quyết định số 01/2020/QĐ-UBND ngày 10/03/2020 của UBND xã – Quy chế phối hợp "
        "rà soát văn bản trên địa bàn phường" in flat
    )
    assert datetime(2025, 4, 10) in flat
    assert "Thay thế; thời hạn 30/06/2025" in flat
    rows = [r for r in values if r[0] in (1, 2)]
    assert [r[1] for r in rows] == ["Điều 2", "Khoản 1 Điều 6"]
    assert [r[4] for r in rows] == ["Sửa đổi, bổ sung", "Bãi bỏ một phần"]
    assert sheet.page_setup.orientation == "landscape"


def test_cycle_workbook_has_the_figures_and_the_four_lists(empty_services, register, tmp_path):
    from services.legal.xlsx import write_lists

    cycles = empty_services.legal_cycles
    cycle = cycles.create_cycle("2024-2028", date(2024, 1, 1), date(2028, 12, 31))
    path = write_lists(cycles.cycle_report_sheets(cycle.id), tmp_path / "ky.xlsx", body="UBND")
    book = load_workbook(path)
    assert book.sheetnames == [
        "Số liệu",
        "a) Hết HL toàn bộ",
        "b) Hết HL một phần",
        "c) Còn hiệu lực",
        "d) Cần xử lý",
    ]
    figures = book["Số liệu"]
    assert figures["A2"].value == "SỐ LIỆU KẾT QUẢ HỆ THỐNG HÓA VĂN BẢN"
    rows = [[c.value for c in row] for row in figures.iter_rows(min_row=6, max_row=9)]
    assert [r[2:] for r in rows] == [[0, 1, 1], [1, 0, 1], [1, 2, 3], [0, 0, 0]]
    assert book["c) Còn hiệu lực"]["A6"].value == "I. LĨNH VỰC ĐẤT ĐAI"
    assert book["d) Cần xử lý"]["A6"].value == "(Không có văn bản nào)"
