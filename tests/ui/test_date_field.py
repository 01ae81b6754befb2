"""The one date box: dates typed as clerks type them, or picked on its calendar."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from services.errors import Problem
from ui.date_field import DateField


def _read(field: DateField, text: str):
    field.setText(text)
    problems: list[Problem] = []
    return field.value("Ngày ký", problems), [str(p) for p in problems]


def test_typed_dates_are_read_and_impossible_ones_named(qtbot):
    field = DateField(object_name="signedOn")
    qtbot.addWidget(field)
    assert field.placeholderText() == "ngày/tháng/năm"
    this_year = date.today().year
    for text, expected in (
        ("30092025", date(2025, 9, 30)),
        ("30/9/2025", date(2025, 9, 30)),
        ("30-09-25", date(2025, 9, 30)),
        ("30/9", date(this_year, 9, 30)),
    ):
        assert _read(field, text) == (expected, [])
    assert _read(field, "31/02/2025") == (None, ["Ngày ký: Không có ngày 31/02/2025."])
    value, problems = _read(field, "abc")
    assert value is None and problems[0].startswith("Ngày ký: “abc” không phải một ngày")
    assert _read(field, "") == (None, [])
    # Leaving a box with an impossible date marks it and says why, in Vietnamese.
    field.setText("31/02/2025")
    field.editingFinished.emit()
    assert field.toolTip() == "Không có ngày 31/02/2025."


def test_the_calendar_button_picks_a_day_within_the_allowed_range(qtbot):
    field = DateField(date(2025, 9, 30), object_name="postedOn")
    qtbot.addWidget(field)
    field.maximum = date(2025, 12, 31)
    assert "calendarButton" in [a.objectName() for a in field.actions()]
    calendar = field.show_calendar()
    assert calendar.selectedDate() == QDate(2025, 9, 30)
    assert calendar.maximumDate() == QDate(2025, 12, 31)
    calendar.clicked.emit(QDate(2025, 10, 2))
    assert field.text() == "02/10/2025"
    assert _read(field, "05/01/2026") == (
        date(2026, 1, 5),
        ["Ngày ký: 05/01/2026 sau ngày 31/12/2025."],
    )
