"""Systematisation cycles (hệ thống hóa định kỳ, 5 years) and the annual list to publish.

``annual_due`` is the one call the dashboard needs: which year's list is due, by when,
how many entries it has, and whether it was published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from models import LegalAnnualPublication, LegalCycle, LegalEffectEvent
from services.errors import NotFoundError, Problem, ValidationError
from services.legal import lists, vocab
from services.legal import rules as legal_rules
from services.legal.dto import DocumentRow
from services.legal.register import LegalRegisterService
from services.legal.reviews import LegalReviewService
from services.text import format_date, nfc


@dataclass(frozen=True)
class CycleRow:
    id: int
    name: str
    start_on: date
    cutoff_on: date
    plan_ref: str
    published_on: date | None
    notes: str

    @property
    def subtitle(self) -> str:
        return (
            f"(Kỳ hệ thống hóa {self.name}, thời điểm hệ thống hóa {format_date(self.cutoff_on)})"
        )


@dataclass(frozen=True)
class AnnualDue:
    """The state of the yearly publication of expired/suspended documents."""

    year: int
    deadline: date
    entries: int
    published_on: date | None
    decision_ref: str
    rule: legal_rules.Rule | None = None  # the deadline rule, to show its basis

    def overdue(self, today: date) -> bool:
        return self.published_on is None and self.entries > 0 and today > self.deadline

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days


@dataclass(frozen=True)
class Reminder:
    """One line for the dashboard: what is due, by when, and whether it is late.

    ``kind`` ("annual", "reviews", "handling", "unlawful") and ``document_id`` / ``year`` say
    what a click on the line should open.
    """

    text: str
    deadline: date | None
    overdue: bool
    kind: str = ""
    document_id: int | None = None
    year: int | None = None


def next_cycle(
    previous_cutoff: date, rules: legal_rules.LegalRules | None = None
) -> tuple[str, date, date]:
    """The cycle after one cut at ``previous_cutoff``: 31/12 of the N-th year after it, N
    being the cycle length of the rules in force when the new cycle starts."""
    start = date(previous_cutoff.year + 1, 1, 1)
    years = int(legal_rules.cycle_rule(previous_cutoff, rules).value)
    cutoff = date(previous_cutoff.year + years, 12, 31)
    return f"{start.year}-{cutoff.year}", start, cutoff


def annual_deadline(year: int, rules: legal_rules.LegalRules | None = None) -> date:
    return legal_rules.annual_deadline(year, rules)


class SystematisationService:
    def __init__(
        self, session_factory: sessionmaker[Session], rules: legal_rules.LegalRules | None = None
    ) -> None:
        self._sessions = session_factory
        self.rules = rules or legal_rules.load_rules()
        self._register = LegalRegisterService(session_factory)
        self._reviews = LegalReviewService(session_factory)

    # ----- cycles --------------------------------------------------------------------------
    def cycles(self) -> list[CycleRow]:
        with self._sessions() as session:
            return [
                _cycle_row(c)
                for c in session.scalars(select(LegalCycle).order_by(LegalCycle.start_on))
            ]

    def suggested_cycle(self, today: date | None = None) -> tuple[str, date, date]:
        """After the last recorded cycle; when none is, after the national cycle's cut-off
        held in the rules (2019–2023, so 2024–2028)."""
        existing = self.cycles()
        if existing:
            return next_cycle(existing[-1].cutoff_on, self.rules)
        return next_cycle(self.previous_cutoff(today), self.rules)

    def previous_cutoff(self, today: date | None = None) -> date:
        value = legal_rules.previous_cutoff_rule(today, self.rules).value
        return value if isinstance(value, date) else date.fromisoformat(str(value))

    def cycle_rules(self, today: date | None = None) -> list[legal_rules.Rule]:
        """The rules behind a suggested cycle: its length and the previous cut-off."""
        existing = self.cycles()
        previous = existing[-1].cutoff_on if existing else self.previous_cutoff(today)
        found = [legal_rules.cycle_rule(previous, self.rules)]
        if not existing:
            found.append(legal_rules.previous_cutoff_rule(today, self.rules))
        return found

    def create_cycle(
        self, name: str, start_on: date | None, cutoff_on: date | None, plan_ref: str = ""
    ) -> CycleRow:
        problems = []
        if not nfc(name):
            problems.append(Problem("Kỳ hệ thống hóa", "không được để trống."))
        if start_on is None or cutoff_on is None:
            problems.append(Problem("Thời gian", "phải có ngày bắt đầu và thời điểm hệ thống hóa."))
        elif cutoff_on <= start_on:
            problems.append(Problem("Thời điểm hệ thống hóa", "phải sau ngày bắt đầu kỳ."))
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            if session.scalar(select(LegalCycle.id).where(LegalCycle.name == nfc(name))):
                raise ValidationError([Problem("Kỳ hệ thống hóa", f"kỳ “{nfc(name)}” đã có.")])
            row = LegalCycle(
                name=nfc(name), start_on=start_on, cutoff_on=cutoff_on, plan_ref=nfc(plan_ref)
            )
            session.add(row)
            session.flush()
            return _cycle_row(row)

    def cycle(self, cycle_id: int) -> CycleRow:
        with self._sessions() as session:
            row = session.get(LegalCycle, cycle_id)
            if row is None:
                raise NotFoundError("Kỳ hệ thống hóa này không còn trong dữ liệu.")
            return _cycle_row(row)

    def cycle_lists(self, cycle_id: int) -> list[lists.LegalList]:
        """The four lists of a cycle at its cut-off date (NĐ 79/2025 Đ51)."""
        cycle = self.cycle(cycle_id)
        docs = [
            d
            for d in self._register.documents(include_external=False)
            if d.issued_on <= cycle.cutoff_on
        ]
        reviews = self._reviews.reviews()
        on, since, sub, r = cycle.cutoff_on, cycle.start_on, cycle.subtitle, self.rules
        return [
            lists.expired_whole_list(docs, on, since=since, subtitle=sub, rules=r),
            lists.expired_part_list(docs, on, since=since, subtitle=sub, rules=r),
            lists.in_force_list(docs, on, subtitle=sub, rules=r),
            lists.needing_action_list(docs, reviews, on, subtitle=sub, rules=r),
        ]

    def cycle_report_sheets(self, cycle_id: int) -> list[tuple[str, lists.LegalList]]:
        """The figures and the four lists of a cycle, named as the sheets of one workbook."""
        four = self.cycle_lists(cycle_id)
        summary = lists.cycle_summary(four, subtitle=self.cycle(cycle_id).subtitle)
        names = (
            "Số liệu",
            "a) Hết HL toàn bộ",
            "b) Hết HL một phần",
            "c) Còn hiệu lực",
            "d) Cần xử lý",
        )
        return list(zip(names, [summary, *four], strict=True))

    def list_as_of(self, kind: str, on: date) -> lists.LegalList:
        """One list drawn at any date (kinds of ``lists.LIST_KINDS`` except "expired")."""
        docs = self._register.documents(include_external=False)
        r = self.rules
        if kind == "in-force":
            return lists.in_force_list(docs, on, rules=r)
        if kind == "expired-whole":
            return lists.expired_whole_list(docs, on, rules=r)
        if kind == "expired-part":
            return lists.expired_part_list(docs, on, rules=r)
        if kind == "needing-action":
            return lists.needing_action_list(docs, self._reviews.reviews(), on, rules=r)
        raise ValidationError([Problem("Loại danh mục", f"“{kind}” không có.")])

    def year_statistics(self, year: int) -> lists.LegalList:
        """The year's review figures for the Sở Tư pháp (``services.legal.statistics``)."""
        from services.legal.statistics import year_statistics
        from services.office.organisation import read_profile

        with self._sessions() as session:
            level = read_profile(session).level
        return year_statistics(
            self._register.documents(include_external=False),
            self._reviews.reviews(),
            self._reviews.unlawful_cases(),
            year,
            level=level,
            rules=self.rules,
        )

    # ----- annual publication --------------------------------------------------------------
    def annual_list(self, year: int) -> lists.LegalList:
        return lists.annual_list(self._register.documents(include_external=False), year, self.rules)

    def annual_due(self, today: date | None = None) -> AnnualDue:
        """The list due now: the previous year's, by the deadline of ``resources/legal/rules.yaml``."""
        today = today or date.today()
        return self.annual_status(today.year - 1)

    def annual_status(self, year: int) -> AnnualDue:
        return self._annual_status(year, self._register.documents(include_external=False))

    def _annual_status(self, year: int, docs: list[DocumentRow]) -> AnnualDue:
        entries = len(lists.annual_events(docs, year))
        with self._sessions() as session:
            pub = session.get(LegalAnnualPublication, year)
            return AnnualDue(
                year=year,
                deadline=annual_deadline(year, self.rules),
                entries=entries,
                published_on=pub.published_on if pub else None,
                decision_ref=pub.decision_ref if pub else "",
                rule=legal_rules.annual_deadline_rule(year, self.rules),
            )

    def reminders(self, today: date | None = None) -> list[Reminder]:
        """What the Tư pháp officer must do about the register, most urgent first."""
        today = today or date.today()
        found: list[Reminder] = []
        docs = self._register.documents(include_external=False)  # read once: it is the cost
        due = self._annual_status(today.year - 1, docs)
        if due.published_on is None and due.entries:
            found.append(
                Reminder(
                    f"Công bố danh mục {due.entries} văn bản hết hiệu lực, tạm ngưng hiệu lực "
                    f"năm {due.year}",
                    due.deadline,
                    due.overdue(today),
                    kind="annual",
                    year=due.year,
                )
            )
        pending = self._reviews.reviews(open_only=True)
        if pending:
            oldest = min(r.flagged_on for r in pending)
            found.append(
                Reminder(
                    f"{len(pending)} yêu cầu rà soát văn bản chưa thực hiện "
                    f"(cũ nhất từ {format_date(oldest)})",
                    None,
                    False,
                    kind="reviews",
                )
            )
        alive = {d.id for d in docs if d.effect(today).in_force}
        for r in self._reviews.reviews():
            if r.needs_action and r.handling_deadline and r.document_id in alive:
                found.append(
                    Reminder(
                        f"{vocab.HANDLINGS.get(r.handling, r.handling)} {r.document_label}",
                        r.handling_deadline,
                        today > r.handling_deadline,
                        kind="handling",
                        document_id=r.document_id,
                    )
                )
        for case in self._reviews.unlawful_cases(open_only=True):
            found.append(
                Reminder(
                    f"Xử lý {case.document_label} bị kết luận trái pháp luật",
                    case.deadline,
                    case.deadline is not None and today > case.deadline,
                    kind="unlawful",
                    document_id=case.document_id,
                )
            )
        return sorted(found, key=lambda r: (not r.overdue, r.deadline or date.max))

    def mark_annual_published(
        self, year: int, published_on: date, decision_ref: str = ""
    ) -> AnnualDue:
        """Record the publication; the entries published are kept with this year's list."""
        if published_on.year < year:
            raise ValidationError([Problem("Ngày công bố", f"phải sau năm {year}.")])
        event_ids = [
            e.id
            for _d, e in lists.annual_events(self._register.documents(include_external=False), year)
        ]
        with self._sessions.begin() as session:
            pub = session.get(LegalAnnualPublication, year) or LegalAnnualPublication(year=year)
            pub.published_on = published_on
            pub.decision_ref = nfc(decision_ref)
            session.add(pub)
            if event_ids:
                session.execute(
                    update(LegalEffectEvent)
                    .where(LegalEffectEvent.id.in_(event_ids))
                    .values(published_year=year)
                )
        return self.annual_status(year)


def _cycle_row(c: LegalCycle) -> CycleRow:
    return CycleRow(c.id, c.name, c.start_on, c.cutoff_on, c.plan_ref, c.published_on, c.notes)
