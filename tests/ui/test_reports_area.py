"""The Báo cáo area: generate off the UI thread, preview with QtPdf, print, save, reopen."""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader

from ui import strings


@pytest.fixture
def area(main_window, qtbot):
    area = main_window.show_area(strings.AREA_REPORTS)
    assert area.objectName() == "reportsArea"
    return area


def _generate(area, qtbot):
    area.preview_button.click()
    qtbot.waitUntil(
        lambda: area.pdf_bytes is not None and area.preview_button.isEnabled(), timeout=20000
    )


def test_plan_preview_print_and_save(area, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    assert area.year_box.currentData() == 2025
    assert not area.report_group.isVisible()
    area.draft_check.setChecked(True)
    _generate(area, qtbot)
    assert area.pdf_document.pageCount() == len(PdfReader(io.BytesIO(area.pdf_bytes)).pages) >= 5
    assert "trang" in area.status.text()
    assert area.print_button.isEnabled() and area.save_pdf_button.isEnabled()
    area.view.grab().save(str(tmp_path / "preview.png"))

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    assert area.print_to(printer) == 4
    printed = PdfReader(str(tmp_path / "printed.pdf"))
    assert len(printed.pages) == 4
    width, height = (float(v) for v in printed.pages[0].mediabox[2:])
    assert round(width / 72 * 25.4) == 210 and round(height / 72 * 25.4) == 297

    target = tmp_path / "ke-hoach.pdf"
    assert area.save_to(target)
    assert target.read_bytes() == area.pdf_bytes
    word = tmp_path / "ke-hoach.docx"
    assert area.save_to(word)
    assert any(
        p.text.startswith("Căn cứ các Quyết định") for p in docx.Document(str(word)).paragraphs
    )
    assert area.recent.count() == 1 and area.recent.item(0).text() == "ke-hoach.pdf"


def test_report_texts_are_saved_and_recent_files_reopen(area, qtbot, tmp_path, main_window):
    area.kind_box.setCurrentIndex(area.kind_box.findData("report"))
    assert area.report_group.isVisible() and area.period_box.isEnabled()
    area.period_box.setCurrentIndex(area.period_box.findData("H1"))
    area.text_edits["limitations"].setPlainText("Còn chậm số hóa hồ sơ.")
    _generate(area, qtbot)
    stored = main_window.services.documents.report_text(2025, "H1")
    assert stored.limitations == "Còn chậm số hóa hồ sơ."
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(area.pdf_bytes)).pages)
    assert "Còn chậm số hóa hồ sơ." in text and "6 tháng đầu năm 2025" in text
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed-report.pdf"))
    assert area.print_to(printer) == area.pdf_document.pageCount()
    boxes = [p.mediabox for p in PdfReader(str(tmp_path / "printed-report.pdf")).pages]
    assert (
        boxes[0].width < boxes[0].height and boxes[-1].width > boxes[-1].height
    )  # annex landscape
    path = tmp_path / "bao-cao.pdf"
    assert area.save_to(path)
    pages = area.pdf_document.pageCount()
    area.kind_box.setCurrentIndex(area.kind_box.findData("plan"))
    _generate(area, qtbot)
    assert area.pdf_document.pageCount() != pages
    assert area.open_file(path)
    assert area.pdf_document.pageCount() == pages
    area.grab().save(str(tmp_path / "area.png"))


def test_numbering_prints_the_number_and_margins_preset_is_kept(area, qtbot, main_window):
    from tests.ui.modal_answers import answer_when_shown

    assert "Chưa cấp số" in area.register_group.number_label.text()
    area.register_group.issue_date.setText("7/1/2025")
    asked = answer_when_shown("issueConfirm", "confirmIssue")
    area.register_group.issue_button.click()
    assert asked == ["Cấp số 01/KH-UBND ngày 07/01/2025?"]
    assert area.register_group.number_label.text() == "Số 01/KH-UBND, ngày 07/01/2025"
    assert not area.register_group.issue_button.isEnabled()
    model = area.register_group.register_table.model()
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(3)] == ["01/KH-UBND", "07/01/2025", "Kế hoạch"]
    area.register_group.margin_box.setCurrentIndex(
        area.register_group.margin_box.findData("official")
    )
    assert main_window.services.documents.register.options().margins == "official"
    _generate(area, qtbot)
    first = PdfReader(io.BytesIO(area.pdf_bytes)).pages[0].extract_text()
    assert "Số: 01/KH-UBND" in first and "ngày 07 tháng 01 năm 2025" in first
    area.kind_box.setCurrentIndex(area.kind_box.findData("report"))
    assert (
        "Chưa cấp số" in area.register_group.number_label.text()
        and area.register_group.issue_button.isEnabled()
    )


