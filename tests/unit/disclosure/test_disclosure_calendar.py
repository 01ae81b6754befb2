"""Working-day arithmetic across weekends, Tết and a holiday moved by decree."""

from __future__ import annotations

from datetime import date

import pytest

from services.disclosure.calendar import (
    DAY_OFF,
    WORKING_DAY,
    SpecialDay,
    WorkCalendar,
    add_calendar_days,
    add_working_days,
    parse_holiday_data,
    shipped_days,
    shipped_years,
    working_days_between,
)
from services.errors import ValidationError


@pytest.fixture(scope="module")
def vn() -> WorkCalendar:
    return WorkCalendar.of(d for y in shipped_years() for d in shipped_days(y))


def test_tables_are_shipped_for_2024_to_2027():
    assert {2024, 2025, 2026, 2027} <= set(shipped_years())


@pytest.mark.parametrize(
    ("year", "first_day_of_tet"),
    [
        (2024, date(2024, 2, 10)),
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
    ],
)
def test_lunar_new_year_is_a_day_off_every_year(vn, year, first_day_of_tet):
    assert not vn.is_working_day(first_day_of_tet)
    assert "mùng 1" in vn.name_of(first_day_of_tet)
    names = [d.name for d in shipped_days(year)]
    for holiday in ("Tết Dương lịch", "Giỗ Tổ Hùng Vương", "30/4", "1/5", "Quốc khánh 2/9"):
        assert any(holiday in n for n in names), (year, holiday)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # Thursday + 5 working days skips one weekend.
        (date(2025, 3, 6), 5, date(2025, 3, 13)),
        # Issued on a Saturday: counting starts on Monday.
        (date(2025, 3, 8), 1, date(2025, 3, 10)),
        # Friday before Tết Ất Tỵ: 27–31/01 off, then a weekend.
        (date(2025, 1, 24), 5, date(2025, 2, 7)),
        # Giỗ Tổ 07/04/2025 (Monday) is skipped.
        (date(2025, 4, 4), 1, date(2025, 4, 8)),
        # Saturday 26/04/2025 is a working day, Friday 02/05/2025 a day off.
        (date(2025, 4, 25), 1, date(2025, 4, 26)),
        (date(2025, 4, 29), 1, date(2025, 5, 5)),
        # Tết Bính Ngọ 2026: 16–20/02 off.
        (date(2026, 2, 13), 3, date(2026, 2, 25)),
        # Zero days: the day itself.
        (date(2026, 2, 17), 0, date(2026, 2, 17)),
    ],
)
def test_add_working_days(vn, start, count, expected):
    assert add_working_days(start, count, vn) == expected


def test_calendar_day_period_ending_on_a_day_off_moves_to_the_next_working_day(vn):
    # 30 days after 18/01/2026 is Tuesday 17/02/2026, the first day of Tết: ends Monday 23/02.
    assert add_calendar_days(date(2026, 1, 18), 30, vn) == date(2026, 2, 23)
    # An ordinary end day stays as it is.
    assert add_calendar_days(date(2026, 3, 2), 10, vn) == date(2026, 3, 12)


def test_a_holiday_moved_by_decree_changes_the_arithmetic():
    # The shipped 2026 table: Monday 31/08 off, Saturday 22/08 worked instead.
    shipped = WorkCalendar.of(shipped_days(2026))
    assert shipped.is_working_day(date(2026, 8, 22))
    assert add_working_days(date(2026, 8, 28), 1, shipped) == date(2026, 9, 3)
    # A decree moves the day off to Thursday 03/09 and cancels the Saturday swap.
    moved = WorkCalendar.of(
        [d for d in shipped_days(2026) if d.day not in (date(2026, 8, 31), date(2026, 8, 22))]
        + [SpecialDay(date(2026, 9, 3), "Quốc khánh (ngày liền kề)", DAY_OFF)]
    )
    assert not moved.is_working_day(date(2026, 8, 22))
    assert add_working_days(date(2026, 8, 28), 1, moved) == date(2026, 8, 31)
    assert add_working_days(date(2026, 8, 28), 2, moved) == date(2026, 9, 4)


def test_working_days_between_counts_the_span_after_the_first_day(vn):
    # Posted Friday 06/02/2026, taken down Monday 23/02/2026: Tết in between.
    assert working_days_between(date(2026, 2, 6), date(2026, 2, 23), vn) == 6
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2), vn) == 0


def test_negative_count_is_refused(vn):
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), -1, vn)


def test_bad_holiday_data_is_reported_in_vietnamese_with_the_entry():
    data = {
        "year": 2026,
        "days_off": [
            {"date": "2026-13-01", "name": "sai"},
            {"date": "2025-05-01", "name": "nhầm năm"},
            {"date": "2026-05-01", "name": "1/5"},
            {"date": "2026-05-01", "name": "lặp"},
        ],
        "working_days": [{"date": "2026-05-04", "name": "thứ Hai"}],
    }
    with pytest.raises(ValidationError) as caught:
        parse_holiday_data(data, where="2026.yaml")
    text = str(caught.value)
    assert "2026.yaml days_off mục 1: ngày không hợp lệ" in text
    assert "không thuộc năm 2026" in text
    assert "Ngày 01/05/2026: được khai hai lần." in text
    assert "Ngày 04/05/2026: ngày làm bù phải là thứ Bảy hoặc Chủ nhật" in text


def test_working_day_kind_constants():
    assert WorkCalendar.of([SpecialDay(date(2026, 1, 3), "x", WORKING_DAY)]).is_working_day(
        date(2026, 1, 3)
    )


def test_new_year_2026_friday_off_and_saturday_10_worked_as_the_government_office_decided(vn):
    # Công văn 12729/VPCP-KGVX (25/12/2025): 01–04/01 off, Friday 02/01 swapped, 10/01 worked.
    assert not vn.is_working_day(date(2026, 1, 2))
    assert vn.is_working_day(date(2026, 1, 10))
    # A posting decided on Wednesday 31/12/2025 with 05 working days: 05, 06, 07, 08, 09/01.
    assert add_working_days(date(2025, 12, 31), 5, vn) == date(2026, 1, 9)
    # From Thursday 08/01: 09/01 (Fri), 10/01 (Sat, worked), 12, 13, 14/01.
    assert add_working_days(date(2026, 1, 8), 5, vn) == date(2026, 1, 14)


def test_an_announced_day_off_counts_only_once_the_clerk_confirms_it(vn, services):
    from dataclasses import replace

    (culture_day,) = [d for d in shipped_days(2026) if d.day == date(2026, 11, 24)]
    assert not culture_day.confirmed and culture_day.label.endswith("(chưa xác nhận)")
    # Tuesday 24/11/2026 still counts as a working day while it is only a proposal.
    assert vn.is_working_day(date(2026, 11, 24))
    assert add_working_days(date(2026, 11, 23), 1, vn) == date(2026, 11, 24)
    setup = services.disclosure_setup
    days = [replace(d, confirmed=True) if d == culture_day else d for d in shipped_days(2026)]
    setup.set_holidays(2026, days)
    confirmed = setup.work_calendar(2026)
    assert not confirmed.is_working_day(date(2026, 11, 24))
    assert add_working_days(date(2026, 11, 23), 1, confirmed) == date(2026, 11, 25)
    assert all(d.confirmed for d in setup.holidays(2026).days)
