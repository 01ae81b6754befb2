"""Compliance of postings and disclosures with their rule, as pure functions.

A disclosure must be made in every required form at every required place: a form done per
residential group (niêm yết at each tổ dân phố's cultural house, relay by each Tổ trưởng)
is one place per group. Each place is judged on three things the law asks for: posted by
the deadline, stayed up at least the minimum (03 days on the loudspeaker), and present.

Durations follow the Civil Code's counting (Đ147–148), read from the dated rule data in
services.disclosure.law_rules: the posting day itself does not count, the period ends at the
end of its last day, so "ít nhất 30 ngày" put up on D may be taken down from D + 31.
Deadlines, minimums and the Law's default deadline all come from that data, with its article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from services.disclosure.calendar import (
    WorkCalendar,
    add_calendar_days,
    add_working_days,
)
from services.disclosure.checklist import Deadline, Rule
from services.disclosure.law_rules import LawRules, law_rules
from services.disclosure.vocab import (
    BROADCAST_FORM,
    CONTINUOUS_DURATIONS,
    COUNTED_DURATIONS,
    DUE,
    FAILING,
    FORM_SHORT,
    LATE,
    MET,
    MISSING,
    NO_RULE,
    ON_TRACK,
    PASSING,
    PER_GROUP_FORMS,
    POSTED_FORMS,
    REMOVED_EARLY,
    WAITING,
)


@dataclass(frozen=True)
class Group:
    """A residential group (tổ dân phố) as a place of posting."""

    id: int
    name: str


@dataclass(frozen=True)
class Posting:
    id: int
    form: str
    group_id: int | None
    posted_on: date
    taken_down_on: date | None = None
    place: str = ""
    evidence_note: str = ""
    evidence_path: str = ""
    # the stored record's last change: the editor's guard against a silent overwrite
    changed_at: datetime | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Minimum:
    """How long a posting must stay: ``days`` of ``kind``, or ``continuous`` (never removed)."""

    days: int = 0
    kind: str = "consecutive_calendar"
    continuous: bool = False
    basis: str = ""  # the article that sets it, shown to the clerk
    posting_day_counts: bool = False  # the counting rule (Bộ luật Dân sự Đ147)

    @property
    def text(self) -> str:
        if self.continuous:
            return "thường xuyên"
        if not self.days:
            return ""
        unit = "ngày làm việc" if self.kind == "working_days" else "ngày"
        return f"ít nhất {self.days:02d} {unit}"


@dataclass(frozen=True)
class PlaceResult:
    """The verdict on one required place (form, group) of one disclosure."""

    form: str
    group_id: int | None
    group_name: str
    status: str
    deadline: date | None
    minimum: Minimum
    posting: Posting | None = None
    earliest_take_down: date | None = None
    messages: tuple[str, ...] = ()

    @property
    def place_label(self) -> str:
        form = FORM_SHORT.get(self.form, self.form)
        return f"{form} – {self.group_name}" if self.group_name else form

    @property
    def assessable(self) -> bool:
        return self.status in PASSING or self.status in FAILING

    @property
    def passed(self) -> bool:
        return self.status in PASSING


def deadline_for(trigger: date | None, deadline: Deadline, calendar: WorkCalendar) -> date | None:
    if trigger is None:
        return None
    if deadline.unit == "working_days":
        return add_working_days(trigger, deadline.offset, calendar)
    return add_calendar_days(trigger, deadline.offset, calendar)


def minimum_for(rule: Rule, form: str, law: LawRules | None = None) -> Minimum:
    """The minimum stay of one form: loudspeaker days, posting days, or none (website, letter).

    The item's own figure wins; otherwise the Law's, from the rule set in force (``law``,
    by default the one of the rule's start)."""
    law = law or law_rules(rule.applies_from)
    counts = law.counting.posting_day_counts
    if rule.duration_type in CONTINUOUS_DURATIONS and form in POSTED_FORMS | {"TRANG_TTDT"}:
        return Minimum(continuous=True, basis="; ".join(rule.legal_basis))
    if form == BROADCAST_FORM:
        broadcast = law.broadcast_min
        days = rule.broadcast_days or broadcast.days
        return Minimum(days, broadcast.kind, basis=broadcast.basis_text, posting_day_counts=counts)
    if form in POSTED_FORMS and rule.duration_type in COUNTED_DURATIONS:
        posting = law.posting_min
        days = rule.duration_days or posting.days
        basis = posting.basis_text if days == posting.days else "; ".join(rule.legal_basis)
        return Minimum(days, rule.duration_type, basis=basis, posting_day_counts=counts)
    return Minimum()


def earliest_take_down(posted_on: date, minimum: Minimum, calendar: WorkCalendar) -> date | None:
    """The first day a posting may come down: the day after its last counted day.

    The one place the counting rule is applied (Bộ luật Dân sự 2015 Đ147.1: the period starts
    the day after the event, unless the data says the posting day counts; Đ148.1: it ends at
    the end of its last day). Posted on 04/09 for 30 days: days 05/09–04/10, down from 05/10.
    """
    if minimum.continuous or not minimum.days:
        return None
    start = posted_on - timedelta(days=1) if minimum.posting_day_counts else posted_on
    if minimum.kind == "working_days":
        last = add_working_days(start, minimum.days, calendar)
    else:
        last = start + timedelta(days=minimum.days)
    return last + timedelta(days=1)


def required_places(rule: Rule, groups: list[Group]) -> list[tuple[str, Group | None]]:
    """Every (form, group) the rule requires; per-group forms need at least one group known."""
    places: list[tuple[str, Group | None]] = []
    for form in rule.forms:
        if form in PER_GROUP_FORMS and groups:
            places.extend((form, g) for g in groups)
        else:
            places.append((form, None))
    return places


def judge_place(
    form: str,
    group: Group | None,
    rule: Rule,
    trigger: date | None,
    postings: list[Posting],
    calendar: WorkCalendar,
    today: date,
) -> PlaceResult:
    law = law_rules(trigger or today)
    deadline = deadline_for(trigger, rule.deadline, calendar) if rule.deadline else None
    minimum = minimum_for(rule, form, law)
    group_id = group.id if group else None
    name = group.name if group else ""
    candidates = sorted(
        (p for p in postings if p.form == form and (group is None or p.group_id == group_id)),
        key=lambda p: p.posted_on,
    )
    if not candidates:
        if trigger is None:
            return PlaceResult(form, group_id, name, WAITING, None, minimum)
        status = MISSING if deadline is not None and today > deadline else DUE
        if deadline is None:
            message = f"Chưa công khai ({rule.deadline_text or 'không có hạn cố định'})."
        elif status == MISSING:
            message = f"Chưa công khai; hạn {deadline:%d/%m/%Y} đã qua."
        else:
            message = f"Chưa công khai; hạn chót {deadline:%d/%m/%Y}."
        return PlaceResult(form, group_id, name, status, deadline, minimum, messages=(message,))
    posting = candidates[0]
    ready = earliest_take_down(posting.posted_on, minimum, calendar)
    messages: list[str] = []
    late = deadline is not None and posting.posted_on > deadline
    if late:
        assert deadline is not None  # late is only true with a deadline
        overdue = (posting.posted_on - deadline).days
        messages.append(
            f"Công khai ngày {posting.posted_on:%d/%m/%Y}, trễ {overdue} ngày so với hạn "
            f"{deadline:%d/%m/%Y}."
        )
    early = _removed_early(posting, minimum, ready)
    if early:
        messages.append(early)
    if late:
        status = LATE
    elif early:
        status = REMOVED_EARLY
    elif posting.taken_down_on is None and ready is not None and today < ready:
        status = ON_TRACK
        messages.append(f"Đang công khai; được gỡ từ ngày {ready:%d/%m/%Y}.")
    else:
        status = MET
    return PlaceResult(
        form, group_id, name, status, deadline, minimum, posting, ready, tuple(messages)
    )


def _removed_early(posting: Posting, minimum: Minimum, ready: date | None) -> str:
    down = posting.taken_down_on
    if down is None:
        return ""
    if minimum.continuous:
        return f"Phải niêm yết thường xuyên nhưng đã gỡ ngày {down:%d/%m/%Y}."
    if ready is not None and down < ready:
        if minimum.kind == "working_days":
            return f"Gỡ ngày {down:%d/%m/%Y}, chưa đủ {minimum.days:02d} ngày làm việc."
        # Whole days up, the day of posting and the day of removal not counted (Đ147–148).
        stayed = max(0, (down - posting.posted_on).days - (0 if minimum.posting_day_counts else 1))
        return (
            f"Gỡ ngày {down:%d/%m/%Y}, mới được {stayed} ngày, chưa đủ {minimum.days:02d} ngày "
            f"(được gỡ từ {ready:%d/%m/%Y})."
        )
    return ""


@dataclass(frozen=True)
class DisclosureVerdict:
    status: str
    places: tuple[PlaceResult, ...]
    deadline: date | None

    @property
    def met(self) -> int:
        return sum(1 for p in self.places if p.passed)

    @property
    def assessable(self) -> int:
        return sum(1 for p in self.places if p.assessable)

    @property
    def ratio(self) -> float | None:
        return self.met / self.assessable if self.assessable else None


def judge_disclosure(
    rule: Rule | None,
    trigger: date | None,
    postings: list[Posting],
    groups: list[Group],
    calendar: WorkCalendar,
    today: date,
) -> DisclosureVerdict:
    """All required places judged; the disclosure's status is its worst place's."""
    if rule is None:
        return DisclosureVerdict(NO_RULE, (), None)
    places = tuple(
        judge_place(form, group, rule, trigger, postings, calendar, today)
        for form, group in required_places(rule, groups)
    )
    deadline = deadline_for(trigger, rule.deadline, calendar) if rule.deadline else None
    return DisclosureVerdict(_overall(places), places, deadline)


_SEVERITY = (MISSING, LATE, REMOVED_EARLY, DUE, WAITING, ON_TRACK, MET)


def _overall(places: tuple[PlaceResult, ...]) -> str:
    statuses = {p.status for p in places}
    if not statuses:
        return MET
    return next(s for s in _SEVERITY if s in statuses)
