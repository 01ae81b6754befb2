"""The clerk prints the legal lists, the systematisation report and a review form from the
Rà soát văn bản area; generation runs on a worker thread and the preview shows the result."""

from __future__ import annotations

import io
import unicodedata

import pdfplumber
import pytest
from PySide6.QtCore import Qt

from tests.legal_pdf_world import build_world
from ui import strings


@pytest.fixture
def world(services):
    return build_world(services)


@pytest.fixture
def lists(main_window, world):
    panel = main_window.show_area(strings.AREA_LEGAL).show_lists()
    panel.refresh()
    return panel


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in doc.pages))


def _wait_preview(qtbot, actions):
    qtbot.waitUntil(lambda: actions.preview_dialog is not None, timeout=15000)
    dialog = actions.preview_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    return dialog


def test_in_force_list_previews_then_saves_as_the_decision_with_its_annex(lists, qtbot, tmp_path):
    lists.kind.setCurrentIndex(lists.kind.findData("in-force"))
    assert lists.shown_source[0] == "cycle"
    qtbot.mouseClick(lists.preview_pdf_button, Qt.MouseButton.LeftButton)
    assert lists.message.text() == "Đang tạo bản in..."  # the UI thread is not blocked
    dialog = _wait_preview(qtbot, lists.pdf)
    # The decision's two pages (the proposer is now the office: a longer line), then the annex.
    assert dialog.document.pageCount() == 5
    assert dialog.status.text() == "5 trang"
    assert lists.message.text() == "Đã tạo bản in: 5 trang."
    qtbot.wait(800)  # QPdfView renders pages asynchronously
    dialog.grab().save("/tmp/i6b-preview.png")
    lists.window().grab().save("/tmp/i6b-lists.png")
    target = tmp_path / "con-hieu-luc.pdf"
    assert dialog.save_to(target)
    text = _text(target.read_bytes())
    assert "QUYẾT ĐỊNH" in text and "CÒN HIỆU LỰC KỲ HỆ THỐNG HÓA 2024-2028" in text
    with pdfplumber.open(target) as doc:
        assert [p.width > p.height for p in doc.pages] == [False, False, True, True, True]


def test_yearly_list_saved_from_the_lists_tab(lists, qtbot, tmp_path):
    lists.year.setValue(2025)
    target = tmp_path / "nam-2025.pdf"
    assert lists.save_shown_pdf(target)
    qtbot.waitUntil(lambda: lists.message.text().startswith("Đã lưu"), timeout=15000)
    assert lists.message.text() == f"Đã lưu {target} (2 trang)."
    text = _text(target.read_bytes())
    assert "TOÀN BỘ HOẶC MỘT PHẦN NĂM 2025" in text
    positions = [text.index(n) for n in ("01/2020/QĐ-UBND", "02/2021/NQ-HĐND", "05/2022/QĐ-UBND")]
    assert positions == sorted(positions)


def test_a_year_with_nothing_to_publish_says_so_and_opens_no_preview(lists, qtbot):
    lists.year.setValue(2022)
    assert lists.model.rowCount() == 0
    qtbot.mouseClick(lists.preview_pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lists.message.text().startswith("Không tạo được bản in"))
    assert "Năm 2022 không có văn bản nào hết hiệu lực, tạm ngưng hiệu lực" in (
        lists.message.text()
    )
    assert lists.pdf.preview_dialog is None


def test_systematisation_report_preview(lists, qtbot, tmp_path):
    qtbot.mouseClick(lists.report_pdf_button, Qt.MouseButton.LeftButton)
    dialog = _wait_preview(qtbot, lists.pdf)
    assert dialog.windowTitle() == "Báo cáo kết quả hệ thống hóa văn bản"
    assert dialog.file_name == "bao-cao-he-thong-hoa-2024-2028.pdf"
    assert dialog.save_to(tmp_path / "bc.pdf")
    assert "Phụ lục IV" in _text((tmp_path / "bc.pdf").read_bytes())


def test_review_form_from_the_register(main_window, world, qtbot):
    area = main_window.show_area(strings.AREA_LEGAL).register_panel
    area.refresh()
    assert area.select_document(world.register.nq_02.id)
    assert area.preview_review_form()
    dialog = _wait_preview(qtbot, area.review_pdf)
    assert dialog.document.pageCount() == 1
    text = _text(dialog.pdf)
    assert "PHIẾU RÀ SOÁT VĂN BẢN" in text and "Nguyễn Thị Lan" in text


def test_the_year_s_figures_for_the_department_of_justice_preview_and_export(
    lists, qtbot, tmp_path
):
    lists.year.setValue(2025)
    qtbot.mouseClick(lists.stats_pdf_button, Qt.MouseButton.LeftButton)
    dialog = _wait_preview(qtbot, lists.pdf)
    assert dialog.document.pageCount() >= 1
    qtbot.wait(500)
    dialog.grab().save("/tmp/l14-stats-preview.png")
    target = tmp_path / "so-lieu.pdf"
    assert dialog.save_to(target)
    text = _text(target.read_bytes())
    assert "Kính gửi: Sở Tư pháp" in text and "năm 2025" in text
    dialog.close()
    book = tmp_path / "so-lieu.xlsx"
    lists.export_statistics(str(book))
    assert lists.message.text() == f"Đã lưu số liệu rà soát văn bản năm 2025: {book}."
    from openpyxl import load_workbook

    values = [r for r in load_workbook(book).active.iter_rows(values_only=True) if r[0] == "2"]
    assert values == [("2", "Văn bản đã được rà soát trong năm", 1, 0, 1)]
    lists.window().resize(1024, 700)
    lists.window().grab().save("/tmp/l14-lists-1024.png")
