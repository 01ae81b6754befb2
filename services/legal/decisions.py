"""The lists the law requires, as the Quyết định that publishes them (Decree 30 layout).

Why a Quyết định, and of the Chủ tịch: the design note (Part B §5, ``published_by: "Chủ
tịch UBND … (quyết định công bố)"``) says the yearly list of expired and suspended
documents is *published* by the ward chairman's decision, and step 5 of the systematisation
(Part B §6, NĐ 34 Đ165 "công bố các danh mục") publishes the cycle's lists the same way. A
Báo cáo only reports upwards and publishes nothing, so it is used for the systematisation
report alone (``services.legal.cycle_report``). The decision is short: the legal bases, then
Điều 1 publishing the list, which follows as a landscape Phụ lục (the lists have 6–9 columns).
Being the chairman's own decision, it is signed "CHỦ TỊCH" (or "KT. CHỦ TỊCH / PHÓ CHỦ
TỊCH"), never "TM. ỦY BAN NHÂN DÂN", which is for the people's committee as a body.
"""

from __future__ import annotations

from datetime import date

from services.documents.headers import organisation_header
from services.documents.letterhead import annex_reference, archive_of, body_name
from services.documents.model import (
    PART,
    Annex,
    Block,
    Document,
    Header,
    Heading,
    Paragraph,
    Signature,
    Table,
)
from services.legal.lists import LegalList
from services.legal.rules import LegalRules, Rule, load_rules
from services.legal.systematisation import CycleRow
from services.office.organisation import OrganisationProfile
from services.text import format_date


def legal_bases(on: date, rules: LegalRules | None = None) -> tuple[str, ...]:
    """The "Căn cứ" lines of a decision on review and systematisation signed on ``on``
    (rule ``decision_bases`` of ``resources/legal/rules.yaml``)."""
    rule = (rules or load_rules()).rule("decision_bases", on)
    return tuple(" ".join(str(line).split()) for line in rule.value)


def decision_rules(on: date, rules: LegalRules | None = None) -> tuple[Rule, ...]:
    """The rule versions a decision signed on ``on`` follows (to show with their basis)."""
    found = rules or load_rules()
    return tuple(found.rule(key, on) for key in ("decision_bases", "proposer", "lead_unit"))


def ward_name(org: OrganisationProfile) -> str:
    """ "phường Dị Sử" (from "Ủy ban nhân dân phường Dị Sử")."""
    return body_name(org).removeprefix("Ủy ban nhân dân").strip()


def level_word(org: OrganisationProfile) -> str:
    """ "phường", "xã" or "đặc khu": from the organisation profile."""
    return org.level


def list_table(legal_list: LegalList) -> Table:
    """A list's columns and rows as an annex table; group titles span the table's width."""
    rows: list[tuple[str, ...]] = []
    groups: list[int] = []
    width = len(legal_list.columns)
    for group in legal_list.groups:
        if not group.rows:
            continue  # "B. … TẠM NGƯNG …" with nothing under it is left out
        if group.title:
            groups.append(len(rows))
            rows.append((group.title, *[""] * (width - 1)))
        rows += [tuple(_cell(v) for v in row) for row in group.rows]
    centred = tuple(
        i for i, c in enumerate(legal_list.columns) if c.kind in ("int", "date") or i == 2
    )
    return Table(
        columns=tuple(c.title for c in legal_list.columns),
        rows=tuple(rows),
        widths=print_widths(legal_list.columns),
        centred=centred,
        group_rows=tuple(groups),
    )


# Landscape text width with the wider ("official") margins, in points: 297 - 35 - 20 mm.
_WIDE_TEXT_PT = 242 * 72 / 25.4
# Columns that must not wrap in 12-pt print: "STT", a number and symbol ("02/2021/NQ-HĐND"),
# a date, a count; their widths in points, the other columns share the rest.
_FIXED_PT = {"int": 30.0, "date": 66.0}
_NUMBER_PT = 106.0


def print_widths(columns) -> tuple[float, ...]:
    """Relative widths for print: fixed columns first, the rest by their spreadsheet widths."""
    fixed = [
        _NUMBER_PT if c.title.startswith("Số, ký hiệu") else _FIXED_PT.get(c.kind) for c in columns
    ]
    free = sum(c.width for c, f in zip(columns, fixed, strict=True) if f is None) or 1
    left = max(_WIDE_TEXT_PT - sum(f for f in fixed if f), free)
    return tuple(f if f else left * c.width / free for c, f in zip(columns, fixed, strict=True))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def full_list_title(legal_list: LegalList, org: OrganisationProfile) -> str:
    """ "Danh mục văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân phường
    Dị Sử hết hiệu lực, …": the list's short title with whose documents they are."""
    owner = f"quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân {ward_name(org)}"
    return legal_list.title.replace("Danh mục văn bản", f"Danh mục văn bản {owner}", 1)


