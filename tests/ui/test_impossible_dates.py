"""A clerk types a day that does not exist into every date box of Chỉ số, Rà soát and Công khai.

Each dialog must refuse 31/02/2025 with the program's one Vietnamese message ("Không có ngày
31/02/2025.") naming the field, stay open, and never show Python's English ("day is out of
range for month") or a format the clerk did not use ("dd/mm/yyyy"). Every date box offers the
same hint, DATE_HINT, so the clerk learns one way of typing dates.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from services.text import DATE_HINT
from tests.legal_sample import build_register
from ui import strings
from ui.disclosure.checklist_dialog import ChecklistDialog
from ui.disclosure.disclosure_dialog import DisclosureDialog
from ui.disclosure.posting_dialog import PostingDialog
from ui.disclosure.setup_dialogs import HolidaysDialog
from ui.scores.dialogs import EvidenceDialog

IMPOSSIBLE = "31/02/2025"
MESSAGE = "Không có ngày 31/02/2025."
ENGLISH = re.compile(
    r"\b(day|month|year|range|invalid|must|format|error|date|not|is|the|of)\b", re.IGNORECASE
)


def date_boxes(dialog: QDialog) -> list[QLineEdit]:
    return [e for e in dialog.findChildren(QLineEdit) if e.placeholderText().startswith(DATE_HINT)]


def shown_text(dialog: QDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


def refuse(dialog: QDialog, qtbot, validate=None, *, boxes: int = 1) -> str:
    """Type the impossible day into every date box, validate, return what the dialog says."""
    qtbot.addWidget(dialog)
    dialog.show()
    found = date_boxes(dialog)
    assert len(found) >= boxes, [e.objectName() for e in dialog.findChildren(QLineEdit)]
    for box in found:
        box.setText(IMPOSSIBLE)
    (validate or dialog.accept)()
    text = shown_text(dialog)
    assert dialog.isVisible()  # refused: the dialog stays open for the clerk to fix it
    assert MESSAGE in text, text
    assert not ENGLISH.search(text), text
    assert "dd/mm" not in text
    return text


@pytest.fixture
def legal(main_window, services):
    register = build_register(services.legal)
    area = main_window.show_area(strings.AREA_LEGAL)
    area.register_panel.select_document(register.qd_05.id)
    return area, register


def test_every_legal_dialog_names_the_day_that_does_not_exist(legal, qtbot):
    area, register = legal
    panel = area.register_panel
    text = refuse(panel.open_document_dialog(None), qtbot, boxes=2)
    assert f"Ngày ban hành: {MESSAGE}" in text
    assert f"Ngày rà soát: {MESSAGE}" in refuse(panel.open_review_dialog(), qtbot, boxes=2)
    assert f"Từ ngày: {MESSAGE}" in refuse(panel.open_event_dialog(), qtbot)
    assert f"Ngày phát sinh: {MESSAGE}" in refuse(panel.open_manual_review_dialog(), qtbot)
    assert f"Ngày kết luận: {MESSAGE}" in refuse(panel.open_unlawful_dialog(), qtbot, boxes=2)
    lists = area.show_lists()
    assert f"Từ ngày: {MESSAGE}" in refuse(lists.open_cycle_dialog(), qtbot, boxes=2)
    assert f"Ngày công bố: {MESSAGE}" in refuse(lists.open_publish_dialog(), qtbot)
    surveys = area.show_surveys()
    dialog = surveys.open_survey_dialog()
    dialog.title.setText("Khảo sát ý kiến Nhân dân")
    refuse(dialog, qtbot, boxes=2)


def test_every_disclosure_dialog_names_the_day_that_does_not_exist(main_window, services, qtbot):
    area = main_window.show_area(strings.AREA_DISCLOSURE)
    setup = services.disclosure_setup
    services.disclosure.generate_plan(area.year)
    row = services.disclosure.disclosures(area.year)[0]
    posting = PostingDialog(services.disclosure, row, setup.groups(), parent=area)
    text = refuse(posting, qtbot, boxes=2)
    assert f"Ngày công khai: {MESSAGE}" in text or f"Ngày niêm yết: {MESSAGE}" in text
    checklist = setup.checklist()
    dialog = DisclosureDialog(services.disclosure, checklist, area.year, row, parent=area)
    assert f"Ngày văn bản căn cứ: {MESSAGE}" in refuse(dialog, qtbot)
    holidays = HolidaysDialog(setup, area.year, area)
    assert f"Ngày: {MESSAGE}" in refuse(holidays, qtbot, holidays.add_day)
    rules = ChecklistDialog(setup, area)
    assert f"Áp dụng từ ngày: {MESSAGE}" in refuse(rules, qtbot, rules.save)


def test_the_evidence_date_of_a_score_names_the_day_that_does_not_exist(main_window, qtbot):
    dialog = EvidenceDialog("quyet-dinh-15.pdf", main_window)
    assert refuse(dialog, qtbot).strip() != ""
    assert f"Ngày văn bản: {MESSAGE}" in shown_text(dialog)
    assert "Ngày văn bản: Không có ngày 31/02/2025.." not in shown_text(dialog)


def test_a_score_that_is_not_a_number_is_refused_in_vietnamese(main_window, qtbot):
    from PySide6.QtCore import Qt

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
