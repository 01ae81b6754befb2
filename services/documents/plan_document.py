"""The plan in the database as the official Kế hoạch: its sections and items in document order.

The header, signature block and recipients come from the organisation profile (the issuing
body's official name, signer and archive unit), the words from the plan itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from services.documents.headers import organisation_header
from services.documents.letterhead import annex_reference, archive_of, body_name
from services.documents.model import (
    CLAUSE,
    PART,
    POINT,
    SECTION,
    Annex,
    Block,
    Document,
    Header,
    Heading,
    Paragraph,
    Signature,
    Table,
)
from services.office.organisation import OrganisationProfile
from services.plan.plans import PlanInfo, SectionNode, TaskRow
from services.text import format_date, nfc
from services.vocab import RECURRENCES

_LEVELS = {"part": PART, "roman": SECTION, "arabic": CLAUSE, "alpha": POINT}


@dataclass(frozen=True)
class Numbering:
    """A number given by the outgoing register, with the date it was given."""

    number: str
    day: int
    month: int
    year: int


def plan_blocks(sections: list[SectionNode], tasks: list[TaskRow]) -> list[Block]:
    """Headings and items interleaved exactly as their shared position sequence orders them."""
    children: dict[int | None, list[tuple[int, int, object]]] = defaultdict(list)
    for s in sections:
        children[s.parent_id].append((s.position, 0, s))
    for t in tasks:
        children[t.section_id].append((t.position, 1, t))
    blocks: list[Block] = []

    def walk(parent: int | None) -> None:
        for _pos, _tie, item in sorted(children[parent], key=lambda c: (c[0], c[1])):
            if isinstance(item, SectionNode):
                blocks.append(Heading(_LEVELS.get(item.kind, CLAUSE), item.label, item.title))
                walk(item.id)
            else:
                task: TaskRow = item  # type: ignore[assignment]
                label = task.label if task.label not in ("", "•") else "-"
                for i, text in enumerate(x for x in task.text.split("\n") if x.strip()):
                    blocks.append(Paragraph(nfc(text), label=label if i == 0 else ""))

    walk(None)
    return blocks


def recipients_of(plan_recipients: tuple[str, ...], org: OrganisationProfile) -> tuple[str, ...]:
    """The plan's own recipients (else the profile's), without any "Lưu" line of theirs."""
    lines = plan_recipients or org.default_recipients
    return tuple(
        r for r in (nfc(x).lstrip("- ").strip() for x in lines) if r and not r.startswith("Lưu")
    )


ASSIGNMENT_TITLE = "Bảng phân công nhiệm vụ"
ASSIGNMENT_COLUMNS = ("STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Sản phẩm/kết quả")
# Relative widths on a landscape A4 line (about 252 mm): the task text gets most of it.
ASSIGNMENT_WIDTHS = (13, 103, 32, 38, 27, 39)


def _deadline(task: TaskRow) -> str:
    if task.deadline:
        return format_date(task.deadline)
    return RECURRENCES.get(task.recurrence, "") if task.recurrence != "none" else ""


def assignment_table(tasks: list[TaskRow], unit_names: dict[str, str] | None = None) -> Table:
    """One row per actionable task, in document order: who leads, who helps, by when, what.

    Partners are named by the units' names when known (else their codes), as the body does.
    """
    names = unit_names or {}
    rows = []
    for i, t in enumerate((t for t in tasks if t.actionable), 1):
        partners = ", ".join(names.get(code, code) for code in t.partner_codes)
        rows.append(
            (
                str(i),
                nfc(" ".join(x.strip() for x in t.text.split("\n") if x.strip())),
                t.lead_name or t.lead_code,
                partners,
                _deadline(t),
                nfc(t.result_notes),
            )
        )
    return Table(
        columns=ASSIGNMENT_COLUMNS,
        rows=tuple(rows),
        widths=ASSIGNMENT_WIDTHS,
        centred=(0, 4),
    )


def assignment_annex(
    tasks: list[TaskRow],
    header: Header,
    org: OrganisationProfile,
    unit_names: dict[str, str] | None = None,
) -> Annex:
    """ "Phụ lục: Bảng phân công nhiệm vụ" on landscape pages, its reference line naming the
    plan's number and date as the header prints them (blank until the register gives them)."""
    return Annex(
        label="Phụ lục",
        title=ASSIGNMENT_TITLE,
        reference=annex_reference(header, body_name(org), "Kế hoạch"),
        blocks=(assignment_table(tasks, unit_names),),
        landscape=True,
    )


def plan_document(
    plan: PlanInfo,
    sections: list[SectionNode],
    tasks: list[TaskRow],
    org: OrganisationProfile,
    *,
    draft: bool = False,
    numbering: Numbering | None = None,
    margins: str = "compact",
    annex: bool = False,
    unit_names: dict[str, str] | None = None,
) -> Document:
    """The Kế hoạch; unnumbered, the number and day stay blank for the records office.

    With ``annex`` the task assignment table follows as a landscape Phụ lục, built from the
    same tasks as the body (a plan without actionable tasks gets no empty annex).
    """
    number: str | None
    day: int | None
    month: int | None
    if numbering:
        number, day, month, year = numbering.number, numbering.day, numbering.month, numbering.year
    else:
        number = plan.number or None
        day = plan.date_day if (draft or number) else None
        month, year = plan.date_month, plan.date_year or plan.year
    header = organisation_header(
        org,
        "KH",
        symbol=plan.symbol or None,
        place=plan.place or None,
        number=number,
        day=day,
        month=month,
        year=year,
    )
    blocks: list[Block] = [Paragraph(nfc(p)) for p in plan.opening]
    blocks += plan_blocks(sections, tasks)
    blocks += [Paragraph(nfc(p)) for p in plan.closing]
    signature = Signature(
        authority=org.sign_authority or plan.sign_authority,
        deputy=org.sign_deputy or plan.sign_deputy,
        title=org.signer_title or plan.signer_title,
        name=org.signer_name or plan.signer_name,
    )
    return Document(
        header=header,
        type_name=plan.document_type or "KẾ HOẠCH",
        summary=plan.summary,
        blocks=tuple(blocks),
        signature=signature,
        recipients=recipients_of(plan.recipients, org),
        archive=archive_of(org),
        annexes=(
            (assignment_annex(tasks, header, org, unit_names),)
            if annex and any(t.actionable for t in tasks)
            else ()
        ),
        draft=draft,
        margins=margins,
        title=f"Kế hoạch {plan.summary}",
        author=" ".join(header.body_lines).title(),
    )
