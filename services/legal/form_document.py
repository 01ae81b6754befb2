"""The review form (Phiếu rà soát văn bản) as a printable document.

It is a form, not an administrative document: no number, no distribution list and no
closing "./."; the reviewing body heads it, it is dated on the day of the review, and the
reviewer signs it by name (design note, MAU_PHIEU_RA_SOAT footer). The fields and the table
of findings are those of ``services.legal.review_form``, which the .xlsx form uses too.
"""

from __future__ import annotations

from datetime import date

from services.documents.headers import organisation_header
from services.documents.model import Block, Document, Paragraph, Signature, Table
from services.legal.review_form import ReviewForm
from services.legal.reviews import ReviewRow
from services.office.organisation import OrganisationProfile
from services.text import format_date

FORM_WIDTHS = (9, 24, 40, 32, 40)


def _value(value) -> str:
    if isinstance(value, date):
        return format_date(value)
    return str(value or "")


def review_form_document(
    form: ReviewForm,
    review: ReviewRow,
    org: OrganisationProfile,
    *,
    today: date,
    margins: str = "compact",
) -> Document:
    on = review.reviewed_on
    header = organisation_header(
        org,
        "",
        day=on.day if on else None,
        month=on.month if on else today.month,
        year=on.year if on else today.year,
    )
    blocks: list[Block] = [
        Paragraph(_value(value) or "…", label=f"{number}. {name}:", bold_label=True)
        for number, (name, value) in enumerate(form.fields, start=1)
    ]
    blocks.append(
        Paragraph("", label=f"{len(form.fields) + 1}. Nội dung rà soát:", bold_label=True)
    )
    blocks.append(
        Table(
            columns=tuple(c.title for c in form.columns),
            rows=tuple(tuple(_value(v) for v in row) for row in form.rows),
            widths=FORM_WIDTHS,
            centred=(0,),
        )
    )
    return Document(
        header=header,
        type_name=form.title,
        summary=review.document_label,
        blocks=tuple(blocks),
        signature=Signature(authority="NGƯỜI RÀ SOÁT", title="", name=form.reviewer),
        recipients=(),
        show_recipients=False,
        signature_field=False,
        margins=margins,
        title=f"Phiếu rà soát {review.document_label}",
        author=org.body_line2.title(),
    )
