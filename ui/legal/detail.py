"""The selected document in full: identity, căn cứ, effect history, reviews (HTML)."""

from __future__ import annotations

from datetime import date
from html import escape

from services.legal import vocab
from services.legal.dto import DocumentRow
from services.legal.reviews import ReviewRow, UnlawfulRow
from services.text import format_date


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table cellspacing='0' cellpadding='3' border='1'><tr>{head}</tr>{body}</table>"


def describe_document(
    doc: DocumentRow,
    reviews: list[ReviewRow],
    dependents: list[DocumentRow],
    on: date,
    cases: list[UnlawfulRow] = (),  # type: ignore[assignment]
) -> str:
    effect = doc.effect(on)
    status = vocab.status_label(effect.status, on)
    parts = [
        f"<h3>{escape(doc.label)}</h3>",
        f"<p>{escape(doc.summary)}</p>",
        "<p>"
        f"Cơ quan ban hành: {escape(doc.issuer_name or vocab.ISSUERS.get(doc.issuer, ''))}"
        f" &nbsp; Ban hành: {format_date(doc.issued_on)}"
        f" &nbsp; Có hiệu lực: {format_date(doc.effective_on) or 'chưa ghi'}"
        f" &nbsp; Lĩnh vực: {escape(doc.field or 'chưa ghi')}</p>",
        f"<p><b>Tình trạng ngày {format_date(on)}: {escape(status)}</b>",
    ]
    if effect.expired_articles:
        parts.append(f"<br>Hết hiệu lực: {escape('; '.join(effect.expired_articles))}")
    if effect.suspended_articles:
        parts.append(f"<br>Tạm ngưng hiệu lực: {escape('; '.join(effect.suspended_articles))}")
    parts.append("</p>")
    if doc.basis_labels:
        parts.append("<p><b>Căn cứ ban hành:</b> " + escape("; ".join(doc.basis_labels)) + "</p>")
    if dependents:
        names = "; ".join(d.label for d in dependents)
        parts.append(f"<p><b>Là căn cứ của:</b> {escape(names)}</p>")
    parts.append("<p><b>Lịch sử hiệu lực</b></p>")
    history = [("Có hiệu lực", format_date(doc.effective_on or doc.issued_on), "")]
    history += [(e.kind_label, format_date(e.from_date), e.describe()) for e in doc.events]
    parts.append(_table(("Sự kiện", "Từ ngày", "Nội dung"), history))
    if not doc.external:
        parts.append("<p><b>Rà soát</b></p>")
        if reviews:
            rows = [
                (
                    format_date(r.flagged_on),
                    r.trigger_text,
                    r.state_label,
                    f"{format_date(r.reviewed_on)} {r.reviewer}".strip(),
                    vocab.FINDINGS.get(r.finding, ""),
                    vocab.HANDLINGS.get(r.handling, ""),
                )
                for r in reviews
            ]
            parts.append(
                _table(
                    (
                        "Phát sinh",
                        "Căn cứ rà soát",
                        "Tình trạng",
                        "Rà soát",
                        "Kết quả",
                        "Kiến nghị",
                    ),
                    rows,
                )
            )
        else:
            parts.append("<p>Chưa có lần rà soát nào.</p>")
    if cases:
        parts.append("<p><b>Kết luận trái pháp luật</b></p>")
        rows = [
            (
                f"{format_date(c.found_on)} {c.authority}",
                c.content,
                format_date(c.deadline),
                c.state(date.today()),
                f"{format_date(c.fixed_on)} {c.fixed_by_label}".strip(),
            )
            for c in cases
        ]
        parts.append(_table(("Kết luận", "Nội dung", "Hạn xử lý", "Tình trạng", "Đã xử lý"), rows))
    return "".join(parts)
