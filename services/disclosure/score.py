"""The year's compliance score and the calendar of what to post or take down, as pure functions.

The score counts required places (form × residential group) that could be judged by the
given day: a place met or still posted on time counts as met; missing after its deadline,
posted late or removed early counts as failed; places not yet due, or waiting for their
trigger document, are left out rather than counted as either. A yearly item whose trigger
never came by its expected day counts as failed; one the clerk declared "không phát sinh
trong năm" is not counted at all (the year's report lists it with its reason).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from services.disclosure.compliance import PlaceResult
from services.disclosure.vocab import (
    CAL_MAY_TAKE_DOWN,
    CAL_MUST_POST,
    CAL_OVERDUE,
    DUE,
    FAILING,
    MET,
    MISSING,
    NOT_ARISEN,
    ON_TRACK,
    OVERDUE_NO_TRIGGER,
    PASSING,
    STATUSES,
)


@dataclass(frozen=True)
class ScoreLine:
    key: str
    label: str
    met: int = 0
    failed: int = 0
    pending: int = 0  # not yet due or waiting for a trigger: not scored

    @property
    def assessable(self) -> int:
        return self.met + self.failed

    @property
    def ratio(self) -> float | None:
        return self.met / self.assessable if self.assessable else None

    @property
    def percent_text(self) -> str:
        ratio = self.ratio
        return "–" if ratio is None else f"{ratio * 100:.1f}%".replace(".", ",")


@dataclass(frozen=True)
class YearScore:
    year: int
    as_of: date
    overall: ScoreLine
    by_item: tuple[ScoreLine, ...]
    by_group: tuple[ScoreLine, ...]
    by_residential_group: tuple[ScoreLine, ...]
    status_counts: dict[str, int]


class _Tally:
    def __init__(self) -> None:
        self.met: dict[str, int] = defaultdict(int)
        self.failed: dict[str, int] = defaultdict(int)
        self.pending: dict[str, int] = defaultdict(int)
        self.labels: dict[str, str] = {}

    def add(self, key: str, label: str, place: PlaceResult) -> None:
        self.labels.setdefault(key, label)
        if place.status == NOT_ARISEN:
            return  # declared not to arise this year (with a reason): neither due nor pending
        if place.status in PASSING:
            self.met[key] += 1
        elif place.status in FAILING:
            self.failed[key] += 1
        else:
            self.pending[key] += 1

    def lines(self) -> tuple[ScoreLine, ...]:
        return tuple(
            ScoreLine(k, label, self.met[k], self.failed[k], self.pending[k])
            for k, label in self.labels.items()
        )


def year_score(year: int, as_of: date, rows: list, groups: dict[str, str]) -> YearScore:
    """Score ``rows`` (DisclosureRow) per item, per content group, per residential group."""
    by_item, by_group, by_resident, overall = _Tally(), _Tally(), _Tally(), _Tally()
    counts: dict[str, int] = defaultdict(int)
    for label in groups.values():
        by_group.labels.setdefault(label, label)
    for row in rows:
        counts[row.verdict.status] += 1
        for place in row.verdict.places:
            by_item.add(row.item_code, f"{row.item_code} – {row.item_title}", place)
            group_label = groups.get(row.group_code, row.group_code)
            by_group.add(group_label, group_label, place)
            if place.group_id is not None:
                by_resident.add(str(place.group_id), place.group_name, place)
            overall.add("all", f"Năm {year}", place)
    total = overall.lines()
    return YearScore(
        year=year,
        as_of=as_of,
        overall=total[0] if total else ScoreLine("all", f"Năm {year}"),
        by_item=by_item.lines(),
        by_group=tuple(line for line in by_group.lines() if line.assessable or line.pending),
        by_residential_group=by_resident.lines(),
        status_counts={STATUSES[k]: v for k, v in counts.items()},
    )


RECENT_DAYS = 30  # a posting that may come down is listed for a month after that day


@dataclass(frozen=True)
class CalendarItem:
    """One thing to do on one day: post (before its deadline), overdue, or may take down."""

    day: date
    kind: str
    disclosure_id: int
    item_code: str
    title: str
    place: str
    note: str = ""


def calendar_items(rows: list, today: date, *, horizon_days: int = 60) -> list[CalendarItem]:
    """What must be posted, what is overdue, what may be taken down, sorted by day.

    Deadlines and take-down days more than ``horizon_days`` ahead are left out so the list
    stays about the weeks ahead; overdue places are always listed.
    """
    items = []
    for row in rows:
        for place in row.verdict.places:
            item = _calendar_item(row, place, today, horizon_days)
            if item is not None:
                items.append(item)
    order = {CAL_OVERDUE: 0, CAL_MUST_POST: 1, CAL_MAY_TAKE_DOWN: 2}
    return sorted(items, key=lambda i: (i.day, order[i.kind], i.item_code, i.place))


def _calendar_item(row, place: PlaceResult, today: date, horizon: int) -> CalendarItem | None:
    base = {"disclosure_id": row.id, "item_code": row.item_code, "title": row.heading}
    if place.status == MISSING and place.deadline:
        late = (today - place.deadline).days
        return CalendarItem(
            place.deadline,
            CAL_OVERDUE,
            place=place.place_label,
            note=f"Quá hạn {late} ngày",
            **base,
        )
    if place.status == DUE and place.deadline and (place.deadline - today).days <= horizon:
        left = (place.deadline - today).days
        note = "Hạn chót hôm nay" if left == 0 else f"Còn {left} ngày"
        return CalendarItem(
            place.deadline, CAL_MUST_POST, place=place.place_label, note=note, **base
        )
    if place.status == OVERDUE_NO_TRIGGER and place.deadline:
        return CalendarItem(
            place.deadline,
            CAL_OVERDUE,
            place=place.place_label,
            note="Quá ngày dự kiến, chưa có văn bản căn cứ",
            **base,
        )
    ready = place.earliest_take_down
    still_up = place.posting is not None and place.posting.taken_down_on is None
    if (
        still_up
        and place.status in (ON_TRACK, MET)
        and ready
        and -RECENT_DAYS <= (ready - today).days <= horizon
    ):
        note = "Đủ thời gian, có thể gỡ" if ready <= today else f"Được gỡ từ {ready:%d/%m/%Y}"
        return CalendarItem(ready, CAL_MAY_TAKE_DOWN, place=place.place_label, note=note, **base)
    return None
