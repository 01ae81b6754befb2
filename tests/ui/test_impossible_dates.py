"""A clerk types a day that does not exist into every date box of Chỉ số, Rà soát and Công khai.

Each dialog must refuse 31/02/2025 with the program's one Vietnamese message ("Không có ngày
31/02/2025.") naming the field, stay open, and never show Python's English ("day is out of
range for month") or a format the clerk did not use ("dd/mm/yyyy"). Every date box offers the
same hint, DATE_HINT, so the clerk learns one way of typing dates.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from services.text import DATE_HINT
from tests.legal_sample import build_register
from ui import strings
from ui.date_field import DateField
from ui.disclosure.checklist_dialog import ChecklistDialog
from ui.disclosure.disclosure_dialog import DisclosureDialog
from ui.disclosure.posting_dialog import PostingDialog
from ui.disclosure.setup_dialogs import HolidaysDialog
from ui.plan.progress_dialog import ProgressDialog
from ui.scores.dialogs import EvidenceDialog
from ui.scores.province_dialogs import RoundDialog

# What a clerk mistypes, and the one parser's Vietnamese answer (naming the day that does not
# exist, or what to type), so every dialog says the same thing.
BAD_DATES = [
    ("31/02/2025", "Không có ngày 31/02/2025."),
    ("32/1", f"Không có ngày 32/01/{date.today().year}."),
    ("abc", "“abc” không phải một ngày: hãy gõ ngày/tháng/năm, ví dụ 30/09/2025 hoặc 30092025."),
]
ENGLISH = re.compile(
    r"\b(day|month|year|range|invalid|must|format|error|date|not|is|the|of)\b", re.IGNORECASE
)


def date_boxes(dialog: QDialog) -> list[QLineEdit]:
    return [e for e in dialog.findChildren(QLineEdit) if e.placeholderText().startswith(DATE_HINT)]


def shown_text(dialog: QDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


@pytest.fixture(params=BAD_DATES, ids=["31-02", "32-1", "abc"])
def bad(request) -> tuple[str, str]:
    return request.param


def refuse(dialog: QDialog, qtbot, bad, validate=None, *, boxes: int = 1) -> str:
    """Type the impossible day into every date box, validate, return what the dialog says."""
    typed, message = bad
    qtbot.addWidget(dialog)
    dialog.show()
    found = date_boxes(dialog)
    assert len(found) >= boxes, [e.objectName() for e in dialog.findChildren(QLineEdit)]
    for box in found:
        box.setText(typed)
    (validate or dialog.accept)()
    text = shown_text(dialog)
    assert dialog.isVisible()  # refused: the dialog stays open for the clerk to fix it
    assert message in text, text
    assert not ENGLISH.search(text), text
    assert "dd/mm" not in text
    return text


@pytest.fixture
def legal(main_window, services):
    register = build_register(services.legal)
    area = main_window.show_area(strings.AREA_LEGAL)
    area.register_panel.select_document(register.qd_05.id)
    return area, register


def test_every_legal_dialog_names_the_day_that_does_not_exist(legal, qtbot, bad):
    area, register = legal
    message = bad[1]
    panel = area.register_panel
    text = refuse(panel.open_document_dialog(None), qtbot, bad, boxes=2)
    assert f"Ngày ban hành: {message}" in text
    assert f"Ngày rà soát: {message}" in refuse(panel.open_review_dialog(), qtbot, bad, boxes=2)
    assert f"Từ ngày: {message}" in refuse(panel.open_event_dialog(), qtbot, bad)
    assert f"Ngày phát sinh: {message}" in refuse(panel.open_manual_review_dialog(), qtbot, bad)
    assert f"Ngày kết luận: {message}" in refuse(panel.open_unlawful_dialog(), qtbot, bad, boxes=2)
    lists = area.show_lists()
    assert f"Từ ngày: {message}" in refuse(lists.open_cycle_dialog(), qtbot, bad, boxes=2)
    assert f"Ngày công bố: {message}" in refuse(lists.open_publish_dialog(), qtbot, bad)
    surveys = area.show_surveys()
    dialog = surveys.open_survey_dialog()
    dialog.title.setText("Khảo sát ý kiến Nhân dân")
    refuse(dialog, qtbot, bad, boxes=2)


def test_every_disclosure_dialog_names_the_day_that_does_not_exist(
    main_window, services, qtbot, bad
):
    message = bad[1]
    area = main_window.show_area(strings.AREA_DISCLOSURE)
    setup = services.disclosure_setup
    services.disclosure.generate_plan(area.year)
    row = services.disclosure.disclosures(area.year)[0]
    posting = PostingDialog(services.disclosure, row, setup.groups(), parent=area)
    text = refuse(posting, qtbot, bad, boxes=2)
    assert f"Ngày công khai: {message}" in text or f"Ngày niêm yết: {message}" in text
    checklist = setup.checklist()
    dialog = DisclosureDialog(services.disclosure, checklist, area.year, row, parent=area)
    assert f"Ngày văn bản căn cứ: {message}" in refuse(dialog, qtbot, bad)
    holidays = HolidaysDialog(setup, area.year, area)
    assert f"Ngày: {message}" in refuse(holidays, qtbot, bad, holidays.add_day)
    rules = ChecklistDialog(setup, area)
    assert f"Áp dụng từ ngày: {message}" in refuse(rules, qtbot, bad, rules.save)


def test_the_evidence_date_of_a_score_names_the_day_that_does_not_exist(main_window, qtbot, bad):
    message = bad[1]
    dialog = EvidenceDialog("quyet-dinh-15.pdf", main_window)
    assert refuse(dialog, qtbot, bad).strip() != ""
    assert f"Ngày văn bản: {message}" in shown_text(dialog)
    assert f"Ngày văn bản: {message}." not in shown_text(dialog)


def test_a_score_that_is_not_a_number_is_refused_in_vietnamese(main_window, qtbot):
    from ui.scores.score_tree_model import COL_SELF

    area = main_window.show_area(strings.AREA_SCORES)
    area.select("PAR", 2024)
    qtbot.mouseClick(area.buttons["templates"], Qt.MouseButton.LeftButton)
    leaf = next(x for x in area.board.lines if x.criterion.max_points and x.criterion.is_leaf)
    seen: list[str] = []
    area.tree_model.edit_failed.connect(seen.append)
    index = area.tree_model.index_of(leaf.criterion.id, COL_SELF)
    for typed in ("abc", "nan", "inf", "1e999", "99999"):
        assert not area.tree_model.setData(index, typed)
    assert len(seen) == 5, seen
    assert seen[:4] == [
        "“abc” không phải là số điểm.",
        "“nan” không phải là số điểm.",
        "“inf” không phải là số điểm.",
        "“1e999” không phải là số điểm.",
    ]
    assert all(not ENGLISH.search(text) for text in seen), seen
    assert area.board.line(leaf.criterion.code).self_score is None  # nothing written


def test_the_plan_dialogs_name_the_day_that_does_not_exist(main_window, services, qtbot, bad):
    message = bad[1]
    area = main_window.show_area(strings.AREA_PLAN)
    editor = area.actions_.create_task()
    editor.text.setPlainText("Rà soát thủ tục hành chính")
    text = refuse(editor, qtbot, bad, boxes=2)
    assert f"Bắt đầu: {message}" in text and f"Thời hạn: {message}" in text
    editor.reject()
    task = next(t for t in services.plans.tasks(area.plan_id()) if t.actionable)
    before = services.progress.history(task.id)
    progress = ProgressDialog(task, [], lambda draft: None, parent=area)
    assert f"Ngày thực hiện: {message}" in refuse(progress, qtbot, bad)
    assert services.progress.history(task.id) == before


def test_the_appraisal_round_names_the_day_that_does_not_exist(main_window, qtbot, bad):
    dialog = RoundDialog(1, main_window)
    assert f"Ngày thẩm định: {bad[1]}" in refuse(dialog, qtbot, bad)


def test_the_date_box_reads_what_clerks_type_and_offers_a_calendar(qtbot):
    field = DateField(object_name="when")
    qtbot.addWidget(field)
    field.show()
    assert field.placeholderText() == "ngày/tháng/năm"
    for typed, expected in (
        ("30092025", date(2025, 9, 30)),
        ("30/9/2025", date(2025, 9, 30)),
        ("30-09-25", date(2025, 9, 30)),
        ("30/9", date(date.today().year, 9, 30)),
    ):
        field.clear()
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert field.date() == expected, typed
        assert field.problem() == ""
    field.setText("31/02/2025")
    assert not field.check()
    assert field.toolTip() == "Không có ngày 31/02/2025."
    box = field.with_message()
    qtbot.addWidget(box)
    box.show()
    field.check()
    assert field.message_label.isVisible()
    assert field.message_label.text() == "Không có ngày 31/02/2025."
    popup = field.show_calendar()
    assert popup.isVisible()
    popup.clicked.emit(QDate(2025, 10, 15))
    assert field.text() == "15/10/2025" and field.date() == date(2025, 10, 15)
    assert not popup.isVisible() and not field.message_label.isVisible()
