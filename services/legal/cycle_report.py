"""The systematisation report (Báo cáo kết quả hệ thống hóa văn bản kỳ …) from a cycle's lists.

Sections follow the design note's BAO_CAO_KET_QUA_HE_THONG_HOA (Part B3): how the work was
organised, what was collected (by form and issuing body), the extra reviews, the figures of
the four lists, difficulties and proposals. The four lists follow as landscape Phụ lục I–IV,
in the order of the note's ``annexes``. It is a Báo cáo of the people's committee as a body
(signed "TM. ỦY BAN NHÂN DÂN"), sent up to the provincial Justice department.
"""

from __future__ import annotations

from datetime import date

from services.documents.headers import unnumbered_header
from services.documents.letterhead import annex_reference, archive_of, body_name, signature_of
from services.documents.model import (
    CLAUSE,
    SECTION,
    Annex,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
)
from services.legal.decisions import level_word, list_table, ward_name
from services.legal.lists import LegalList, cycle_summary
from services.legal.reviews import ReviewRow
from services.legal.rules import load_rules
from services.legal.systematisation import CycleRow
from services.office.organisation import OrganisationProfile
from services.text import format_date

ROMAN = ("I", "II", "III", "IV")


def _scope(lists: list[LegalList]) -> dict[str, int]:
    """Documents in scope: those expired or suspended in whole, plus those in force (list c
    already holds the partly expired ones and those needing action)."""
    seen: dict[str, str] = {}
    for legal_list in (lists[0], lists[2]):
        for row in legal_list.rows:
            seen[str(row[2])] = str(row[1])
    counts: dict[str, int] = {}
    for doc_type in seen.values():
        counts[doc_type] = counts.get(doc_type, 0) + 1
    return counts


def _collected(lists: list[LegalList], level: str) -> str:
    counts = _scope(lists)
    total = sum(counts.values())
    resolutions = counts.get("Nghị quyết", 0)
    decisions = total - resolutions
    return (
        f"Tổng số văn bản thuộc đối tượng hệ thống hóa: {total} văn bản, gồm {resolutions} "
        f"nghị quyết của Hội đồng nhân dân {level} và {decisions} quyết định, chỉ thị của "
        f"Ủy ban nhân dân {level}."
    )


def _reviewed(reviews: list[ReviewRow]) -> str:
    if not reviews:
        return "Trong kỳ không phát sinh việc rà soát bổ sung."
    documents = {r.document_id for r in reviews}
    handled = {r.document_id for r in reviews if r.needs_action}
    return (
        f"Trong kỳ đã rà soát {len(reviews)} lượt đối với {len(documents)} văn bản; "
        f"{len(handled)} văn bản có kiến nghị xử lý chưa thực hiện xong."
    )


def _summary_table(summary: LegalList) -> Table:
    table = list_table(summary)
    return Table(
        columns=table.columns,
        rows=table.rows,
        widths=(11, 67, 22, 22, 16),
        centred=(0, 2, 3, 4),
    )


def cycle_report(
    cycle: CycleRow,
    lists: list[LegalList],
    reviews: list[ReviewRow],
    org: OrganisationProfile,
    *,
    today: date,
    margins: str = "compact",
) -> Document:
    name = body_name(org)
    ward = ward_name(org)
    level = level_word(org)
    header = unnumbered_header(org, "BC", today)
    lead = load_rules().rule("lead_unit", today).text(level)
    subject = (
        f"hệ thống hóa văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân "
        f"{ward} kỳ {cycle.name}"
    )
    plan = f"Kế hoạch {cycle.plan_ref}" if cycle.plan_ref else "quy định về hệ thống hóa định kỳ"
    blocks: list[Block] = [
        Paragraph(
            f"Thực hiện {plan}, {name} báo cáo kết quả {subject} (thời điểm hệ thống hóa ngày "
            f"{format_date(cycle.cutoff_on)}) như sau:"
        ),
        Heading(SECTION, "I.", "Tình hình triển khai"),
        Paragraph(
            f"Ủy ban nhân dân {level} giao {lead} chủ trì, phối hợp với "
            "các cơ quan, đơn vị có liên quan tập hợp, rà soát các văn bản thuộc đối tượng hệ "
            f"thống hóa ban hành từ ngày {format_date(cycle.start_on)} đến ngày "
            f"{format_date(cycle.cutoff_on)} và các văn bản còn hiệu lực của kỳ trước."
        ),
        Heading(SECTION, "II.", "Kết quả hệ thống hóa"),
        Heading(CLAUSE, "1.", "Kết quả tập hợp văn bản"),
        Paragraph(_collected(lists, level)),
        Heading(CLAUSE, "2.", "Kết quả rà soát bổ sung"),
        Paragraph(_reviewed(reviews)),
        Heading(CLAUSE, "3.", "Số liệu các danh mục"),
    ]
    for letter, roman, legal_list in zip("abcd", ROMAN, lists, strict=True):
        blocks.append(
            Paragraph(
                f"{legal_list.title}: {len(legal_list.rows)} văn bản (Phụ lục {roman}).",
                label=f"{letter})",
            )
        )
    blocks.append(_summary_table(cycle_summary(lists)))
    blocks.append(Heading(SECTION, "III.", "Khó khăn, vướng mắc và kiến nghị"))
    blocks.append(Paragraph("Không có khó khăn, vướng mắc phát sinh."))
    blocks.append(Paragraph(f"Trên đây là Báo cáo kết quả {subject} của {name}."))
    reference = annex_reference(header, name, "Báo cáo")
    annexes = tuple(
        Annex(
            label=f"Phụ lục {roman}",
            title=f"{legal_list.title} kỳ hệ thống hóa {cycle.name}",
            reference=reference,
            blocks=(list_table(legal_list),)
            if legal_list.rows
            else (Paragraph("Không có văn bản nào thuộc danh mục này."),),
            landscape=True,
        )
        for roman, legal_list in zip(ROMAN, lists, strict=True)
    )
    return Document(
        header=header,
        type_name="BÁO CÁO",
        summary=f"Kết quả {subject}",
        blocks=tuple(blocks),
        signature=signature_of(org),
        kinh_gui=(org.department("Sở Tư pháp"),),
        recipients=(
            f"Thường trực Hội đồng nhân dân {level}",
            f"Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân {level}",
        ),
        archive=archive_of(org),
        annexes=annexes,
        margins=margins,
        title=f"Báo cáo kết quả {subject}",
        author=name,
    )
