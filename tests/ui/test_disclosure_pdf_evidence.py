"""Công khai area: PDFs previewed and saved off the UI thread, posting evidence in the store,
and the disclosure compliance beside the PAPI D2 criteria in the score tab."""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from services.disclosure.service import PostingDraft
from services.scores.evidence import EvidenceInfo
from ui.buttons import Std
from ui.disclosure.disclosure_area import DisclosureArea
from ui.disclosure.table_models import ROW_ROLE

TODAY = date(2026, 5, 15)


@pytest.fixture
def area(qtbot, services, data_folder):
    from ui.settings import open_settings

    services.disclosure.today = lambda: TODAY
    services.disclosure_setup.add_group("Tổ dân phố Đông Sơn")
    widget = DisclosureArea(services, open_settings(data_folder))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def planned(area, services):
    """The 2026 plan with the Q1 budget execution posted on the website in April."""
    services.disclosure.generate_plan(2026)
    row = next(
        r
        for r in services.disclosure.disclosures(2026)
        if r.item_code == "CK02C" and r.period == "03 tháng"
    )
    services.disclosure.add_posting(PostingDraft(row.id, "TRANG_TTDT", date(2026, 4, 3)))
    area.reload()
    return row


@pytest.fixture
def opened(monkeypatch):
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()))
    return urls


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    return shown


def _select(area, code, period=""):
    for row in range(area.proxy.rowCount()):
        index = area.proxy.index(row, 0)
        if index.data(ROW_ROLE).item_code == code and index.data(ROW_ROLE).period == period:
            area.table.setCurrentIndex(index)
            return
    raise AssertionError(code)