def test_preview_zooms_pages_and_ctrl_p_prints_on_the_remembered_printer(
    area, qtbot, main_window, monkeypatch
):
    from PySide6.QtCore import Qt
    from PySide6.QtPdfWidgets import QPdfView

    main_window.resize(1366, 768)
    _generate(area, qtbot)
    pages = area.pages
    count = area.pdf_document.pageCount()
    assert pages.page_label.text() == f"Trang 1/{count}"
    assert not pages.previous.isEnabled() and pages.next.isEnabled()
    pages.next.click()
    assert pages.page_label.text() == f"Trang 2/{count}"
    pages.fit_page.click()
    assert area.view.zoomMode() == QPdfView.ZoomMode.FitInView
    assert pages.fit_page.isChecked() and not pages.fit_width.isChecked()
    pages.fit_width.click()
    assert area.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    pages.zoom_in.click()
    bigger = area.view.zoomFactor()
    assert area.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert pages.zoom_label.text() == f"{round(bigger * 100)}%"
    pages.zoom_out.click()
    assert area.view.zoomFactor() < bigger
    # A new document opens at its first page.
    area.draft_check.setChecked(True)
    _generate(area, qtbot)
    assert pages.page_label.text().startswith("Trang 1/")

    printed = []
    monkeypatch.setattr(area, "exec_print_dialog", lambda printer: True)
    monkeypatch.setattr(area, "print_to", lambda printer: printed.append(printer) or 1)
    area.setFocus()
    qtbot.keyClick(area, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(printed) == 1
    # Ctrl+P on a choice not previewed yet makes it first, then prints that one.
    area.draft_check.setChecked(False)
    qtbot.keyClick(area, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=20000)
    assert area.is_current() and not area.shown.draft


def test_the_printer_chosen_last_is_offered_first(main_window):
    from PySide6.QtPrintSupport import QPrinter

    from ui.documents.printing import PRINTER_KEY, remember_printer, restore_printer

    class Printer:  # the two QPrinter calls involved; no printer is installed here
        def __init__(self, name="", native=True):
            self.name, self.native = name, native

        def printerName(self):  # noqa: N802
            return self.name

        def setPrinterName(self, name):  # noqa: N802
            self.name = name

        def outputFormat(self):  # noqa: N802
            native = QPrinter.OutputFormat.NativeFormat
            return native if self.native else QPrinter.OutputFormat.PdfFormat

    settings = main_window.settings
    remember_printer(settings, Printer("Canon LBP2900 Văn phòng"))
    remember_printer(settings, Printer("", native=False))  # "print to PDF" is not remembered
    fresh = Printer()
    restore_printer(settings, fresh)
    assert fresh.printerName() == "Canon LBP2900 Văn phòng"
    assert settings.value(PRINTER_KEY) == "Canon LBP2900 Văn phòng"


def test_ctrl_p_in_the_plan_prints_the_plan_of_the_year_on_screen(main_window, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    plan = main_window.show_area(strings.AREA_PLAN)
    reports = main_window.area(strings.AREA_REPORTS)
    printed = []
    monkeypatch.setattr(reports, "exec_print_dialog", lambda printer: True)
    monkeypatch.setattr(reports, "print_to", lambda printer: printed.append(reports.shown) or 1)
    plan.setFocus()
    qtbot.keyClick(plan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=20000)
    assert (printed[0].kind, printed[0].year) == ("plan", plan.year())
    file_menu = main_window.menuBar().actions()[0].menu()
    assert "printAction" in [a.objectName() for a in file_menu.actions()]


def test_plan_annex_checkbox_on_by_default_and_off_leaves_it_out(area, qtbot):
    from services.documents.plan_document import ASSIGNMENT_TITLE

    assert area.annex_check.isChecked() and area.annex_check.isEnabled()
    _generate(area, qtbot)
    with_annex = PdfReader(io.BytesIO(area.pdf_bytes))
    wide = [p for p in with_annex.pages if p.mediabox.width > p.mediabox.height]
    assert wide and ASSIGNMENT_TITLE.upper() in wide[0].extract_text()
    word = docx.Document(io.BytesIO(area.docx_bytes))
    assert any(ASSIGNMENT_TITLE.upper() == p.text for p in word.paragraphs)
    area.annex_check.setChecked(False)
    _generate(area, qtbot)
    pages = PdfReader(io.BytesIO(area.pdf_bytes)).pages
    assert len(pages) < len(with_annex.pages)
    assert all(p.mediabox.width < p.mediabox.height for p in pages)
    area.kind_box.setCurrentIndex(area.kind_box.findData("report"))
    assert not area.annex_check.isEnabled()  # a report's annex is its results table
