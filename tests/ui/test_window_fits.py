"""Every area and every sub-tab fits the wards' 1366×768 laptops.

A clerk walks through the whole program on a 1366×768 screen: no area may push the main
window's minimum width past 1280 px (what is left once the taskbar and window frame are
counted), and every button of every area must lie inside the window, so nothing is reachable
only by maximising on a bigger screen. Status messages live in the status bar or in a message
bar above the content, never in a row of buttons where a long sentence widens the row.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QTabWidget,
    QWidget,
)

from ui import strings

AREAS = (
    strings.AREA_OVERVIEW,
    strings.AREA_PLAN,
    strings.AREA_SCORES,
    strings.AREA_LEGAL,
    strings.AREA_DISCLOSURE,
    strings.AREA_REPORTS,
    strings.AREA_SETTINGS,
)
MAX_MINIMUM_WIDTH = 1280


def _every_tab(area: QWidget):
    """Yield (label, widget shown) for the area and each of its (nested) sub-tabs."""
    yield "", area
    seen: set[int] = set()
    pending = [t for t in area.findChildren(QTabWidget)]
    while pending:
        tabs = pending.pop(0)
        if id(tabs) in seen:
            continue
        seen.add(id(tabs))
        for i in range(tabs.count()):
            title = tabs.tabText(i)
            if hasattr(area, "show_tab") and tabs.parent() is area:
                area.show_tab(title)  # lazily built tabs are built here
            tabs.setCurrentIndex(i)
            QApplication.processEvents()
            page = tabs.widget(i)
            yield title, page
            pending += [t for t in page.findChildren(QTabWidget) if id(t) not in seen]


def _hidden_buttons(window: QWidget, page: QWidget) -> list[str]:
    frame = window.rect()
    out = []
    for button in page.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or not button.isVisible():
            continue
        if button.window() is not window:
            continue
        # Inside a scroll area a button is reached by scrolling: the area itself must fit.
        shown: QWidget = _scroll_area(button, window) or button
        box = QRect(shown.mapTo(window, QPoint(0, 0)), shown.size())
        if not frame.contains(box):
            out.append(f"{button.text() or button.objectName()} {box.getRect()}")
    return out


def _scroll_area(widget: QWidget, window: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def test_every_area_and_tab_fits_a_1366_by_768_screen(main_window, qtbot):
    main_window.resize(1366, 768)
    QApplication.processEvents()
    wide, hidden = [], []
    for name in AREAS:
        area = main_window.show_area(name)
        for title, page in _every_tab(area):
            QApplication.processEvents()
            where = f"{name}/{title}" if title else name
            width = main_window.minimumSizeHint().width()
            minimum = max(width, main_window.minimumWidth())
            if minimum > MAX_MINIMUM_WIDTH:
                wide.append(f"{where}: {minimum}")
            main_window.resize(1366, 768)
            QApplication.processEvents()
            hidden += [f"{where}: {b}" for b in _hidden_buttons(main_window, page)]
    print("\n".join(wide + hidden))
    assert not wide, wide
    assert main_window.width() <= 1366
    assert not hidden, hidden


def test_a_long_status_message_does_not_widen_the_window(main_window):
    """The message after saving names a whole path; it wraps on its line, the window stays."""
    long_path = "Đã ghi " + "/".join(["Thư mục báo cáo công khai của phường"] * 8) + ".xlsx"
    labels = [
        main_window.show_area(strings.AREA_DISCLOSURE).notice,
        main_window.show_area(strings.AREA_SCORES).notice,
        main_window.show_area(strings.AREA_LEGAL).register_panel.message,
    ]
    for label in labels:
        label.setText(long_path)
        label.show()
        QApplication.processEvents()
        assert main_window.minimumSizeHint().width() <= MAX_MINIMUM_WIDTH, label.objectName()