def decision_header(
    org: OrganisationProfile, today: date, number: str | None = None, day: int | None = None
) -> Header:
    """Unnumbered (blank number and day, month and year of today) until the office numbers it."""
    return organisation_header(
        org, "QĐ", month=today.month, year=today.year, number=number, day=day
    )


def _executors(level: str, lead: str) -> str:
    """ "Chánh Văn phòng HĐND và UBND xã, công chức …" or just the office when it leads."""
    office = f"Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {level}"
    if lead.startswith("Văn phòng Hội đồng nhân dân"):
        return office
    return f"{office}, {lead}"


def chairman_signature(org: OrganisationProfile) -> Signature:
    """The chairman signs his own decision: "CHỦ TỊCH", or "KT. CHỦ TỊCH" + deputy's title."""
    title = org.signer_title or "CHỦ TỊCH"
    return Signature(authority="", title=title, name=org.signer_name, deputy=org.sign_deputy)


def publication_decision(
    legal_list: LegalList,
    org: OrganisationProfile,
    *,
    today: date,
    period_text: str,
    cycle: CycleRow | None = None,
    margins: str = "compact",
    rules: LegalRules | None = None,
    number: str | None = None,
) -> Document:
    """The Quyết định công bố of one list, the list itself as its landscape Phụ lục.

    With ``number`` (from the outgoing register) ``today`` is the signing date it was given.

    ``period_text`` ends the titles: "năm 2025" (the yearly list) or "kỳ hệ thống hóa
    2024-2028" (a cycle's list, then ``cycle`` gives the cut-off date and plan).
    """
    ward = ward_name(org)
    level = level_word(org)
    title = f"{full_list_title(legal_list, org)} {period_text}"
    header = decision_header(org, today, number, today.day if number else None)
    chairman = f"Chủ tịch Ủy ban nhân dân {ward}"
    count = len(legal_list.rows)
    blocks: list[Block] = [Heading(PART, f"CHỦ TỊCH ỦY BAN NHÂN DÂN {org.body_line2}".strip(), "")]
    blocks += [Paragraph(line, italic=True) for line in legal_bases(today, rules)]
    _bases, proposer, lead = decision_rules(today, rules)
    if cycle is not None and cycle.plan_ref:
        blocks.append(
            Paragraph(
                f"Căn cứ Kế hoạch {cycle.plan_ref} của Ủy ban nhân dân {ward} về hệ thống hóa "
                f"văn bản quy phạm pháp luật kỳ {cycle.name};",
                italic=True,
            )
        )
    blocks.append(Paragraph(f"Theo đề nghị của {proposer.text(level)}.", italic=True))
    blocks.append(Heading(PART, "QUYẾT ĐỊNH:", ""))
    scope = (
        f", thời điểm hệ thống hóa ngày {format_date(cycle.cutoff_on)}" if cycle is not None else ""
    )
    blocks.append(
        Paragraph(
            f"Công bố kèm theo Quyết định này {title}{scope}, gồm {count} văn bản "
            "(chi tiết tại Phụ lục kèm theo).",
            label="Điều 1.",
            bold_label=True,
        )
    )
    article = 2
    if legal_list.code == "needing-action":
        blocks.append(
            Paragraph(
                f"Giao các cơ quan, đơn vị chủ trì soạn thảo nêu tại Phụ lục phối hợp với "
                f"{lead.text(level)} tham mưu Ủy ban nhân dân {level} xử lý các văn bản "
                "theo kiến nghị và thời hạn đã nêu.",
                label="Điều 2.",
                bold_label=True,
            )
        )
        article = 3
    blocks.append(
        Paragraph(
            "Quyết định này có hiệu lực kể từ ngày ký.", label=f"Điều {article}.", bold_label=True
        )
    )
    blocks.append(
        Paragraph(
            f"{_executors(level, lead.text(level))} và các cơ quan, đơn vị, cá nhân có liên "
            "quan chịu trách nhiệm thi hành Quyết định này.",
            label=f"Điều {article + 1}.",
            bold_label=True,
        )
    )
    annex = Annex(
        label="Phụ lục",
        title=title,
        reference=annex_reference(header, chairman, "Quyết định"),
        blocks=(list_table(legal_list),),
        landscape=True,
    )
    summary = f"Công bố {title}"
    return Document(
        header=header,
        type_name="QUYẾT ĐỊNH",
        summary=summary,
        blocks=tuple(blocks),
        signature=chairman_signature(org),
        recipients=(
            f"Như Điều {article + 1}",
            org.department("Sở Tư pháp"),
            f"Thường trực Hội đồng nhân dân {level}",
            f"Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân {level}",
            f"Trang thông tin điện tử {level}",
        ),
        archive=archive_of(org),
        annexes=(annex,),
        margins=margins,
        title=f"Quyết định {summary[:1].lower()}{summary[1:]}",  # PDF properties
        author=body_name(org),
    )
