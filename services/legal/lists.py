"""The lists the law requires, drawn from the register as plain rows and columns (pure).

Each builder returns a ``LegalList``: a title, columns and groups of rows of plain values
(str, int, date). The .xlsx writer renders them today; a PDF renderer (the document engine)
can render the same structure as a landscape annex without knowing the rules behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from services.legal import rules as legal_rules
from services.legal import vocab
from services.legal.dto import DocumentRow, EventRow, ReviewRow
from services.legal.effect import status_note
from services.text import format_date, search_key

Cell = str | int | date | None


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # in characters, as spreadsheet widths are measured
    kind: str = "text"  # text | date | int


@dataclass(frozen=True)
class ListGroup:
    title: str  # "" for an ungrouped list
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class LegalList:
    code: str
    title: str
    subtitle: str
    columns: tuple[Column, ...]
    groups: tuple[ListGroup, ...]
    # The rule versions that gave the title and columns (shown to the clerk with their basis).
    rules: tuple[legal_rules.Rule, ...] = ()

    @property
    def rows(self) -> list[tuple[Cell, ...]]:
        return [row for group in self.groups for row in group.rows]


def list_spec(
    kind: str, on: date, rules: legal_rules.LegalRules | None = None
) -> tuple[str, tuple[Column, ...], tuple[str, ...], legal_rules.Rule]:
    """Title, columns and group titles of list ``kind`` in the regime in force on ``on``."""
    rule = legal_rules.list_rule(on, rules)
    spec = rule.value[kind]
    columns = tuple(
        Column(str(c["title"]), float(c["width"]), str(c.get("kind", "text")))
        for c in spec["columns"]
    )
    title = " ".join(str(spec["title"]).split())
    return title, columns, tuple(spec.get("groups") or ()), rule


# Short names for choosing a list on screen (the wording of the rules in force today).
LIST_KINDS: dict[str, str] = legal_rules.list_titles(date.today())


def _ward(docs: Iterable[DocumentRow]) -> list[DocumentRow]:
    return sorted((d for d in docs if not d.external), key=lambda d: (d.issued_on, d.number_symbol))


def _number(stt: int, d: DocumentRow) -> tuple[Cell, ...]:
    return (stt, d.doc_type, d.number_and_date, d.summary)


def _grouped(items: list[tuple[str, tuple[Cell, ...]]]) -> tuple[ListGroup, ...]:
    """Group rows under their field (lĩnh vực) headings, numbering STT through the list."""
    by_field: dict[str, list[tuple[Cell, ...]]] = defaultdict(list)
    for field, row in items:
        by_field[field or "Lĩnh vực khác"].append(row)
    groups, stt = [], 0
    for number, field in enumerate(sorted(by_field, key=search_key), start=1):
        rows: list[tuple[Cell, ...]] = []
        for row in by_field[field]:
            stt += 1
            rows.append((stt, *row[1:]))
        groups.append(ListGroup(f"{_roman(number)}. LĨNH VỰC {field.upper()}", tuple(rows)))
    return tuple(groups)


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def in_force_list(
    docs: Iterable[DocumentRow],
    on: date,
    *,
    subtitle: str = "",
    rules: legal_rules.LegalRules | None = None,
) -> LegalList:
    """List (c): in force on ``on``, including partly expired and not-yet-effective ones."""
    items = []
    for d in _ward(docs):
        if d.issued_on > on:
            continue
        effect = d.effect(on)
        if effect.in_force or effect.status == vocab.CHUA_CO_HIEU_LUC:
            items.append(
                (d.field, (*_number(0, d), d.effective_on or d.issued_on, status_note(effect)))
            )
    title, columns, _groups, rule = list_spec("in-force", on, rules)
    return LegalList(
        "in-force",
        title,
        subtitle or f"(tính đến ngày {format_date(on)})",
        columns,
        _grouped(items),
        (rule,),
    )


def _since_ok(event_date: date, since: date | None) -> bool:
    return since is None or event_date >= since


def expired_whole_list(
    docs: Iterable[DocumentRow],
    on: date,
    *,
    since: date | None = None,
    subtitle: str = "",
    rules: legal_rules.LegalRules | None = None,
) -> LegalList:
    """List (a): expired (A, since ``since`` if given) or still suspended (B) in whole on ``on``."""
    expired, suspended = [], []
    for d in _ward(docs):
        effect = d.effect(on)
        cause = effect.cause
        if cause is None:
            continue
        # A document still suspended at the cut-off is listed however long ago that began
        # (it is on no other list); an expiry belongs to the cycle in which it happened.
        if effect.status == vocab.HET_HIEU_LUC_TOAN_BO and not _since_ok(cause.from_date, since):
            continue
        row = (
            *_number(0, d),
            _reason(cause.kind, cause.by_label, cause.reason, cause.from_date),
            cause.from_date,
        )
        if effect.status == vocab.HET_HIEU_LUC_TOAN_BO:
            expired.append(row)
        elif effect.status == vocab.TAM_NGUNG_TOAN_BO:
            suspended.append(row)
    title, columns, group_titles, rule = list_spec("expired-whole", on, rules)
    groups = []
    stt = 0
    for group_title, rows in zip(group_titles, (expired, suspended), strict=True):
        numbered = []
        for row in rows:
            stt += 1
            numbered.append((stt, *row[1:]))
        groups.append(ListGroup(group_title, tuple(numbered)))
    return LegalList(
        "expired-whole",
        title,
        subtitle or f"(tính đến ngày {format_date(on)})",
        columns,
        tuple(groups),
        (rule,),
    )


def expired_part_list(
    docs: Iterable[DocumentRow],
    on: date,
    *,
    since: date | None = None,
    subtitle: str = "",
    rules: legal_rules.LegalRules | None = None,
) -> LegalList:
    """List (b): in force but with some articles expired or suspended on ``on``."""
    rows: list[tuple[Cell, ...]] = []
    for d in _ward(docs):
        effect = d.effect(on)
        if effect.status not in (vocab.HET_HIEU_LUC_MOT_PHAN, vocab.TAM_NGUNG_MOT_PHAN):
            continue
        events = [e for e in effect.partial_events if _since_ok(e.from_date, since)]
        if not events:
            continue
        content = status_note(effect)
        reasons = "\n".join(_reason(e.kind, e.by_label, e.reason, e.from_date) for e in events)
        rows.append(
            (
                len(rows) + 1,
                d.doc_type,
                d.number_and_date,
                d.summary,
                content,
                reasons,
                events[-1].from_date,
            )
        )
    title, columns, _groups, rule = list_spec("expired-part", on, rules)
    return LegalList(
        "expired-part",
        title,
        subtitle or f"(tính đến ngày {format_date(on)})",
        columns,
        (ListGroup("", tuple(rows)),),
        (rule,),
    )


def needing_action_list(
    docs: Iterable[DocumentRow],
    reviews: Iterable[ReviewRow],
    on: date,
    *,
    subtitle: str = "",
    rules: legal_rules.LegalRules | None = None,
) -> LegalList:
    """List (d): ward documents whose review proposes a handling not yet carried out."""
    by_id = {d.id: d for d in docs if not d.external}
    latest: dict[int, ReviewRow] = {}
    for review in reviews:
        if review.reviewed_on is None or review.reviewed_on > on or review.document_id not in by_id:
            continue
        if review.document_id not in latest or (review.reviewed_on, review.id) > (
            latest[review.document_id].reviewed_on,
            latest[review.document_id].id,
        ):
            latest[review.document_id] = review
    rows: list[tuple[Cell, ...]] = []
    for d in _ward(by_id.values()):
        r = latest.get(d.id)
        if r is None or not r.needs_action or not d.effect(on).in_force:
            continue
        reason = vocab.FINDINGS.get(r.finding, r.finding)
        if r.handling_content:
            reason += f": {r.handling_content}"
        rows.append(
            (
                len(rows) + 1,
                d.doc_type,
                d.number_and_date,
                d.summary,
                vocab.HANDLINGS.get(r.handling, r.handling),
                reason,
                r.lead_unit,
                r.handling_deadline,
                vocab.HANDLING_STATUSES.get(r.handling_status, r.handling_status),
            )
        )
    title, columns, _groups, rule = list_spec("needing-action", on, rules)
    return LegalList(
        "needing-action",
        title,
        subtitle or f"(tính đến ngày {format_date(on)})",
        columns,
        (ListGroup("", tuple(rows)),),
        (rule,),
    )


def annual_events(docs: Iterable[DocumentRow], year: int) -> list[tuple[DocumentRow, EventRow]]:
    """The expiries and suspensions to publish for ``year``.

    Those dated in the year, plus older ones never published (they must be included), plus
    those already published with this year's list (so a reprint shows the same list).
    """
    chosen = []
    for d in _ward(docs):
        for e in d.events:
            if e.kind not in vocab.EXPIRING_KINDS and e.kind != "suspended":
                continue
            if e.published_year == year or (e.published_year is None and e.from_date.year <= year):
                chosen.append((d, e))
    return chosen


def annual_list(
    docs: Iterable[DocumentRow], year: int, rules: legal_rules.LegalRules | None = None
) -> LegalList:
    """The yearly list of ward documents expired or suspended, in whole or in part."""
    rows: list[tuple[Cell, ...]] = []
    for d, e in annual_events(docs, year):
        scope = "Toàn bộ" if e.scope == "whole" else "Một phần: " + "; ".join(e.articles)
        rows.append(
            (
                len(rows) + 1,
                d.doc_type,
                d.number_and_date,
                d.summary,
                scope,
                _reason(e.kind, e.by_label, e.reason, e.from_date),
                e.from_date,
            )
        )
    # The list of a year is published early the next year: that day's regime names it.
    title, columns, _groups, rule = list_spec("expired", date(year + 1, 1, 1), rules)
    return LegalList(
        "expired",
        title,
        f"(năm {year})",
        columns,
        (ListGroup("", tuple(rows)),),
        (rule, legal_rules.annual_deadline_rule(year, rules)),
    )


def _reason(kind: str, by_label: str, reason: str, on: date) -> str:
    """ "Bị thay thế bởi Quyết định số 12/2025/QĐ-UBND", with the regime's wording."""
    label = vocab.EVENT_KINDS.get(kind, kind)
    if on < vocab.REGIME_2025 and kind in vocab.LEGACY_EVENT_LABELS:
        label = vocab.LEGACY_EVENT_LABELS[kind]
    text = f"{label} bởi {by_label}" if by_label else label
    return f"{text}. {reason}" if reason else text


# Ward document forms and the body that issues them, for the report's counts.
_TYPE_ISSUER = {"Nghị quyết": "HĐND", "Quyết định": "UBND", "Chỉ thị": "UBND"}


def cycle_summary(lists: list[LegalList], *, subtitle: str = "") -> LegalList:
    """The report's figures ("số liệu các danh mục"): each list counted by issuing body."""
    rows: list[tuple[Cell, ...]] = []
    for number, legal_list in enumerate(lists, start=1):
        by_body = {"HĐND": 0, "UBND": 0}
        for row in legal_list.rows:
            body = _TYPE_ISSUER.get(str(row[1]))
            if body:
                by_body[body] += 1
        rows.append(
            (number, legal_list.title, by_body["HĐND"], by_body["UBND"], len(legal_list.rows))
        )
    return LegalList(
        "summary",
        "Số liệu kết quả hệ thống hóa văn bản",
        subtitle,
        (
            Column("STT", 5, "int"),
            Column("Danh mục", 60),
            Column("Nghị quyết của HĐND", 14, "int"),
            Column("Quyết định, Chỉ thị của UBND", 14, "int"),
            Column("Tổng số", 10, "int"),
        ),
        (ListGroup("", tuple(rows)),),
    )
