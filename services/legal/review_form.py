"""The review form (Phiếu rà soát văn bản) as plain fields, columns and rows (pure).

Title and columns are rule data (``review_form`` in ``resources/legal/rules.yaml``: the design
note's MAU_PHIEU_RA_SOAT, to verify against the Phụ lục of NĐ 79/2025); any renderer (xlsx,
PDF) uses this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.legal import rules as legal_rules
from services.legal import vocab
from services.legal.dto import DocumentRow, ReviewRow
from services.legal.lists import Cell, Column
from services.text import format_date


@dataclass(frozen=True)
class ReviewForm:
    body: str
    title: str
    fields: tuple[tuple[str, str | date | None], ...]
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    reviewer: str
    rule: legal_rules.Rule | None = None


def form_spec(
    on: date, rules: legal_rules.LegalRules | None = None
) -> tuple[str, tuple[Column, ...], legal_rules.Rule]:
    """The form's title and columns in force on ``on``."""
    rule = (rules or legal_rules.load_rules()).rule("review_form", on)
    columns = tuple(
        Column(str(c["title"]), float(c["width"]), str(c.get("kind", "text")))
        for c in rule.value["columns"]
    )
    return str(rule.value["title"]), columns, rule


def review_form(
    review: ReviewRow,
    document: DocumentRow,
    *,
    body: str = "",
    rules: legal_rules.LegalRules | None = None,
) -> ReviewForm:
    """One review as the form the Tư pháp officer signs."""
    fields: list[tuple[str, str | date | None]] = [
        (
            "Văn bản được rà soát",
            f"{document.label} ngày {format_date(document.issued_on)} "
            f"của {document.issuer_name} – {document.summary}",
        ),
        ("Căn cứ rà soát", review.trigger_text or review.trigger_label),
        ("Loại căn cứ", vocab.TRIGGER_TYPES.get(review.trigger_type, review.trigger_type)),
        ("Hình thức rà soát", vocab.REVIEW_MODES.get(review.mode, review.mode)),
        ("Người rà soát", review.reviewer),
        ("Ngày rà soát", review.reviewed_on),
        ("Kết quả rà soát", vocab.FINDINGS.get(review.finding, "Chưa rà soát")),
    ]
    handling = _handling_text(review.handling, review.handling_content, review.handling_deadline)
    if handling:
        fields.append(("Kiến nghị xử lý", handling))
    if review.lead_unit:
        fields.append(("Đơn vị chủ trì soạn thảo", review.lead_unit))
    if review.findings:
        rows = tuple(
            (
                number,
                f.article,
                f.basis_content,
                vocab.FINDINGS.get(f.finding, f.finding),
                vocab.HANDLINGS.get(f.proposal, "") if f.proposal else handling,
            )
            for number, f in enumerate(review.findings, start=1)
        )
    else:
        rows = (
            (
                1,
                "Toàn bộ văn bản",
                review.trigger_text,
                vocab.FINDINGS.get(review.finding, ""),
                handling,
            ),
        )
    title, columns, rule = form_spec(review.reviewed_on or review.flagged_on, rules)
    return ReviewForm(
        body=body,
        title=title,
        fields=tuple(fields),
        columns=columns,
        rows=rows,
        reviewer=review.reviewer,
        rule=rule,
    )


def _handling_text(code: str, content: str, deadline: date | None) -> str:
    parts = [vocab.HANDLINGS.get(code, "")] if code else []
    if content:
        parts.append(content)
    if deadline:
        parts.append(f"thời hạn {format_date(deadline)}")
    return "; ".join(p for p in parts if p)
