"""What the plan service hands out and takes in: plans, sections and tasks as frozen dataclasses,
with the pure functions over them (validation, plan numbering, criterion-code order).

No session and no service here, so the service, the structure edits, documents and the UI all
read the same types without importing one another.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from models import Plan
from services.errors import Problem
from services.text import nfc
from services.vocab import RECURRENCES, TASK_STATUSES


@dataclass(frozen=True)
class PlanInfo:
    id: int
    year: int
    number: str | None
    document_type: str
    symbol: str
    place: str
    date_day: int | None
    date_month: int | None
    date_year: int | None
    summary: str
    opening: tuple[str, ...]
    closing: tuple[str, ...]
    recipients: tuple[str, ...]
    sign_authority: str
    sign_deputy: str
    signer_title: str
    signer_name: str
    version: int


@dataclass(frozen=True)
class SectionNode:
    id: int
    parent_id: int | None
    position: int
    kind: str
    label: str
    title: str
    depth: int = 0

    @property
    def heading(self) -> str:
        return f"{self.label} {self.title}".strip()


@dataclass(frozen=True)
class TaskDraft:
    """What a user edits; validated by ``validate_task`` before anything is written."""

    section_id: int
    text: str
    label: str = "-"
    actionable: bool = True
    lead_unit_id: int | None = None
    partner_ids: tuple[int, ...] = ()
    start_on: date | None = None
    deadline: date | None = None
    deadline_is_default: bool = False
    recurrence: str = "none"
    status: str = "not_started"
    percent: int = 0
    result_notes: str = ""
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskRow:
    id: int
    plan_id: int
    section_id: int
    position: int
    label: str
    text: str
    actionable: bool
    lead_unit_id: int | None
    lead_code: str
    lead_name: str
    partner_ids: tuple[int, ...]
    partner_codes: tuple[str, ...]
    start_on: date | None
    deadline: date | None
    deadline_is_default: bool
    recurrence: str
    status: str
    percent: int
    result_notes: str
    criteria: tuple[str, ...]
    search_key: str
    version: int
    outline: str = ""
    order: int = 0
    # For a recurring task: the deadline of its first period not yet done; else its deadline.
    next_due: date | None = None
    periods_total: int = 0
    periods_done: int = 0
    # Codes of the index criteria linked to the task (services.scores links), code order.
    linked_criteria: tuple[str, ...] = ()

    @property
    def criteria_shown(self) -> tuple[str, ...]:
        """The "Tiêu chí" column: the typed codes, then linked codes not typed already."""
        typed = {c.casefold() for c in self.criteria}
        extra = tuple(c for c in self.linked_criteria if c.casefold() not in typed)
        return self.criteria + extra

    def draft(self) -> TaskDraft:
        return TaskDraft(
            section_id=self.section_id,
            text=self.text,
            label=self.label,
            actionable=self.actionable,
            lead_unit_id=self.lead_unit_id,
            partner_ids=self.partner_ids,
            start_on=self.start_on,
            deadline=self.deadline,
            deadline_is_default=self.deadline_is_default,
            recurrence=self.recurrence,
            status=self.status,
            percent=self.percent,
            result_notes=self.result_notes,
            criteria=self.criteria,
        )


def code_key(code: str) -> tuple:
    """ "PAR.2.10" after "PAR.2.9": numeric parts compare as numbers."""
    return tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.replace("-", ".").split(".")
    )


def split_codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in (nfc(p) for p in text.replace(";", ",").split(",")) if c)


def lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in text.split("\n") if line.strip())


def validate_task(
    draft: TaskDraft, known_units: set[int], *, taken_labels: Collection[str] | None = None
) -> list[Problem]:
    """Every problem of a task draft, each naming the field in Vietnamese.

    With ``taken_labels`` (the STT already used in the task's section) the draft is a new task
    the clerk is adding: one "cần giao và theo dõi" must name its Chủ trì and Thời hạn, or it
    could never show as due or overdue, and its STT must not repeat one in the section.
    """
    problems = []
    if not nfc(draft.text):
        problems.append(Problem("Nội dung", "không được để trống."))
    if taken_labels is not None:
        if draft.actionable and draft.lead_unit_id is None:
            problems.append(
                Problem("Đơn vị chủ trì", "nhiệm vụ cần giao và theo dõi phải có đơn vị chủ trì.")
            )
        if draft.actionable and draft.deadline is None:
            problems.append(Problem("Thời hạn", "nhiệm vụ cần giao và theo dõi phải có thời hạn."))
        label = nfc(draft.label)
        if label not in ("", "-") and label.casefold() in {t.casefold() for t in taken_labels}:
            problems.append(Problem("Số thứ tự", f"“{label}” đã có trong mục này."))
    if draft.start_on and draft.deadline and draft.deadline < draft.start_on:
        problems.append(
            Problem(
                "Thời hạn",
                f"{draft.deadline:%d/%m/%Y} trước ngày bắt đầu {draft.start_on:%d/%m/%Y}.",
            )
        )
    if draft.lead_unit_id is not None and draft.lead_unit_id not in known_units:
        problems.append(Problem("Đơn vị chủ trì", "không có trong danh sách bộ phận."))
    unknown = [p for p in draft.partner_ids if p not in known_units]
    if unknown:
        problems.append(Problem("Đơn vị phối hợp", "có đơn vị không có trong danh sách bộ phận."))
    if draft.status not in TASK_STATUSES:
        problems.append(Problem("Trạng thái", f"“{draft.status}” không hợp lệ."))
    if draft.recurrence not in RECURRENCES:
        problems.append(Problem("Lặp lại", f"“{draft.recurrence}” không hợp lệ."))
    if not 0 <= draft.percent <= 100:
        problems.append(Problem("Tiến độ", "phải từ 0 đến 100%."))
    return problems


def next_label(taken: frozenset[str]) -> str:
    """The first STT number not yet used in the section ("1", "2", …), so a new task's
    number is unique and the clerk need not look it up."""
    used = {t.strip().rstrip(".)").casefold() for t in taken}
    if any(len(u) == 1 and u.isalpha() for u in used):  # the section numbers a), b), c)
        letter = next((c for c in "abcdefghiklmnopqrstuvxy" if c not in used), "z")
        return f"{letter})"
    number = 1
    while str(number) in used:
        number += 1
    return str(number)


def outline_labels(sections: list[SectionNode], tasks: list[TaskRow]) -> list[TaskRow]:
    """Tasks in document order, each with its plan numbering ("III.2.b", "II.1 (2)").

    Sections and tasks under one parent share one position sequence, so the order is a
    depth-first walk over both. Part headings ("Phần II") are left out of the number, as
    clerks cite "mục II.1" within the plan's body.
    """
    by_id = {t.id: t for t in tasks}
    return [
        replace(by_id[task_id], outline=number, order=order)
        for order, (task_id, number) in enumerate(outline_numbers(sections, tasks))
    ]


def outline_numbers(sections: list[SectionNode], items) -> list[tuple[int, str]]:
    """(task id, plan number) in document order, for anything with id, section_id,
    position and label (TaskRow or a database row)."""
    children: dict[int | None, list[tuple[int, int, str, object]]] = defaultdict(list)
    for s in sections:
        children[s.parent_id].append((s.position, 0, "section", s))
    for t in items:
        children[t.section_id].append((t.position, 1, "task", t))
    ordered: list[tuple[int, str]] = []

    def walk(parent: int | None, prefix: str) -> None:
        dash = 0
        for _pos, _tie, kind, item in sorted(children[parent], key=lambda c: (c[0], c[1])):
            if kind == "section":
                sec: SectionNode = item  # type: ignore[assignment]
                own = "" if sec.kind == "part" else sec.label.rstrip(".)").strip()
                walk(sec.id, f"{prefix}.{own}".strip(".") if own else prefix)
            else:
                own = item.label.rstrip(".)").strip()  # type: ignore[attr-defined]
                if own in ("", "-", "+", "•"):
                    dash += 1
                    number = f"{prefix} ({dash})" if prefix else f"({dash})"
                else:
                    number = f"{prefix}.{own}".strip(".")
                ordered.append((item.id, number))  # type: ignore[attr-defined]

    walk(None, "")
    return ordered


def plan_info(row: Plan) -> PlanInfo:
    return PlanInfo(
        id=row.id,
        year=row.year,
        number=row.number,
        document_type=row.document_type,
        symbol=row.symbol,
        place=row.place,
        date_day=row.date_day,
        date_month=row.date_month,
        date_year=row.date_year,
        summary=row.summary,
        opening=lines(row.opening),
        closing=lines(row.closing),
        recipients=lines(row.recipients),
        sign_authority=row.sign_authority,
        sign_deputy=row.sign_deputy,
        signer_title=row.signer_title,
        signer_name=row.signer_name,
        version=row.version,
    )
