"""The year's review figures as a Báo cáo to the province's Department of Justice (Decree 30).

Since 01/07/2025 a commune reports to the Sở Tư pháp directly (no district justice office):
the report is addressed "Kính gửi: Sở Tư pháp tỉnh …" (province from the profile's parent
body), states the yearly list's publication and carries the figures as a table.
"""

from __future__ import annotations

from datetime import date

from services.documents.headers import unnumbered_header
from services.documents.letterhead import archive_of, body_name, signature_of
from services.documents.model import SECTION, Block, Document, Heading, Paragraph, Table
from services.legal.decisions import list_table
from services.legal.lists import LegalList
from services.legal.systematisation import AnnualDue
from services.office.organisation import OrganisationProfile
from services.text import format_date


def statistics_report(
    stats: LegalList,
    published: AnnualDue,
    org: OrganisationProfile,
    year: int,
    *,
    today: date,
    margins: str = "compact",
) -> Document:
    name = body_name(org)
    level = org.level
    rule = stats.rules[0]
    recipient = str(rule.value["recipient"])
    addressee = org.department(recipient) if recipient == "Sở Tư pháp" else recipient
    header = unnumbered_header(org, "BC", today)
    if published.published_on:
        publication = (
            f"Danh mục văn bản hết hiệu lực, tạm ngưng hiệu lực năm {published.year} "
            f"({published.entries} văn bản) đã được công bố ngày "
            f"{format_date(published.published_on)}"
            + (f" theo {published.decision_ref}" if published.decision_ref else "")
            + "."
        )
    elif published.entries:
        publication = (
            f"Danh mục văn bản hết hiệu lực, tạm ngưng hiệu lực năm {published.year} "
            f"({published.entries} văn bản) chưa được công bố (hạn "
            f"{format_date(published.deadline)})."
        )
    else:
        publication = (
            f"Năm {published.year} không có văn bản hết hiệu lực, tạm ngưng hiệu lực phải công bố."
        )
    table = list_table(stats)
    blocks: list[Block] = [
        Paragraph(
            f"{name} báo cáo số liệu rà soát, hệ thống hóa văn bản quy phạm pháp luật của "
            f"Hội đồng nhân dân, Ủy ban nhân dân {level} năm {year} (từ ngày 01/01/{year} đến "
            f"ngày 31/12/{year}) như sau:"
        ),
        Heading(SECTION, "I.", "SỐ LIỆU RÀ SOÁT VĂN BẢN"),
        Table(
            columns=table.columns,
            rows=table.rows,
            widths=(12, 80, 24, 24, 16),
            centred=(0, 2, 3, 4),
        ),
        Heading(SECTION, "II.", "CÔNG BỐ DANH MỤC VĂN BẢN HẾT HIỆU LỰC"),
        Paragraph(publication),
        Heading(SECTION, "III.", "KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ"),
        Paragraph("Không có khó khăn, vướng mắc phát sinh."),
        Paragraph(f"Trên đây là báo cáo số liệu rà soát văn bản năm {year} của {name}./."),
    ]
    summary = f"Số liệu rà soát, hệ thống hóa văn bản quy phạm pháp luật năm {year}"
    return Document(
        header=header,
        type_name="BÁO CÁO",
        summary=summary,
        blocks=tuple(blocks),
        signature=signature_of(org),
        kinh_gui=(addressee,),
        recipients=(
            f"Thường trực Hội đồng nhân dân {level}",
            f"Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân {level}",
        ),
        archive=archive_of(org),
        margins=margins,
        title=f"Báo cáo {summary[:1].lower()}{summary[1:]}",
        author=name,
    )
