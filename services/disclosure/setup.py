"""What disclosure is measured against, kept per ward: holidays, residential groups, checklist.

Holidays: a year with rows in the database uses them; otherwise the shipped table. Editing a
year copies it whole, so a decree that moves one day is one edit of that year.
The checklist is copied from ``resources/disclosure/checklist.yaml`` on first use and then
belongs to the ward (edit, add, switch off items).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from models import DisclosureItem, DisclosureRule, Holiday, ResidentialGroup
from services.disclosure.calendar import (
    SpecialDay,
    WorkCalendar,
    shipped_days,
    validate_special_days,
)
from services.disclosure.checklist import (
    ChecklistItem,
    Deadline,
    Rule,
    default_checklist,
    validate_item,
)
from services.errors import NotFoundError, Problem, UserError, ValidationError
from services.text import nfc


@dataclass(frozen=True)
class HolidayTable:
    year: int
    days: tuple[SpecialDay, ...]
    edited: bool  # True: the ward's own table for this year, not the shipped one


@dataclass(frozen=True)
class ResidentialGroupInfo:
    id: int
    name: str
    position: int
    active: bool


@lru_cache(maxsize=1)
def content_groups() -> dict[str, str]:
    """The content groups (nhóm nội dung) items are scored by, from the shipped checklist."""
    return dict(default_checklist().groups)


class DisclosureSetup:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    # ----- holidays -----------------------------------------------------------------------
    def holidays(self, year: int) -> HolidayTable:
        with self._sessions() as session:
            rows = session.scalars(select(Holiday).where(Holiday.year == year)).all()
            own = [SpecialDay(r.day, r.name, r.kind, r.confirmed) for r in rows]
        if own:
            return HolidayTable(year, tuple(sorted(own, key=lambda d: d.day)), True)
        return HolidayTable(year, tuple(shipped_days(year)), False)

    def set_holidays(self, year: int, days: list[SpecialDay]) -> HolidayTable:
        """Replace a year's table (e.g. after a decree moves a day off); validated first."""
        days = [SpecialDay(d.day, nfc(d.name), d.kind, d.confirmed) for d in days]
        problems = validate_special_days(days)
        problems += [
            Problem(f"Ngày {d.day:%d/%m/%Y}", f"không thuộc năm {year}.")
            for d in days
            if d.day.year != year
        ]
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            session.execute(delete(Holiday).where(Holiday.year == year))
            session.add_all(
                Holiday(year=year, day=d.day, name=d.name, kind=d.kind, confirmed=d.confirmed)
                for d in days
            )
        return self.holidays(year)

    def reset_holidays(self, year: int) -> HolidayTable:
        with self._sessions.begin() as session:
            session.execute(delete(Holiday).where(Holiday.year == year))
        return self.holidays(year)

    def work_calendar(self, *years: int) -> WorkCalendar:
        return WorkCalendar.of(d for y in sorted(set(years)) for d in self.holidays(y).days)

    # ----- residential groups ---------------------------------------------------------------
    def groups(self, *, include_inactive: bool = False) -> list[ResidentialGroupInfo]:
        with self._sessions() as session:
            query = select(ResidentialGroup).order_by(ResidentialGroup.position)
            if not include_inactive:
                query = query.where(ResidentialGroup.active.is_(True))
            return [_group(r) for r in session.scalars(query)]

    def add_group(self, name: str) -> ResidentialGroupInfo:
        name = nfc(name)
        with self._sessions.begin() as session:
            self._check_group_name(session, name, None)
            last = session.scalar(select(func.max(ResidentialGroup.position))) or 0
            row = ResidentialGroup(name=name, position=last + 1, active=True)
            session.add(row)
            session.flush()
            return _group(row)

    def update_group(self, group_id: int, name: str, active: bool) -> ResidentialGroupInfo:
        name = nfc(name)
        with self._sessions.begin() as session:
            row = session.get(ResidentialGroup, group_id)
            if row is None:
                raise NotFoundError("Thôn, tổ dân phố này không còn trong dữ liệu.")
            self._check_group_name(session, name, group_id)
            row.name, row.active = name, active
            session.flush()
            return _group(row)

    def _check_group_name(self, session: Session, name: str, own_id: int | None) -> None:
        if not name:
            raise ValidationError([Problem("Tên thôn, tổ dân phố", "không được để trống.")])
        other = session.scalar(select(ResidentialGroup.id).where(ResidentialGroup.name == name))
        if other is not None and other != own_id:
            raise ValidationError([Problem("Tên thôn, tổ dân phố", f"“{name}” đã có.")])

    # ----- checklist ------------------------------------------------------------------------
    def ensure_checklist(self) -> int:
        """Copy the shipped checklist into an empty database; return the number of items.

        A database that has it already gets the shipped rule versions it does not have yet
        (a law that took effect after the checklist was copied: the 2026 budget forms, Decree
        154/2026 for citizen reception), by their date; rows the office has are never changed.
        """
        with self._sessions.begin() as session:
            count = session.scalar(select(func.count(DisclosureItem.id))) or 0
        if count:
            try:
                with self._sessions.begin() as session:
                    self._add_new_versions(session)
            except UserError:
                # An account that may not change disclosure rules (a unit officer, a leader)
                # reads them as they are; the next clerk who may adds the new versions.
                pass
            return count
        with self._sessions.begin() as session:
            items = default_checklist().items
            for item in items:
                row = DisclosureItem(code=item.code)
                session.add(row)
                _write_item(row, item)
            return len(items)

    @staticmethod
    def _add_new_versions(session: Session) -> None:
        shipped = {i.code: i for i in default_checklist().items}
        for row in session.scalars(select(DisclosureItem)):
            item = shipped.get(row.code)
            if item is None:
                continue
            have = {r.applies_from for r in row.rules}
            for rule in item.rules:
                if rule.applies_from not in have and rule.applies_from > min(
                    have, default=rule.applies_from
                ):
                    target = DisclosureRule(applies_from=rule.applies_from)
                    _fill_rule(target, rule)
                    row.rules.append(target)

    def checklist(self, *, include_inactive: bool = True) -> list[ChecklistItem]:
        with self._sessions() as session:
            query = select(DisclosureItem).order_by(DisclosureItem.position, DisclosureItem.code)
            if not include_inactive:
                query = query.where(DisclosureItem.active.is_(True))
            return [item_from_row(r) for r in session.scalars(query)]

    def save_item(self, item: ChecklistItem) -> ChecklistItem:
        """Create or update an item by its code, with all its rule versions."""
        item = _clean(item)
        problems = validate_item(item, content_groups())
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            row = session.scalar(select(DisclosureItem).where(DisclosureItem.code == item.code))
            if row is None:
                last = session.scalar(select(func.max(DisclosureItem.position))) or 0
                row = DisclosureItem(code=item.code)
                session.add(row)
                item = ChecklistItem(**{**item.__dict__, "position": last + 1})
            else:
                item = ChecklistItem(**{**item.__dict__, "position": row.position})
            _write_item(row, item)
            session.flush()
            return item_from_row(row)


