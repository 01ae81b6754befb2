"""Plan tasks ↔ index criteria from both sides, task evidence, and the scores report PDF.

A clerk links a task to criteria in the task editor (typed code and picker), sees the codes
in the "Tiêu chí" column and the task in the Chỉ số area's criterion panel, undoes it; links
made from the criterion panel show in the editor; files are attached to a task.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from ui import strings
from ui.plan.criteria_links import CriterionPickerDialog
from ui.plan.task_editor import TaskEditorDialog
from ui.plan.task_table_model import COL_CRITERIA
from ui.scores.dialogs import TaskPickerDialog


@pytest.fixture
def frameworks(services):
    return services.frameworks.load_templates(2025)


@pytest.fixture
def plan(main_window, qtbot, frameworks):
    area = main_window.show_area(strings.AREA_PLAN)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    area.table.setFocus()
    return area


def _editor(area, qtbot) -> TaskEditorDialog:
    qtbot.keyClick(area.table, Qt.Key.Key_F2)
    dialogs = [d for d in area.findChildren(TaskEditorDialog) if d.isVisible()]
    assert dialogs
    dialog = dialogs[-1]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _pick_task_with_free_codes(area):
    """A task whose free-text "Tiêu chí" field already names PAR.1 (from the sample plan)."""
    row = next(i for i, t in enumerate(area.task_model.tasks()) if t.criteria == ("PAR.1",))
    area.select_task(area.task_model.tasks()[row].id)
    return area.current_task()


def _back_to_plan(main_window, plan, qtbot) -> None:
    main_window.show_area(strings.AREA_PLAN)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    plan.table.setFocus()


def _criteria_cell(area) -> str:
    return area.table.currentIndex().siblingAtColumn(COL_CRITERIA).data()


def _scores_panel_tasks(main_window, code):
    scores = main_window.show_area(strings.AREA_SCORES)
    scores.select("PAR", 2025)
    line = scores.board.line(code)
    scores.tree.setCurrentIndex(scores.tree_model.index_of(line.criterion.id, 0))
    model = scores.panel.task_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_story_link_criteria_in_the_task_editor_and_see_them_in_the_scores_area(
    plan, qtbot, main_window, tmp_path
):
    services = main_window.services
    task = _pick_task_with_free_codes(plan)
    editor = _editor(plan, qtbot)
    links = editor.links
    assert links is not None and links.codes() == []

    # A typed code, then Enter: linked, and the dialog stays open.
    links.code.setFocus()
    qtbot.keyClicks(links.code, "par.2.1")
    qtbot.keyClick(links.code, Qt.Key.Key_Return)
    assert editor.isVisible() and links.codes() == ["PAR.2.1"]
    # PAPI's codes ("D1.1") are shown, and may be typed, with the index name.
    qtbot.keyClicks(links.code, "papi d1.1")
    qtbot.keyClick(links.code, Qt.Key.Key_Return)
    assert links.codes() == ["PAR.2.1", "PAPI D1.1"]
    # A code that does not exist is named, nothing is added.
    qtbot.keyClicks(links.code, "PAR.99")
    qtbot.keyClick(links.code, Qt.Key.Key_Return)
    assert links.note.text() == "Không có tiêu chí mã “PAR.99” trong các bộ tiêu chí năm 2025."
    assert links.codes() == ["PAR.2.1", "PAPI D1.1"] and links.code.text() == "PAR.99"
    links.code.clear()

    # The picker lists this year's PAR, PAPI and SIPAS criteria; search without accents.
    picker = links.open_picker()
    assert isinstance(picker, CriterionPickerDialog)
    qtbot.waitUntil(picker.isVisible)
    keys = {picker.model.item(r).index_key for r in range(picker.model.rowCount())}
    assert keys == {"PAR", "PAPI", "SIPAS"}
    qtbot.keyClicks(picker.search, "ty le ho so tthc giai quyet dung han")
    assert picker.proxy.rowCount() == 1
    picker.grab().save(str(tmp_path / "criterion-picker.png"))
    picker.view.selectionModel().setCurrentIndex(
        picker.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    picker.accept()
    assert links.codes() == ["PAR.2.1", "PAPI D1.1", "PAR.3.4"]

    editor.resize(720, 760)
    editor.grab().save(str(tmp_path / "task-editor.png"))
    qtbot.keyClick(editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible(), editor.problems.text()

    # Both sides see the links: the column merges typed and linked codes.
    linked = services.assessments.criteria_for_task(task.id)
    assert [(c.label, c.year) for c in linked] == [
        ("PAPI D1.1", 2025),
        ("PAR.2.1", 2025),
        ("PAR.3.4", 2025),
    ]
    assert _criteria_cell(plan) == "PAR.1, PAPI D1.1, PAR.2.1, PAR.3.4"
    assert plan.current_task().criteria == ("PAR.1",)  # the typed field is unchanged
    shown = _scores_panel_tasks(main_window, "PAR.3.4")
    assert len(shown) == 1 and task.outline in shown[0]

    # Undo the edit in Kế hoạch: the links go too; redo brings them back.
    _back_to_plan(main_window, plan, qtbot)
    qtbot.keyClick(plan.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.assessments.criteria_for_task(task.id) == []
    assert _criteria_cell(plan) == "PAR.1"
    assert _scores_panel_tasks(main_window, "PAR.3.4") == []
    _back_to_plan(main_window, plan, qtbot)
    qtbot.keyClick(plan.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [c.code for c in services.assessments.criteria_for_task(task.id)] == [
        "D1.1",
        "PAR.2.1",
        "PAR.3.4",
    ]
    assert _criteria_cell(plan) == "PAR.1, PAPI D1.1, PAR.2.1, PAR.3.4"


def test_a_link_made_from_the_criterion_panel_shows_in_the_task_editor(plan, qtbot, main_window):
    services = main_window.services
    task = _pick_task_with_free_codes(plan)
    scores = main_window.show_area(strings.AREA_SCORES)
    scores.select("PAR", 2025)
    line = scores.board.line("PAR.5.1")
    scores.tree.setCurrentIndex(scores.tree_model.index_of(line.criterion.id, 0))
    dialog = scores.panel.pick_task()
    assert isinstance(dialog, TaskPickerDialog)
    qtbot.waitUntil(dialog.isVisible)
    row = next(r for r in range(dialog.proxy.rowCount()) if dialog.proxy.index(r, 0).data() and task.outline in dialog.proxy.index(r, 0).data())  # fmt: skip
    dialog.view.setCurrentIndex(dialog.proxy.index(row, 0))
    dialog.accept()
    assert [c.code for c in services.assessments.criteria_for_task(task.id)] == ["PAR.5.1"]

    # Back in Kế hoạch, the column follows without any reload by hand.
    main_window.show_area(strings.AREA_PLAN)
    plan.select_task(task.id)
    assert _criteria_cell(plan) == "PAR.1, PAR.5.1"
    plan.table.setFocus()
    editor = _editor(plan, qtbot)
    assert editor.links.codes() == ["PAR.5.1"]
    # Unlinking in the editor removes it from the criterion's panel.
    editor.links.list.setCurrentRow(0)
    editor.links.list.item(0).setSelected(True)
    qtbot.mouseClick(editor.links.unlink_button, Qt.MouseButton.LeftButton)
    assert editor.links.codes() == []
    qtbot.keyClick(editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible(), editor.problems.text()
    assert services.assessments.criteria_for_task(task.id) == []
    assert _scores_panel_tasks(main_window, "PAR.5.1") == []


def test_undoing_a_delete_brings_back_links_and_evidence(
    plan, qtbot, main_window, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    services = main_window.services
    task = _pick_task_with_free_codes(plan)
    par = services.frameworks.find("PAR", 2025)
    criterion = next(r for r in services.frameworks.criteria(par.id) if r.code == "PAR.1.3")
    services.assessments.link(criterion.id, task.id)
    doc = tmp_path / "bao-cao.pdf"
    doc.write_bytes(b"%PDF bao cao")
    evidence = services.evidence.add_file(doc, title="Báo cáo CCHC", task_ids=[task.id])
    plan.reload(task.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    plan.table.setFocus()
    qtbot.keyClick(plan.table, Qt.Key.Key_Delete)
    assert all(t.text != task.text for t in plan.task_model.tasks())
    qtbot.keyClick(plan.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = next(t for t in plan.task_model.tasks() if t.text == task.text)
    assert back.id != task.id and back.outline == task.outline
    plan.select_task(back.id)
    assert [c.code for c in services.assessments.criteria_for_task(back.id)] == ["PAR.1.3"]
    assert [e.id for e in services.evidence.list_files(task_id=back.id)] == [evidence.id]
    assert _criteria_cell(plan) == "PAR.1, PAR.1.3"


def test_files_are_attached_to_a_task_stored_once_and_opened_as_a_copy(
    plan, qtbot, main_window, tmp_path
):
    services = main_window.services
    task = _pick_task_with_free_codes(plan)
    page = plan.panel.evidence
    plan.panel.setCurrentWidget(page)
    assert page.task == task and page.add_button.isEnabled()
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF bien ban kiem tra" * 200)
    first = page.add_file(scan, "Biên bản kiểm tra CCHC", "03/BB-UBND", date(2025, 4, 2))
    assert "Đã lưu “Biên bản kiểm tra CCHC”" in page.notice.text()
    assert page.model.rowCount() == 1
    assert "Biên bản kiểm tra CCHC (03/BB-UBND, 02/04/2025)" in page.model.index(0, 0).data()
    # The same content again (another name): stored once, the notice says so.
    copy = tmp_path / "ban-sao.pdf"
    copy.write_bytes(scan.read_bytes())
    again = page.add_file(copy, "Bản sao")
    assert again.id == first.id and "đã có trong kho" in page.notice.text()
    assert page.model.rowCount() == 1
    plan.panel.grab().save(str(tmp_path / "task-evidence.png"))
    stored = [p for p in services.evidence.folder.rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [first.sha256]
    # Opening gives a copy with the same bytes, never the stored file.
    opened = page.open_selected(launch=False)
    assert opened.read_bytes() == scan.read_bytes()
    assert opened != services.evidence.stored_path(first.sha256)
    # The same file also serves a criterion: one stored file, listed on both sides.
    par = services.frameworks.find("PAR", 2025)
    criterion = next(r for r in services.frameworks.criteria(par.id) if r.code == "PAR.1.4")
    services.evidence.attach(first.id, criterion_id=criterion.id)
    page.refresh()
    assert "dùng cho 1 tiêu chí" in page.model.index(0, 0).data()
    page.view.setCurrentIndex(page.model.index(0, 0))
    qtbot.mouseClick(page.detach_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    assert [e.id for e in services.evidence.list_files(criterion_id=criterion.id)] == [first.id]
    assert services.evidence.list_files(task_id=task.id) == []


def test_scores_report_pdf_from_the_scores_area_in_the_background(main_window, qtbot, tmp_path):
    import io

    import pdfplumber

    services = main_window.services
    services.frameworks.load_template("PAR", 2025)
    scores = main_window.show_area(strings.AREA_SCORES)
    scores.select("PAR", 2025)
    assert scores.buttons["report"].isEnabled()
    main_window.resize(1280, 800)
    scores.grab().save(str(tmp_path / "scores-area.png"))
    target = tmp_path / "bao-cao.pdf"
    with qtbot.waitSignal(scores.task.done, timeout=20000):
        scores.report_pdf(target)
    assert "Đã ghi Báo cáo tự đánh giá, chấm điểm" in scores.notice.text()
    with pdfplumber.open(io.BytesIO(target.read_bytes())) as pdf:
        assert pdf.pages[-1].width > pdf.pages[-1].height
        assert "PAR.7.4" in "".join(p.extract_text() or "" for p in pdf.pages)


def test_a_new_task_is_created_with_its_links_and_redo_keeps_them(plan, qtbot, main_window):
    services = main_window.services
    qtbot.keyClick(plan.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = next(d for d in plan.findChildren(TaskEditorDialog) if d.isVisible())
    assert editor.links.codes() == []
    editor.text.setPlainText("Niêm yết công khai thủ tục hành chính tại Bộ phận một cửa")
    editor.lead.setEditText("VP")
    editor.deadline.setText("30/11/2025")  # a followed task needs its deadline (issue 13.4)
    assert editor.links.add_code("PAR.3.2, SIPAS S1.1")
    editor.accept()
    assert not editor.isVisible(), editor.problems.text()
    created = plan.current_task()
    labels = [c.label for c in services.assessments.criteria_for_task(created.id)]
    assert labels == ["PAR.3.2", "SIPAS S1.1"]
    plan.actions_.undo.trigger()
    assert all(t.text != created.text for t in plan.task_model.tasks())
    plan.actions_.redo.trigger()
    again = next(t for t in plan.task_model.tasks() if t.text == created.text)
    assert again.linked_criteria == ("PAR.3.2", "SIPAS S1.1")


def test_a_link_made_elsewhere_while_the_editor_is_open_is_kept(plan, qtbot, main_window):
    services = main_window.services
    task = _pick_task_with_free_codes(plan)
    editor = _editor(plan, qtbot)
    # Meanwhile, someone links the task to PAR.5.1 from the Chỉ số area.
    par = services.frameworks.find("PAR", 2025)
    other = next(r for r in services.frameworks.criteria(par.id) if r.code == "PAR.5.1")
    services.assessments.link(other.id, task.id)
    assert editor.links.add_code("PAR.2.1")
    editor.accept()
    assert not editor.isVisible(), editor.problems.text()
    codes = [c.code for c in services.assessments.criteria_for_task(task.id)]
    assert codes == ["PAR.2.1", "PAR.5.1"]
    plan.actions_.undo.trigger()
    assert [c.code for c in services.assessments.criteria_for_task(task.id)] == ["PAR.5.1"]
