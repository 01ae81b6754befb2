"""The everyday screens fit the laptops wards have: 1024×700, 1366×768 (and 1920×1080).

A clerk on a 1366×768 laptop sees each task's Chủ trì, Thời hạn, Trạng thái and Tiến độ
without scrolling; on a 1024×700 one every area still fits the window, the toolbar shows all
its buttons, the dashboard's year box and tiles are in view, and scrolling the task table to
the right keeps the task's STT and text in view. Sizes are checked by geometry.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QScrollArea,
    QStyle,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeView,
    QWidget,
)

from tests.ui.test_window_fits import AREAS, _every_tab, _hidden_buttons
from ui import strings
from ui.plan.task_table_model import (
    COL_DEADLINE,
    COL_LEAD,
    COL_OUTLINE,
    COL_PARTNERS,
    COL_PERCENT,
    COL_RESULT,
    COL_STATUS,
    COL_TEXT,
)


def _settle(rounds: int = 4) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def _box(widget: QWidget, within: QWidget) -> QRect:
    return QRect(widget.mapTo(within, QPoint(0, 0)), widget.size())


def _section_box(table: QTableView, column: int) -> QRect:
    """Where a column's cells are drawn, in the table's viewport."""
    header = table.horizontalHeader()
    return QRect(header.sectionViewportPosition(column), 0, header.sectionSize(column), 1)


def _plan(main_window, width: int, height: int):
    main_window.resize(width, height)
    plan = main_window.show_area(strings.AREA_PLAN)
    _settle()
    return plan


def test_at_1366_the_columns_a_clerk_follows_are_in_view_without_scrolling(main_window):
    plan = _plan(main_window, 1366, 768)
    table = plan.table
    assert table.horizontalScrollBar().value() == 0
    viewport = table.viewport().rect()
    for column in (COL_OUTLINE, COL_TEXT, COL_LEAD, COL_DEADLINE, COL_STATUS, COL_PERCENT):
        box = _section_box(table, column)
        assert not table.isColumnHidden(column)
        assert box.left() >= 0 and box.right() <= viewport.right(), (
            strings.TASK_COLUMNS[column],
            box.getRect(),
            viewport.width(),
        )
    # The task's text has room for two lines, and the rest is in its tooltip.
    row_height = table.verticalHeader().defaultSectionSize()
    assert row_height >= 2 * table.fontMetrics().lineSpacing()
    index = table.model().index(0, COL_TEXT)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == plan.visible_tasks()[0].text


def test_at_1024_scrolling_right_keeps_stt_and_the_task_text_in_view(main_window, qtbot):
    plan = _plan(main_window, 1024, 700)
    table = plan.table
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0  # the other columns do not all fit: they scroll
    bar.setValue(bar.maximum())
    _settle()
    frozen = table.frozen
    assert frozen.isVisible()
    assert frozen.geometry().left() <= table.viewport().geometry().left()
    assert frozen.width() == table.columnWidth(COL_OUTLINE) + table.columnWidth(COL_TEXT)
    # What the clerk sees at the left edge is still the row's STT and text.
    first = plan.visible_tasks()[0]
    y = frozen.visualRect(frozen.model().index(0, COL_TEXT)).center().y()
    shown = frozen.indexAt(QPoint(table.columnWidth(COL_OUTLINE) + 10, y))
    assert shown.column() == COL_TEXT and shown.data(Qt.ItemDataRole.ToolTipRole) == first.text
    # ...while the last columns have come into view beside them.
    last = table.horizontalHeader().logicalIndex(table.horizontalHeader().count() - 1)
    assert _section_box(table, last).right() <= table.viewport().width() + 1
    # Clicking the frozen text selects that row in the table, which keeps the keyboard.
    qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(120, y))
    assert plan.current_task().id == first.id
    assert table.hasFocus() or not frozen.hasFocus()


def test_the_clerk_hides_columns_from_the_header_menu_and_they_stay_hidden(
    main_window, services, data_folder, qtbot
):
    from ui.plan.plan_area import PlanArea
    from ui.settings import open_settings

    plan = _plan(main_window, 1366, 768)
    menu = plan.table.column_menu()
    actions = {a.text(): a for a in menu.actions() if a.isCheckable()}
    assert not actions["STT"].isEnabled() and not actions["Nội dung"].isEnabled()
    actions["Phối hợp"].setChecked(False)
    actions["Kết quả"].setChecked(False)
    assert plan.table.isColumnHidden(COL_PARTNERS) and plan.table.isColumnHidden(COL_RESULT)
    plan.save_state()
    main_window.settings.sync()

    again = PlanArea(services, open_settings(data_folder))
    qtbot.addWidget(again)
    assert again.table.isColumnHidden(COL_PARTNERS)
    assert again.table.isColumnHidden(COL_RESULT)
    assert not again.table.isColumnHidden(COL_LEAD)
    again.table.show_all_columns()
    assert not again.table.isColumnHidden(COL_PARTNERS)


def test_the_section_tree_folds_to_a_strip_and_gives_its_width_to_the_table(
    main_window, services, data_folder, qtbot
):
    from ui.plan.plan_area import PlanArea
    from ui.settings import open_settings

    plan = _plan(main_window, 1024, 700)
    before = plan.table.width()
    qtbot.mouseClick(plan.tree_pane.fold_button, Qt.MouseButton.LeftButton)
    _settle()
    assert not plan.tree.isVisible()
    assert plan.tree_pane.strip.isVisible()
    assert plan.tree_pane.width() <= 40
    assert plan.table.width() > before + 150
    plan.save_state()
    main_window.settings.sync()
    again = PlanArea(services, open_settings(data_folder))
    qtbot.addWidget(again)
    assert again.tree_pane.is_collapsed()
    qtbot.mouseClick(plan.tree_pane.strip, Qt.MouseButton.LeftButton)
    _settle()
    assert plan.tree.isVisible() and plan.tree_pane.width() >= 150


def test_at_1024_the_plan_toolbar_shows_every_button_and_the_rest_is_in_menus(main_window):
    plan = _plan(main_window, 1024, 700)
    toolbar = plan.toolbar
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()
    frame = main_window.rect()
    for action in toolbar.actions():
        if action.isSeparator():
            continue
        button = toolbar.widgetForAction(action)
        assert button.isVisible(), action.text()
        assert frame.contains(_box(button, main_window)), action.text()
    texts = [a.text() for a in plan.actions_.more_menu.actions() if not a.isSeparator()]
    assert texts == ["Lên", "Xuống", "Mục", "Tạo kế hoạch năm sau..."]


def test_every_area_fits_a_1024_by_700_window(main_window):
    """No area or tab pushes the window wider than 1024, and every button lies inside it
    (inside a scroll area: the scroll area itself fits)."""
    too_wide, hidden = [], []
    for name in AREAS:
        area = main_window.show_area(name)
        for title, page in _every_tab(area):
            _settle(2)
            where = f"{name}/{title}" if title else name
            minimum = max(main_window.minimumSizeHint().width(), main_window.minimumWidth())
            if minimum > 1024:
                too_wide.append(f"{where}: {minimum}")
            main_window.resize(1024, 700)
            _settle(2)
            hidden += [f"{where}: {b}" for b in _hidden_buttons(main_window, page)]
    assert not too_wide, too_wide
    assert main_window.width() == 1024
    assert not hidden, hidden


def test_the_dashboard_at_1024_shows_the_year_box_and_every_tile(main_window):
    main_window.resize(1024, 700)
    overview = main_window.show_area(strings.AREA_OVERVIEW)
    _settle(6)
    scroll = overview.findChild(QScrollArea, "overviewScroll")
    assert not scroll.horizontalScrollBar().isVisible()
    viewport = scroll.viewport()
    for widget in (overview.year_box, *overview.tile_buttons.values()):
        box = _box(widget, viewport)
        assert viewport.rect().contains(box), (widget.objectName(), box.getRect())
        text = widget.text() if hasattr(widget, "text") else ""
        for line in text.split("\n"):
            assert widget.fontMetrics().horizontalAdvance(line) <= widget.width(), line
    week = overview.tile_buttons["week"]
    assert "Đến hạn 7 ngày" in week.text()
    # On a wide screen the tiles are one row again.
    main_window.resize(1920, 1080)
    _settle(6)
    tops = {b.mapTo(overview, QPoint(0, 0)).y() for b in overview.tile_buttons.values()}
    assert len(tops) == 1


def test_the_legal_register_and_the_disclosure_plan_keep_their_text_columns_in_view(
    main_window,
):
    main_window.resize(1024, 700)
    legal = main_window.show_area(strings.AREA_LEGAL)
    _settle()
    table = legal.register_panel.table
    header = table.horizontalHeader()
    names = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in table.frozen_columns()]
    assert names == ["Số, ký hiệu", "Trích yếu"]
    assert header.sectionSize(table.frozen_columns()[1]) >= 240
    assert table.frozen.width() < table.viewport().width() // 2 + 100

    disclosure = main_window.show_area(strings.AREA_DISCLOSURE)
    _settle()
    table = disclosure.table
    names = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in table.frozen_columns()]
    assert names == ["Mã", "Kỳ", "Nội dung công khai"]


def _in_view(table: QTableView, titles: list[str]) -> list[str]:
    """The titles among ``titles`` whose column is not wholly in view, scrolled to the left."""
    model, viewport = table.model(), table.viewport().rect()
    table.horizontalScrollBar().setValue(0)
    out = []
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        if title in titles:
            box = _section_box(table, column)
            if table.isColumnHidden(column) or box.right() > viewport.right():
                out.append(title)
    return out


def test_at_1024_each_register_shows_what_is_checked_daily_without_scrolling(main_window):
    main_window.resize(1024, 700)
    legal = main_window.show_area(strings.AREA_LEGAL)
    _settle()
    wanted = ["Số, ký hiệu", "Trích yếu", "Ban hành", "Hiệu lực từ", "Tình trạng hiệu lực"]
    assert _in_view(legal.register_panel.table, wanted) == []
    disclosure = main_window.show_area(strings.AREA_DISCLOSURE)
    _settle()
    wanted = ["Mã", "Kỳ", "Nội dung công khai", "Tình trạng", "Hạn công khai"]
    assert _in_view(disclosure.table, wanted) == []


def _header_problems(view: QAbstractItemView) -> list[str]:
    """Header titles Qt would cut short: text, margins and (on the sorted one) the arrow."""
    header: QHeaderView = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    if header.isHidden() or view.model() is None:
        return []
    if int(header.defaultAlignment()) & int(Qt.TextFlag.TextWordWrap):
        return []  # long official titles wrap in a taller header
    style, metrics = header.style(), header.fontMetrics()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
    out = []
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        need = metrics.horizontalAdvance(title) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            need += arrow
        if header.sectionSize(column) < need:
            out.append(f"{view.objectName()}: {title!r} {header.sectionSize(column)} < {need}")
    return out


def test_empty_tables_keep_readable_headers(qtbot, empty_services, data_folder):
    """On a new office's empty data every table of every area still names its columns."""
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    window = MainWindow(empty_services, open_settings(data_folder), data_folder)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    problems, seen = [], 0
    for name in AREAS:
        area = window.show_area(name)
        _settle(2)
        tabs_list = [area, *area.findChildren(QTabWidget)]
        for tabs in tabs_list:
            count = tabs.count() if isinstance(tabs, QTabWidget) else 1
            for i in range(count):
                if isinstance(tabs, QTabWidget):
                    if hasattr(area, "show_tab") and tabs.parent() is area:
                        area.show_tab(tabs.tabText(i))
                    tabs.setCurrentIndex(i)
                    _settle(2)
                for view in area.findChildren(QAbstractItemView):
                    if not isinstance(view, (QTableView, QTreeView)) or not view.isVisible():
                        continue
                    if view.objectName().endswith("Frozen"):
                        continue  # the frozen part shows the table's own header titles
                    seen += 1
                    problems += [f"{name}: {p}" for p in _header_problems(view)]
    assert seen >= 10
    assert not problems, sorted(set(problems))


