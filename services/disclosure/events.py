"""Disclosures "khi phát sinh": items of the year's plan with no fixed date.

Land-use plans, land recovery, land prices, investment projects, support decisions…
(Luật 10/2022/QH15 Đ11; the sample plan's task III.2.d) must be disclosed whenever their
document is issued, so the yearly plan cannot open them in advance. They are listed in the
year's plan as "khi phát sinh" rows, each with its trigger and deadline rule; recording the
document that arose (number, date, trích yếu) opens the disclosure at once, with its
deadline computed by the rule in force on the document's date (compliance.deadline_for).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.disclosure.checklist import ChecklistItem, Rule
from services.disclosure.compliance import deadline_for
from services.disclosure.service import DisclosureDraft, DisclosureRow, DisclosureService
from services.disclosure.vocab import EVENT_RECURRENCES, FORMS
from services.errors import Problem, ValidationError
from services.text import nfc

WHEN_ARISING = "Khi phát sinh"


@dataclass(frozen=True)
class EventItem:
    """One "khi phát sinh" row of the year's plan and the documents recorded for it so far."""

    code: str
    title: str
    group_code: str
    rule: Rule | None
    recorded: tuple[DisclosureRow, ...] = ()

    @property
    def trigger(self) -> str:
        return self.rule.trigger if self.rule else ""

    @property
    def deadline_text(self) -> str:
        if self.rule is None:
            return "chưa có quy định áp dụng"
        return self.rule.deadline_label

    @property
    def forms_text(self) -> str:
        return "; ".join(FORMS.get(f, f) for f in self.rule.forms) if self.rule else ""

    @property
    def basis(self) -> str:
        return "; ".join(self.rule.legal_basis) if self.rule else ""

    @property
    def status_text(self) -> str:
        if not self.recorded:
            return "Chưa phát sinh"
        return f"Đã ghi nhận {len(self.recorded)} văn bản"


@dataclass(frozen=True)
class ArisenDocument:
    """What the clerk types about the document that arose: number, date, trích yếu."""

    item_code: str
    year: int
    number: str
    issued_on: date | None
    summary: str


def event_items(service: DisclosureService, year: int) -> list[EventItem]:
    """The checklist's event-triggered items in checklist order, with what the year recorded.

    The rule shown is the one in force on 1 January of the year; a recorded document is
    judged by the rule in force on its own date. Reading only: the checklist is copied into
    the database when the year's plan is made, by a clerk who may change it.
    """
    rows = service.disclosures(year)
    items: list[EventItem] = []
    for item in service.setup.checklist(include_inactive=False):
        if item.recurrence not in EVENT_RECURRENCES:
            continue
        recorded = tuple(r for r in rows if r.item_code == item.code and r.trigger_date is not None)
        items.append(EventItem(item.code, item.title, item.group, _rule(item, year), recorded))
    return items


def _rule(item: ChecklistItem, year: int) -> Rule | None:
    return item.rule_on(item.reference_date(None, None, year))


def validate_arisen(document: ArisenDocument) -> list[Problem]:
    problems = []
    if not nfc(document.number).strip():
        problems.append(Problem("Số, ký hiệu văn bản", "không được để trống (ví dụ: 125/QĐ-UBND)."))
    if document.issued_on is None:
        problems.append(Problem("Ngày văn bản", "không được để trống."))
    if not nfc(document.summary).strip():
        problems.append(Problem("Trích yếu", "không được để trống."))
    return problems


def record_arisen(service: DisclosureService, document: ArisenDocument) -> DisclosureRow:
    """Open the disclosure of a document that arose; its deadlines come from its rule."""
    problems = validate_arisen(document)
    if problems:
        raise ValidationError(problems)
    number, summary = nfc(document.number).strip(), nfc(document.summary).strip()
    return service.add_disclosure(
        DisclosureDraft(
            item_code=document.item_code,
            year=document.year,
            title=summary,
            trigger_document=number,
            trigger_date=document.issued_on,
        )
    )


def deadline_preview(service: DisclosureService, item_code: str, issued_on: date) -> date | None:
    """The disclosure deadline a document of ``issued_on`` would get (before it is saved)."""
    item = next((i for i in service.setup.checklist() if i.code == item_code), None)
    if item is None:
        return None
    rule = item.rule_on(item.reference_date(issued_on, None, issued_on.year))
    if rule is None or rule.deadline is None:
        return None
    year = issued_on.year
    return deadline_for(issued_on, rule.deadline, service.setup.work_calendar(year, year + 1))
