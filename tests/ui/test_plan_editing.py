"""A clerk's morning in Kế hoạch: filter to a unit, edit, undo, add, delete, move — by keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from services.plan.plans import TaskDraft
from ui import strings
from ui.plan.progress_dialog import ProgressDialog
from ui.plan.task_editor import TaskEditorDialog
from ui.plan.task_table_model import COL_OUTLINE, STATE_ROLE, TaskFilter


@pytest.fixture
def plan(main_window, qtbot):
    area = main_window.show_area(strings.AREA_PLAN)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    area.table.setFocus()
    return area


def _dialog(area, kind, qtbot=None):
    dialogs = [d for d in area.findChildren(kind) if d.isVisible()]
    assert dialogs, f"no {kind.__name__} open"
    if qtbot is not None:
        dialogs[-1].activateWindow()
        qtbot.waitUntil(dialogs[-1].isActiveWindow)
    return dialogs[-1]


def _choose(combo, text):
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_filter_to_a_unit_edit_a_task_then_undo_and_redo(plan, qtbot):
    _choose(plan.filters.unit, "TP")
    visible = plan.visible_tasks()
    assert visible and len(visible) < 48
    tp = plan.filters.unit.currentData()
    assert all(t.lead_unit_id == tp or tp in t.partner_ids for t in visible)
    assert plan.count_label.text().startswith(f"{len(visible)}/48 dòng · ")

    plan.table.selectRow(0)
    task = plan.current_task()
    qtbot.keyClick(plan.table, Qt.Key.Key_F2)
    editor = _dialog(plan, TaskEditorDialog)
    editor.text.setPlainText("Rà soát hệ thống văn bản QPPL của phường")
    editor.deadline.setText("30/09/2025")
    qtbot.keyClick(editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible(), editor.problems.text()
    edited = plan.current_task()
    assert edited.id == task.id and edited.text == "Rà soát hệ thống văn bản QPPL của phường"
    assert plan.table.currentIndex().siblingAtColumn(4).data() == "30/09/2025"

    qtbot.keyClick(plan.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert plan.current_task().text == task.text
    assert plan.current_task().deadline == task.deadline
    qtbot.keyClick(plan.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert plan.current_task().text == "Rà soát hệ thống văn bản QPPL của phường"


def test_new_task_form_names_every_mistake_and_saves_nothing(plan, qtbot, main_window):
    before = len(main_window.services.plans.tasks(plan.plan_id()))
    qtbot.keyClick(plan.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = _dialog(plan, TaskEditorDialog)
    editor.start.setText("01/06/2025")
    editor.deadline.setText("01/05/2025")
    editor.lead.setEditText("XYZ")
    editor.accept()
    assert editor.isVisible()
    shown = editor.problems.text()
    assert "Nội dung: không được để trống." in shown
    assert "Đơn vị chủ trì: “XYZ” không có trong danh sách bộ phận." in shown
    assert "Thời hạn: 01/05/2025 trước ngày bắt đầu 01/06/2025." in shown
    assert len(main_window.services.plans.tasks(plan.plan_id())) == before
    editor.reject()


def test_enter_moves_through_fields_and_a_new_task_can_be_undone(plan, qtbot, main_window):
    qtbot.keyClick(plan.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = _dialog(plan, TaskEditorDialog, qtbot)
    editor.label.setFocus()
    qtbot.keyClick(editor.label, Qt.Key.Key_Return)
    assert editor.focusWidget() is editor.text
    editor.text.setPlainText("Tổ chức hội nghị đối thoại với Nhân dân")
    editor.lead.setEditText("VP")
    editor.deadline.setText("15/10/2025")
    editor.accept()
    assert not editor.isVisible()
    created = plan.current_task()
    assert created.text == "Tổ chức hội nghị đối thoại với Nhân dân"
    assert plan.task_model.rowCount() == 49
    plan.actions_.undo.trigger()
    assert plan.task_model.rowCount() == 48
    plan.actions_.redo.trigger()
    assert plan.task_model.rowCount() == 49
    assert any(t.text == created.text for t in plan.visible_tasks())


def test_someone_else_saved_first_the_editor_says_so_and_reloads(plan, qtbot, main_window):
    plan.table.selectRow(3)
    task = plan.current_task()
    editor = plan.actions_.edit_current()
    other = main_window.services.plans
    other.update_task(task.id, TaskDraft(**{**task.draft().__dict__, "percent": 40}))
    editor.text.setPlainText("Sửa của tôi")
    from tests.ui.modal_answers import answer_when_shown

    box = answer_when_shown("conflictBox", "cancelButton")  # Hủy: keep editing
    editor.accept()
    assert box and "người khác sửa" in box[0]
    assert editor.isVisible()
    assert "người khác sửa" in editor.problems.text()
    assert editor.reload_button.isVisible()
    qtbot.mouseClick(editor.reload_button, Qt.MouseButton.LeftButton)
    assert editor.percent.value() == 40
    editor.text.setPlainText("Sửa của tôi")
    editor.accept()
    assert not editor.isVisible()
    assert other.task(task.id).text == "Sửa của tôi" and other.task(task.id).percent == 40


def test_delete_asks_first_and_undo_brings_the_task_back(plan, qtbot, monkeypatch):
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    plan.table.selectRow(6)
    task = plan.current_task()
    qtbot.keyClick(plan.table, Qt.Key.Key_Delete)
    assert asked and task.outline in asked[0]
    assert plan.task_model.rowCount() == 47
    assert all(t.text != task.text for t in plan.visible_tasks())
    qtbot.keyClick(plan.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = [t for t in plan.visible_tasks() if t.text == task.text]
    assert back and back[0].outline == task.outline


def test_alt_down_moves_a_task_and_undo_moves_it_back(plan, qtbot):
    plan.table.selectRow(5)
    first = plan.current_task()
    below = plan.visible_tasks()[6]
    qtbot.keyClick(plan.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert plan.current_task().id == first.id
    assert [t.id for t in plan.visible_tasks()[5:7]] == [below.id, first.id]
    plan.actions_.undo.trigger()
    assert [t.id for t in plan.visible_tasks()[5:7]] == [first.id, below.id]


def test_sections_are_added_renamed_and_removed_with_undo(plan, main_window, monkeypatch):
    editor = plan.editor
    plan_id = plan.plan_id()
    node = editor.create_section(plan_id, None, "roman", "V.", "KINH PHÍ THỰC HIỆN")
    headings = lambda: [s.heading for s in main_window.services.plans.sections(plan_id)]  # noqa: E731
    assert "V. KINH PHÍ THỰC HIỆN" in headings()
    editor.edit_section(node, "V.", "KINH PHÍ")
    assert "V. KINH PHÍ" in headings()
    editor.stack.undo()
    assert "V. KINH PHÍ THỰC HIỆN" in headings()
    editor.delete_section(plan_id, node)
    assert not any(h.startswith("V.") for h in headings())
    editor.stack.undo()
    assert "V. KINH PHÍ THỰC HIỆN" in headings()


def test_overdue_rows_carry_an_icon_a_colour_and_a_tooltip(plan):
    plan.today = date(2025, 7, 5)
    plan.reload()
    plan.apply_filter(TaskFilter(due="overdue"))
    rows = plan.visible_tasks()
    assert rows and all(t.next_due < date(2025, 7, 5) for t in rows)
    index = plan.proxy.index(0, COL_OUTLINE)
    assert index.data(STATE_ROLE) == "overdue"
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("Quá hạn")


def test_filters_and_column_widths_are_remembered(qtbot, services, data_folder, main_window):
    from ui.plan.plan_area import PlanArea
    from ui.settings import open_settings

    plan = main_window.show_area(strings.AREA_PLAN)
    _choose(plan.filters.status, "Chưa thực hiện")
    _choose(plan.filters.due, "Chưa có thời hạn")
    plan.search.setText("bao cao")
    plan.table.setColumnWidth(1, 333)
    main_window.close()
    again = PlanArea(services, open_settings(data_folder))
    qtbot.addWidget(again)
    assert again.filters.status.currentText() == "Chưa thực hiện"
    assert again.filters.due.currentText() == "Chưa có thời hạn"
    assert again.search.text() == "bao cao"
    assert again.table.columnWidth(1) == 333
    assert again.proxy.rowCount() == plan.proxy.rowCount()


def test_ctrl_f_goes_to_the_search_box(plan, qtbot):
    qtbot.keyClick(plan.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert plan.search.hasFocus()


def test_recording_progress_shows_in_the_history_and_the_row(plan, qtbot):
    plan.table.selectRow(8)
    task = plan.current_task()
    qtbot.keyClick(plan.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(plan, ProgressDialog)
    dialog.percent.setValue(70)
    dialog.text.setPlainText("Đã ban hành kế hoạch")
    dialog.accept()
    row = plan.current_task()
    assert row.id == task.id and row.percent == 70 and row.status == "in_progress"
    assert plan.panel.history_model.rowCount() == 1
    assert plan.panel.history_model.index(0, 4).data() == "Đã ban hành kế hoạch"
    assert plan.panel.history_model.index(0, 5).data()  # who entered it
    plan.actions_.undo.trigger()
    assert plan.current_task().percent == task.percent
    assert plan.panel.history_model.rowCount() == 0


def test_a_monthly_report_is_done_month_by_month(plan, qtbot):
    plan.apply_filter(TaskFilter(query="theo thang, quy, nam"))
    task = plan.current_task()
    assert task.recurrence == "monthly"
    assert plan.panel.occurrence_model.rowCount() == 12
    plan.panel.occurrences.doubleClicked.emit(plan.panel.occurrence_model.index(0, 0))
    dialog = _dialog(plan, ProgressDialog)
    assert dialog.period.currentText().startswith("Tháng 1/2025")
    _choose(dialog.status, "Hoàn thành")
    dialog.accept()
    row = plan.current_task()
    assert (row.periods_done, row.percent) == (1, 8)
    assert plan.table.currentIndex().siblingAtColumn(4).data() == "28/02/2025 (kỳ 2/12)"
    assert plan.panel.occurrence_model.index(0, 2).data() == "Hoàn thành"
    assert plan.panel.occurrence_model.index(1, 2).data() == "Chưa thực hiện"


def test_next_years_plan_is_created_from_this_one_and_both_stay(plan, monkeypatch, main_window):
    from ui.plan.district_dialog import DistrictWordingDialog
    from ui.plan.small_dialogs import RolloverDialog

    monkeypatch.setattr(RolloverDialog, "exec", lambda self: 1)
    monkeypatch.setattr(DistrictWordingDialog, "exec", lambda self: 1)  # defaults accepted
    plan.actions_.rollover.trigger()
    assert plan.year_box.currentText() == "2026"
    assert [plan.year_box.itemText(i) for i in range(plan.year_box.count())] == ["2025", "2026"]
    assert "năm 2026" in plan.title.text()
    texts = [t.text for t in plan.task_model.tasks()]
    assert any("theo tháng, quý, năm" in t for t in texts)  # the monthly task came along
    assert plan.task_model.rowCount() < 48
    plan.year_box.setCurrentIndex(0)
    assert plan.task_model.rowCount() == 48
    overview = main_window.show_area(strings.AREA_OVERVIEW)
    assert overview.year_box.count() == 2


def test_a_large_plan_is_read_in_the_background(plan, qtbot, monkeypatch):
    import ui.plan.plan_area as module

    monkeypatch.setattr(module, "BACKGROUND_LOAD_ABOVE", 10)
    plan.year_box.currentIndexChanged.emit(0)  # reopen the year
    assert plan.count_label.text() == "Đang tải kế hoạch..." and not plan.table.isEnabled()
    qtbot.waitUntil(lambda: plan.loading.done, timeout=10_000)
    assert (
        plan.table.isEnabled()
        and plan.count_label.text() == "48/48 dòng · 43/43 nhiệm vụ cần theo dõi"
    )
    assert plan.current_task() is not None


def test_undoing_a_move_to_another_section_restores_the_old_number(plan, main_window):
    tasks = plan.task_model.tasks()
    task = next(t for t in tasks if t.outline == "II.1 (2)")
    other = next(t for t in tasks if t.outline.startswith("III."))
    moved = TaskDraft(**{**task.draft().__dict__, "section_id": other.section_id})
    plan.editor.edit_task(task, moved)
    assert main_window.services.plans.task(task.id).outline.startswith("III.")
    plan.editor.stack.undo()
    assert main_window.services.plans.task(task.id).outline == "II.1 (2)"


def test_rollover_shows_district_wording_first_and_saves_what_the_clerk_chose(
    plan, monkeypatch, main_window
):
    from ui.plan.district_dialog import DistrictWordingDialog
    from ui.plan.small_dialogs import RolloverDialog

    def choose(dialog):
        dialog.include_open.setChecked(True)
        return 1

    seen = {}

    def review(dialog):
        model = dialog.model
        rows = {f.where: i for i, f in enumerate(model.rows())}
        seen["rows"] = list(rows)
        assert dialog.windowTitle().endswith("năm 2026")
        # The task naming "của thị xã": the clerk edits the suggestion shown below the table.
        office = next(i for i, f in enumerate(model.rows()) if "kế hoạch của thị xã" in f.text)
        dialog.table.selectRow(office)
        assert "kế hoạch của tỉnh" in dialog.suggestion.toPlainText()
        dialog.suggestion.setPlainText(
            dialog.suggestion.toPlainText().replace("kế hoạch của tỉnh", "kế hoạch của UBND tỉnh")
        )
        # The opening ("xã, phường, thị trấn" in 2024 decision titles) is left as typed.
        opening = rows["Phần mở đầu"]
        model.setData(
            model.index(opening, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
        )
        main_window.resize(1024, 700)
        dialog.resize(980, 620)
        dialog.grab().save("/tmp/l14-district-dialog.png")
        return 1

    monkeypatch.setattr(RolloverDialog, "exec", choose)
    monkeypatch.setattr(DistrictWordingDialog, "exec", review)
    plan.actions_.rollover.trigger()
    assert "Phần mở đầu" in seen["rows"]
    assert plan.year_box.currentText() == "2026"
    texts = [t.text for t in plan.task_model.tasks()]
    assert any("kế hoạch của UBND tỉnh kịp thời tham mưu" in t for t in texts)
    assert any("của Chính phủ, của tỉnh, của phường;" in t for t in texts)
    services = main_window.services
    assert "thị trấn" in " ".join(services.plans.plan_for_year(2026).opening)


def test_cancelling_the_district_wording_saves_no_plan(plan, monkeypatch, main_window):
    from ui.plan.district_dialog import DistrictWordingDialog
    from ui.plan.small_dialogs import RolloverDialog

    monkeypatch.setattr(RolloverDialog, "exec", lambda self: 1)
    monkeypatch.setattr(DistrictWordingDialog, "exec", lambda self: 0)
    plan.actions_.rollover.trigger()
    assert main_window.services.plans.years() == [2025]


def test_progress_keeps_the_day_the_work_was_done_and_refuses_a_day_to_come(plan, qtbot):
    from datetime import date, timedelta

    plan.table.selectRow(8)
    task = plan.current_task()
    qtbot.keyClick(plan.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(plan, ProgressDialog)
    assert dialog.on_date.text() == date.today().strftime("%d/%m/%Y")  # the default
    tomorrow = date.today() + timedelta(days=1)
    dialog.on_date.set_date(tomorrow)
    dialog.accept()
    assert dialog.isVisible()
    assert f"Ngày thực hiện: {tomorrow:%d/%m/%Y} sau ngày" in dialog.problems.text()
    dialog.on_date.setText("25092025")  # typed as clerks type it: the work was done then
    dialog.percent.setValue(100)
    dialog.accept()
    history = plan._services.progress.history(task.id)
    assert history[0].on_date == date(2025, 9, 25)


def test_a_new_followed_task_needs_its_lead_and_deadline_and_a_free_stt(plan, qtbot):
    services = plan._services
    before = services.plans.tasks(plan.plan_id())
    qtbot.keyClick(plan.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = _dialog(plan, TaskEditorDialog)
    section_labels = {t.label for t in before if t.section_id == editor.section.currentData()}
    assert editor.label.text() not in section_labels  # a unique STT is proposed
    editor.text.setPlainText("Tổ chức đối thoại với doanh nghiệp")
    editor.lead.setEditText("")
    editor.deadline.clear()
    assert editor.actionable.isChecked()
    editor.accept()
    assert editor.isVisible()
    shown = editor.problems.text()
    assert "Đơn vị chủ trì" in shown and "phải có đơn vị chủ trì" in shown
    assert "Thời hạn" in shown and "phải có thời hạn" in shown
    assert services.plans.tasks(plan.plan_id()) == before  # nothing saved
    editor.lead.setEditText("VP")
    editor.deadline.setText("30/11/2025")
    numbered = sorted(section_labels - {"-"})
    if numbered:  # an STT the section already has is refused, naming it
        editor.label.setText(numbered[0])
        editor.accept()
        assert f"Số thứ tự: “{numbered[0]}” đã có trong mục này." in editor.problems.text()
    editor.label.setText("")
    editor.accept()
    assert not editor.isVisible(), editor.problems.text()
    assert len(services.plans.tasks(plan.plan_id())) == len(before) + 1


def test_progress_entered_in_the_dialog_names_the_programs_user_not_the_os_login(plan, qtbot):
    services = plan._services
    services.audit.set_actor("Nguyễn Thị Lan")
    task = next(t for t in services.plans.tasks(plan.plan_id()) if t.actionable)
    plan.select_task(task.id)
    dialog = plan.actions_.record_progress()
    assert dialog.findChild(QLabel, "progressUser").text() == "Nguyễn Thị Lan"
    dialog.percent.setValue(30)
    dialog.accept()
    assert services.progress.history(task.id)[0].entered_by == "Nguyễn Thị Lan"


def test_right_click_on_a_task_offers_edit_progress_copy_and_delete(plan, qtbot):
    from PySide6.QtWidgets import QApplication

    menu = plan.actions_.task_menu
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Sửa", "Ghi tiến độ", "Sao chép", "Lên", "Xuống", "Xóa"]
    plan.table.selectRow(8)
    task = plan.current_task()
    plan.actions_.copy_task.trigger()
    assert QApplication.clipboard().text() == f"{task.outline} {task.text}"
    index = plan.table.currentIndex()
    plan.table.customContextMenuRequested.emit(plan.table.visualRect(index).center())
    assert menu.isVisible()
    menu.close()
