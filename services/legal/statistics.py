"""The year's figures on legal-document review, for the province's Department of Justice.

Why from the register: every figure the Sở Tư pháp asks of a commune (documents in scope,
reviewed, recommended for handling and handled, expired or suspended, found unlawful) is a
count over the register, its reviews and its unlawful cases on the dates of one year, so the
report is drawn from the same data as the lists and can be regenerated for an old year with
the same result. The form of the figures is rule data (``year_statistics``), still to verify.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from services.legal import rules as legal_rules
from services.legal import vocab
from services.legal.dto import DocumentRow
from services.legal.lists import Column, LegalList, ListGroup
from services.legal.reviews import ReviewRow
from services.legal.unlawful import UnlawfulRow

_BODIES = ("hdnd", "ubnd")
# Handlings counted on their own line, in the order of NĐ 79/2025 Đ38 (then the others).
_HANDLING_LINES = (
    ("Bãi bỏ (toàn bộ, một phần)", {"BAI_BO_TOAN_BO", "BAI_BO_MOT_PHAN"}),
    ("Thay thế", {"THAY_THE"}),
    ("Sửa đổi, bổ sung", {"SUA_DOI_BO_SUNG"}),
    ("Tạm ngưng hiệu lực", {"TAM_NGUNG_HIEU_LUC"}),
    ("Ban hành mới", {"BAN_HANH_MOI"}),
    ("Hình thức khác", {"CONG_BO_HET_HIEU_LUC", "DINH_CHI_THI_HANH"}),
)


def _in_scope(d: DocumentRow, start: date, end: date) -> bool:
    """In force (or issued and not yet in force) on at least one day of the year."""
    if d.issued_on > end:
        return False
    if start <= d.issued_on:
        return True
    at_start, at_end = d.effect(start), d.effect(end)
    return at_start.in_force or at_end.in_force or at_end.status == vocab.CHUA_CO_HIEU_LUC


def year_statistics(
    docs: Iterable[DocumentRow],
    reviews: Iterable[ReviewRow],
    cases: Iterable[UnlawfulRow],
    year: int,
    *,
    level: str = "xã",
    rules: legal_rules.LegalRules | None = None,
) -> LegalList:
    """Each figure split by issuing body (HĐND, UBND) with the total."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    own = {d.id: d for d in docs if not d.external and d.issuer in _BODIES}
    rule = (rules or legal_rules.load_rules()).rule("year_statistics", end)
    body_of = {i: d.issuer for i, d in own.items()}
    reviewed = [
        r
        for r in reviews
        if r.document_id in own and r.reviewed_on is not None and start <= r.reviewed_on <= end
    ]
    pending = [
        r
        for r in reviews
        if r.document_id in own
        and r.flagged_on <= end
        and (r.reviewed_on is None or r.reviewed_on > end)
    ]
    proposed = [r for r in reviewed if r.handling in vocab.ACTION_HANDLINGS]
    expired: set[int] = set()
    for d in own.values():
        for e in d.events:
            in_year = start <= e.from_date <= end
            if in_year and (e.kind in vocab.EXPIRING_KINDS or e.kind == "suspended"):
                expired.add(d.id)
    found = [c for c in cases if c.document_id in own and start <= c.found_on <= end]

    def split(ids: Iterable[int]) -> tuple[int, int, int]:
        unique = set(ids)
        counts = [sum(1 for i in unique if body_of[i] == b) for b in _BODIES]
        return counts[0], counts[1], len(unique)

    def split_rows(rows) -> tuple[int, int, int]:
        counts = [sum(1 for r in rows if body_of[r.document_id] == b) for b in _BODIES]
        return counts[0], counts[1], len(rows)

    lines: list[tuple[str, str, tuple[int, int, int]]] = [
        (
            "1",
            f"Văn bản của HĐND, UBND {level} thuộc đối tượng rà soát trong năm",
            split(i for i, d in own.items() if _in_scope(d, start, end)),
        ),
        ("2", "Văn bản đã được rà soát trong năm", split(r.document_id for r in reviewed)),
        ("3", "Số lượt rà soát đã thực hiện", split_rows(reviewed)),
        (
            "4",
            f"Yêu cầu rà soát chưa thực hiện đến ngày 31/12/{year}",
            split_rows(pending),
        ),
        ("5", "Văn bản có kiến nghị xử lý", split(r.document_id for r in proposed)),
    ]
    for letter, (label, codes) in zip("abcdeg", _HANDLING_LINES, strict=True):
        chosen = [r.document_id for r in proposed if r.handling in codes]
        lines.append((f"5{letter}", f"– {label}", split(chosen)))
    lines += [
        (
            "6",
            "Văn bản đã được xử lý theo kiến nghị",
            split(r.document_id for r in proposed if r.handling_status == "done"),
        ),
        (
            "7",
            "Văn bản hết hiệu lực, tạm ngưng hiệu lực (toàn bộ, một phần) trong năm",
            split(expired),
        ),
        (
            "8",
            "Văn bản có nội dung trái pháp luật được phát hiện",
            split(c.document_id for c in found),
        ),
        (
            "9",
            "Văn bản trái pháp luật đã được xử lý",
            split(c.document_id for c in found if c.fixed_on is not None and c.fixed_on <= end),
        ),
    ]
    rows = tuple((number, label, *counts) for number, label, counts in lines)
    return LegalList(
        "statistics",
        str(rule.value["title"]),
        f"(năm {year}, tính từ ngày 01/01/{year} đến ngày 31/12/{year})",
        (
            Column("STT", 6, "text"),
            Column("Chỉ tiêu", 60),
            Column(f"Nghị quyết của HĐND {level}", 14, "int"),
            Column(f"Quyết định, Chỉ thị của UBND {level}", 14, "int"),
            Column("Tổng số", 10, "int"),
        ),
        (ListGroup("", rows),),
        (rule,),
    )


def figure(stats: LegalList, number: str) -> int:
    """The total of line ``number`` ("2", "5a")."""
    for row in stats.rows:
        if row[0] == number:
            return int(row[-1])  # type: ignore[arg-type]
    raise KeyError(number)
