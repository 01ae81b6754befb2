"""A clerk records a posting in the Công khai area and sees the score and calendar change."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from services.disclosure.service import DisclosureService
from services.disclosure.vocab import CAL_MAY_TAKE_DOWN, CAL_MUST_POST, ON_TRACK
from ui import strings
from ui.disclosure.disclosure_area import DisclosureArea
from ui.disclosure.posting_dialog import PostingDialog
from ui.disclosure.table_models import ROW_ROLE

TODAY = date(2026, 4, 8)


@pytest.fixture
def area(qtbot, services, data_folder):
    from ui.settings import open_settings

    fixed = DisclosureService(
        services.database.session_factory, services.disclosure_setup, today=lambda: TODAY
    )
    services.disclosure_setup.add_group("Tổ dân phố Đông Sơn")
    widget = DisclosureArea(
        dataclasses.replace(services, disclosure=fixed), open_settings(data_folder)
    )
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _select(area, code, period=""):
    for row in range(area.proxy.rowCount()):
        index = area.proxy.index(row, 0)
        found = index.data(ROW_ROLE)
        if found.item_code == code and found.period == period:
            area.table.setCurrentIndex(index)
            return found
    raise AssertionError(code)


def _fill_dialog(qtbot, posted, *, then=None):
    """Fill the modal posting dialog once it is open, and press Lưu."""

    def fill():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PostingDialog)
        dialog.posted.setText(posted)
        dialog.evidence_note.setText("Biên bản niêm yết số 04/BB-UBND")
        dialog.accept()
        if then is not None:
            then(dialog)

    QTimer.singleShot(0, fill)


def test_the_main_window_shows_the_disclosure_area(main_window):
    area = main_window.show_area(strings.AREA_DISCLOSURE)
    assert isinstance(area, DisclosureArea)
    assert area.year_box.currentData() == date.today().year
    assert "chưa có kế hoạch công khai" in area.title.text()


def test_recording_a_posting_changes_the_score_and_the_calendar(area, qtbot):
    qtbot.mouseClick(area.generate_button, Qt.MouseButton.LeftButton)
    assert "Đã thêm" in area.notice.text()
    assert area.title.text().startswith("Kế hoạch công khai năm 2026")
    # Before: only the Q1 disclosure list is due (07/04), at two places, both missing.
    assert "0,0% (0/2" in area.score_label.text()
    calendar = area.calendar_tab
    due = [
        i for i in calendar.visible_items() if i.item_code == "CK02C" and i.kind == CAL_MUST_POST
    ]
    assert {i.day for i in due} == {date(2026, 4, 10)}
    assert any(i.place == "Niêm yết trụ sở" for i in due)

    row = _select(area, "CK02C", "03 tháng")
    labels = [area.places.row_at(r).place_label for r in range(area.places.rowCount())]
    assert labels == [
        "Trang TTĐT",
        "Niêm yết trụ sở",
        "Niêm yết thôn, tổ dân phố – Tổ dân phố Đông Sơn",
    ]
    area.place_table.selectRow(1)

    # First a bad date: the dialog stays open and says why, in Vietnamese.
    seen = {}

    def check_error(dialog):
        seen["errors"] = dialog.errors.text()
        seen["visible"] = dialog.errors.isVisible()
        dialog.posted.setText("08/04/2026")
        dialog.accept()

    _fill_dialog(qtbot, "31/02/2026", then=check_error)
    qtbot.mouseClick(area.post_button, Qt.MouseButton.LeftButton)
    assert seen["visible"]
    assert "Ngày công khai: Không có ngày 31/02/2026." in seen["errors"]

    # After: the headquarters place is on track, the score and calendar moved.
    assert area.current_row().id == row.id
    head = area.places.row_at(1)
    assert head.status == ON_TRACK and head.posting.evidence_note.startswith("Biên bản")
    assert area.place_table.model().index(1, 1).data() == "Đang công khai (đúng hạn)"
    assert "33,3% (1/3" in area.score_label.text()
    items = calendar.visible_items()
    q1 = [i for i in items if i.disclosure_id == row.id]
    assert {(i.kind, i.place) for i in q1} >= {(CAL_MAY_TAKE_DOWN, "Niêm yết trụ sở")}
    assert (CAL_MUST_POST, "Niêm yết trụ sở") not in {(i.kind, i.place) for i in q1}
    take_down = next(i for i in q1 if i.kind == CAL_MAY_TAKE_DOWN)
    # Posted 08/04: its 30 days are 09/04–08/05 (Bộ luật Dân sự Đ147–148), down from 09/05.
    assert take_down.day == date(2026, 5, 9) and take_down.note == "Được gỡ từ 09/05/2026"


def test_posting_before_the_trigger_is_refused_with_the_field_named(area, qtbot):
    area.generate_plan()
    _select(area, "CK02C", "03 tháng")
    area.place_table.selectRow(2)
    dialog = area.posting_dialog(edit=False)
    qtbot.addWidget(dialog)
    assert dialog.group_box.currentText() == "Tổ dân phố Đông Sơn"
    dialog.posted.setText("20/03/2026")
    dialog.accept()
    assert not dialog.errors.isHidden()
    assert (
        "Ngày công khai: 20/03/2026 trước ngày văn bản căn cứ 31/03/2026." in dialog.errors.text()
    )
    assert dialog.result_row is None


def test_search_and_status_filter(area, qtbot):
    area.generate_plan()
    qtbot.keyClicks(area.search, "ngan sach")
    assert area.visible_rows() and all(r.item_code.startswith("CK02") for r in area.visible_rows())
    area.search.clear()
    area.status_box.setCurrentIndex(1)  # failing only
    assert {r.item_code for r in area.visible_rows()} == {"CK18"}


def test_the_tables_are_sound_item_models(area, qtmodeltester):
    area.generate_plan()
    qtmodeltester.check(area.model)
    qtmodeltester.check(area.proxy)
    qtmodeltester.check(area.calendar_tab.model)
    qtmodeltester.check(area.score_tab.by_item)


def test_the_ward_adds_a_rule_version_and_an_item_in_the_checklist_dialog(area, qtbot):
    from ui.disclosure.checklist_dialog import ChecklistDialog

    setup = area._services.disclosure_setup
    dialog = ChecklistDialog(setup, area)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() >= 27
    assert dialog.code.text() == "CK01" and dialog.code.isReadOnly()
    dialog.new_version()
    assert dialog.versions.count() == 2
    dialog.applies_from.setText("01/07/2026")
    dialog.duration_days.setValue(45)
    assert dialog.save()
    ck01 = next(i for i in setup.checklist() if i.code == "CK01")
    assert [r.applies_from for r in ck01.rules] == [date(2023, 7, 1), date(2026, 7, 1)]
    assert ck01.rule_on(date(2026, 8, 1)).duration_days == 45
    assert ck01.rule_on(date(2026, 6, 1)).duration_days == 30

    dialog.new_item()
    dialog.save()
    assert not dialog.errors.isHidden()
    assert "Nội dung: không được để trống." in dialog.errors.text()
    dialog.code.setText("CK30")
    dialog.title.setPlainText("Kết quả hòa giải ở cơ sở")
    assert dialog.save()
    assert dialog.code.text() == "CK30"
    assert any(i.code == "CK30" for i in setup.checklist())


def test_a_day_off_added_by_decree_moves_the_deadline_shown(area, qtbot):
    from ui.disclosure.setup_dialogs import HolidaysDialog

    area.generate_plan()
    row = _select(area, "CK18", "Quý I")
    assert row.verdict.deadline == date(2026, 4, 7)  # 31/03 + 5 working days
    dialog = HolidaysDialog(area._services.disclosure_setup, 2026, area)
    qtbot.addWidget(dialog)
    assert "có sẵn" in dialog.source.text()
    dialog.day.setText("06/04/2026")
    dialog.name.setText("Nghỉ theo quyết định của Thủ tướng")
    dialog.add_day()
    dialog.day.setText("ngày 7")
    dialog.add_day()
    assert "“ngày 7” không phải một ngày: hãy gõ ngày/tháng/năm" in dialog.errors.text()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    area.reload()
    assert _select(area, "CK18", "Quý I").verdict.deadline == date(2026, 4, 8)
    assert area._services.disclosure_setup.holidays(2026).edited


def test_residential_groups_are_added_in_their_dialog(area, qtbot):
    from ui.disclosure.setup_dialogs import GroupsDialog

    dialog = GroupsDialog(area._services.disclosure_setup, area)
    qtbot.addWidget(dialog)
    dialog.name.setText("Tổ dân phố Tây Sơn")
    dialog.add()
    assert [dialog.model.row_at(r).name for r in range(dialog.model.rowCount())] == [
        "Tổ dân phố Đông Sơn",
        "Tổ dân phố Tây Sơn",
    ]
    dialog.name.setText("Tổ dân phố Tây Sơn")
    dialog.add()
    assert "“Tổ dân phố Tây Sơn” đã có." in dialog.errors.text()


def test_export_runs_off_the_ui_thread_and_writes_the_workbook(area, qtbot, tmp_path):
    from openpyxl import load_workbook

    area.generate_plan()
    target = tmp_path / "cong-khai.xlsx"
    with qtbot.waitSignal(area.exported, timeout=20000) as signal:
        area.export_to(str(target))
    assert signal.args == [str(target)]
    assert area.notice.text() == f"Đã ghi {target}"
    assert area.export_button.isEnabled()
    assert load_workbook(target).sheetnames[0] == "Báo cáo năm"


def test_double_clicking_a_calendar_entry_opens_its_disclosure(area, qtbot):
    area.generate_plan()
    area.tabs.setCurrentIndex(1)
    table = area.calendar_tab.table
    index = table.model().index(0, 0)
    wanted = index.data(ROW_ROLE)
    rect = table.visualRect(index)
    # Qt 6 item views emit doubleClicked only for the index pressed just before.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert area.tabs.currentIndex() == 0
    assert area.current_row().id == wanted.disclosure_id


def test_places_model_is_a_sound_item_model(area, qtmodeltester):
    area.generate_plan()
    _select(area, "CK02C", "03 tháng")
    assert area.places.rowCount() == 3
    qtmodeltester.check(area.places)


def test_the_posting_dialog_says_how_days_count_and_when_it_may_come_down(
    main_window, services, qtbot
):
    from ui.disclosure.posting_dialog import PostingDialog

    area = main_window.show_area(strings.AREA_DISCLOSURE)
    services.disclosure.generate_plan(area.year)
    row = next(
        r
        for r in services.disclosure.disclosures(area.year)
        if r.rule and "NIEM_YET_TRU_SO" in r.rule.forms and (r.rule.duration_days or 0) == 30
    )
    dialog = PostingDialog(
        services.disclosure, row, services.disclosure_setup.groups(), parent=area
    )
    qtbot.addWidget(dialog)
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("NIEM_YET_TRU_SO"))
    dialog.posted.setText("04/09/2026")
    text = dialog.counting.text()
    assert "Phải công khai ít nhất 30 ngày liên tục." in text
    assert "Ngày niêm yết không tính" in text
    assert text.endswith("Được gỡ sớm nhất từ ngày 05/10/2026.")
    assert "Đ13.2" in dialog.counting.toolTip() and "Đ147" in dialog.counting.toolTip()
    dialog.posted.setText("10/9")  # typed short: this year, recomputed at once
    assert dialog.counting.text().endswith(f"Được gỡ sớm nhất từ ngày 11/10/{date.today().year}.")
    dialog.form_box.setCurrentIndex(dialog.form_box.findData("TRANG_TTDT"))
    assert "Được gỡ" not in dialog.counting.text()


def test_every_deadline_and_verdict_shows_the_rule_and_article_behind_it(main_window, services):
    from PySide6.QtCore import Qt

    from ui.disclosure.table_models import DISCLOSURE_COLUMNS, PLACE_COLUMNS

    area = main_window.show_area(strings.AREA_DISCLOSURE)
    services.disclosure.generate_plan(area.year)
    area.reload()
    model = area.table.model()
    titles = [c.title for c in DISCLOSURE_COLUMNS]
    tip = model.index(0, titles.index("Hạn công khai")).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Quy định áp dụng từ") and "Căn cứ: " in tip
    assert "Luật" in tip or "NĐ" in tip or "TT" in tip
    place_titles = [c.title for c in PLACE_COLUMNS]
    assert "Tối thiểu" in place_titles
