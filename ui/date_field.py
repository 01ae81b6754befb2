"""The program's one date box: typed as clerks type it, or picked from a calendar.

Every dialog that takes a date uses this field so "30092025", "30/9/2025", "30-09-25" and
"30/9" (this year) are read by the one parser (``services.text.parse_date``) everywhere, the
hint reads "ngày/tháng/năm", and a day that does not exist ("31/02/2025") is reported in
Vietnamese right under the box, never as Python's English "day is out of range for month".
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLabel, QLineEdit, QVBoxLayout, QWidget

from services.date_input import read_date
from services.errors import Problem
from services.text import DATE_HINT, DateInputError, format_date, parse_date

_INVALID_STYLE = "QLineEdit { border: 1px solid #b91c1c; background: #fff5f5; }"


def _calendar_icon() -> QIcon:
    """A small drawn calendar (no image files, no emoji font needed on office PCs)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#1f4e79"), 1))
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#1f4e79"))
    for row in range(2):
        for col in range(3):
            painter.fillRect(QRect(3 + col * 4, 8 + row * 3, 2, 2), QColor("#1f4e79"))
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """A date box with a calendar button; empty text means "no date".

    ``date()`` is the date typed (None when blank or unreadable), ``problem()`` the Vietnamese
    message when the text cannot be read, ``value(label, problems)`` adds that message to a
    dialog's problem list under the field's label. The message also shows inline, in red,
    in ``message_label`` (placed by ``with_message()``) and in the tooltip.
    """

    dateChanged = Signal(object)

    def __init__(
        self,
        value: date | None = None,
        *,
        object_name: str = "",
        placeholder: str = DATE_HINT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(format_date(value), parent)
        if object_name:
            self.setObjectName(object_name)
        self.setPlaceholderText(placeholder)
        self.setMinimumWidth(130)
        self.message_label = QLabel(self)
        self.message_label.setObjectName(f"{object_name or 'date'}Message")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b91c1c;")
        self.message_label.hide()
        self._calendar_action = QAction(_calendar_icon(), "Chọn ngày trên lịch", self)
        self._calendar_action.setObjectName("calendarButton")
        self._calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self._calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self._popup: QCalendarWidget | None = None
        self.maximum: date | None = None  # e.g. a work date may not be a day to come
        self._last = value
        self.textChanged.connect(self._clear_if_fixed)
        self.editingFinished.connect(self.check)

    # ----- API ------------------------------------------------------------------------------
    def date(self) -> date | None:
        try:
            return parse_date(self.text())
        except DateInputError:
            return None

    def setDate(self, value: date | QDate | None) -> None:  # noqa: N802 - Qt naming, like QDateEdit
        if isinstance(value, QDate):
            value = date(value.year(), value.month(), value.day())
        self.setText(format_date(value))
        self.check()

    set_date = setDate
    date_or_none = date  # for live previews: None while the text is not (yet) a date

    def problem(self) -> str:
        """The Vietnamese message for the text typed, or "" when it is a date or blank."""
        try:
            parse_date(self.text())
        except DateInputError as exc:
            return str(exc)
        return ""

    def value(self, label: str, problems: list[Problem]) -> date | None:
        self.check()
        found = read_date(self.text(), label, problems)
        if found is not None and self.maximum is not None and found > self.maximum:
            problems.append(
                Problem(label, f"{format_date(found)} sau ngày {format_date(self.maximum)}.")
            )
        return found

    def check(self) -> bool:
        """Show or clear the inline message; True when the text is a date or blank."""
        message = self.problem()
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message) and self.message_label.parent() is not self)
        self.setToolTip(message)
        self.setStyleSheet(_INVALID_STYLE if message else "")
        if not message and self.date() != self._last:
            self._last = self.date()
            self.dateChanged.emit(self._last)
        return not message

    def with_message(self) -> QWidget:
        """The field with its inline message under it, for a form row."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self)
        self.message_label.setParent(box)
        layout.addWidget(self.message_label)
        return box

    # ----- calendar -------------------------------------------------------------------------
    def show_calendar(self) -> QCalendarWidget:
        if self._popup is None:
            self._popup = QCalendarWidget(self, objectName="datePopup")
            self._popup.setWindowFlags(Qt.WindowType.Popup)
            self._popup.setGridVisible(True)
            self._popup.clicked.connect(self._picked)
            self._popup.activated.connect(self._picked)
        current = self.date() or date.today()
        if self.maximum is not None:
            self._popup.setMaximumDate(QDate(self.maximum))
        self._popup.setSelectedDate(QDate(current.year, current.month, current.day))
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        return self._popup

    def _picked(self, picked: QDate) -> None:
        self.setDate(date(picked.year(), picked.month(), picked.day()))
        if self._popup is not None:
            self._popup.hide()

    def _clear_if_fixed(self) -> None:
        if self.styleSheet() and not self.problem():
            self.check()
