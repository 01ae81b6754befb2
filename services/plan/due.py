"""When things are due: recurring periods of a plan year, and overdue / due-soon windows.

Pure functions over dates, shared by the task table, the dashboard, Excel and the CLI so that
"quá hạn" means the same thing everywhere.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

CLOSED_STATUSES = frozenset({"done", "cancelled"})
SOON_DAYS = 7

# Due windows offered as filters, with their Vietnamese labels.
DUE_WINDOWS: dict[str, str] = {
    "overdue": "Quá hạn",
    "week": "Trong 7 ngày",
    "month": "Trong tháng",
    "no_deadline": "Chưa có thời hạn",
}

# What the table and dashboard say about a task's timing.
DUE_STATES: dict[str, str] = {
    "overdue": "Quá hạn",
    "at_risk": "Có nguy cơ chậm",
    "ok": "Đúng tiến độ",
    "none": "Chưa có thời hạn",
    "closed": "Đã kết thúc",
}

_PERIODS_PER_YEAR = {"monthly": 12, "quarterly": 4, "semiannual": 2, "yearly": 1}


@dataclass(frozen=True)
class Period:
    """One report period of a recurring task; ``index`` is 1-based within the plan year."""

    index: int
    label: str
    start: date
    deadline: date


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def periods(recurrence: str, year: int) -> list[Period]:
    """The occurrences of a recurring task in a plan year (none for a one-off task)."""
    count = _PERIODS_PER_YEAR.get(recurrence, 0)
    months = 12 // count if count else 0
    result = []
    for i in range(1, count + 1):
        first, last = (i - 1) * months + 1, i * months
        if recurrence == "monthly":
            label = f"Tháng {i}/{year}"
        elif recurrence == "quarterly":
            label = f"Quý {_ROMAN[i]}/{year}"
        elif recurrence == "semiannual":
            label = f"{'6 tháng đầu năm' if i == 1 else '6 tháng cuối năm'} {year}"
        else:
            label = f"Năm {year}"
        result.append(Period(i, label, date(year, first, 1), _month_end(year, last)))
    return result


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def is_open(actionable: bool, status: str) -> bool:
    return actionable and status not in CLOSED_STATUSES


def due_state(
    *,
    actionable: bool,
    status: str,
    percent: int,
    start_on: date | None,
    due: date | None,
    today: date,
) -> str:
    """overdue | at_risk | ok | none | closed.

    At risk: due within 7 days, or four fifths of the time gone with less than half done.
    """
    if not is_open(actionable, status):
        return "closed"
    if due is None:
        return "none"
    if due < today:
        return "overdue"
    if due <= today + timedelta(days=SOON_DAYS):
        return "at_risk"
    if start_on and start_on < due:
        elapsed = (today - start_on).days / (due - start_on).days
        if elapsed >= 0.8 and percent < 50:
            return "at_risk"
    return "ok"


def in_window(window: str, *, open_: bool, due: date | None, today: date) -> bool:
    """Whether an open task falls in a due window (closed tasks are in none)."""
    if not open_:
        return False
    if window == "no_deadline":
        return due is None
    if due is None:
        return False
    if window == "overdue":
        return due < today
    if window == "week":
        return today <= due <= today + timedelta(days=SOON_DAYS)
    if window == "month":
        return today <= due <= _month_end(today.year, today.month)
    return True


def shift_year(value: date | None, years: int = 1) -> date | None:
    """The same day in another year; 29 February becomes 28 February."""
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)
