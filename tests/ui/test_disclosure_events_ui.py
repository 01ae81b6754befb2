"""The clerk sees "khi phát sinh" items in the year's plan and records a document that arose;
a forgotten item turns overdue and can be marked "không phát sinh" with a reason."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from services.disclosure.service import DisclosureService
from services.disclosure.vocab import DUE, NOT_ARISEN, OVERDUE_NO_TRIGGER
from ui.disclosure.disclosure_area import DisclosureArea
from ui.disclosure.table_models import ROW_ROLE

SHOTS = Path("/work/notes/shots")  # the screenshots the reviewer looks at, when present


def _shot(widget, name: str) -> None:
    if SHOTS.is_dir():
        widget.grab().save(str(SHOTS / name))


def _area(qtbot, services, data_folder, today):
    from ui.settings import open_settings

    fixed = DisclosureService(
        services.database.session_factory, services.disclosure_setup, today=lambda: today
    )
    services.disclosure_setup.add_group("Tổ dân phố Đông Sơn")
    fixed.generate_plan(2026)
    widget = DisclosureArea(
        dataclasses.replace(services, disclosure=fixed), open_settings(data_folder)
    )
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_land_recovery_decision_is_recorded_from_the_khi_phat_sinh_row(
    qtbot, services, data_folder
):
    area = _area(qtbot, services, data_folder, date(2026, 4, 1))
    tab = area.events_tab
    area.tabs.setCurrentWidget(tab)
    codes = [tab.model.row_at(r).code for r in range(tab.model.rowCount())]
    assert {"CK04", "CK05", "CK06"} <= set(codes)
    assert tab.model.index(codes.index("CK04"), 1).data() == "Khi phát sinh"
    tab.select("CK04")
    _shot(area, "r14b-khi-phat-sinh-tab.png")

    dialog = area.arisen_dialog(tab.current_item())
    qtbot.addWidget(dialog)
    dialog.number.setText("125/QĐ-UBND")
    dialog.issued.setText("31/02/2026")
    dialog.summary.setText("Thu hồi đất thực hiện dự án đường Lê Lợi")
    dialog.accept()
    assert "Ngày văn bản: Không có ngày 31/02/2026." in dialog.errors.text()
    assert dialog.result_row is None
    dialog.issued.setText("27/03/2026")
    assert dialog.deadline.text() == "Hạn công khai: 03/04/2026"  # 05 working days
    dialog.show()
    _shot(dialog, "r14b-ghi-nhan-van-ban-phat-sinh.png")
    dialog.accept()
    row = dialog.result_row
    assert row is not None and row.verdict.deadline == date(2026, 4, 3)
    area.arisen_recorded(row)
    assert area.current_row().id == row.id and area.current_row().verdict.status == DUE
    assert "125/QĐ-UBND ngày 27/03/2026; hạn công khai 03/04/2026" in area.notice.text()
    recovery = next(
        tab.model.row_at(r)
        for r in range(tab.model.rowCount())
        if tab.model.row_at(r).code == "CK04"
    )
    assert recovery.status_text == "Đã ghi nhận 1 văn bản"


def test_a_forgotten_budget_estimate_turns_overdue_then_is_marked_not_arisen(
    qtbot, services, data_folder
):
    area = _area(qtbot, services, data_folder, date(2026, 12, 20))
    estimate = None
    for r in range(area.proxy.rowCount()):
        index = area.proxy.index(r, 0)
        if index.data(ROW_ROLE).item_code == "CK02B":
            area.table.setCurrentIndex(index)
            estimate = index.data(ROW_ROLE)
    assert estimate is not None and estimate.verdict.status == OVERDUE_NO_TRIGGER
    assert "trước ngày 19/12/2026" in area.detail.text()
    before = area.score_label.text()
    area.toggle_not_arisen("Kỳ họp cuối năm lùi sang tháng 01/2027")
    assert area.current_row().verdict.status == NOT_ARISEN
    assert "lý do: Kỳ họp cuối năm lùi" in area.detail.text()
    assert area.score_label.text() != before
    qtbot.wait(50)
    _shot(area, "r14b-khong-phat-sinh.png")
    assert area.not_arisen_button.text() == "Bỏ đánh dấu"
    area.toggle_not_arisen()
    assert area.current_row().verdict.status == OVERDUE_NO_TRIGGER
    assert area.minimumSizeHint().width() <= 1024


def test_the_annual_plan_is_saved_and_numbered_from_the_disclosure_area(
    qtbot, services, data_folder, tmp_path
):
    import io

    import pdfplumber

    from ui.disclosure.pdf_bar import ANNUAL_PLAN

    area = _area(qtbot, services, data_folder, date(2026, 1, 12))
    bar = area.pdf_bar
    assert "Thông báo" in bar.number_button.toolTip()
    bar.set_choice(ANNUAL_PLAN)
    assert bar.number_button.isVisible() and "Kế hoạch (KH)" in bar.number_button.toolTip()
    assert bar.number_plan("15/01/2026")
    assert "/KH-UBND ngày 15/01/2026" in area.notice.text()
    # the plan's own checklist row now has its document
    ck23 = next(r for r in area.visible_rows() if r.item_code == "CK23")
    assert ck23.trigger_date == date(2026, 1, 15)
    target = tmp_path / "ke-hoach.pdf"
    with qtbot.waitSignal(bar.saved, timeout=20000):
        assert bar.save_to(target)
    with pdfplumber.open(io.BytesIO(target.read_bytes())) as doc:
        first = doc.pages[0].extract_text() or ""
    assert "KẾ HOẠCH" in first and "ngày 15 tháng 01 năm 2026" in first
    assert area.minimumSizeHint().width() <= 1024
