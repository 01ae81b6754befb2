"""Tổng quan shows what the other modules ask for, and every line opens its record."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from services.disclosure.drafts import DisclosureDraft
from services.overview_items import DISCLOSURE, LEGAL, SCORES
from tests.legal_sample import build_register
from ui import strings

TODAY = date(2026, 1, 20)


@pytest.fixture
def office(services):
    """A posting overdue since 10/01/2026 (a Saturday worked in 2026), two documents flagged, the 2025 list due, and a
    PAR criterion self-scored without evidence."""
    register = build_register(services.legal)
    services.disclosure_setup.ensure_checklist()
    services.disclosure_setup.add_group("Tổ dân phố Đông Sơn")
    posting = services.disclosure.add_disclosure(
        DisclosureDraft("CK01", 2026, trigger_date=date(2026, 1, 5))
    )
    par = services.frameworks.load_template("PAR", 2025)
    leaf = next(
        r for r in services.frameworks.criteria(par.id) if r.is_leaf and r.method != "survey"
    )
    services.assessments.set_score(leaf.id, "self", leaf.max_points)
    return register, posting


@pytest.fixture
def overview(office, main_window):
    area = main_window.show_area(strings.AREA_OVERVIEW)
    area.today = TODAY
    area.refresh()
    return area


def _click(qtbot, widget, item) -> None:
    widget.scrollToItem(item)
    rect = widget.visualItemRect(item)
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _texts(widget) -> list[str]:
    return [widget.item(r).text() for r in range(widget.count())]


def test_clicking_the_overdue_disclosure_opens_it_in_the_cong_khai_area(
    overview, office, main_window, qtbot
):
    _register, posting = office
    # The clerk left the Công khai area on another year, filtered to what is fine.
    disclosure = main_window.show_area(strings.AREA_DISCLOSURE)
    disclosure.year_box.setCurrentIndex(disclosure.year_box.findData(2027))
    disclosure.status_box.setCurrentIndex(4)  # "Đạt, đang công khai"
    main_window.show_area(strings.AREA_OVERVIEW)

    panel = overview.module_lists[DISCLOSURE]
    assert _texts(panel)[0] == "Khẩn (1)"
    assert overview.module_boxes[DISCLOSURE].title() == "Công khai (1)"
    (entry,) = overview.module_entries(DISCLOSURE)
    item = panel.row_of(entry)
    assert item.text().startswith("Quá hạn công khai · 10/01/2026 · CK01 Kế hoạch phát triển")
    assert not item.icon().isNull()
    _click(qtbot, panel, item)

    assert main_window.stack.currentWidget() is disclosure
    assert disclosure.year == 2026
    assert disclosure.status_box.currentIndex() == 0
    shown = disclosure.current_row()
    assert shown.id == posting.id and shown.item_code == "CK01"
    assert disclosure.detail.text().startswith("CK01 – Kế hoạch phát triển kinh tế")


def test_legal_lines_open_the_document_and_the_yearly_list(overview, office, main_window, qtbot):
    register, _posting = office
    panel = overview.module_lists[LEGAL]
    texts = _texts(panel)
    assert texts[0] == "Cần làm sớm (3)"
    assert texts[1] == (
        "Sắp đến hạn công bố · 31/01/2026 · Công bố danh mục 3 văn bản hết hiệu lực, "
        "tạm ngưng hiệu lực năm 2025 (còn 11 ngày)"
    )
    legal = main_window.show_area(strings.AREA_LEGAL)
    legal.register_panel.search.setText("không có văn bản nào như thế")
    main_window.show_area(strings.AREA_OVERVIEW)
    flagged = next(e for e in overview.module_entries(LEGAL) if e.status == "Cần rà soát")
    _click(qtbot, panel, panel.row_of(flagged))
    assert main_window.stack.currentWidget() is legal
    assert legal.tabs.currentWidget() is legal.register_panel
    assert legal.register_panel.current_document().id == register.qd_05.id

    main_window.show_area(strings.AREA_OVERVIEW)
    annual = overview.module_entries(LEGAL)[0]
    panel.itemActivated.emit(panel.row_of(annual))  # Enter on the line
    lists = legal.tabs.currentWidget()
    assert lists.objectName() == "listsPanel"
    assert lists.year.value() == 2025
    assert "Danh mục năm 2025: 3 văn bản" in lists.annual_status.text()


def test_a_point_at_risk_opens_its_criterion(overview, main_window, qtbot):
    panel = overview.module_lists[SCORES]
    (entry,) = overview.module_entries(SCORES)
    assert "có thể mất 1 điểm – Chưa có tài liệu kiểm chứng" in entry.text
    _click(qtbot, panel, panel.row_of(entry))
    scores = main_window.stack.currentWidget()
    assert scores is main_window.area(strings.AREA_SCORES)
    assert (scores.index_key, scores.year) == ("PAR", 2025)
    line = scores.tree_model.line_at(scores.tree.currentIndex())
    assert line.criterion.code == "PAR.1.1.1"


def test_the_start_up_reminder_names_the_other_modules_urgent_work(overview, office, main_window):
    _register, posting = office
    others = overview.reminders.others
    assert others.isVisibleTo(overview)
    text = others.text()
    assert "⚠ <b>Công khai</b> – Quá hạn công khai (10/01/2026)" in text
    assert "<b>Rà soát văn bản</b> – Sắp đến hạn công bố (31/01/2026)" in text
    assert "… và 2 việc khác (xem Tổng quan)" in text
    overview.reminders.open_item(0)
    assert main_window.area(strings.AREA_DISCLOSURE).current_row().id == posting.id

    plan = main_window.show_area(strings.AREA_PLAN)
    plan.today = TODAY
    plan.reload()
    assert plan.reminders.others.isVisibleTo(plan)
    assert "Quá hạn công khai" in plan.reminders.others.text()


def test_a_large_plan_reads_the_other_modules_on_the_worker(office, main_window, qtbot):
    area = main_window.show_area(strings.AREA_OVERVIEW)
    area.today = TODAY
    area.background_above = 10  # the sample plan's 43 tasks count as large here
    area.refresh()
    assert area.figure("all") == 43  # the plan's figures do not wait for the worker
    qtbot.waitUntil(lambda: area.modules_ready, timeout=10000)
    assert [e.status for e in area.module_entries(DISCLOSURE)] == ["Quá hạn công khai"]
    assert len(area.module_entries(LEGAL)) == 3
    assert "Quá hạn công khai" in area.reminders.others.text()


def test_a_long_overdue_list_names_the_first_tasks_and_opens_them_all(
    main_window, qtbot, monkeypatch
):
    import ui.overview

    monkeypatch.setattr(ui.overview, "LIST_ROWS", 2)
    area = main_window.show_area(strings.AREA_OVERVIEW)
    area.today = TODAY
    area.refresh()
    rows = _texts(area.overdue_list)
    assert len(rows) == 3 and rows[0].startswith("I.1 · VP · hạn 31/01/2025")
    assert rows[2] == "… và 41 nhiệm vụ khác: bấm để xem tất cả trong Kế hoạch"
    _click(qtbot, area.overdue_list, area.overdue_list.item(2))
    plan = main_window.stack.currentWidget()
    assert plan is main_window.area(strings.AREA_PLAN)
    assert plan.filters.due.currentText() == "Quá hạn"


def test_without_a_framework_the_scores_panel_says_what_to_do_not_that_all_is_well(
    main_window, services
):
    area = main_window.show_area(strings.AREA_OVERVIEW)
    area.refresh()
    year = area.board.year
    assert not [f for f in services.frameworks.list_frameworks() if f.year == year]
    shown = _texts(area.module_lists[SCORES])
    assert shown == [
        f"Chưa có bộ tiêu chí chỉ số năm {year} nên chưa chấm thử được: vào Chỉ số, "
        "bấm “Nạp bộ tiêu chí mẫu” hoặc nhập phụ lục của tỉnh."
    ]
    services.frameworks.load_template("PAR", year)  # loaded, nothing self-scored at risk
    area.refresh()
    assert _texts(area.module_lists[SCORES]) != shown
    assert "Chưa có bộ tiêu chí" not in " ".join(_texts(area.module_lists[SCORES]))
