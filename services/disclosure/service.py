"""The year's disclosure plan, its postings, and their compliance as the clerk sees it.

Compliance is never stored: it is recomputed from the postings, the rule in force and the
holiday table each time, so editing a holiday or a rule re-judges the whole year at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from models import Disclosure, DisclosureItem, IndexFramework, Plan, Posting, ResidentialGroup
from services.disclosure.checklist import ChecklistItem, Rule
from services.disclosure.compliance import (
    DisclosureVerdict,
    Group,
    judge_disclosure,
)
from services.disclosure.compliance import Posting as PostingData
from services.disclosure.drafts import (
    DisclosureDraft,
    PostingDraft,
    validate_disclosure,
    validate_posting,
)
from services.disclosure.expected import ExpectedDay, expected_day, with_expectation
from services.disclosure.reports import Table, quarterly_list, score_summary, year_report
from services.disclosure.score import CalendarItem, YearScore, calendar_items, year_score
from services.disclosure.setup import DisclosureSetup, content_groups, item_from_row
from services.disclosure.vocab import PLAN_PERIODS
from services.errors import ConflictError, NotFoundError, Problem, UserError, ValidationError
from services.text import nfc, search_key

QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


@dataclass(frozen=True)
class DisclosureRow:
    id: int
    year: int
    item_code: str
    item_title: str
    group_code: str
    period: str
    title: str
    budget_year: int | None
    trigger_document: str
    trigger_date: date | None
    responsible: str
    notes: str
    rule: Rule | None
    verdict: DisclosureVerdict
    postings: tuple[PostingData, ...]
    search_key: str = ""
    confidence: str = "sourced"  # the item's: "uncertain" = to check against the text itself
    # when the trigger document is expected (None: disclosed when it arises) and the
    # clerk's reason for "không phát sinh trong năm" ("" = not marked)
    expected: ExpectedDay | None = None
    not_arisen_reason: str = ""

    @property
    def heading(self) -> str:
        """What the clerk calls it: the specific title, else the item's, with its period."""
        text = self.title or self.item_title
        return f"{text} ({self.period})" if self.period else text

    @property
    def group_name(self) -> str:
        return content_groups().get(self.group_code, self.group_code)

    def draft(self) -> DisclosureDraft:
        return DisclosureDraft(
            self.item_code,
            self.year,
            self.period,
            self.title,
            self.budget_year,
            self.trigger_document,
            self.trigger_date,
            self.responsible,
            self.notes,
        )


