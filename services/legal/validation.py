"""Checks of a document or an effect event before anything is written (Vietnamese messages)."""

from __future__ import annotations

import re
from datetime import date

from models import LegalDocument, LegalEffectEvent
from services.errors import Problem
from services.legal import vocab
from services.legal.dto import (
    DocumentDraft,
    EventDraft,
)
from services.legal.effect import effect_as_of, split_articles
from services.legal.rows import event_row
from services.text import format_date, nfc

_SYMBOL = re.compile(r"^\d+[a-zA-Z]?/(\d{4})/\S+$")
# Events that must name the acting document.
NEED_BY = {"replaced", "repealed", "suspended"}


def validate_document(
    draft: DocumentDraft,
    known: dict[int, tuple[str, date]],
    *,
    self_id: int | None = None,
    level: str = "xã",
) -> list[Problem]:
    """Every problem of a document draft; ``known`` maps ids to (label, issue date)."""
    problems: list[Problem] = []
    if not nfc(draft.doc_type):
        problems.append(Problem("Loại văn bản", "không được để trống."))
    symbol = nfc(draft.number_symbol)
    match = _SYMBOL.match(symbol)
    if not symbol:
        problems.append(Problem("Số, ký hiệu", "không được để trống."))
    elif not match:
        problems.append(
            Problem(
                "Số, ký hiệu", f"“{symbol}” phải có dạng số/năm/ký hiệu, ví dụ 05/2024/QĐ-UBND."
            )
        )
    if draft.issued_on is None:
        problems.append(Problem("Ngày ban hành", "không được để trống."))
    elif match and int(match.group(1)) != draft.issued_on.year:
        problems.append(
            Problem(
                "Số, ký hiệu",
                f"năm trong số, ký hiệu ({match.group(1)}) khác năm ban hành "
                f"({draft.issued_on.year}).",
            )
        )
    if draft.issued_on and draft.effective_on and draft.effective_on < draft.issued_on:
        problems.append(
            Problem(
                "Ngày có hiệu lực",
                f"{format_date(draft.effective_on)} trước ngày ban hành "
                f"{format_date(draft.issued_on)}.",
            )
        )
    if draft.issuer not in vocab.ISSUERS:
        problems.append(Problem("Cơ quan ban hành", f"“{draft.issuer}” không hợp lệ."))
    allowed = vocab.WARD_TYPE_BY_ISSUER.get(draft.issuer)
    if allowed and nfc(draft.doc_type) and nfc(draft.doc_type) not in allowed:
        problems.append(
            Problem(
                "Loại văn bản",
                f"{vocab.issuer_labels(level)[draft.issuer]} ban hành {' hoặc '.join(allowed)}, "
                f"không ban hành {nfc(draft.doc_type)}.",
            )
        )
    if not nfc(draft.summary):
        problems.append(Problem("Trích yếu", "không được để trống."))
    for basis in draft.basis_ids:
        if basis == self_id:
            problems.append(Problem("Căn cứ", "văn bản không thể là căn cứ của chính nó."))
        elif basis not in known:
            problems.append(Problem("Căn cứ", "có văn bản căn cứ không còn trong sổ."))
        elif draft.issued_on and known[basis][1] > draft.issued_on:
            label, issued = known[basis]
            problems.append(
                Problem(
                    "Căn cứ",
                    f"{label} ban hành ngày {format_date(issued)}, sau văn bản này; "
                    "không thể là căn cứ ban hành.",
                )
            )
    return problems


def validate_event(
    draft: EventDraft, doc: LegalDocument, history: list[LegalEffectEvent]
) -> list[Problem]:
    problems: list[Problem] = []
    if draft.kind not in vocab.EVENT_KINDS:
        problems.append(Problem("Loại sự kiện", f"“{draft.kind}” không hợp lệ."))
    if draft.scope not in vocab.SCOPES:
        problems.append(Problem("Phạm vi", f"“{draft.scope}” không hợp lệ."))
    if draft.scope == "part" and not split_articles(draft.articles):
        problems.append(Problem("Điều, khoản", "phải ghi các điều, khoản khi chỉ một phần."))
    if draft.kind in NEED_BY and not draft.by_document_id and not nfc(draft.by_text):
        problems.append(
            Problem("Văn bản tác động", "phải ghi văn bản thay thế, bãi bỏ, tạm ngưng.")
        )
    if draft.by_document_id == doc.id:
        problems.append(Problem("Văn bản tác động", "không thể là chính văn bản này."))
    if draft.from_date is None:
        problems.append(Problem("Từ ngày", "không được để trống."))
        return problems
    if draft.from_date < doc.issued_on:
        problems.append(
            Problem("Từ ngày", f"trước ngày ban hành văn bản ({format_date(doc.issued_on)}).")
        )
    events = [event_row(e, {}).as_effect_event() for e in history]
    before = effect_as_of(doc.effective_on, events, draft.from_date)
    if before.status == vocab.HET_HIEU_LUC_TOAN_BO and before.cause is not None:
        problems.append(
            Problem(
                "Từ ngày",
                f"văn bản đã hết hiệu lực toàn bộ từ {format_date(before.cause.from_date)}.",
            )
        )
    if draft.kind == "restored" and not (
        before.status == vocab.TAM_NGUNG_TOAN_BO or before.suspended_articles
    ):
        problems.append(
            Problem(
                "Loại sự kiện", f"ngày {format_date(draft.from_date)} văn bản không bị tạm ngưng."
            )
        )
    elif (
        draft.kind == "restored"
        and draft.scope == "part"
        and before.status == vocab.TAM_NGUNG_TOAN_BO
    ):
        problems.append(
            Problem("Phạm vi", "văn bản đang tạm ngưng toàn bộ; chỉ có thể cho tiếp tục toàn bộ.")
        )
    return problems
