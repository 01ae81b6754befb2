"""Compliance of postings: on time, long enough, at every required place."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.disclosure.calendar import WorkCalendar, shipped_days
from services.disclosure.checklist import Deadline, Rule
from services.disclosure.compliance import Group, Posting, judge_disclosure
from services.disclosure.vocab import (
    DUE,
    LATE,
    MET,
    MISSING,
    NO_RULE,
    ON_TRACK,
    REMOVED_EARLY,
    WAITING,
)

GROUPS = [Group(1, "Tổ dân phố 1"), Group(2, "Tổ dân phố 2")]
RULE = Rule(
    applies_from=date(2023, 7, 1),
    forms=("NIEM_YET_TRU_SO", "NIEM_YET_NVH_TDP", "LOA_TRUYEN_THANH"),
    duration_type="consecutive_calendar",
    duration_days=30,
    broadcast_days=3,
    deadline=Deadline(5, "working_days"),
)
# Decision signed Friday 23/01/2026: five working days later is Friday 30/01/2026.
TRIGGER = date(2026, 1, 23)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.of(shipped_days(2026))


def _all_places(posted: date, down: date | None = None, *, skip_group: int | None = None):
    postings = [Posting(1, "NIEM_YET_TRU_SO", None, posted, down)]
    postings += [
        Posting(10 + g.id, "NIEM_YET_NVH_TDP", g.id, posted, down)
        for g in GROUPS
        if g.id != skip_group
    ]
    # Three whole days of broadcast after the first one (Bộ luật Dân sự Đ147–148).
    postings.append(Posting(20, "LOA_TRUYEN_THANH", None, posted, posted + timedelta(days=4)))
    return postings


def _statuses(verdict):
    return {p.place_label: p.status for p in verdict.places}


def test_posted_on_time_everywhere_and_kept_30_days_is_met(cal):
    verdict = judge_disclosure(
        RULE,
        TRIGGER,
        _all_places(date(2026, 1, 30), date(2026, 3, 2)),
        GROUPS,
        cal,
        date(2026, 4, 1),
    )
    assert verdict.deadline == date(2026, 1, 30)
    assert verdict.status == MET
    assert len(verdict.places) == 4 and verdict.ratio == 1.0


def test_a_posting_missing_at_one_residential_group(cal):
    verdict = judge_disclosure(
        RULE,
        TRIGGER,
        _all_places(date(2026, 1, 27), date(2026, 3, 1), skip_group=2),
        GROUPS,
        cal,
        date(2026, 4, 1),
    )
    assert verdict.status == MISSING
    statuses = _statuses(verdict)
    assert statuses["Niêm yết thôn, tổ dân phố – Tổ dân phố 2"] == MISSING
    assert statuses["Niêm yết thôn, tổ dân phố – Tổ dân phố 1"] == MET
    assert (verdict.met, verdict.assessable) == (3, 4)
    missing = next(p for p in verdict.places if p.status == MISSING)
    assert missing.messages == ("Chưa công khai; hạn 30/01/2026 đã qua.",)


def test_taken_down_before_30_days(cal):
    # Posted 27/01: its 30 days are 28/01–26/02 (Bộ luật Dân sự Đ147.1: from the day after;
    # Đ148.1: to the end of the last day), so it may come down from 27/02. Down on 25/02:
    # 28 whole days (28/01–24/02).
    verdict = judge_disclosure(
        RULE,
        TRIGGER,
        _all_places(date(2026, 1, 27), date(2026, 2, 25)),
        GROUPS,
        cal,
        date(2026, 4, 1),
    )
    assert verdict.status == REMOVED_EARLY
    head = next(p for p in verdict.places if p.form == "NIEM_YET_TRU_SO")
    assert head.status == REMOVED_EARLY
    assert head.messages == (
        "Gỡ ngày 25/02/2026, mới được 28 ngày, chưa đủ 30 ngày (được gỡ từ 27/02/2026).",
    )
    # The loudspeaker ran its 3 days: that place is met.
    assert _statuses(verdict)["Loa truyền thanh"] == MET


def test_posted_late_after_tet(cal):
    # Tết 16–20/02 is not counted, but 02/02 is already past the 30/01 deadline.
    verdict = judge_disclosure(
        RULE,
        TRIGGER,
        _all_places(date(2026, 2, 2), date(2026, 3, 10)),
        GROUPS,
        cal,
        date(2026, 4, 1),
    )
    assert verdict.status == LATE
    head = next(p for p in verdict.places if p.form == "NIEM_YET_TRU_SO")
    assert head.messages[0] == "Công khai ngày 02/02/2026, trễ 3 ngày so với hạn 30/01/2026."


def test_still_posted_before_the_minimum_is_on_track_and_then_met(cal):
    postings = _all_places(date(2026, 1, 28))
    during = judge_disclosure(RULE, TRIGGER, postings, GROUPS, cal, date(2026, 2, 10))
    head = next(p for p in during.places if p.form == "NIEM_YET_TRU_SO")
    assert head.status == ON_TRACK and head.earliest_take_down == date(2026, 2, 28)
    still = judge_disclosure(RULE, TRIGGER, postings, GROUPS, cal, date(2026, 2, 27))
    assert next(p for p in still.places if p.form == "NIEM_YET_TRU_SO").status == ON_TRACK
    after = judge_disclosure(RULE, TRIGGER, postings, GROUPS, cal, date(2026, 2, 28))
    assert next(p for p in after.places if p.form == "NIEM_YET_TRU_SO").status == MET


def test_nothing_posted_yet_is_due_then_missing(cal):
    before = judge_disclosure(RULE, TRIGGER, [], GROUPS, cal, date(2026, 1, 29))
    assert before.status == DUE and before.assessable == 0 and before.ratio is None
    after = judge_disclosure(RULE, TRIGGER, [], GROUPS, cal, date(2026, 1, 31))
    assert after.status == MISSING and after.ratio == 0.0


def test_without_a_trigger_date_the_disclosure_waits(cal):
    verdict = judge_disclosure(RULE, None, [], GROUPS, cal, date(2026, 6, 1))
    assert verdict.status == WAITING and verdict.deadline is None


def test_no_rule_in_force(cal):
    assert judge_disclosure(None, TRIGGER, [], GROUPS, cal, date(2026, 6, 1)).status == NO_RULE


def test_working_day_duration_of_the_draft_poor_household_list(cal):
    rule = Rule(
        applies_from=date(2023, 7, 1),
        forms=("NIEM_YET_TRU_SO",),
        duration_type="working_days",
        duration_days=3,
        deadline=None,
    )
    # Posted Friday 13/02/2026: its three working days are 23, 24 and 25/02 (after Tết), so
    # it may come down from Thursday 26/02.
    early = [Posting(1, "NIEM_YET_TRU_SO", None, date(2026, 2, 13), date(2026, 2, 25))]
    verdict = judge_disclosure(rule, date(2026, 2, 12), early, [], cal, date(2026, 3, 1))
    assert verdict.status == REMOVED_EARLY
    assert verdict.places[0].earliest_take_down == date(2026, 2, 26)
    ok = [Posting(1, "NIEM_YET_TRU_SO", None, date(2026, 2, 13), date(2026, 2, 26))]
    assert judge_disclosure(rule, date(2026, 2, 12), ok, [], cal, date(2026, 3, 1)).status == MET


def test_permanent_posting_must_not_be_taken_down(cal):
    rule = Rule(
        applies_from=date(2023, 7, 1),
        forms=("NIEM_YET_TRU_SO",),
        duration_type="permanent",
        duration_days=None,
    )
    up = [Posting(1, "NIEM_YET_TRU_SO", None, date(2026, 1, 5))]
    assert judge_disclosure(rule, date(2026, 1, 2), up, [], cal, date(2026, 9, 1)).status == MET
    down = [Posting(1, "NIEM_YET_TRU_SO", None, date(2026, 1, 5), date(2026, 6, 1))]
    verdict = judge_disclosure(rule, date(2026, 1, 2), down, [], cal, date(2026, 9, 1))
    assert verdict.status == REMOVED_EARLY
    assert "thường xuyên" in verdict.places[0].messages[0]