class DisclosureService:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        setup: DisclosureSetup,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sessions = session_factory
        self.setup = setup
        self.today = today

    # ----- the year's plan ------------------------------------------------------------------
    def years(self) -> list[int]:
        with self._sessions() as session:
            return sorted(set(session.scalars(select(Disclosure.year))))

    def open_years(self, *, today: date | None = None) -> list[int]:
        """Every year the clerk may plan, back-fill and report, oldest first.

        From the ward's first year in ParDesk – the first year with a disclosure, a plan or
        an index framework, and at least last year, so a ward that starts in January can
        still report the year just ended – to next year (the budget estimate is posted the
        December before).
        """
        this_year = (today or self.today()).year
        with self._sessions() as session:
            firsts = [
                session.scalar(select(func.min(column)))
                for column in (Disclosure.year, Plan.year, IndexFramework.year)
            ]
        first = min([y for y in firsts if y is not None] + [this_year - 1])
        return list(range(first, this_year + 2))

    def no_plan_message(self, year: int) -> str:
        """What the clerk must do when ``year`` has no disclosure plan yet (CLI and screens)."""
        years = self.open_years()
        if years[0] <= year <= years[-1]:
            return (
                f"Năm {year} chưa có kế hoạch công khai. Mở phần “Công khai”, chọn Năm {year} "
                "rồi bấm “Lập kế hoạch năm”; ghi nhận các lần đã công khai, sau đó xuất lại."
            )
        return (
            f"Năm {year} chưa có kế hoạch công khai và chưa lập được: phần “Công khai” nhận "
            f"các năm từ {years[0]} đến {years[-1]}."
        )

    def generate_plan(self, year: int) -> int:
        """Open the year's disclosures from the checklist; existing ones are kept. Returns new."""
        self.setup.ensure_checklist()
        created = 0
        with self._sessions.begin() as session:
            existing = set(
                session.execute(
                    select(Disclosure.item_id, Disclosure.period).where(Disclosure.year == year)
                ).all()
            )
            items = session.scalars(
                select(DisclosureItem)
                .where(DisclosureItem.active.is_(True))
                .order_by(DisclosureItem.position)
            ).all()

            for row in items:
                item = item_from_row(row)
                budget = year + item.budget_offset if item.version_by == "budget_year" else None
                if item.rule_on(item.reference_date(None, budget, year)) is None:
                    continue
                periods = item.periods or PLAN_PERIODS.get(item.recurrence, ())
                for number, period in enumerate(periods, start=1):
                    if (row.id, period) in existing:
                        continue
                    trigger = None
                    if number in item.quarter_end_triggers:
                        month, day = QUARTER_ENDS[number - 1]
                        trigger = date(year, month, day)
                    session.add(
                        Disclosure(
                            year=year,
                            item_id=row.id,
                            period=period,
                            budget_year=budget,
                            trigger_date=trigger,
                            trigger_document=f"Hết {period[0].lower()}{period[1:]}"
                            if trigger
                            else "",
                            search_key=search_key(row.code, row.title, period),
                        )
                    )
                    created += 1
        return created

    def add_disclosure(self, draft: DisclosureDraft) -> DisclosureRow:
        with self._sessions.begin() as session:
            row = Disclosure(year=draft.year)
            self._apply(session, row, draft)
            session.add(row)
            session.flush()
            new_id = row.id
        return self.disclosure(new_id)

    def update_disclosure(self, disclosure_id: int, draft: DisclosureDraft) -> DisclosureRow:
        with self._sessions.begin() as session:
            row = self._get(session, disclosure_id)
            self._apply(session, row, draft)
        return self.disclosure(disclosure_id)

    def delete_disclosure(self, disclosure_id: int) -> None:
        with self._sessions.begin() as session:
            session.delete(self._get(session, disclosure_id))

    def _apply(self, session: Session, row: Disclosure, draft: DisclosureDraft) -> None:
        item = session.scalar(select(DisclosureItem).where(DisclosureItem.code == draft.item_code))

        problems = validate_disclosure(draft, item_from_row(item) if item else None)
        if problems:
            raise ValidationError(problems)
        assert item is not None
        row.year, row.item_id, row.period = draft.year, item.id, nfc(draft.period)
        row.title, row.budget_year = nfc(draft.title), draft.budget_year
        row.trigger_document, row.trigger_date = nfc(draft.trigger_document), draft.trigger_date
        row.responsible, row.notes = nfc(draft.responsible), nfc(draft.notes)
        if row.trigger_date is not None:
            row.not_arisen_reason = ""  # the document did arise after all
        row.search_key = search_key(
            item.code, item.title, row.title, row.period, row.trigger_document, row.responsible
        )

    def mark_not_arisen(self, disclosure_id: int, reason: str) -> DisclosureRow:
        """Declare that the disclosure's document did not arise this year; a reason is required.

        The disclosure is then left out of the compliance rate and the reason printed in the
        year's report, so the rate is never raised by silently dropping an item.
        """
        reason = nfc(reason).strip()
        if not reason:
            raise ValidationError(
                [Problem("Lý do không phát sinh", "phải ghi rõ lý do (ví dụ: năm nay không có …).")]
            )
        with self._sessions.begin() as session:
            row = self._get(session, disclosure_id)
            if row.trigger_date is not None:
                raise UserError(
                    "Nội dung này đã có văn bản căn cứ nên không thể đánh dấu “Không phát sinh "
                    "trong năm”; xóa văn bản căn cứ trước nếu đã nhập nhầm."
                )
            row.not_arisen_reason = reason
        return self.disclosure(disclosure_id)

    def clear_not_arisen(self, disclosure_id: int) -> DisclosureRow:
        with self._sessions.begin() as session:
            self._get(session, disclosure_id).not_arisen_reason = ""
        return self.disclosure(disclosure_id)

    # ----- postings -----------------------------------------------------------------------
    def add_posting(self, draft: PostingDraft) -> DisclosureRow:
        with self._sessions.begin() as session:
            disclosure = self._get(session, draft.disclosure_id)
            self._check_posting(session, draft, disclosure.trigger_date)
            row = Posting(disclosure_id=disclosure.id)
            _apply_posting(row, draft)
            session.add(row)
        return self.disclosure(draft.disclosure_id)

    def update_posting(
        self, posting_id: int, draft: PostingDraft, *, expected: PostingData | None = None
    ) -> DisclosureRow:
        """``expected``: the posting as the editor read it. Stored values or stamp that differ
        mean someone else saved it meanwhile: ``ConflictError`` naming who, when and what.
        (Postings carry no version column; the stamp has whole seconds, so values count too.)"""
        with self._sessions.begin() as session:
            row = session.get(Posting, posting_id)
            if row is None:
                raise NotFoundError("Lần công khai này không còn trong dữ liệu.")
            stored = _posting(row)
            if expected is not None and (
                stored != expected or stored.changed_at != expected.changed_at
            ):
                from services.safety.audit_trail import conflict_message

                raise ConflictError(
                    conflict_message(
                        session, "disclosure_postings", posting_id, "Lần công khai", row.updated_at
                    )
                )
            disclosure = self._get(session, row.disclosure_id)
            self._check_posting(session, draft, disclosure.trigger_date)
            _apply_posting(row, draft)
            disclosure_id = row.disclosure_id
        return self.disclosure(disclosure_id)

    def delete_posting(self, posting_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(Posting, posting_id)
            if row is None:
                raise NotFoundError("Lần công khai này không còn trong dữ liệu.")
            session.delete(row)

    def _check_posting(self, session: Session, draft: PostingDraft, trigger: date | None) -> None:
        groups = dict(
            session.execute(
                select(ResidentialGroup.id, ResidentialGroup.name).where(
                    ResidentialGroup.active.is_(True)
                )
            ).all()
        )
        problems = validate_posting(draft, trigger, groups, self.today())
        if problems:
            raise ValidationError(problems)

    def _get(self, session: Session, disclosure_id: int) -> Disclosure:
        row = session.get(Disclosure, disclosure_id)
        if row is None:
            raise NotFoundError("Nội dung công khai này không còn trong dữ liệu.")
        return row

    # ----- score and calendar ----------------------------------------------------------------
    def score(self, year: int, *, today: date | None = None) -> YearScore:
        """Compliance per item, per content group, per residential group and for the year."""
        today = today or self.today()
        return year_score(year, today, self.disclosures(year, today=today), content_groups())

    def calendar(self, year: int, *, today: date | None = None) -> list[CalendarItem]:
        """What must be posted, what is overdue, what may now come down (for the dashboard too)."""
        today = today or self.today()
        return calendar_items(self.disclosures(year, today=today), today)

    # ----- statutory lists (rows + columns, for .xlsx and later the PDF engine) ------------
    def quarterly_table(self, year: int, quarter: int) -> Table:
        """The quarterly list of what was disclosed (Đ13.2), as a plain table."""
        if quarter not in (1, 2, 3, 4):
            raise UserError(f"Quý “{quarter}” không hợp lệ: chọn 1, 2, 3 hoặc 4.")
        groups = {g.id: g.name for g in self.setup.groups(include_inactive=True)}
        return quarterly_list(self._reportable(year), groups, year, quarter)

    def report_tables(self, year: int, *, today: date | None = None) -> list[Table]:
        """The year's report, its score summary and the four quarterly lists."""
        today = today or self.today()
        rows = self._reportable(year, today)
        groups = {g.id: g.name for g in self.setup.groups(include_inactive=True)}
        score = year_score(year, today, rows, content_groups())
        return [year_report(rows, year, today), score_summary(score)] + [
            quarterly_list(rows, groups, year, q) for q in (1, 2, 3, 4)
        ]

    def export_xlsx(self, year: int, path: Path, *, today: date | None = None) -> Path:
        from services.disclosure.excel import write_workbook

        return write_workbook(Path(path), self.report_tables(year, today=today))

    def _reportable(self, year: int, today: date | None = None) -> list[DisclosureRow]:
        rows = self.disclosures(year, today=today)
        if not rows:
            raise UserError(self.no_plan_message(year))
        return rows

    # ----- reading with compliance ----------------------------------------------------------
    def disclosure(self, disclosure_id: int) -> DisclosureRow:
        with self._sessions() as session:
            year = self._get(session, disclosure_id).year
        rows = self._rows(year, [disclosure_id])
        return rows[0]

    def disclosures(self, year: int, *, today: date | None = None) -> list[DisclosureRow]:
        """The year's disclosures in checklist order, each judged as of ``today``."""
        return self._rows(year, None, today)

    def _rows(
        self, year: int, ids: list[int] | None, today: date | None = None
    ) -> list[DisclosureRow]:

        today = today or self.today()
        groups = [Group(g.id, g.name) for g in self.setup.groups()]
        calendar = self.setup.work_calendar(year - 1, year, year + 1)
        with self._sessions() as session:
            query = (
                select(Disclosure, DisclosureItem)
                .join(DisclosureItem, DisclosureItem.id == Disclosure.item_id)
                .where(Disclosure.year == year)
                .options(selectinload(Disclosure.postings), selectinload(DisclosureItem.rules))
                .order_by(DisclosureItem.position, Disclosure.id)
            )
            if ids is not None:
                query = query.where(Disclosure.id.in_(ids))
            result = []
            for d, item_row in session.execute(query).all():
                item = item_from_row(item_row)
                rule = item.rule_on(item.reference_date(d.trigger_date, d.budget_year, d.year))
                postings = tuple(_posting(p) for p in d.postings)
                verdict = judge_disclosure(
                    rule, d.trigger_date, list(postings), groups, calendar, today
                )
                expected = expected_day(item.code, item.recurrence, d.year, d.period)
                verdict = with_expectation(
                    verdict, expected, today, not_arisen_reason=d.not_arisen_reason
                )
                result.append(_row(d, item, rule, verdict, postings, expected))
        return result


def _apply_posting(row: Posting, draft: PostingDraft) -> None:
    assert draft.posted_on is not None
    row.form = draft.form
    row.group_id = draft.group_id
    row.posted_on = draft.posted_on
    row.taken_down_on = draft.taken_down_on
    row.place = nfc(draft.place)
    row.evidence_note = nfc(draft.evidence_note)
    row.evidence_path = nfc(draft.evidence_path)


def _posting(p: Posting) -> PostingData:
    return PostingData(
        p.id,
        p.form,
        p.group_id,
        p.posted_on,
        p.taken_down_on,
        p.place,
        p.evidence_note,
        p.evidence_path,
        p.updated_at,
    )


def _row(
    d: Disclosure,
    item: ChecklistItem,
    rule: Rule | None,
    verdict: DisclosureVerdict,
    postings: tuple[PostingData, ...],
    expected: ExpectedDay | None = None,
) -> DisclosureRow:
    return DisclosureRow(
        id=d.id,
        year=d.year,
        item_code=item.code,
        item_title=item.title,
        group_code=item.group,
        period=d.period,
        title=d.title,
        budget_year=d.budget_year,
        trigger_document=d.trigger_document,
        trigger_date=d.trigger_date,
        responsible=d.responsible,
        notes=d.notes,
        rule=rule,
        confidence=item.confidence,
        verdict=verdict,
        postings=postings,
        search_key=d.search_key,
        expected=expected,
        not_arisen_reason=d.not_arisen_reason,
    )
