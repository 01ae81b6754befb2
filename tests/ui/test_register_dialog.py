"""The clerk's register: "Vào sổ, cấp số" asks first, a number given by mistake is cancelled
with a reason, and the sổ văn bản đi is exported and printed from the Báo cáo area."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.modal_answers import answer_when_shown
from ui import strings


@pytest.fixture
def area(main_window, qtbot):
    return main_window.show_area(strings.AREA_REPORTS)


def test_refusing_the_confirmation_gives_no_number(area, main_window):
    panel = area.register_group
    panel.issue_date.setText("03/12/2025")
    asked = answer_when_shown("issueConfirm", "rejectIssue")
    panel.issue_button.click()
    assert asked == ["Cấp số 01/KH-UBND ngày 03/12/2025?"]
    assert main_window.services.documents.register.entries(2025) == []
    assert panel.issue_button.isEnabled() and "Chưa cấp số" in panel.number_label.text()


def _answer_cancel_dialog(reason: str, seen: dict) -> None:
    """Type ``reason`` in the cancel dialog when it shows; note whether OK was enabled first."""

    def act() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "cancelNumberDialog" and widget.isVisible():
                seen["about"] = widget.findChild(QLabel, "cancelAbout").text()
                seen["enabled_before"] = widget.ok_button.isEnabled()
                widget.reason.setPlainText("   ")
                seen["enabled_blank"] = widget.ok_button.isEnabled()
                widget.reason.setPlainText(reason)
                widget.ok_button.click()
                return
        QTimer.singleShot(20, act)

    QTimer.singleShot(0, act)


def test_cancel_a_number_from_the_register_dialog(area, main_window, qtbot, tmp_path):
    services = main_window.services
    panel = area.register_group
    panel.issue_date.setText("07/01/2025")
    answer_when_shown("issueConfirm", "confirmIssue")
    panel.issue_button.click()
    assert not panel.issue_button.isEnabled()

    panel.book_button.click()
    dialog = panel.register_dialog
    qtbot.waitExposed(dialog)
    assert dialog.year == 2025 and dialog.model.rowCount() == 1
    assert not dialog.cancel_button.isEnabled()  # nothing chosen yet
    dialog.select_reference("01/KH-UBND")
    assert dialog.cancel_button.isEnabled()
    seen: dict = {}
    _answer_cancel_dialog("Cấp nhầm trước khi ký", seen)
    assert dialog.ask_cancel()
    assert "01/KH-UBND" in seen["about"]
    assert seen["enabled_before"] is False and seen["enabled_blank"] is False
    entry = services.documents.register.entries(2025)[0]
    assert entry.cancelled and entry.cancel_reason == "Cấp nhầm trước khi ký"
    assert entry.cancelled_by == services.progress.user_name()
    assert dialog.model.rowCount() == 1  # the line stays, marked cancelled
    status = dialog.model.index(0, 6).data()
    assert status.startswith("Đã hủy số ngày") and "Cấp nhầm trước khi ký" in status
    assert dialog.model.index(0, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert not dialog.cancel_button.isEnabled()
    dialog.grab().save(str(tmp_path / "register.png"))
    dialog.accept()

    # The plan can be numbered again; the next number goes on past the cancelled one.
    assert panel.issue_button.isEnabled()
    asked = answer_when_shown("issueConfirm", "confirmIssue")
    panel.issue_button.click()
    assert asked == ["Cấp số 02/KH-UBND ngày 07/01/2025?"]
    assert panel.number_label.text() == "Số 02/KH-UBND, ngày 07/01/2025"


def test_register_dialog_exports_and_prints_the_year(main_window, qtbot, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from ui.documents.register_dialog import RegisterDialog
    from ui.settings import open_settings

    services = main_window.services
    services.documents.register.issue("TB", "TB-UBND", date(2025, 4, 2), "Thông báo quý I")
    services.documents.register.issue("QĐ", "QĐ-UBND", date(2024, 5, 2), "Quyết định năm trước")
    dialog = RegisterDialog(services, open_settings(tmp_path), 2025)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert [dialog.year_box.itemData(i) for i in range(dialog.year_box.count())][:2] == [
        2024,
        2025,
    ]
    dialog.year_box.setCurrentIndex(dialog.year_box.findData(2024))
    assert dialog.model.index(0, 0).data() == "01/QĐ-UBND"
    dialog.year_box.setCurrentIndex(dialog.year_box.findData(2025))
    assert dialog.export_to(tmp_path / "so.xlsx")
    rows = [[c.value for c in r] for r in load_workbook(tmp_path / "so.xlsx").active.iter_rows()]
    assert ["01/TB-UBND", "02/04/2025", "Thông báo", "Thông báo quý I"] == rows[-1][:4]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == 1
    page = PdfReader(str(tmp_path / "printed.pdf")).pages[0]
    assert page.mediabox.width > page.mediabox.height


def _answer_issue_dialog(signed_on: QDate, seen: list) -> None:
    """Set the signing date in the issue dialog, note the question, then press "Cấp số"."""

    def act() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "issueNumberDialog" and widget.isVisible():
                widget.date_edit.setDate(signed_on)
                seen.append(widget.question.text())
                widget.ok_button.click()
                return
        QTimer.singleShot(20, act)

    QTimer.singleShot(0, act)


def test_legal_list_decision_is_numbered_from_the_lists_panel(main_window, services):
    from tests.legal_pdf_world import build_world

    build_world(services)
    lists = main_window.show_area(strings.AREA_LEGAL).show_lists()
    lists.refresh()
    lists.kind.setCurrentIndex(lists.kind.findData("in-force"))
    seen: list[str] = []
    _answer_issue_dialog(QDate(2026, 1, 15), seen)
    assert lists.number_shown_decision()
    assert seen == ["<b>Cấp số 01/QĐ-UBND ngày 15/01/2026?</b>"]
    entry = services.documents.register.entries(2026)[0]
    assert (entry.doc_type, entry.reference) == ("QĐ", "01/QĐ-UBND")
    assert "Đã cấp số 01/QĐ-UBND" in lists.message.text()
    assert not lists.number_shown_decision()  # once: a second number needs a cancel first
    assert "đã có số 01/QĐ-UBND" in lists.message.text()


def test_disclosure_notice_is_numbered_from_the_pdf_bar(qtbot, services, data_folder):
    from ui.disclosure.disclosure_area import DisclosureArea
    from ui.settings import open_settings

    services.disclosure.today = lambda: date(2026, 7, 3)
    services.disclosure.generate_plan(2026)
    area = DisclosureArea(services, open_settings(data_folder))
    qtbot.addWidget(area)
    area.show()
    bar = area.pdf_bar
    bar.set_choice(2)
    seen: list[str] = []
    _answer_issue_dialog(QDate(2026, 7, 3), seen)
    assert bar.ask_number()
    assert seen == ["<b>Cấp số 01/TB-UBND ngày 03/07/2026?</b>"]
    assert services.disclosure_documents.number_of(2026, 2).reference == "01/TB-UBND"
    assert "Đã cấp số 01/TB-UBND" in area.notice.text()


def test_the_issue_dialog_reads_the_signing_date_as_typed_and_names_an_impossible_one(qtbot):
    from datetime import date

    from services.documents.register import PendingNumber
    from ui.documents.issue_dialog import IssueNumberDialog

    asked = []

    def pending(day):
        asked.append(day)
        return PendingNumber("QĐ", "QĐ-UBND", 1, day)

    dialog = IssueNumberDialog("Quyết định công bố danh mục", pending, signed_on=date(2026, 1, 15))
    qtbot.addWidget(dialog)
    dialog.date_edit.setText("20012026")
    assert asked[-1] == date(2026, 1, 20) and dialog.ok_button.isEnabled()
    assert dialog.question.text() == "<b>Cấp số 01/QĐ-UBND ngày 20/01/2026?</b>"
    dialog.date_edit.setText("31/02/2026")
    assert not dialog.ok_button.isEnabled()
    assert dialog.question.text() == "Ngày ký: Không có ngày 31/02/2026."
