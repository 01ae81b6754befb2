"""The Chỉ số area, driven as a clerk would: last year's results → gaps → a linked task."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from ui import strings
from ui.scores.dialogs import TaskPickerDialog
from ui.scores.score_tree_model import COL_APPR, COL_GAP, COL_SELF


def _code_index(area, code, column=0):
    line = area.board.line(code)
    return area.tree_model.index_of(line.criterion.id, column)


def _type_score(qtbot, area, code, column, text):
    index = _code_index(area, code, column)
    area.tree.scrollTo(index)
    area.tree.setCurrentIndex(index)
    QApplication.processEvents()  # let the previous editor go away
    area.tree.edit(index)
    editors = [w for w in area.tree.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on the next loop turn


@pytest.fixture
def area(main_window):
    return main_window.show_area(strings.AREA_SCORES)


def test_story_last_years_results_to_gap_list_and_a_linked_task(qtbot, area):
    area.select("PAR", 2024)
    assert "Chưa có bộ tiêu chí" in area.summary.text()
    qtbot.mouseClick(area.buttons["templates"], Qt.MouseButton.LeftButton)
    assert "Đã nạp bộ tiêu chí mẫu năm 2024: PAR, PAPI, SIPAS" in area.notice.text()
    assert area.template_note.isVisible() and "CẦN KIỂM TRA" in area.template_note.text()

    # Last year's published result, typed into the "Thẩm định" column.
    _type_score(qtbot, area, "PAR.2.1", COL_APPR, "1")
    _type_score(qtbot, area, "PAR.3.4", COL_APPR, "1,5")
    _type_score(qtbot, area, "PAR.2.2", COL_APPR, "1,5")
    assert _code_index(area, "PAR.2.1", COL_APPR).data() == "1"
    assert _code_index(area, "PAR.2", COL_APPR).data() == "2,5"  # computed parent: 1 + 1,5
    assert _code_index(area, "PAR.2.1", COL_GAP).data() == "▼ thiếu 1"
    assert _code_index(area, "PAR.2.2", COL_GAP).data() == "✓ đủ điểm"
    # A score above the maximum is refused, with the reason, and nothing changes.
    _type_score(qtbot, area, "PAR.2.3", COL_APPR, "7")
    qtbot.waitUntil(
        lambda: getattr(area, "last_warning", None) is not None and area.last_warning.isVisible()
    )
    assert "Tiêu chí PAR.2.3: điểm 7 vượt điểm tối đa 1,5." in area.last_warning.text()
    area.last_warning.accept()
    assert _code_index(area, "PAR.2.3", COL_APPR).data() == ""
    # Parents are never editable.
    assert not (_code_index(area, "PAR.2", COL_APPR).flags() & Qt.ItemFlag.ItemIsEditable)

    # Next year: copy the framework; the gap list shows what was lost, largest first.
    qtbot.mouseClick(area.buttons["copy"], Qt.MouseButton.LeftButton)
    assert area.year == 2025
    assert _code_index(area, "PAR.2.1", 3).data() == "1"  # last year's column
    area.tabs.setCurrentIndex(1)
    rows = [
        [area.gap_view.model().index(r, c).data() for c in range(7)]
        for r in range(area.gap_view.model().rowCount())
    ]
    assert [(r[0], r[5], r[6]) for r in rows] == [
        ("PAR.3.4", "2,5", "⚠ Chưa có nhiệm vụ"),
        ("PAR.2.1", "1", "⚠ Chưa có nhiệm vụ"),
    ]
    assert "2 tiêu chí chưa có nhiệm vụ khắc phục" in area.gap_label.text()

    # Link a plan task to PAR.2.1 from the gap list.
    area.gap_view.setCurrentIndex(area.gap_view.model().index(1, 0))
    qtbot.mouseClick(area.gap_link, Qt.MouseButton.LeftButton)
    dialog = area.findChild(TaskPickerDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.search, "he thong hoa van ban")
    assert dialog.proxy.rowCount() >= 1
    dialog.view.setCurrentIndex(dialog.proxy.index(0, 0))
    chosen = dialog.selected_task()
    dialog.accept()
    rows = {
        area.gap_view.model().index(r, 0).data(): area.gap_view.model().index(r, 6).data()
        for r in range(area.gap_view.model().rowCount())
    }
    assert rows == {"PAR.3.4": "⚠ Chưa có nhiệm vụ", "PAR.2.1": "1 nhiệm vụ"}
    assert "1 tiêu chí chưa có nhiệm vụ khắc phục" in area.gap_label.text()

    # The criterion's panel lists the task; the service answers the task editor's question.
    area.tabs.setCurrentIndex(0)
    area.tree.setCurrentIndex(_code_index(area, "PAR.2.1"))
    assert area.panel.task_model.rowCount() == 1
    assert chosen.outline in area.panel.task_model.index(0, 0).data()
    linked = area._services.assessments.criteria_for_task(chosen.id)
    assert [(c.code, c.year) for c in linked] == [("PAR.2.1", 2025)]


def test_self_assessment_summary_chart_and_history(qtbot, area, tmp_path):
    services = area._services
    last = services.frameworks.load_template("PAR", 2024)
    leaves = [r for r in services.frameworks.criteria(last.id) if r.is_leaf and not r.adjustment]
    services.assessments.set_scores(last.id, "appraised", {r.code: r.max_points for r in leaves})
    this = services.frameworks.copy_to_year(last.id, 2025)
    area.select("PAR", 2025)
    _type_score(qtbot, area, "PAR.2.1", COL_SELF, "1,5")
    assert "tự đánh giá 1,5" in area.summary.text()
    assert "năm 2024: 100 (100%, Nhóm A)" in area.summary.text()
    area.tree.setCurrentIndex(_code_index(area, "PAR.2.1"))
    area.tabs.setCurrentIndex(3)
    rows = area.chart.rows()
    assert rows[1][:3] == ("PAR.2", "Cải cách thể chế", 100.0)
    assert rows[1][3] == pytest.approx(16.67)  # 1,5 of 9 points self-assessed so far
    assert [
        area.history_model.index(r, 0).data() for r in range(area.history_model.rowCount())
    ] == ["2024", "2025"]
    area.chart.resize(700, 400)
    assert not area.chart.grab().isNull()
    # Evidence from the panel, then the mock appraisal tab.
    area.tabs.setCurrentIndex(0)
    doc = tmp_path / "ke-hoach.pdf"
    doc.write_bytes(b"%PDF ke hoach")
    area.panel.add_evidence_file(doc, "Kế hoạch rà soát VBQPPL", "5/KH-UBND", date(2025, 2, 1))
    assert area.panel.evidence_model.rowCount() == 1
    area.tabs.setCurrentIndex(2)
    texts = {
        area.mock_view.model().index(r, 0).data(): area.mock_view.model().index(r, 5).data()
        for r in range(area.mock_view.model().rowCount())
    }
    assert texts["PAR.2.1"] == ""
    assert texts["PAR.2.2"] == "Chưa có tài liệu kiểm chứng"
    assert this.id == area.framework.id


def test_sipas_keyboard_entry(qtbot, area):
    services = area._services
    services.frameworks.load_template("SIPAS", 2025)
    area.select("PAR", 2025)
    area.tabs.setCurrentIndex(4)
    table = area.sipas.entry
    table.setFocus()
    table.setCurrentIndex(area.sipas.entry_model.index(0, 1))
    for key in "54 2":
        qtbot.keyClick(table, key)
    responses = services.sipas.responses(area.sipas.framework_id)
    assert [r.answers for r in responses] == [{"S1.1": 5, "S1.2": 4, "S1.4": 2}]
    assert table.currentIndex().column() == 5
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.keyClick(table, "3")
    assert len(services.sipas.responses(area.sipas.framework_id)) == 2
    assert "Cỡ mẫu: 2 phiếu" in area.sipas.result_label.text()
    # S1: 5, 4, 2 and 3 → 2 satisfied of 4 answers = 50 %
    assert "Chỉ số hài lòng chung: 50%" in area.sipas.result_label.text()


def test_models_pass_the_qt_model_tester(qtmodeltester, area):
    services = area._services
    last = services.frameworks.load_template("PAR", 2024)
    services.assessments.set_scores(last.id, "appraised", {"PAR.2.1": 1, "PAR.3.4": 2})
    services.frameworks.copy_to_year(last.id, 2025)
    area.select("PAR", 2025)
    qtmodeltester.check(area.tree_model, force_py=True)
    area.tabs.setCurrentIndex(1)
    qtmodeltester.check(area.gap_model, force_py=True)
    area.tabs.setCurrentIndex(2)
    qtmodeltester.check(area.mock_model, force_py=True)
    sipas = services.frameworks.load_template("SIPAS", 2025)
    services.sipas.save_response(sipas.id, {"S1.1": 4})
    area.tabs.setCurrentIndex(4)
    qtmodeltester.check(area.sipas.entry_model, force_py=True)
    qtmodeltester.check(area.sipas.result_model, force_py=True)


def test_export_and_evidence_pack_run_in_the_background(qtbot, area, tmp_path):
    import zipfile

    from openpyxl import load_workbook

    services = area._services
    framework = services.frameworks.load_template("PAR", 2025)
    area.select("PAR", 2025)
    with qtbot.waitSignal(area.task.done, timeout=10000):
        area.export_scores(tmp_path / "bang-diem.xlsx")
    assert "Đã xuất bảng điểm" in area.notice.text()
    sheet = load_workbook(tmp_path / "bang-diem.xlsx").active
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN PHƯỜNG DỊ SỬ"
    leaf = next(r for r in services.frameworks.criteria(framework.id) if r.code == "PAR.6.7")
    doc = tmp_path / "iso.pdf"
    doc.write_bytes(b"%PDF iso 9001")
    services.evidence.add_file(
        doc, title="Công bố ISO", doc_date=date(2025, 5, 5), criterion_ids=[leaf.id]
    )
    with qtbot.waitSignal(area.task.done, timeout=10000):
        area.evidence_pack(tmp_path / "goi.zip")
    assert "1 tệp" in area.notice.text()
    assert "PAR/PAR.6.7/01 - Công bố ISO.pdf" in zipfile.ZipFile(tmp_path / "goi.zip").namelist()
    with qtbot.waitSignal(area.task.failed, timeout=10000):
        area.year_box.addItem("2030", 2030)
        area.year_box.setCurrentIndex(area.year_box.findData(2030))
        area.evidence_pack(tmp_path / "trong.zip")
    qtbot.waitUntil(lambda: area.last_warning.isVisible())
    assert "chưa có tài liệu kiểm chứng" in area.last_warning.text()


def test_store_check_reports_a_changed_file(qtbot, area, tmp_path):
    services = area._services
    doc = tmp_path / "bien-ban.pdf"
    doc.write_bytes(b"%PDF bien ban")
    info = services.evidence.add_file(doc, title="Biên bản kiểm tra")
    with qtbot.waitSignal(area.task.done, timeout=10000):
        area.verify_evidence()
    assert "1 tệp, tất cả còn nguyên" in area.notice.text()
    services.evidence.stored_path(info.sha256).write_bytes(b"%PDF da bi sua")
    with qtbot.waitSignal(area.task.done, timeout=10000):
        area.verify_evidence()
    qtbot.waitUntil(lambda: area.last_warning.isVisible())
    assert "Biên bản kiểm tra: tệp lưu trữ đã bị thay đổi" in area.last_warning.text()


def test_dialogs_collect_bands_criterion_edits_and_new_criteria(qtbot, area):
    from ui.scores.dialogs import AddCriterionDialog, BandsDialog, CriterionDialog

    services = area._services
    framework = services.frameworks.load_template("PAR", 2025)
    area.select("PAR", 2025)
    bands = BandsDialog(area.framework, area)
    qtbot.addWidget(bands)
    assert [e.text() for e in bands.labels[:4]] == ["Nhóm A", "Nhóm B", "Nhóm C", "Nhóm D"]
    assert bands.minimums[0].text() == "90,00 %"  # Vietnamese decimal comma
    bands.labels[0].setText("Xuất sắc")
    bands.minimums[0].setValue(95)
    services.frameworks.set_bands(framework.id, bands.bands())
    assert [b.label for b in services.frameworks.get(framework.id).bands] == [
        "Xuất sắc",
        "Nhóm B",
        "Nhóm C",
        "Nhóm D",
    ]

    leaf = area.board.line("PAR.3.4").criterion
    edit = CriterionDialog(leaf, area)
    qtbot.addWidget(edit)
    edit.applicable.setChecked(False)
    services.frameworks.update_criterion(leaf.id, edit.edit())
    area.refresh()
    assert area.board.total_max == 96
    assert area.tree_model.index_of(leaf.id, COL_GAP).data() == "Không áp dụng"

    parent = area.board.line("PAR.3")
    add = AddCriterionDialog("PAR.3", "PAR.3.10", area)
    qtbot.addWidget(add)
    add.name.setText("Tiêu chí mới của tỉnh")
    add.maximum.setValue(1.5)
    services.frameworks.add_criterion(framework.id, parent.criterion.id, add.spec())
    area.refresh()
    assert area.board.line("PAR.3").max == 23 - 4 + 1.5


def test_sipas_entries_update_the_sipas_scoring_table(qtbot, area):
    area._services.frameworks.load_template("SIPAS", 2025)
    area.select("SIPAS", 2025)
    area.tabs.setCurrentIndex(4)
    table = area.sipas.entry
    table.setCurrentIndex(area.sipas.entry_model.index(0, 1))
    for key in "51":
        qtbot.keyClick(table, key)
    assert "tự đánh giá 50 (50%" in area.summary.text()
    assert table.currentIndex().column() == 3  # the grid kept its place
    area.tabs.setCurrentIndex(0)
    assert _code_index(area, "S1", COL_SELF).data() == "50"


def test_sipas_columns_name_their_question_and_wrong_keys_are_refused_in_the_cell(qtbot, area):
    services = area._services
    services.frameworks.load_template("SIPAS", 2025)
    area.select("PAR", 2025)
    area.tabs.setCurrentIndex(4)
    model, table = area.sipas.entry_model, area.sipas.entry
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(1, horizontal) == "S1.1\nNơi ngồi chờ…"
    assert model.headerData(1, horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "S1.1. Nơi ngồi chờ có đủ chỗ"
    )
    table.setFocus()
    table.setCurrentIndex(model.index(0, 1))
    for key in ("7", "a"):
        qtbot.keyClick(table, key)
        assert "không phải câu trả lời" in area.sipas.entry_message.text()
        assert f"“{key}”" in area.sipas.entry_message.text()
    qtbot.mouseDClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(model.index(0, 1)).center(),
    )
    assert [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()] == []
    assert services.sipas.responses(area.sipas.framework_id) == []
    assert table.currentIndex() == model.index(0, 1)  # the clerk stays on the question
    qtbot.keyClick(table, "4")
    assert [r.answers for r in services.sipas.responses(area.sipas.framework_id)] == [{"S1.1": 4}]
    assert not area.sipas.entry_message.isVisible()


def test_too_few_questionnaires_warn_on_screen_in_the_report_and_before_scoring(
    qtbot, area, monkeypatch
):
    services = area._services
    sipas = services.frameworks.load_template("SIPAS", 2025)
    for answer in (4, 5, 2):
        services.sipas.save_response(sipas.id, {"S1.1": answer})
    area.select("PAR", 2025)
    area.tabs.setCurrentIndex(4)
    panel = area.sipas
    minimum = services.sipas.sample_check(sipas.id).minimum
    assert minimum > 3
    assert panel.sample_warning.isVisible()
    assert f"Mới có 3 phiếu, ít hơn cỡ mẫu tối thiểu {minimum} phiếu" in panel.sample_warning.text()
    assert "chưa được đối chiếu" in panel.sample_warning.text()  # the figure is not verified
    # Refused at the question: nothing is written into the scores.
    monkeypatch.setattr(panel, "confirm_small_sample", lambda message: False)
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    rows = {r.code: r for r in services.frameworks.criteria(sipas.id)}
    assert rows["S1.1"].self_score is None
    monkeypatch.setattr(panel, "confirm_small_sample", lambda message: True)
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    rows = {r.code: r for r in services.frameworks.criteria(sipas.id)}
    assert rows["S1.1"].self_score is not None
    # The SIPAS report says the same, under its result.
    import io

    import pdfplumber

    from services.documents.render import document_pdf

    pdf, _info = document_pdf(services.assessments.report_document(sipas.id, draft=True))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = " ".join((p.extract_text() or "") for p in doc.pages).replace("\n", " ")
    assert f"Mới có 3 phiếu, ít hơn cỡ mẫu tối thiểu {minimum} phiếu" in text
