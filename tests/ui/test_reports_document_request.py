"""The saved file is the document chosen, never the one previewed before the choice changed.

A clerk previews the Kế hoạch, switches to the Q3 report and presses "Lưu PDF…" straight
away: what lands on disk must be the Q3 report, under the report's name, in PDF and Word.
"""

from __future__ import annotations

import io
import itertools

import docx
import pytest
from pypdf import PdfReader

from ui import strings

CHOICES = {
    "plan": ("plan", "Q3", "Kế hoạch Khắc phục", "ke-hoach-2025"),
    "q3": ("report", "Q3", "quý III năm 2025", "bao-cao-2025-Q3"),
    "h1": ("report", "H1", "6 tháng đầu năm 2025", "bao-cao-2025-H1"),
}


@pytest.fixture
def area(main_window, qtbot, tmp_path, monkeypatch):
    area = main_window.show_area(strings.AREA_REPORTS)
    asked = []

    def answer(title, proposed, pattern):
        asked.append(proposed)
        return str(tmp_path / proposed.rsplit("/", 1)[-1])

    monkeypatch.setattr(area, "ask_save_path", answer)
    area.asked = asked
    return area


def _choose(area, key):
    kind, period, _title, _name = CHOICES[key]
    area.kind_box.setCurrentIndex(area.kind_box.findData(kind))
    area.period_box.setCurrentIndex(area.period_box.findData(period))


def _preview(area, qtbot):
    area.preview_button.click()
    qtbot.waitUntil(area.is_current, timeout=20000)


def _saved(area, qtbot, tmp_path, button, suffix):
    before = set(tmp_path.glob(f"*{suffix}"))
    button.click()
    qtbot.waitUntil(lambda: bool(set(tmp_path.glob(f"*{suffix}")) - before), timeout=20000)
    (path,) = set(tmp_path.glob(f"*{suffix}")) - before
    return path


@pytest.mark.parametrize("first,then", list(itertools.permutations(CHOICES, 2)))
def test_saving_right_after_changing_the_choice_writes_the_new_choice(
    area, qtbot, tmp_path, first, then
):
    _choose(area, first)
    _preview(area, qtbot)
    assert CHOICES[first][2] in PdfReader(io.BytesIO(area.pdf_bytes)).metadata.title
    _choose(area, then)
    # The old document is gone from the screen at once and cannot be saved or printed.
    assert area.pdf_bytes is None and area.pdf_document.pageCount() == 0
    assert not area.save_to(tmp_path / "cu.pdf") and not (tmp_path / "cu.pdf").exists()
    assert "Lựa chọn đã đổi" in area.status.text()

    pdf = _saved(area, qtbot, tmp_path, area.save_pdf_button, ".pdf")
    _kind, _period, title, name = CHOICES[then]
    assert pdf.name == f"{name}.pdf"
    reader = PdfReader(pdf)
    assert title in reader.metadata.title
    text = " ".join(p.extract_text() for p in reader.pages)
    assert (title if then != "plan" else "KẾ HOẠCH") in text
    assert area.pdf_document.pageCount() == len(reader.pages)  # and it is what is on screen
    word = _saved(area, qtbot, tmp_path, area.save_docx_button, ".docx")
    assert word.name == f"{name}.docx"
    assert title in docx.Document(str(word)).core_properties.title


def test_draft_switch_number_and_report_text_also_invalidate_the_preview(area, qtbot, tmp_path):
    _choose(area, "q3")
    _preview(area, qtbot)
    area.draft_check.setChecked(True)
    assert not area.is_current() and area.pdf_document.pageCount() == 0
    _preview(area, qtbot)
    area.text_edits["limitations"].setPlainText("Còn chậm số hóa hồ sơ.")
    assert not area.is_current()
    pdf = _saved(area, qtbot, tmp_path, area.save_pdf_button, ".pdf")
    assert pdf.name == "bao-cao-2025-Q3-du-thao.pdf"
    assert "Còn chậm số hóa hồ sơ." in " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    area.draft_check.setChecked(False)
    _preview(area, qtbot)
    from tests.ui.modal_answers import answer_when_shown

    answer_when_shown("issueConfirm", "confirmIssue")
    area.register_group.issue_button.click()  # the number now prints on the report
    assert not area.is_current()


def test_changing_the_choice_while_it_is_made_never_shows_the_old_one(area, qtbot):
    _choose(area, "plan")
    area.preview_button.click()
    _choose(area, "q3")  # before the worker is done
    qtbot.waitUntil(lambda: not area.runner.busy(), timeout=20000)
    qtbot.wait(50)
    assert area.pdf_bytes is None and area.pdf_document.pageCount() == 0