def _clean(item: ChecklistItem) -> ChecklistItem:
    return ChecklistItem(
        **{**item.__dict__, "code": nfc(item.code).upper(), "title": nfc(item.title)}
    )


def _write_item(row: DisclosureItem, item: ChecklistItem) -> None:
    row.title = item.title
    row.group_code = item.group
    row.recurrence = item.recurrence
    row.version_by = item.version_by
    row.budget_offset = item.budget_offset
    row.periods = "\n".join(item.periods)
    row.quarter_end_triggers = ",".join(str(q) for q in item.quarter_end_triggers)
    row.confidence = item.confidence
    row.position = item.position
    row.active = item.active
    row.notes = item.notes
    # Rows are kept by their date: replacing them wholesale would insert a version before the
    # old row with the same (item, date) is deleted, which the unique constraint refuses.
    existing = {r.applies_from: r for r in row.rules}
    rules = []
    for r in sorted(item.rules, key=lambda r: r.applies_from):
        target = existing.pop(r.applies_from, None) or DisclosureRule(applies_from=r.applies_from)
        _fill_rule(target, r)
        rules.append(target)
    row.rules = rules


def _fill_rule(target: DisclosureRule, r: Rule) -> None:
    target.forms = ",".join(r.forms)
    target.duration_type = r.duration_type
    target.duration_days = r.duration_days
    target.broadcast_days = r.broadcast_days
    target.deadline_offset = r.deadline.offset if r.deadline else None
    target.deadline_unit = r.deadline.unit if r.deadline else None
    target.trigger = r.trigger
    target.deadline_text = r.deadline_text
    target.legal_basis = "\n".join(r.legal_basis)
    target.note = r.note


def item_from_row(row: DisclosureItem) -> ChecklistItem:
    return ChecklistItem(
        code=row.code,
        title=row.title,
        group=row.group_code,
        recurrence=row.recurrence,
        rules=tuple(_rule(r) for r in row.rules),
        version_by=row.version_by,
        budget_offset=row.budget_offset,
        periods=tuple(p for p in row.periods.split("\n") if p),
        quarter_end_triggers=tuple(int(q) for q in row.quarter_end_triggers.split(",") if q),
        confidence=row.confidence,
        id=row.id,
        position=row.position,
        active=row.active,
        notes=row.notes,
    )


def _rule(r: DisclosureRule) -> Rule:
    deadline = (
        Deadline(r.deadline_offset, r.deadline_unit or "working_days")
        if r.deadline_offset is not None
        else None
    )
    return Rule(
        applies_from=r.applies_from,
        forms=tuple(f for f in r.forms.split(",") if f),
        duration_type=r.duration_type,
        duration_days=r.duration_days,
        broadcast_days=r.broadcast_days,
        deadline=deadline,
        trigger=r.trigger,
        deadline_text=r.deadline_text,
        legal_basis=tuple(line for line in r.legal_basis.split("\n") if line),
        note=r.note,
    )


def _group(row: ResidentialGroup) -> ResidentialGroupInfo:
    return ResidentialGroupInfo(row.id, row.name, row.position, row.active)