def _text(pdf: bytes) -> list[tuple[bool, str]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [
            (p.width > p.height, unicodedata.normalize("NFC", p.extract_text() or ""))
            for p in doc.pages
        ]


# ----- PDFs -------------------------------------------------------------------------------


def test_quarterly_list_is_saved_as_pdf_off_the_ui_thread(area, planned, qtbot, tmp_path):
    bar = area.pdf_bar
    bar.set_choice(2)
    target = tmp_path / "danh-sach-q2.pdf"
    with qtbot.waitSignal(bar.saved, timeout=20000) as saved:
        assert bar.save_to(target)
        assert bar.runner.busy() and not bar.save_button.isEnabled()  # the worker runs
    assert saved.args == [str(target)]
    assert bar.save_button.isEnabled() and "Đã lưu" in area.notice.text()
    pages = _text(target.read_bytes())
    assert not pages[0][0] and "DANH SÁCH" not in pages[0][1].split("\n")[0]
    assert "Danh sách các nội dung đã công khai quý II năm 2026" in pages[0][1]
    wide = [t for landscape, t in pages if landscape]
    assert wide and "Tình hình thực hiện dự toán" in wide[0] and "03/04/2026" in wide[0]


def test_year_report_preview_shows_the_pages_and_saves_them(
    area, planned, qtbot, tmp_path, monkeypatch
):
    bar = area.pdf_bar
    bar.set_choice(0)
    assert bar.show_preview()
    qtbot.waitUntil(lambda: bar.preview is not None and bar.preview.isVisible(), timeout=20000)
    preview = bar.preview
    assert preview.document.pageCount() >= 3
    assert preview.windowTitle() == "Báo cáo công khai năm 2026"
    qtbot.wait(400)  # QtPdf renders pages asynchronously
    preview.grab().save(str(tmp_path / "preview.png"))
    target = tmp_path / "bao-cao"
    monkeypatch.setattr(
        "ui.disclosure.pdf_bar.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    with qtbot.waitSignal(bar.saved, timeout=5000):
        preview.findChild(QDialogButtonBox).button(Std.Save).click()
    saved = target.with_name("bao-cao.pdf")
    assert saved.read_bytes() == bar.last_pdf
    assert any(landscape for landscape, _t in _text(saved.read_bytes()))


def test_a_year_without_a_plan_is_refused_in_vietnamese(area, qtbot, warnings):
    bar = area.pdf_bar
    bar.set_choice(1)
    assert bar.show_preview()
    qtbot.waitUntil(lambda: not bar.runner.busy(), timeout=20000)
    assert warnings and "Năm 2026 chưa có kế hoạch công khai" in warnings[0]
    assert bar.preview is None and bar.preview_button.isEnabled()


# ----- evidence in the store ---------------------------------------------------------------


def test_files_attached_in_the_posting_editor_go_to_the_store(
    area, planned, services, tmp_path, opened
):
    _select(area, "CK02C", "03 tháng")
    places = [area.places.row_at(r) for r in range(area.places.rowCount())]
    hq = next(i for i, p in enumerate(places) if p.form == "NIEM_YET_TRU_SO")
    area.place_table.selectRow(hq)
    photo = tmp_path / "anh-bang-tin.jpg"
    photo.write_bytes(b"\xff\xd8 notice board")
    dialog = area.posting_dialog(edit=False)
    dialog.posted.setText("06/04/2026")
    dialog.add_files([photo])
    assert dialog.evidence_list.count() == 1 and isinstance(dialog.evidence_items()[0], Path)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.errors.text()
    posting = next(p for p in dialog.result_row.postings if p.form == "NIEM_YET_TRU_SO")
    files = services.disclosure_evidence.files(posting.id)
    assert [f.original_name for f in files] == ["anh-bang-tin.jpg"]
    assert services.evidence.stored_path(files[0].sha256).exists()
    photo.unlink()

    area.reload()
    _select(area, "CK02C", "03 tháng")
    area.place_table.selectRow(hq)
    assert area.evidence_button.isEnabled()
    copy = area.open_evidence()
    assert copy is not None and copy.read_bytes() == b"\xff\xd8 notice board"
    assert opened == [str(copy)]

    editor = area.posting_dialog(edit=True)
    items = editor.evidence_items()
    assert len(items) == 1 and isinstance(items[0], EvidenceInfo)
    editor.evidence_list.setCurrentRow(0)
    assert editor.open_selected() is not None and len(opened) == 2
    editor.remove_selected()
    editor.reject()  # Hủy: nothing is unlinked
    assert len(services.disclosure_evidence.files(posting.id)) == 1
    editor = area.posting_dialog(edit=True)
    editor.evidence_list.setCurrentRow(0)
    editor.remove_selected()
    editor.accept()
    assert services.disclosure_evidence.files(posting.id) == []
    assert services.evidence.get(files[0].id).sha256 == files[0].sha256  # kept in the store


def test_posting_editor_with_evidence_looks_right(area, planned, tmp_path):
    _select(area, "CK02C", "03 tháng")
    area.place_table.selectRow(0)
    dialog = area.posting_dialog(edit=True)
    dialog.add_files([tmp_path / "bien-ban-niem-yet.pdf", tmp_path / "anh-1.jpg"])
    dialog.show()
    dialog.grab().save(str(tmp_path / "posting.png"))
    assert not dialog.evidence_path.isVisible()  # no old bare path on this posting
    assert dialog.findChild(type(dialog.evidence_list), "evidenceList").isVisible()
    dialog.reject()


# ----- the index criteria ------------------------------------------------------------------


def test_score_tab_shows_compliance_beside_papi_d2(area, planned, services, tmp_path):
    panel = area.score_tab.index_panel
    assert "chưa có bộ tiêu chí PAPI" in panel.message.text()
    assert panel.model.rowCount() == 0
    services.frameworks.load_template("PAPI", 2026)
    area.reload()
    rows = [panel.model.row_at(r) for r in range(panel.model.rowCount())]
    assert [r.code for r in rows] == ["D2", "D2.1", "D2.2", "D2.3", "D2.4"]
    budget = panel.model.index(3, 6).data()
    score = services.disclosure.score(2026)
    group = next(g for g in score.by_group if g.key.startswith("Ngân sách"))
    assert budget == f"{group.percent_text} ({group.met}/{group.assessable} nơi)"
    assert "PAPI 2026" in panel.message.text()
    area.tabs.setCurrentWidget(area.score_tab)
    area.grab().save(str(tmp_path / "score.png"))


def test_an_old_bare_path_is_moved_into_the_store(area, planned, services, tmp_path):
    old = tmp_path / "bien-ban-cu.pdf"
    old.write_bytes(b"%PDF old minutes")
    row = services.disclosure.disclosure(planned.id)
    posting = row.postings[0]
    services.disclosure.update_posting(
        posting.id,
        PostingDraft(row.id, posting.form, posting.posted_on, evidence_path=str(old)),
    )
    area.reload()
    _select(area, "CK02C", "03 tháng")
    places = [area.places.row_at(r) for r in range(area.places.rowCount())]
    area.place_table.selectRow(next(i for i, p in enumerate(places) if p.posting))
    dialog = area.posting_dialog(edit=True)
    dialog.show()
    assert dialog.evidence_path.isVisible() and dialog.adopt_button.isEnabled()
    dialog.adopt_button.click()
    assert not dialog.evidence_path.isVisible() and dialog.evidence_items() == [old]
    dialog.accept()
    assert [f.original_name for f in services.disclosure_evidence.files(posting.id)] == [
        "bien-ban-cu.pdf"
    ]
    assert services.disclosure.disclosure(row.id).postings[0].evidence_path == ""
