"""Rotation keeps the newest backup of the last 7 days and of the last 12 months."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from services.safety.auto_backup import (
    backups_to_keep,
    daily_backup_due,
    list_auto_backups,
    rotate,
    run_auto_backup,
)


def test_two_years_of_daily_backups_keep_7_days_and_12_months():
    start = datetime(2024, 1, 1, 17, 0)
    stamps = [start + timedelta(days=i) for i in range(731)]
    keep = backups_to_keep(stamps)
    newest = stamps[-1]  # 31/12/2025
    days = sorted(s for s in keep if newest - s < timedelta(days=7))
    assert days == stamps[-7:]
    months = {(s.year, s.month) for s in keep}
    assert months == {(2025, m) for m in range(1, 13)}
    # Each month is represented by its newest backup (its last day).
    assert datetime(2025, 6, 30, 17, 0) in keep and datetime(2025, 6, 29, 17, 0) not in keep
    assert len(keep) == 7 + 11  # December's newest is also the newest day


def test_several_backups_a_day_keep_only_the_newest_of_each_day():
    day = datetime(2025, 3, 10)
    stamps = [day.replace(hour=h) for h in (8, 12, 17)] + [datetime(2025, 3, 9, 16)]
    assert backups_to_keep(stamps) == {day.replace(hour=17), datetime(2025, 3, 9, 16)}


def test_gaps_count_days_that_have_backups_not_calendar_days():
    stamps = [datetime(2025, 1, 1) + timedelta(days=10 * i) for i in range(10)]
    keep = backups_to_keep(stamps)
    assert set(stamps[-7:]) <= keep


def test_nothing_is_lost_when_there_are_few_backups():
    stamps = [datetime(2025, 5, 1), datetime(2025, 5, 2)]
    assert backups_to_keep(stamps) == set(stamps)
    assert backups_to_keep([]) == set()


@pytest.mark.sqlite_only
def test_rotation_on_disk_and_daily_due(db_path):
    for day in range(1, 11):
        run_auto_backup(db_path, now=datetime(2025, 4, day, 17, 30))
    kept = list_auto_backups(db_path)
    assert [f.taken_at.day for f in kept] == [10, 9, 8, 7, 6, 5, 4]
    assert rotate(db_path) == []
    assert not daily_backup_due(db_path, now=datetime(2025, 4, 11, 9, 0))
    assert daily_backup_due(db_path, now=datetime(2025, 4, 11, 17, 31))
