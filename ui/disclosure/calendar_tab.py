"""Lịch công khai: a month calendar with marked days and the list of what to do on them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.disclosure.score import CalendarItem
from services.disclosure.vocab import CAL_MAY_TAKE_DOWN, CAL_MUST_POST, CAL_OVERDUE
from ui.disclosure.table_models import (
    CALENDAR_COLOURS,
    ROW_ROLE,
    CalendarDayProxy,
    calendar_model,
)
from ui.disclosure.views import make_table

# The most urgent kind colours a day that has several.
_URGENCY = (CAL_OVERDUE, CAL_MUST_POST, CAL_MAY_TAKE_DOWN)


class CalendarTab(QWidget):
    open_disclosure = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarTab")
        self.calendar = QCalendarWidget(objectName="disclosureCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.model = calendar_model(self)
        self.proxy = CalendarDayProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, "calendarTable")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.summary = QLabel(objectName="calendarSummary", wordWrap=True)
        self.unconfirmed = QLabel(objectName="unconfirmedDays", wordWrap=True)
        self.unconfirmed.setStyleSheet("color: #6b3d00;")
        self.unconfirmed.hide()
        self.all_button = QPushButton("Hiện &tất cả các ngày", objectName="showAllDays")
        legend = QLabel(
            "<span style='background:#f8d7da'>&nbsp;Quá hạn&nbsp;</span> "
            "<span style='background:#fff3cd'>&nbsp;Phải công khai&nbsp;</span> "
            "<span style='background:#d4edda'>&nbsp;Có thể gỡ&nbsp;</span>"
        )
        left = QVBoxLayout()
        left.addWidget(self.calendar)
        left.addWidget(legend)
        left.addWidget(self.summary)
        left.addWidget(self.unconfirmed)
        left.addWidget(self.all_button)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addWidget(self.table, 1)
        self._marked: list[QDate] = []
        self.calendar.clicked.connect(self._on_day)
        self.all_button.clicked.connect(lambda: self.proxy.set_day(None))
        self.table.doubleClicked.connect(self._on_open)

    def set_items(self, items: list[CalendarItem], today: date) -> None:
        self.model.set_rows(items)
        self.proxy.set_day(None)
        for day in self._marked:
            self.calendar.setDateTextFormat(day, QTextCharFormat())
        self._marked = []
        by_day: dict[date, set[str]] = {}
        for item in items:
            by_day.setdefault(item.day, set()).add(item.kind)
        for day, kinds in by_day.items():
            kind = next(k for k in _URGENCY if k in kinds)
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(CALENDAR_COLOURS[kind]))
            fmt.setFontWeight(700)
            qdate = QDate(day.year, day.month, day.day)
            self.calendar.setDateTextFormat(qdate, fmt)
            self._marked.append(qdate)
        self.calendar.setSelectedDate(QDate(today.year, today.month, today.day))
        counts = {k: sum(1 for i in items if i.kind == k) for k in _URGENCY}
        self.summary.setText(
            f"Quá hạn: {counts[CAL_OVERDUE]} nơi • Phải công khai: {counts[CAL_MUST_POST]} nơi • "
            f"Có thể gỡ: {counts[CAL_MAY_TAKE_DOWN]} nơi"
        )

    def set_unconfirmed(self, days) -> None:
        """Announced days off not yet decided, shown on the calendar and named below it."""
        for special in days:
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(QColor("#e2e3e5")))
            fmt.setFontItalic(True)
            fmt.setToolTip(special.label)
            qdate = QDate(special.day.year, special.day.month, special.day.day)
            self.calendar.setDateTextFormat(qdate, fmt)
            self._marked.append(qdate)
        self.unconfirmed.setVisible(bool(days))
        self.unconfirmed.setText(
            "⚠ "
            + "; ".join(f"{d.day:%d/%m/%Y} ({d.name})" for d in days)
            + ": chưa xác nhận là ngày nghỉ nên vẫn tính là ngày làm việc. Khi có văn bản cho "
            "nghỉ, vào “Ngày nghỉ lễ…” để xác nhận, hoặc bỏ ngày đó."
            if days
            else ""
        )

    def _on_day(self, qdate: QDate) -> None:
        self.proxy.set_day(date(qdate.year(), qdate.month(), qdate.day()))

    def _on_open(self, index) -> None:
        item: CalendarItem = index.data(ROW_ROLE)
        if item is not None:
            self.open_disclosure.emit(item.disclosure_id)

    def visible_items(self) -> list[CalendarItem]:
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]
