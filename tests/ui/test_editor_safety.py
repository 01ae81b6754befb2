"""The editors of every module keep data safe the same way: the conflict box when someone else
saved first (Tải lại / Lưu đè / Hủy), TCVN3/VNI text offered for conversion before saving, and
“Lịch sử thay đổi” from the task panel, the legal document detail and the disclosure detail."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from services.disclosure.service import DisclosureService
from services.plan.plans import TaskDraft
from tests.legal_sample import build_register
from tests.ui.modal_answers import answer_when_shown
from ui import strings
from ui.disclosure.disclosure_area import DisclosureArea
from ui.disclosure.table_models import ROW_ROLE

TCVN3_TEXT = "Thùc hiÖn c¶i c¸ch hµnh chÝnh"  # "Thực hiện cải cách hành chính" in .VnTime
VNI_TEXT = "Uûy ban nhaân daân phöôøng"  # "Ủy ban nhân dân phường" in VNI-Times
TODAY = date(2026, 4, 8)


# ----- plan task editor ----------------------------------------------------------------------
@pytest.fixture
def plan(main_window):
    area = main_window.show_area(strings.AREA_PLAN)
    area.table.selectRow(3)
    return area


def _someone_else_sets_percent(main_window, task, percent):
    main_window.services.plans.update_task(
        task.id, TaskDraft(**{**task.draft().__dict__, "percent": percent})
    )


def test_task_editor_conflict_box_names_who_and_saving_over_keeps_my_text(plan, main_window):
    main_window.services.audit.set_actor("Trần Văn Bình")
    task = plan.current_task()
    editor = plan.actions_.edit_current()
    _someone_else_sets_percent(main_window, task, 40)
    editor.text.setPlainText("Nội dung của tôi")
    box = answer_when_shown("conflictBox", "overwriteButton")
    editor.accept()
    assert box, "the conflict box was not shown"
    assert "Trần Văn Bình" in box[0] and "Tiến độ (%): 0 → 40" in box[0]
    assert not editor.isVisible()
    saved = main_window.services.plans.task(task.id)
    assert (saved.text, saved.percent) == ("Nội dung của tôi", task.percent)


def test_task_editor_conflict_reload_shows_their_version(plan, main_window):
    task = plan.current_task()
    editor = plan.actions_.edit_current()
    _someone_else_sets_percent(main_window, task, 55)
    editor.text.setPlainText("Nội dung của tôi")
    answer_when_shown("conflictBox", "reloadButton")
    editor.accept()
    assert editor.isVisible() and editor.percent.value() == 55
    assert editor.text.toPlainText() == task.text
    assert "Đã tải bản mới nhất" in editor.problems.text()
    editor.accept()  # now saves without a conflict
    assert not editor.isVisible()


def test_task_editor_offers_to_convert_pasted_tcvn3(plan, main_window):
    task = plan.current_task()
    editor = plan.actions_.edit_current()
    editor.text.setPlainText(TCVN3_TEXT)
    preview = answer_when_shown("legacyTextDialog")
    editor.accept()
    assert preview and "TCVN3 (ABC)" in preview[0]
    assert f"Nội dung | {TCVN3_TEXT} | Thực hiện cải cách hành chính" in preview[0]
    assert main_window.services.plans.task(task.id).text == "Thực hiện cải cách hành chính"


def test_declining_the_conversion_returns_to_the_editor_unsaved(plan, main_window):
    task = plan.current_task()
    editor = plan.actions_.edit_current()
    editor.result.setPlainText(VNI_TEXT)
    answer_when_shown("legacyTextDialog", accept=False)
    editor.accept()
    assert editor.isVisible() and editor.result.toPlainText() == VNI_TEXT
    assert main_window.services.plans.task(task.id).result_notes == task.result_notes
    editor.reject()


def test_task_panel_history_lists_the_task_and_its_progress(plan, main_window, qtbot):
    task = plan.current_task()
    _someone_else_sets_percent(main_window, task, 30)
    panel = plan.panel
    panel.forget()
    panel.show_task(main_window.services.plans.task(task.id))
    assert panel.history_button.isEnabled() and panel.history_button.text().startswith("Lịch sử")
    qtbot.mouseClick(panel.history_button, Qt.MouseButton.LeftButton)
    dialog = panel.history_button.last_dialog
    qtbot.addWidget(dialog)
    rows = [dialog.model.index(r, 5).data() for r in range(dialog.model.rowCount())]
    assert "Tiến độ (%): 0 → 30" in rows
    dialog.close()


# ----- legal document dialog and detail ----------------------------------------------------------
@pytest.fixture
def legal(main_window, services):
    register = build_register(services.legal)
    panel = main_window.show_area(strings.AREA_LEGAL).register_panel
    panel.register = register
    return panel


def test_legal_document_conflict_box_and_saving_over(legal, services):
    doc = services.legal.document(legal.register.qd_01.id)
    dialog = legal.open_document_dialog(doc)
    draft = dataclasses.replace(doc.draft(), signer="Người khác")
    services.legal.update_document(doc.id, draft, expected_version=doc.version)
    dialog.summary.setPlainText("Trích yếu của tôi")
    box = answer_when_shown("conflictBox", "overwriteButton")
    dialog.accept()
    assert box and "Văn bản đã được người khác sửa" in box[0] and "Người ký" in box[0]
    assert not dialog.isVisible()
    saved = services.legal.document(doc.id)
    assert saved.summary == "Trích yếu của tôi" and saved.signer == doc.signer


def test_legal_document_conflict_cancel_keeps_the_dialog_and_says_why(legal, services):
    doc = services.legal.document(legal.register.qd_01.id)
    dialog = legal.open_document_dialog(doc)
    services.legal.update_document(
        doc.id, dataclasses.replace(doc.draft(), notes="x"), expected_version=doc.version
    )
    answer_when_shown("conflictBox", "cancelButton")
    dialog.accept()
    assert dialog.isVisible() and "người khác sửa" in dialog.errors.text()
    dialog.reject()


def test_legal_document_dialog_converts_vni_summary(legal, services):
    doc = services.legal.document(legal.register.qd_01.id)
    dialog = legal.open_document_dialog(doc)
    dialog.summary.setPlainText(VNI_TEXT)
    preview = answer_when_shown("legacyTextDialog")
    dialog.accept()
    assert preview and "VNI-Windows" in preview[0]
    assert services.legal.document(doc.id).summary == "Ủy ban nhân dân phường"


def test_legal_detail_history_shows_document_and_its_events(legal, services, qtbot):
    reg = legal.register
    legal.issuer.setCurrentIndex(legal.issuer.findData(""))
    assert legal.select_document(reg.nq_02.id)
    assert legal.history_button.isEnabled()
    qtbot.mouseClick(legal.history_button, Qt.MouseButton.LeftButton)
    dialog = legal.history_button.last_dialog
    qtbot.addWidget(dialog)
    kinds = {dialog.model.index(r, 3).data() for r in range(dialog.model.rowCount())}
    assert {"Văn bản QPPL", "Thay đổi hiệu lực"} <= kinds
    assert dialog.windowTitle() == "Lịch sử thay đổi – văn bản QPPL"
    heading = dialog.findChild(QLabel, "historyHeading").text()
    assert heading.startswith("Văn bản QPPL “Nghị quyết 02/2021/NQ-HĐND”:")
    dialog.close()


# ----- disclosure posting editor and detail -------------------------------------------------------
@pytest.fixture
def disclosure(qtbot, services, data_folder):
    from ui.settings import open_settings

    fixed = DisclosureService(
        services.database.session_factory, services.disclosure_setup, today=lambda: TODAY
    )
    widget = DisclosureArea(
        dataclasses.replace(services, disclosure=fixed), open_settings(data_folder)
    )
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.generate_plan()
    for row in range(widget.proxy.rowCount()):
        index = widget.proxy.index(row, 0)
        found = index.data(ROW_ROLE)
        if found.item_code == "CK02C" and found.period == "03 tháng":
            widget.table.setCurrentIndex(index)
    widget.place_table.selectRow(1)
    return widget


def _posted(area, qtbot, place="Bảng tin trụ sở UBND"):
    dialog = area.posting_dialog(edit=False)
    qtbot.addWidget(dialog)
    dialog.posted.setText("08/04/2026")
    dialog.place.setText(place)
    dialog.accept()
    assert dialog.result_row is not None, dialog.errors.text()
    area.reload()
    area.place_table.selectRow(1)
    return area.current_place().posting


def test_posting_editor_conflict_reload_then_save(disclosure, services, qtbot):
    posting = _posted(disclosure, qtbot)
    dialog = disclosure.posting_dialog(edit=True)
    qtbot.addWidget(dialog)
    row = disclosure.current_row()
    other = dataclasses.replace(_draft(row.id, posting), evidence_note="Ảnh chụp bảng tin")
    services.disclosure.update_posting(posting.id, other)
    dialog.evidence_note.setText("Biên bản của tôi")
    box = answer_when_shown("conflictBox", "reloadButton")
    dialog.accept()
    assert box and "Lần công khai đã được người khác sửa" in box[0]
    assert dialog.result_row is None and dialog.evidence_note.text() == "Ảnh chụp bảng tin"
    assert "Đã tải bản mới nhất" in dialog.errors.text()
    dialog.evidence_note.setText("Biên bản của tôi")
    dialog.accept()
    assert dialog.result_row is not None
    saved = next(p for p in dialog.result_row.postings if p.id == posting.id)
    assert saved.evidence_note == "Biên bản của tôi"


def test_posting_editor_converts_tcvn3_place(disclosure, qtbot):
    preview = answer_when_shown("legacyTextDialog")
    posting = _posted(disclosure, qtbot, place="B¶ng tin trô së")
    assert preview and posting.place == "Bảng tin trụ sở"


def test_disclosure_detail_history_lists_the_disclosure_and_its_postings(disclosure, qtbot):
    _posted(disclosure, qtbot)
    button = disclosure.history_button
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = button.last_dialog
    qtbot.addWidget(dialog)
    kinds = [dialog.model.index(r, 3).data() for r in range(dialog.model.rowCount())]
    assert kinds[0] == "Hình thức công khai" and "Lần công khai" in kinds
    dialog.close()


def _draft(disclosure_id, posting):
    from services.disclosure.service import PostingDraft

    return PostingDraft(
        disclosure_id=disclosure_id,
        form=posting.form,
        posted_on=posting.posted_on,
        group_id=posting.group_id,
        taken_down_on=posting.taken_down_on,
        place=posting.place,
        evidence_note=posting.evidence_note,
        evidence_path=posting.evidence_path,
    )


# ----- organisation dialog -------------------------------------------------------------------
def test_organisation_dialog_converts_an_old_letterhead(services, qtbot):
    from ui.dialogs.organisation_dialog import OrganisationDialog

    dialog = OrganisationDialog(services.organisation)
    qtbot.addWidget(dialog)
    dialog.editors["body_line2"].setText("Uû ban nh©n d©n ph\u00adêng DÞ Sö")
    preview = answer_when_shown("legacyTextDialog")
    dialog.accept()
    assert preview and "Tên cơ quan – dòng 2" in preview[0]
    assert services.organisation.get().body_line2 == "Uỷ ban nhân dân phường Dị Sử"


# ----- importer preview ------------------------------------------------------------------------
def test_progress_import_preview_notes_the_tcvn3_conversion(services, qtbot, tmp_path):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QListWidget

    from ui.plan.import_preview import ImportPreviewDialog

    plan = services.plans.list_plans()[0]
    path = services.excel.export_unit_forms(plan.id, tmp_path / "phieu.xlsx").path
    book = load_workbook(path)
    book["TP"]["G5"] = TCVN3_TEXT
    book.save(path)
    dialog = ImportPreviewDialog(services.progress_import.check(path))
    qtbot.addWidget(dialog)
    notes = dialog.findChild(QListWidget, "importNotes")
    assert notes.count() == 1 and not notes.isHidden()
    assert notes.item(0).text().startswith("Lưu ý – Trang “TP”: có 1 ô gõ bằng bảng mã TCVN3")
    change = dialog.model.index(0, 3).data()
    assert "Thực hiện cải cách hành chính" in change
