"""What every module asks the office to do now, gathered for Tổng quan and the start-up reminder.

Each module keeps its own rules (the plan's due windows, disclosure compliance, the legal
deadlines, the mock appraisal). This module only turns their answers into one kind of line:
module, severity, Vietnamese text, date, and where a click should lead. The dashboard then
needs no module logic. The ``*_items`` builders are pure; ``gather`` reads the services.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from services.disclosure.score import CalendarItem
from services.disclosure.vocab import CAL_MAY_TAKE_DOWN, CAL_MUST_POST, CAL_OVERDUE
from services.legal.reviews import ReviewRow
from services.legal.systematisation import Reminder
from services.plan.dashboard import Dashboard
from services.scores.arithmetic import fmt
from services.scores.dto import MockAppraisal
from services.text import format_date

if TYPE_CHECKING:
    from services.bundle import Services

PLAN, DISCLOSURE, LEGAL, SCORES = "plan", "disclosure", "legal", "scores"
MODULES: dict[str, str] = {
    PLAN: "Kế hoạch",
    DISCLOSURE: "Công khai",
    LEGAL: "Rà soát văn bản",
    SCORES: "Chỉ số",
}

CRITICAL, WARNING, INFO = "critical", "warning", "info"
SEVERITIES: dict[str, str] = {CRITICAL: "Khẩn", WARNING: "Cần làm sớm", INFO: "Để biết"}
_RANK = {CRITICAL: 0, WARNING: 1, INFO: 2}

SOON_DAYS = 7  # the plan's "đến hạn trong 7 ngày", used for every module alike
RISKS_NAMED = 2  # a criterion linked to many late tasks has as many reasons; name the first
ANNUAL_WARN_DAYS = 30  # the yearly legal list turns "cần làm sớm" a month before 31/01


@dataclass(frozen=True)
class Target:
    """Where a click leads: an area (a key of ``MODULES``) and the record or list to show."""

    area: str
    kind: str  # "task", "disclosure", "document", "annual_list", "criterion"
    record_id: int | None = None
    year: int | None = None
    code: str = ""  # criterion code
    index_key: str = ""  # PAR, PAPI, SIPAS


@dataclass(frozen=True)
class OverviewItem:
    module: str
    severity: str
    status: str  # a short label that says the severity in words: "Quá hạn", "Có thể gỡ"...
    text: str
    day: date | None
    target: Target

    @property
    def module_label(self) -> str:
        return MODULES[self.module]

    @property
    def severity_label(self) -> str:
        return SEVERITIES[self.severity]

    @property
    def day_text(self) -> str:
        return format_date(self.day) if self.day else ""

    @property
    def line(self) -> str:
        """What a list row shows: “Quá hạn · 10/04/2026 · CK02C …”."""
        when = f" · {self.day_text}" if self.day else ""
        return f"{self.status}{when} · {self.text}"


@dataclass(frozen=True)
class OverviewItems:
    today: date
    items: tuple[OverviewItem, ...]

    def of(self, module: str) -> list[OverviewItem]:
        return [i for i in self.items if i.module == module]

    def urgent(self, *, exclude: Iterable[str] = ()) -> list[OverviewItem]:
        """Critical and warning items, critical first, else in module order (for the start-up
        reminder): a deadline ahead outranks a review request that is merely old."""
        skip = set(exclude)
        found = [i for i in self.items if i.severity != INFO and i.module not in skip]
        return sorted(found, key=lambda i: _RANK[i.severity])

    def count(self, module: str, severity: str | None = None) -> int:
        return sum(1 for i in self.of(module) if severity is None or i.severity == severity)


_ANNUAL_STATUS = {CRITICAL: "Quá hạn công bố", WARNING: "Sắp đến hạn công bố", INFO: "Hạn công bố"}


def _by_days(days_left: int, *, soon: int = SOON_DAYS) -> str:
    if days_left < 0:
        return CRITICAL
    return WARNING if days_left <= soon else INFO


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ----- pure builders, one per module -------------------------------------------------------
def plan_items(board: Dashboard) -> list[OverviewItem]:
    """The plan's overdue tasks and those due within 7 days (the dashboard's own lists)."""
    found = []
    for tasks, severity, status in (
        (board.overdue, CRITICAL, "Quá hạn"),
        (board.due_soon, WARNING, "Đến hạn trong 7 ngày"),
    ):
        for t in tasks:
            text = f"{t.outline} · {t.lead_code or 'chưa giao'} – {_short(t.text)}"
            target = Target(PLAN, "task", t.id, board.year)
            found.append(OverviewItem(PLAN, severity, status, text, t.next_due, target))
    return found


def disclosure_items(
    calendar: Sequence[CalendarItem], year: int, today: date
) -> list[OverviewItem]:
    """Overdue postings, what must be posted soon, and what may now be taken down.

    The calendar has one entry per place; the dashboard shows one line per disclosure and
    kind, naming its places, so three notice boards do not fill the panel thrice.
    """
    grouped: dict[tuple[int, str, date], list[CalendarItem]] = {}
    for c in calendar:
        if c.kind == CAL_MAY_TAKE_DOWN and c.day > today:
            continue  # not yet: the Công khai calendar shows the weeks ahead
        grouped.setdefault((c.disclosure_id, c.kind, c.day), []).append(c)
    found = []
    for (disclosure_id, kind, day), entries in grouped.items():
        first = entries[0]
        places = ", ".join(e.place for e in entries if e.place)
        where = f" – {places}" if places else ""
        text = f"{first.item_code} {_short(first.title, 80)}{where}: {first.note}"
        target = Target(DISCLOSURE, "disclosure", disclosure_id, year)
        if kind == CAL_OVERDUE:
            severity, status = CRITICAL, "Quá hạn công khai"
        elif kind == CAL_MUST_POST:
            severity, status = _by_days((day - today).days), "Phải công khai"
        else:
            severity, status = INFO, "Có thể gỡ"
        found.append(OverviewItem(DISCLOSURE, severity, status, text, day, target))
    return found


def legal_items(
    reminders: Sequence[Reminder], open_reviews: Sequence[ReviewRow], today: date
) -> list[OverviewItem]:
    """The yearly list to publish, each document flagged for review, handling deadlines."""
    found = []
    for r in reminders:
        if r.kind == "annual" and r.deadline is not None:
            left = (r.deadline - today).days
            severity = _by_days(left, soon=ANNUAL_WARN_DAYS)
            status = _ANNUAL_STATUS[severity]
            text = r.text if left < 0 else f"{r.text} (còn {left} ngày)"
            target = Target(LEGAL, "annual_list", year=r.year)
            found.append(OverviewItem(LEGAL, severity, status, text, r.deadline, target))
        elif r.kind in ("handling", "unlawful"):
            days = (r.deadline - today).days if r.deadline else SOON_DAYS + 1
            severity = CRITICAL if r.overdue else _by_days(days)
            status = "Quá hạn xử lý" if r.overdue else "Xử lý văn bản"
            target = Target(LEGAL, "document", r.document_id)
            found.append(OverviewItem(LEGAL, severity, status, r.text, r.deadline, target))
    flagged: dict[int, list[ReviewRow]] = {}
    for review in open_reviews:
        flagged.setdefault(review.document_id, []).append(review)
    oldest_first = sorted(flagged.items(), key=lambda kv: min(r.flagged_on for r in kv[1]))
    for document_id, reviews in oldest_first:
        oldest = min(reviews, key=lambda r: r.flagged_on)
        why = oldest.trigger_text or oldest.trigger_label
        own = f"{oldest.document_label}: "
        why = why[len(own) :] if why.startswith(own) else why
        text = f"{oldest.document_label} – {_short(why, 90)}" if why else oldest.document_label
        target = Target(LEGAL, "document", document_id)
        found.append(OverviewItem(LEGAL, WARNING, "Cần rà soát", text, oldest.flagged_on, target))
    return found


def score_items(mocks: Sequence[MockAppraisal]) -> list[OverviewItem]:
    """One line per criterion whose points are at risk in the mock appraisal, largest first."""
    lines = [(m, line) for m in mocks for line in m.lines if line.at_risk > 0]
    lines.sort(key=lambda pair: (-pair[1].at_risk, pair[1].code))
    found = []
    for mock, line in lines:
        f = mock.framework
        unit = "%" if f.unit == "percent" else " điểm"
        why = "; ".join(line.risks[:RISKS_NAMED])
        if len(line.risks) > RISKS_NAMED:
            why += f"; và {len(line.risks) - RISKS_NAMED} lý do khác"
        text = f"{line.code} {_short(line.name, 80)}: có thể mất {fmt(line.at_risk)}{unit} – {why}"
        target = Target(SCORES, "criterion", line.criterion_id, f.year, line.code, f.index_key)
        found.append(OverviewItem(SCORES, WARNING, "Nguy cơ mất điểm", text, None, target))
    return found


# ----- reading the services ----------------------------------------------------------------
def gather(
    services: Services,
    today: date,
    *,
    year: int | None = None,
    board: Dashboard | None = None,
    modules: Iterable[str] = (PLAN, DISCLOSURE, LEGAL, SCORES),
) -> OverviewItems:
    """Every module's reminders as of ``today``.

    ``year`` is the plan year on screen (index frameworks of that year are appraised);
    ``board`` is the plan's dashboard when the caller already built it. Disclosures are read
    for this year and the last (a December list may be due in January).
    """
    wanted = set(modules)
    year = year or (board.year if board else today.year)
    found: list[OverviewItem] = []
    if PLAN in wanted and board is not None:
        found += plan_items(board)
    if DISCLOSURE in wanted:
        known = set(services.disclosure.years())
        for y in (today.year - 1, today.year):
            if y in known:
                found += disclosure_items(services.disclosure.calendar(y, today=today), y, today)
    if LEGAL in wanted:
        found += legal_items(
            services.legal_cycles.reminders(today),
            services.legal_reviews.reviews(open_only=True),
            today,
        )
    if SCORES in wanted:
        frameworks = [
            f for f in services.frameworks.list_frameworks() if f.year == year and f.criteria_count
        ]
        found += score_items(
            [services.assessments.mock_appraisal(f.id, today=today) for f in frameworks]
        )
    order = {m: n for n, m in enumerate(MODULES)}
    # Stable sort: each builder's own order (by deadline, largest loss first) is kept.
    ranked = sorted(found, key=lambda i: (order[i.module], _RANK[i.severity]))
    return OverviewItems(today, tuple(ranked))
