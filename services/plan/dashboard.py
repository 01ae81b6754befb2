"""Figures for Tổng quan: counts by status, overdue and due-soon lists, progress by unit
and by section, computed from the same TaskRow list the task table shows."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from services.plan.due import due_state, in_window, is_open
from services.plan.plans import SectionNode, TaskRow


@dataclass(frozen=True)
class Bar:
    """One bar: average percent of ``count`` tasks; ``key`` is what a click filters by."""

    key: int
    label: str
    percent: float
    count: int
    overdue: int


LATE_SHARE = 0.25  # a quarter of a unit's tasks overdue: the bar turns red


def bar_state(bar: Bar) -> str:
    """The colour a bar is drawn in, by thresholds rather than "any overdue task = red":
    "late" when at least a quarter of its tasks are overdue, "watch" when some are,
    "good" when none are (a 62% unit with one late task in eight is amber, not red)."""
    if not bar.overdue:
        return "good"
    if bar.count and bar.overdue / bar.count >= LATE_SHARE:
        return "late"
    return "watch"


@dataclass(frozen=True)
class Dashboard:
    plan_id: int
    year: int
    today: date
    total: int
    by_status: dict[str, int]
    overdue: list[TaskRow]
    due_soon: list[TaskRow]
    by_unit: list[Bar]
    by_section: list[Bar]


def build_dashboard(
    plan_id: int, year: int, tasks: list[TaskRow], sections: list[SectionNode], today: date
) -> Dashboard:
    work = [t for t in tasks if t.actionable]
    counts = Counter(t.status for t in work)
    overdue = [
        t
        for t in work
        if in_window("overdue", open_=is_open(True, t.status), due=t.next_due, today=today)
    ]
    soon = [
        t
        for t in work
        if in_window("week", open_=is_open(True, t.status), due=t.next_due, today=today)
    ]
    overdue.sort(key=lambda t: (t.next_due, t.order))
    soon.sort(key=lambda t: (t.next_due, t.order))
    return Dashboard(
        plan_id=plan_id,
        year=year,
        today=today,
        total=len(work),
        by_status=dict(counts),
        overdue=overdue,
        due_soon=soon,
        by_unit=_by_unit(work, today),
        by_section=_by_section(work, sections, today),
    )


def _late(task: TaskRow, today: date) -> bool:
    state = due_state(
        actionable=True,
        status=task.status,
        percent=task.percent,
        start_on=task.start_on,
        due=task.next_due,
        today=today,
    )
    return state == "overdue"


def _by_unit(work: list[TaskRow], today: date) -> list[Bar]:
    groups: dict[int, list[TaskRow]] = defaultdict(list)
    names: dict[int, str] = {}
    for t in work:
        if t.lead_unit_id is not None:
            groups[t.lead_unit_id].append(t)
            names[t.lead_unit_id] = t.lead_name or t.lead_code  # "Tư pháp", not "TP"
    return [_bar(key, names[key], rows, today) for key, rows in groups.items()]


def _by_section(work: list[TaskRow], sections: list[SectionNode], today: date) -> list[Bar]:
    """One bar per top-level heading that holds tasks (Phần headings are looked through)."""
    parent = {s.id: s.parent_id for s in sections}
    by_id = {s.id: s for s in sections}
    tops = [s for s in sections if s.parent_id is None]
    if len(tops) and all(s.kind == "part" for s in tops):
        tops = [
            s for s in sections if s.parent_id is not None and by_id[s.parent_id].kind == "part"
        ]
    top_ids = {s.id for s in tops}

    def top_of(section_id: int) -> int | None:
        current: int | None = section_id
        while current is not None and current not in top_ids:
            current = parent.get(current)
        return current

    groups: dict[int, list[TaskRow]] = defaultdict(list)
    for t in work:
        top = top_of(t.section_id)
        if top is not None:
            groups[top].append(t)
    return [_bar(s.id, s.heading, groups[s.id], today) for s in tops if groups.get(s.id)]


def _bar(key: int, label: str, rows: list[TaskRow], today: date) -> Bar:
    percent = sum(100 if t.status == "done" else t.percent for t in rows) / len(rows)
    return Bar(key, label, percent, len(rows), sum(_late(t, today) for t in rows))