def test_columns_hidden_in_the_legal_and_disclosure_tables_are_remembered(
    main_window, services, data_folder, qtbot
):
    from ui.disclosure.disclosure_area import DisclosureArea
    from ui.legal.legal_area import LegalArea
    from ui.settings import open_settings

    def hide(table, title: str) -> None:
        action = next(a for a in table.column_menu().actions() if a.text() == title)
        action.setChecked(False)

    def hidden(table) -> set[str]:
        model = table.model()
        return {
            model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(model.columnCount())
            if table.isColumnHidden(c)
        }

    legal = main_window.show_area(strings.AREA_LEGAL)
    hide(legal.register_panel.table, "Lĩnh vực")
    disclosure = main_window.show_area(strings.AREA_DISCLOSURE)
    hide(disclosure.table, "Nhóm")
    main_window.settings.sync()

    settings = open_settings(data_folder)
    again_legal = LegalArea(services, settings)
    again_disclosure = DisclosureArea(services, settings)
    qtbot.addWidget(again_legal)
    qtbot.addWidget(again_disclosure)
    assert hidden(again_legal.register_panel.table) == {"Lĩnh vực"}
    assert hidden(again_disclosure.table) == {"Nhóm"}


def test_a_layout_saved_on_a_wide_screen_still_fits_a_small_one(
    main_window, services, data_folder, qtbot
):
    """The text column filled a 1920 screen; reopened on a 1024 laptop it is narrow again."""
    from ui.plan.plan_area import PlanArea
    from ui.settings import open_settings

    plan = _plan(main_window, 1920, 1080)
    assert plan.table.columnWidth(COL_TEXT) > 600  # the text reads on long lines
    plan.save_state()
    main_window.settings.sync()
    again = PlanArea(services, open_settings(data_folder))
    qtbot.addWidget(again)
    again.resize(880, 600)
    again.show()
    qtbot.waitExposed(again)
    _settle()
    assert again.table.columnWidth(COL_TEXT) == 300
    assert again.table.frozen.width() < again.table.viewport().width() - 100


def test_the_frozen_part_sorts_and_opens_the_task_menu_like_the_table(main_window, qtbot):
    plan = _plan(main_window, 1024, 700)
    table, frozen = plan.table, plan.table.frozen
    header = frozen.horizontalHeader()
    x = header.sectionViewportPosition(COL_TEXT) + 20
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert table.horizontalHeader().sortIndicatorSection() == COL_TEXT
    texts = [t.text.casefold() for t in plan.visible_tasks()]
    assert texts == sorted(texts)
    assert header.sortIndicatorSection() == COL_TEXT
    y = frozen.visualRect(frozen.model().index(2, COL_TEXT)).center().y()
    frozen.customContextMenuRequested.emit(QPoint(100, y))
    menu = plan.actions_.task_menu
    assert menu.isVisible()
    assert plan.current_task().id == plan.visible_tasks()[2].id
    menu.close()
