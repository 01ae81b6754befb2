"""Tổng quan: the Vice-Chairman sees what is late, and every figure opens those tasks."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from services.plan.progress import ProgressDraft
from ui import strings
from ui.plan.task_table_model import TASK_ROLE

TODAY = date(2025, 12, 26)


@pytest.fixture
def overview(main_window):
    main_window.area(strings.AREA_PLAN).today = TODAY
    main_window.area(strings.AREA_PLAN).reload()
    area = main_window.show_area(strings.AREA_OVERVIEW)
    area.today = TODAY
    area.refresh()
    return area


def test_counts_lists_and_reminders_come_from_the_plan(overview):
    assert overview.figure("all") == 43
    assert overview.figure("not_started") == 43
    assert overview.figure("overdue") == 4
    assert overview.figure("week") == 39
    assert overview.overdue_list.count() == 4
    assert overview.overdue_list.item(0).text().startswith("I.1 · VP · hạn 31/01/2025")
    assert "4 nhiệm vụ QUÁ HẠN" in overview.reminders.text.text()
    units = {bar.label: bar for bar in overview.unit_chart.bars()}
    assert units["Văn phòng"].count == 20 and units["Văn phòng"].overdue == 3
    assert "Các nhà trường" in units and "TRUONG" not in units  # names, not codes


def test_clicking_the_overdue_tile_opens_exactly_the_overdue_tasks(overview, main_window, qtbot):
    qtbot.mouseClick(overview.tile_buttons["overdue"], Qt.MouseButton.LeftButton)
    plan = main_window.stack.currentWidget()
    assert plan is main_window.area(strings.AREA_PLAN)
    assert plan.filters.due.currentText() == "Quá hạn"
    assert {t.outline for t in plan.visible_tasks()} == {"I.1", "IV.1.a", "II.1 (4)", "II.3 (1)"}


def test_a_card_opens_the_plan_visibly_filtered_and_bo_loc_shows_it_all(
    overview, main_window, qtbot
):
    """Even when nearly every task is overdue the plan says it is filtered, and by what."""
    qtbot.mouseClick(overview.tile_buttons["overdue"], Qt.MouseButton.LeftButton)
    plan = main_window.area(strings.AREA_PLAN)
    assert plan.filters.active.text() == "Đang lọc: Quá hạn"
    assert "Thời hạn “Quá hạn”" in plan.filters.active.toolTip()
    assert plan.filters.due.styleSheet() and not plan.filters.unit.styleSheet()
    assert plan.filters.clear_button.isEnabled()
    assert plan.count_label.text().startswith(f"{plan.proxy.rowCount()}/")
    plan.search.setText("ky so")
    assert "tìm “ky so”" in plan.filters.active.text()
    qtbot.mouseClick(plan.filters.clear_button, Qt.MouseButton.LeftButton)
    assert plan.filters.active.text() == ""
    assert plan.search.text() == ""
    assert not plan.filters.clear_button.isEnabled()
    assert plan.proxy.rowCount() == plan.task_model.rowCount()


def test_clicking_a_unit_bar_opens_that_units_tasks(overview, main_window, qtbot):
    bars = overview.unit_chart.bars()
    row = next(i for i, b in enumerate(bars) if b.label == "Tư pháp")
    overview.unit_chart.resize(600, 400)
    qtbot.mouseClick(
        overview.unit_chart,
        Qt.MouseButton.LeftButton,
        pos=overview.unit_chart.bar_rect(row).center(),
    )
    plan = main_window.area(strings.AREA_PLAN)
    assert plan.filters.unit.currentText().startswith("TP")
    visible = plan.visible_tasks()
    assert len(visible) == bars[row].count and all(t.lead_code == "TP" for t in visible)
    assert plan.count_label.text().endswith("(bộ phận chủ trì)")


def test_a_section_bar_and_a_list_row_open_their_tasks(overview, main_window, qtbot):
    overview.section_chart.setFocus()
    qtbot.keyClick(overview.section_chart, Qt.Key.Key_Down)
    qtbot.keyClick(overview.section_chart, Qt.Key.Key_Down)
    qtbot.keyClick(overview.section_chart, Qt.Key.Key_Return)
    plan = main_window.area(strings.AREA_PLAN)
    assert plan.tree.currentIndex().data().startswith("II. CHỈ SỐ CẢI CÁCH")
    assert all(t.outline.startswith("II.") for t in plan.visible_tasks())
    main_window.show_area(strings.AREA_OVERVIEW)
    item = overview.overdue_list.item(2)
    overview.overdue_list.itemActivated.emit(item)
    assert [t.outline for t in plan.visible_tasks()] == ["II.1 (4)"]
    assert plan.current_task().outline == "II.1 (4)"


def test_recorded_progress_changes_the_dashboard(overview, main_window):
    plan = main_window.show_area(strings.AREA_PLAN)
    task = next(t for t in plan.task_model.tasks() if t.outline == "II.1 (4)")
    plan.editor.record_progress(task, ProgressDraft(date(2025, 6, 20), 100, "done", "Đã ban hành"))
    main_window.show_area(strings.AREA_OVERVIEW)
    assert overview.figure("done") == 1 and overview.figure("overdue") == 3
    tp = next(b for b in overview.unit_chart.bars() if b.label == "Tư pháp")
    assert tp.percent == pytest.approx(100 / 8) and tp.overdue == 0


def test_bars_are_coloured_by_how_many_tasks_are_late_not_all_red(qtbot):
    from services.plan.dashboard import Bar
    from ui.dashboard.bar_chart import DONE, LATE, WATCH, BarChart

    chart = BarChart("chart")
    qtbot.addWidget(chart)
    chart.set_bars(
        [
            Bar(1, "Văn phòng", 62.0, 8, 1),  # one late task in eight: amber
            Bar(2, "Tư pháp", 40.0, 4, 2),  # half late: red
            Bar(3, "Trường học", 90.0, 5, 0),  # none late: green
        ]
    )
    chart.resize(700, 120)
    chart.show()
    image = chart.grab().toImage()
    colours = [
        image.pixelColor(chart.bar_rect(r).left() + 3, chart.bar_rect(r).center().y())
        for r in range(3)
    ]
    assert [c.name() for c in colours] == [WATCH.name(), LATE.name(), DONE.name()]


def test_every_card_opens_the_plan_showing_as_many_tasks_as_it_says(overview, main_window, qtbot):
    for key, button in overview.tile_buttons.items():
        main_window.show_area(strings.AREA_OVERVIEW)
        said = overview.figure(key)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        plan = main_window.area(strings.AREA_PLAN)
        shown = plan.proxy.rowCount()
        if key == "all":  # the card counts tasks to follow up; the table also shows text lines
            shown = sum(
                1 for r in range(shown) if plan.proxy.index(r, 1).data(TASK_ROLE).actionable
            )
        assert shown == said, (key, shown, said)


def test_the_plan_and_the_dashboard_count_the_same_nhiem_vu(overview, main_window):
    said = overview.figure("all")
    plan = main_window.show_area(strings.AREA_PLAN)
    plan.search.clear()
    assert f"/{said} nhiệm vụ cần theo dõi" in plan.count_label.text()
    assert overview.summary.text().endswith(f"{said} nhiệm vụ cần thực hiện")
