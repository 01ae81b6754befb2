"""Working-day arithmetic for legal deadlines: weekends, public holidays, swapped days.

Pure functions over a ``WorkCalendar`` (no database): the holiday table is data, shipped per
year in ``resources/holidays/<year>.yaml`` and editable per year in the database, because
the Government moves days each year (nghỉ bù, hoán đổi ngày làm việc) by notice.

Counting follows the Civil Code 2015: a period counted in days starts on the day *after* the
triggering event (Đ147), and when the last day of a calendar-day period is a day off, the
period ends on the next working day (Đ148). "Ngày làm việc" skips Saturdays, Sundays and
days off, but counts a Saturday or Sunday the Government declared a working day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from resources import resource_path
from services.errors import Problem, ValidationError
from services.text import nfc

HOLIDAY_FOLDER = resource_path("holidays")
DAY_OFF = "off"
WORKING_DAY = "work"
DAY_KINDS = {DAY_OFF: "Ngày nghỉ", WORKING_DAY: "Ngày làm bù"}


@dataclass(frozen=True)
class SpecialDay:
    """A date that differs from the usual week: a day off, or a weekend day worked."""

    day: date
    name: str
    kind: str = DAY_OFF
    # An announced day not yet decided (a proposal, a draft decree): shown, not counted,
    # until the clerk confirms it, so no deadline is pushed back by a day that may not come.
    confirmed: bool = True

    @property
    def label(self) -> str:
        return self.name if self.confirmed else f"{self.name} (chưa xác nhận)"


@dataclass(frozen=True)
class WorkCalendar:
    """Days off and weekend working days of any number of years."""

    days_off: frozenset[date] = frozenset()
    working_weekend_days: frozenset[date] = frozenset()
    names: dict[date, str] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, days: Iterable[SpecialDay]) -> WorkCalendar:
        days = list(days)
        return cls(
            days_off=frozenset(d.day for d in days if d.kind == DAY_OFF and d.confirmed),
            working_weekend_days=frozenset(
                d.day for d in days if d.kind == WORKING_DAY and d.confirmed
            ),
            names={d.day: d.label for d in days},
        )

    def is_working_day(self, day: date) -> bool:
        if day in self.working_weekend_days:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def name_of(self, day: date) -> str:
        return self.names.get(day, "")


def add_working_days(start: date, count: int, calendar: WorkCalendar) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself is never counted).

    "Không quá 05 ngày làm việc kể từ ngày ban hành": issued on Friday 24/01/2025, just
    before Tết, the fifth working day is Friday 07/02/2025.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    left = count
    while left:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            left -= 1
    return day


def add_calendar_days(start: date, count: int, calendar: WorkCalendar) -> date:
    """``start`` + ``count`` days, moved to the next working day if that is a day off (Đ148)."""
    day = start + timedelta(days=count)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def working_days_between(first: date, last: date, calendar: WorkCalendar) -> int:
    """Working days in the span (first, last]: how many working days a posting stayed up."""
    count = 0
    day = first
    while day < last:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            count += 1
    return count


# ----- the shipped tables -------------------------------------------------------------------
def shipped_years() -> list[int]:
    return sorted(int(p.stem) for p in HOLIDAY_FOLDER.glob("*.yaml") if p.stem.isdigit())


def read_holiday_file(path: Path) -> list[SpecialDay]:
    """Parse one year file; every problem is reported with the entry it concerns."""
    import yaml

    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return parse_holiday_data(data, where=path.name)


def parse_holiday_data(data: dict, *, where: str = "") -> list[SpecialDay]:
    year = data.get("year")
    days: list[SpecialDay] = []
    problems: list[Problem] = []
    for key, kind in (("days_off", DAY_OFF), ("working_days", WORKING_DAY)):
        for number, entry in enumerate(data.get(key) or [], start=1):
            place = f"{where} {key} mục {number}".strip()
            try:
                day = _as_date(entry.get("date"))
            except (TypeError, ValueError, AttributeError):
                problems.append(Problem(place, "ngày không hợp lệ (cần dạng YYYY-MM-DD)."))
                continue
            if year is not None and day.year != year:
                problems.append(Problem(place, f"ngày {day:%d/%m/%Y} không thuộc năm {year}."))
                continue
            confirmed = bool(entry.get("confirmed", True))
            days.append(SpecialDay(day, nfc(entry.get("name")) or DAY_KINDS[kind], kind, confirmed))
    problems.extend(validate_special_days(days))
    if problems:
        raise ValidationError(problems)
    return days


def validate_special_days(days: Iterable[SpecialDay]) -> list[Problem]:
    """Each day listed once; a working day must be a weekend day, a day off a weekday or not."""
    problems: list[Problem] = []
    seen: set[date] = set()
    for d in days:
        where = f"Ngày {d.day:%d/%m/%Y}"
        if d.kind not in DAY_KINDS:
            problems.append(Problem(where, f"loại “{d.kind}” không hợp lệ."))
        if d.day in seen:
            problems.append(Problem(where, "được khai hai lần."))
        seen.add(d.day)
        if d.kind == WORKING_DAY and d.day.weekday() < 5:
            problems.append(
                Problem(where, "ngày làm bù phải là thứ Bảy hoặc Chủ nhật (ngày thường vẫn làm).")
            )
    return problems


def shipped_days(year: int) -> list[SpecialDay]:
    """The table shipped for ``year``; [] for a year with no file (only weekends count)."""
    return list(_shipped(year))


@lru_cache(maxsize=16)
def _shipped(year: int) -> tuple[SpecialDay, ...]:
    # The files never change while the program runs; parsing YAML on every re-judging of the
    # year would dominate the time the Công khai area takes to refresh.
    path = HOLIDAY_FOLDER / f"{year}.yaml"
    return tuple(read_holiday_file(path)) if path.exists() else ()


def _as_date(value: object) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
