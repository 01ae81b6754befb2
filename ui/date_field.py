"""The one date box of ParDesk: typed as clerks type dates, or picked on a calendar.

Typing goes through the program's one parser (``services.text.parse_date``): "30092025",
"30/9/2025", "30-09-25" and "30/9" (this year) are all read; a date that does not exist
("31/02/2025") is reported as such, in Vietnamese, next to the box's label. The button at
the right opens a calendar (weeks start on Monday, as in Vietnam). The hint reads
"ngày/tháng/năm". Empty means "no date" unless the form says the date is required.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QStyle, QWidget, QWidgetAction

from services.date_input import read_date
from services.errors import Problem
from services.text import DATE_HINT, DateInputError, format_date, parse_date


class DateField(QLineEdit):
    """A date typed as clerks type it (30092025, 30/9/2025) or chosen on a calendar."""

    def __init__(
        self, value: date | None = None, *, object_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(format_date(value), parent)
        if object_name:
            self.setObjectName(object_name)
        self.setPlaceholderText(DATE_HINT)
        self.setToolTip(
            "Gõ ngày/tháng/năm (ví dụ 30/9/2025, 30092025 hoặc 30/9) hoặc bấm nút lịch."
        )
        self.setMaximumWidth(140)
        self.minimum: date | None = None
        self.maximum: date | None = None
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.calendar_action = QAction(icon, "Chọn ngày trên lịch", self)
        self.calendar_action.setObjectName("calendarButton")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self._tidy)

    # ----- value --------------------------------------------------------------------------
    def set_date(self, value: date | None) -> None:
        self.setText(format_date(value))

    def date_or_none(self) -> date | None:
        """The date typed, None when empty or not a date (for live previews, not saving)."""
        try:
            return parse_date(self.text())
        except DateInputError:
            return None

    def value(self, label: str, problems: list[Problem]) -> date | None:
        """The date for saving: a problem named after ``label`` when it cannot be read or
        falls outside the allowed range."""
        found = read_date(self.text(), label, problems)
        if found is not None and self.maximum is not None and found > self.maximum:
            problems.append(
                Problem(label, f"{format_date(found)} sau ngày {format_date(self.maximum)}.")
            )
        if found is not None and self.minimum is not None and found < self.minimum:
            problems.append(
                Problem(label, f"{format_date(found)} trước ngày {format_date(self.minimum)}.")
            )
        return found

    def _tidy(self) -> None:
        """Show what was understood ("30/9" → "30/09/2025") once the clerk leaves the box."""
        found = self.date_or_none()
        if found is not None:
            self.setText(format_date(found))

    # ----- calendar -----------------------------------------------------------------------
    def open_calendar(self) -> QCalendarWidget:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setObjectName("dateCalendar")
        calendar.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setGridVisible(True)
        if self.minimum is not None:
            calendar.setMinimumDate(QDate(self.minimum))
        if self.maximum is not None:
            calendar.setMaximumDate(QDate(self.maximum))
        shown = self.date_or_none() or date.today()
        calendar.setSelectedDate(QDate(shown))

        def chosen(day: QDate) -> None:
            self.set_date(day.toPython())
            self.editingFinished.emit()
            menu.close()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)
        self.calendar = calendar
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        return calendar
