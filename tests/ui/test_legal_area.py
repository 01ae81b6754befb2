"""The clerk's story in the Rà soát văn bản area: a law changes, the ward documents based on
it are flagged, the clerk reviews one; plus the register's filters and the add dialog."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from services.legal import vocab
from tests.legal_sample import build_register
from ui import strings
from ui.legal.register_model import COL_REVIEW, COL_STATUS, IN_FORCE_FILTER


@pytest.fixture
def area(main_window, services):
    register = build_register(services.legal)
    panel = main_window.show_area(strings.AREA_LEGAL).register_panel
    panel.register = register
    return panel


def _numbers(area):
    return sorted(d.number_symbol for d in area.visible_documents())


def _choose(box, code):
    box.setCurrentIndex(box.findData(code))


def _save(qtbot, dialog):
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    assert button.text() == "Lưu"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_law_change_flags_dependents_and_the_clerk_records_a_review(area, qtbot, tmp_path):
    reg, today = area.register, date.today()
    # GIVEN the register of higher-level documents, with Luật 80/2015 selected
    _choose(area.issuer, "external")
    assert area.select_document(reg.luat_2015.id)
    # WHEN the clerk records that Luật 64/2025 replaced it from 01/04/2025
    qtbot.mouseClick(area.event_button, Qt.MouseButton.LeftButton)
    dialog = area.dialog
    _choose(dialog.kind, "replaced")
    dialog.from_date.setText("1/4/2025")
    dialog.select_by_document(reg.luat_2025.id)
    dialog.grab().save("/tmp/i6-event.png")
    _save(qtbot, dialog)
    # THEN the two ward documents based on it are named as needing review
    assert area.message.text().endswith(
        "2 văn bản cần rà soát: Quyết định số 01/2020/QĐ-UBND; Nghị quyết số 02/2021/NQ-HĐND."
    )
    _choose(area.issuer, "ward")
    area.needs_review.setChecked(True)
    assert {"01/2020/QĐ-UBND", "02/2021/NQ-HĐND"} <= set(_numbers(area))
    assert area.select_document(reg.qd_01.id)
    row = area.table.currentIndex().row()
    assert area.proxy.index(row, COL_REVIEW).data() == "Cần rà soát (1)"
    assert "Bị thay thế bởi Luật số 64/2025/QH15" in area.detail.toPlainText()
    # WHEN the clerk records the review of QĐ 01/2020: it conflicts, to be replaced
    qtbot.mouseClick(area.review_button, Qt.MouseButton.LeftButton)
    review = area.dialog
    assert "Luật số 80/2015/QH13" in review.trigger.currentText()
    assert review.reviewed_on.text() == today.strftime("%d/%m/%Y")  # the default
    review.reviewer.setText("Nguyễn Thị Lan")
    _choose(review.finding, "MAU_THUAN_CHONG_CHEO")
    _choose(review.handling, "THAY_THE")
    review.deadline.setText((today + timedelta(days=60)).strftime("%d/%m/%Y"))
    review.grab().save("/tmp/i6-review.png")
    _save(qtbot, review)
    # THEN it no longer needs review and its history shows the outcome
    assert area.message.text() == (
        f"Đã ghi kết quả rà soát Quyết định số 01/2020/QĐ-UBND ngày {today:%d/%m/%Y}."
    )
    assert reg.qd_01.id not in {d.id for d in area.visible_documents()}
    assert "Nghị quyết số 02/2021/NQ-HĐND" in {d.label for d in area.visible_documents()}
    area.needs_review.setChecked(False)
    area.select_document(reg.qd_01.id)
    area.window().grab().save("/tmp/i6-area.png")
    text = area.detail.toPlainText()
    assert "Mâu thuẫn, chồng chéo với văn bản là căn cứ rà soát" in text
    assert "Thay thế" in text and "Chưa xử lý" in text


def test_review_dialog_reports_problems_in_vietnamese_and_stays_open(area, qtbot):
    reg = area.register
    area.select_document(reg.qd_05.id)
    qtbot.mouseClick(area.review_button, Qt.MouseButton.LeftButton)
    review = area.dialog
    review.reviewed_on.setText("31/02/2023")
    _save(qtbot, review)
    assert review.isVisible()
    assert review.errors.text() == "• Ngày rà soát: Không có ngày 31/02/2023."
    review.reviewed_on.setText("05/03/2023")
    _save(qtbot, review)
    assert review.errors.text().splitlines() == [
        "• Người rà soát: không được để trống.",
        "• Kết quả rà soát: hãy chọn một kết quả.",
    ]
    review.reject()


def test_status_on_a_date_issuer_field_and_accent_free_search(area, qtbot):
    # The duties of the register are listed above it (last year's list is never published).
    assert "Công bố danh mục" in area.reminders.text()
    assert "yêu cầu rà soát văn bản chưa thực hiện" in area.reminders.text()
    area.as_of.setDate(QDate(2023, 5, 1))
    _choose(area.status, vocab.TAM_NGUNG_TOAN_BO)
    assert _numbers(area) == ["05/2022/QĐ-UBND"]
    row = area.table.model().index(0, COL_STATUS)
    assert row.data() == "Ngưng hiệu lực toàn bộ"  # NĐ 34 wording before 01/04/2025
    _choose(area.status, IN_FORCE_FILTER)
    assert _numbers(area) == ["01/2020/QĐ-UBND", "02/2021/NQ-HĐND"]
    area.as_of.setDate(QDate(2025, 7, 1))
    assert _numbers(area) == ["02/2021/NQ-HĐND", "05/2022/QĐ-UBND", "12/2025/QĐ-UBND"]
    _choose(area.issuer, "hdnd")
    assert _numbers(area) == ["02/2021/NQ-HĐND"]
    _choose(area.issuer, "")
    _choose(area.status, "")
    area.field.setCurrentIndex(area.field.findData("Đất đai"))
    assert _numbers(area) == ["05/2022/QĐ-UBND", "20/2020/QĐ-UBND"]
    area.field.setCurrentIndex(0)
    qtbot.keyClicks(area.search, "quy che phoi hop")
    assert _numbers(area) == ["01/2020/QĐ-UBND", "12/2025/QĐ-UBND"]
    assert area.count_label.text() == "2/9 văn bản"


def test_adding_a_document_validates_then_saves_with_its_basis(area, qtbot, tmp_path):
    reg = area.register
    qtbot.mouseClick(area.add_button, Qt.MouseButton.LeftButton)
    dialog = area.dialog
    assert dialog.doc_type.currentText() == "Quyết định"  # what UBND phường issues
    _choose(dialog.issuer, "hdnd")
    assert dialog.doc_type.currentText() == "Nghị quyết"
    _choose(dialog.issuer, "ubnd")
    dialog.number.setText("03/2025")
    dialog.issued.setText("10/08/2025")
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors.text().splitlines() == [
        "• Số, ký hiệu: “03/2025” phải có dạng số/năm/ký hiệu, ví dụ 05/2024/QĐ-UBND.",
        "• Trích yếu: không được để trống.",
    ]
    dialog.number.setText("03/2025/QĐ-UBND")
    dialog.effective.setText("20/08/2025")
    dialog.summary.setPlainText("Quy định về quản lý chợ trên địa bàn phường")
    dialog.field.setCurrentText("Công thương")
    dialog.set_bases([reg.luat_2025.id])
    dialog.grab().save("/tmp/i6-document.png")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    doc = area.current_document()
    assert doc.number_symbol == "03/2025/QĐ-UBND"
    assert doc.basis_labels == ("Luật số 64/2025/QH15",)
    assert "Căn cứ ban hành: Luật số 64/2025/QH15" in area.detail.toPlainText()
    assert area.field.findData("Công thương") >= 0


def test_export_writes_the_in_force_list(area, tmp_path):
    from openpyxl import load_workbook

    area.as_of.setDate(QDate(2025, 7, 1))
    target = tmp_path / "ds.xlsx"
    area.export_list("in-force", str(target))
    assert area.message.text() == f"Đã lưu {target}."
    sheet = load_workbook(target).active
    assert [sheet["A2"].value, sheet["A3"].value] == [
        "DANH MỤC VĂN BẢN CÒN HIỆU LỰC",
        "(tính đến ngày 01/07/2025)",
    ]


def test_register_model_passes_the_model_tester(area, qtmodeltester):
    qtmodeltester.check(area.model)
    qtmodeltester.check(area.proxy)
    assert date(2025, 7, 1) > area.register.qd_12.issued_on


def test_lists_tab_shows_the_cycle_lists_and_the_yearly_list_to_publish(
    main_window, services, qtbot, tmp_path
):
    build_register(services.legal)
    lists = main_window.show_area(strings.AREA_LEGAL).show_lists()
    # A first cycle: the dialog proposes the next 5-year period after 2019–2023.
    qtbot.mouseClick(lists.add_cycle_button, Qt.MouseButton.LeftButton)
    dialog = lists.dialog
    assert (dialog.name.text(), dialog.cutoff.text()) == ("2024-2028", "31/12/2028")
    _save(qtbot, dialog)
    assert lists.cycle.currentText() == "2024-2028 (đến 31/12/2028)"
    lists.kind.setCurrentIndex(2)
    assert lists.title.text().startswith("Danh mục văn bản còn hiệu lực (Kỳ hệ thống hóa 2024-2028")
    assert lists.model.index(0, 0).data() == "I. LĨNH VỰC ĐẤT ĐAI"
    assert lists.model.index(1, 2).data() == "05/2022/QĐ-UBND\nngày 01/06/2022"
    assert lists.table.columnSpan(0, 0) == 6
    lists.window().grab().save("/tmp/i6-lists.png")
    lists.export_cycle(str(tmp_path / "ky.xlsx"))
    assert lists.message.text() == f"Đã lưu {tmp_path / 'ky.xlsx'}."
    # The yearly list of 2024 carries the 2023 suspension that was never published.
    lists.year.setValue(2024)
    assert [lists.model.index(r, 2).data().split("\n")[0] for r in range(2)] == [
        "02/2021/NQ-HĐND",
        "05/2022/QĐ-UBND",
    ]
    assert lists.annual_status.text() == (
        "Danh mục năm 2024: 2 văn bản; hạn công bố 31/01/2025 – QUÁ HẠN, chưa công bố."
    )
    qtbot.mouseClick(lists.publish_button, Qt.MouseButton.LeftButton)
    publish = lists.dialog
    publish.on.setText("20/01/2025")
    publish.ref.setText("Quyết định số 15/QĐ-UBND")
    _save(qtbot, publish)
    assert lists.annual_status.text() == (
        "Danh mục năm 2024: 2 văn bản; hạn công bố 31/01/2025 – đã công bố ngày 20/01/2025, "
        "Quyết định số 15/QĐ-UBND."
    )
    target = tmp_path / "nam-2024.xlsx"
    lists.export_shown(str(target))
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    assert sheet["A3"].value == "(năm 2024)"


def test_handling_is_followed_to_the_document_that_did_it(area, qtbot, tmp_path):
    reg = area.register
    services = area._services
    review = services.legal_reviews.reviews(document_id=reg.nq_02.id, open_only=True)[0]
    from services.legal.reviews import ReviewResult

    services.legal_reviews.record_result(
        review.id,
        ReviewResult(date(2024, 1, 10), "Nguyễn Thị Lan", "HET_HIEU_LUC", handling="THAY_THE"),
    )
    area.refresh(reg.nq_02.id)
    dialog = area.open_handling_dialog()
    _choose(dialog.status, "done")
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors.text() == "• Văn bản xử lý: hãy chọn văn bản đã xử lý."
    dialog.document.setCurrentIndex(dialog.document.findData(reg.qd_12.id))
    _save(qtbot, dialog)
    assert (
        area.message.text()
        == "Đã cập nhật tình hình xử lý Nghị quyết số 02/2021/NQ-HĐND: Đã xử lý."
    )
    target = tmp_path / "phieu.xlsx"
    area.export_review_form(str(target))
    from openpyxl import load_workbook

    values = [c.value for row in load_workbook(target).active.iter_rows() for c in row]
    assert "PHIẾU RÀ SOÁT VĂN BẢN" in values and "Nguyễn Thị Lan" in values


def test_unlawful_document_is_recorded_then_closed(area, qtbot):
    reg = area.register
    area.select_document(reg.qd_05.id)
    dialog = area.open_unlawful_dialog()
    dialog.authority.setText("Sở Tư pháp tỉnh Hải Dương")
    dialog.found_on.setText("01/03/2025")
    dialog.content.setPlainText("Điều 9 quy định thẩm quyền xử phạt không đúng luật")
    dialog.deadline.setText("31/05/2025")
    _save(qtbot, dialog)
    assert area.message.text() == (
        "Đã ghi nhận Quyết định số 05/2022/QĐ-UBND trái pháp luật; hạn xử lý 31/05/2025."
    )
    assert "Quá hạn xử lý" in area.detail.toPlainText()
    fixed = area.open_fixed_dialog()
    fixed.fixed_on.setText("15/06/2025")
    fixed.document.setCurrentIndex(fixed.document.findData(reg.qd_12.id))
    _save(qtbot, fixed)
    assert "Đã xử lý" in area.detail.toPlainText()
    assert area.open_fixed_dialog() is None


def test_importing_a_workbook_with_errors_lists_them_and_writes_nothing(area, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "so.xlsx"
    book = Workbook()
    book.active.title = "Văn bản"
    book.active.append(["Loại văn bản", "Số, ký hiệu", "Ngày ban hành", "Trích yếu"])
    book.active.append(["Quyết định", "07/2024/QĐ-UBND", "12/03/2024", "Thử"])
    book.save(path)
    before = area.model.rowCount()
    area.export_register(str(tmp_path / "so-hien-tai.xlsx"))
    assert area.message.text() == f"Đã lưu {tmp_path / 'so-hien-tai.xlsx'}."
    assert not area.import_register(str(path))
    assert area.message.text().splitlines() == [
        "Tệp có 1 lỗi; chưa nhập gì:",
        "• Trang “Văn bản”, dòng 1: thiếu cột “Cơ quan ban hành”.",
    ]
    assert area.model.rowCount() == before


def test_survey_round_opens_reviews_of_the_documents_people_commented_on(
    main_window, services, qtbot
):
    reg = build_register(services.legal)
    area = main_window.show_area(strings.AREA_LEGAL)
    surveys = area.show_surveys()
    assert surveys.detail.toPlainText() == "Chưa có đợt khảo sát nào."
    qtbot.mouseClick(surveys.add_button, Qt.MouseButton.LeftButton)
    dialog = surveys.dialog
    dialog.title.setText("Lấy ý kiến về văn bản của phường năm 2025")
    dialog.started.setText("01/09/2025")
    dialog.ended.setText("30/09/2025")
    dialog.responses.setValue(240)
    dialog.set_document(reg.nq_02.id, 180, "Mức hỗ trợ không còn phù hợp")
    dialog.set_document(reg.qd_05.id, 0, "")
    dialog.grab().save("/tmp/i6-survey.png")
    _save(qtbot, dialog)
    assert (
        surveys.message.text() == "Đã lưu đợt khảo sát “Lấy ý kiến về văn bản của phường năm 2025”."
    )
    assert surveys.model.index(0, 4).data() == "2"
    qtbot.mouseClick(surveys.review_button, Qt.MouseButton.LeftButton)
    assert surveys.message.text() == "Đã mở rà soát 1 văn bản theo ý kiến khảo sát."
    assert (
        "Nghị quyết số 02/2021/NQ-HĐND: 180 ý kiến (đã mở rà soát)" in surveys.detail.toPlainText()
    )
    # Back on the register, the document shows the review the survey opened.
    area.tabs.setCurrentIndex(0)
    panel = area.register_panel
    panel.select_document(reg.nq_02.id)
    assert "Khảo sát “Lấy ý kiến về văn bản của phường năm 2025”" in panel.detail.toPlainText()


def test_editing_a_document_keeps_its_history_and_checks_the_form(area, qtbot):
    reg = area.register
    area.select_document(reg.nq_02.id)
    qtbot.mouseClick(area.edit_button, Qt.MouseButton.LeftButton)
    dialog = area.dialog
    assert dialog.number.text() == "02/2021/NQ-HĐND"
    assert dialog.doc_type.currentText() == "Nghị quyết"
    dialog.doc_type.setCurrentText("Quyết định")
    _save(qtbot, dialog)
    assert dialog.errors.text() == (
        "• Loại văn bản: HĐND phường ban hành Nghị quyết, không ban hành Quyết định."
    )
    dialog.doc_type.setCurrentText("Nghị quyết")
    dialog.summary.setPlainText("Mức chi hỗ trợ hoạt động của tổ dân phố")
    _save(qtbot, dialog)
    doc = area.current_document()
    assert doc.summary == "Mức chi hỗ trợ hoạt động của tổ dân phố"
    assert len(doc.events) == 1 and doc.basis_labels == ("Luật số 80/2015/QH13",)


def test_list_and_survey_models_pass_the_model_tester(main_window, services, qtmodeltester):
    build_register(services.legal)
    area = main_window.show_area(strings.AREA_LEGAL)
    lists = area.show_lists()
    qtmodeltester.check(lists.model)
    surveys = area.show_surveys()
    qtmodeltester.check(surveys.model)


def test_a_review_can_be_requested_by_hand(area, qtbot):
    reg = area.register
    area.select_document(reg.qd_12.id)
    assert not area.review_button.isEnabled()
    dialog = area.open_manual_review_dialog()
    _choose(dialog.trigger_type, "TINH_HINH_KINH_TE_XA_HOI")
    _save(qtbot, dialog)
    assert dialog.errors.text() == "• Căn cứ rà soát: hãy ghi nội dung căn cứ rà soát."
    dialog.trigger_text.setPlainText("Phường sáp nhập thêm hai tổ dân phố từ ngày 01/07/2025")
    _save(qtbot, dialog)
    assert area.message.text() == "Đã ghi nhận yêu cầu rà soát Quyết định số 12/2025/QĐ-UBND."
    assert area.review_button.isEnabled()
    assert area.current_document().open_reviews == 1


def test_an_event_recorded_by_mistake_is_deleted_with_its_pending_reviews(area, qtbot):
    reg = area.register
    _choose(area.issuer, "")
    area.select_document(reg.luat_2015.id)
    dialog = area.open_event_dialog()
    _choose(dialog.kind, "amended")
    dialog.from_date.setText("01/01/2024")
    _save(qtbot, dialog)
    assert "2 văn bản cần rà soát" in area.message.text()
    delete = area.open_delete_event_dialog()
    assert delete.event.currentText() == "01/01/2024: Được sửa đổi, bổ sung"
    button = delete.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert button.text() == "Đồng ý"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert area.message.text() == (
        "Đã xóa sự kiện hiệu lực của Luật số 80/2015/QH13; rút 2 yêu cầu rà soát."
    )
    assert area.current_document().events == ()


def test_partial_review_records_findings_article_by_article(area, qtbot):
    reg = area.register
    area.select_document(reg.nq_02.id)
    review = area.open_review_dialog()
    review.reviewer.setText("Trần Văn Nam")
    _choose(review.finding, "MAU_THUAN_CHONG_CHEO")
    _choose(review.scope, "part")
    _choose(review.handling, "SUA_DOI_BO_SUNG")
    _save(qtbot, review)
    assert review.errors.text() == (
        "• Nội dung rà soát: rà soát một phần phải ghi ít nhất một điều, khoản."
    )
    qtbot.mouseClick(review.findChild(QPushButton, "addFinding"), Qt.MouseButton.LeftButton)
    review.table.item(0, 0).setText("Điều 4")
    review.table.item(0, 1).setText("Điều 12 Luật 64/2025/QH15")
    _choose(review.table.cellWidget(0, 2), "MAU_THUAN_CHONG_CHEO")
    _choose(review.table.cellWidget(0, 3), "SUA_DOI_BO_SUNG")
    _save(qtbot, review)
    assert not review.isVisible()
    saved = review.saved
    assert [(f.article, f.basis_content, f.finding, f.proposal) for f in saved.findings] == [
        ("Điều 4", "Điều 12 Luật 64/2025/QH15", "MAU_THUAN_CHONG_CHEO", "SUA_DOI_BO_SUNG")
    ]
    area.detail.resize(1000, 700)
    area.detail.grab().save("/tmp/i6-detail.png")


def test_numbers_sort_by_year_then_number(area):
    from ui.legal.register_model import COL_NUMBER

    _choose(area.issuer, "")
    area.table.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    numbers = [area.proxy.index(r, COL_NUMBER).data() for r in range(area.proxy.rowCount())]
    assert numbers == [
        "80/2015/QH13",
        "34/2016/NĐ-CP",
        "01/2020/QĐ-UBND",
        "20/2020/QĐ-UBND",
        "02/2021/NQ-HĐND",
        "05/2022/QĐ-UBND",
        "12/2025/QĐ-UBND",
        "64/2025/QH15",
        "79/2025/NĐ-CP",
    ]


def test_each_list_and_deadline_shows_the_rule_and_article_behind_it(main_window, services, qtbot):
    build_register(services.legal)
    lists = main_window.show_area(strings.AREA_LEGAL).show_lists()
    lists.year.setValue(2025)
    # The 2025 list (published in 2026) follows NĐ 79/2025; its deadline's article is unknown.
    shown = lists.basis.text()
    assert "khoản 4 Điều 51 Nghị định 79/2025/NĐ-CP" in shown
    assert "Hạn công bố danh mục văn bản hết hiệu lực, tạm ngưng hiệu lực hằng năm" in shown
    assert "(cần kiểm tra lại)" in shown
    assert "CẦN KIỂM TRA LẠI" in lists.annual_status.toolTip()
    assert "Phụ lục" in lists.basis.toolTip()  # the note says what could not be verified
    lists.year.setValue(2024)
    assert "Nghị định 34/2016/NĐ-CP" in lists.basis.text()
    qtbot.mouseClick(lists.add_cycle_button, Qt.MouseButton.LeftButton)
    dialog = lists.dialog
    assert "Báo cáo 253/BC-BTP" in dialog.basis.text()
    assert "Chu kỳ hệ thống hóa văn bản định kỳ (năm): khoản 1 Điều 164" in dialog.basis.text()
    main_window.resize(1024, 700)
    dialog.grab().save("/tmp/l14-cycle-dialog.png")
    dialog.reject()
    lists.window().grab().save("/tmp/l14-lists-basis.png")


def test_the_print_button_says_which_rules_today_s_decision_follows(main_window):
    lists = main_window.show_area(strings.AREA_LEGAL).show_lists()
    tip = lists.preview_pdf_button.toolTip()
    assert "Cơ quan đề nghị Chủ tịch UBND ký quyết định công bố danh mục" in tip
    assert "Nghị định 150/2025/NĐ-CP" in tip and "CẦN KIỂM TRA LẠI" in tip


def test_outcome_proposes_its_handling_and_a_hand_choice_is_kept(area, qtbot):
    reg = area.register
    area.select_document(reg.qd_05.id)
    qtbot.mouseClick(area.review_button, Qt.MouseButton.LeftButton)
    review = area.dialog
    _choose(review.finding, "PHU_HOP")
    assert review.handling.currentData() == "KHONG_XU_LY"
    _choose(review.finding, "MAU_THUAN_CHONG_CHEO")
    assert review.handling.currentData() == "SUA_DOI_BO_SUNG"
    _choose(review.handling, "THAY_THE")  # the reviewer's own choice
    _choose(review.finding, "KHONG_CON_PHU_HOP_KTXH")
    assert review.handling.currentData() == "THAY_THE"
    review.add_finding("Điều 2")
    opinion = review.table.cellWidget(0, 2)
    proposal = review.table.cellWidget(0, 3)
    assert opinion.currentData() == "" and proposal.currentData() == ""  # nothing presumed
    _choose(opinion, "HET_HIEU_LUC")
    assert proposal.currentData() == "CONG_BO_HET_HIEU_LUC"
    review.reject()


def test_a_document_nobody_reviewed_says_so_in_the_register(area, services):
    from services.legal.reviews import ReviewResult

    draft = services.legal.document(area.register.qd_05.id).draft()
    fresh = services.legal.create_document(
        replace(draft, number_symbol="09/2022/QĐ-UBND", basis_ids=())
    )
    _choose(area.issuer, "ward")
    area.refresh(select_id=fresh.id)
    assert area.select_document(fresh.id)
    row = area.table.currentIndex().row()
    assert area.proxy.index(row, COL_REVIEW).data() == "Chưa rà soát"
    review = services.legal_reviews.open_review(
        fresh.id,
        trigger_type="VBQPPL_CUNG_CO_QUAN_BAN_HANH",
        trigger_text="Rà soát theo chuyên đề",
        flagged_on=date(2025, 6, 2),
    )
    assert services.legal.document(fresh.id).review_label == "Cần rà soát (1)"
    services.legal_reviews.record_result(
        review.id, ReviewResult(date(2025, 6, 10), "Nguyễn Thị Lan", "PHU_HOP")
    )
    assert services.legal.document(fresh.id).review_label == "Đã rà soát ngày 10/06/2025"
