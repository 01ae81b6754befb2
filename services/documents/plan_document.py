"""The plan in the database as the official Kế hoạch: its sections and items in document order.

The header, signature block and recipients come from the organisation profile (the issuing
body's official name, signer and archive unit), the words from the plan itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from services.documents.headers import organisation_header
from services.documents.letterhead import archive_of
from services.documents.model import (
    CLAUSE,
    PART,
    POINT,
    SECTION,
    Block,
    Document,
    Heading,
    Paragraph,
    Signature,
)
from services.office.organisation import OrganisationProfile
from services.plan.plans import PlanInfo, SectionNode, TaskRow
from services.text import nfc

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


def plan_document(
    plan: PlanInfo,
    sections: list[SectionNode],
    tasks: list[TaskRow],
    org: OrganisationProfile,
    *,
    draft: bool = False,
    numbering: Numbering | None = None,
    margins: str = "compact",
) -> Document:
    """The Kế hoạch; unnumbered, the number and day stay blank for the records office."""
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
        draft=draft,
        margins=margins,
        title=f"Kế hoạch {plan.summary}",
        author=" ".join(header.body_lines).title(),
    )
