"""Frozen dataclasses the legal services hand to the UI, lists and exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.legal import vocab
from services.legal.effect import Effect, EffectEvent, effect_as_of
from services.text import format_date


def document_label(doc_type: str, number_symbol: str) -> str:
    """How a document is cited: "Quyết định số 05/2024/QĐ-UBND"."""
    return f"{doc_type} số {number_symbol}".strip()


@dataclass(frozen=True)
class DocumentDraft:
    """What a user types for a document; checked by ``validate_document`` before writing."""

    doc_type: str
    number_symbol: str
    issued_on: date | None
    issuer: str
    summary: str
    effective_on: date | None = None
    issuer_name: str = ""
    field: str = ""
    original_unit: str = ""
    signer: str = ""
    notes: str = ""
    basis_ids: tuple[int, ...] = ()

    @property
    def external(self) -> bool:
        return self.issuer == "external"


@dataclass(frozen=True)
class EventRow:
    id: int
    document_id: int
    kind: str
    scope: str
    articles: tuple[str, ...]
    from_date: date
    by_document_id: int | None
    by_label: str
    reason: str
    published_year: int | None = None

    def as_effect_event(self) -> EffectEvent:
        return EffectEvent(
            kind=self.kind,
            from_date=self.from_date,
            scope=self.scope,
            articles=self.articles,
            order=self.id,
            by_label=self.by_label,
            reason=self.reason,
        )

    @property
    def kind_label(self) -> str:
        if self.from_date < vocab.REGIME_2025 and self.kind in vocab.LEGACY_EVENT_LABELS:
            return vocab.LEGACY_EVENT_LABELS[self.kind]
        return vocab.EVENT_KINDS.get(self.kind, self.kind)

    def describe(self) -> str:
        """ "Bị thay thế bởi Quyết định số 12/2025/QĐ-UBND (Điều 3; Điều 5)"."""
        text = self.kind_label
        if self.by_label:
            text += f" bởi {self.by_label}"
        if self.scope == "part" and self.articles:
            text += f" ({'; '.join(self.articles)})"
        if self.reason:
            text += f". {self.reason}"
        return text


@dataclass(frozen=True)
class EventDraft:
    document_id: int
    kind: str
    from_date: date | None
    scope: str = "whole"
    articles: str = ""
    by_document_id: int | None = None
    by_text: str = ""
    reason: str = ""


@dataclass(frozen=True)
class DocumentRow:
    id: int
    doc_type: str
    number_symbol: str
    issued_on: date
    effective_on: date | None
    issuer: str
    issuer_name: str
    summary: str
    field: str
    external: bool
    original_unit: str
    signer: str
    notes: str
    basis_ids: tuple[int, ...]
    basis_labels: tuple[str, ...]
    events: tuple[EventRow, ...]
    open_reviews: int
    search_key: str
    version: int
    last_reviewed_on: date | None = None  # the latest finished review, None = never reviewed

    @property
    def label(self) -> str:
        return document_label(self.doc_type, self.number_symbol)

    @property
    def number_and_date(self) -> str:
        """The lists' "Số, ký hiệu; ngày, tháng, năm ban hành" cell."""
        return f"{self.number_symbol}\nngày {format_date(self.issued_on)}"

    @property
    def needs_review(self) -> bool:
        return self.open_reviews > 0

    @property
    def review_label(self) -> str:
        """The register's "Rà soát" cell: open requests first, then the last finished review;
        a document nobody has reviewed yet says so rather than passing for reviewed."""
        if self.needs_review:
            return f"Cần rà soát ({self.open_reviews})"
        if self.last_reviewed_on is None:
            return "Chưa rà soát"
        return f"Đã rà soát ngày {format_date(self.last_reviewed_on)}"

    def effect(self, on: date) -> Effect:
        return effect_as_of(self.effective_on, [e.as_effect_event() for e in self.events], on)

    def draft(self) -> DocumentDraft:
        return DocumentDraft(
            doc_type=self.doc_type,
            number_symbol=self.number_symbol,
            issued_on=self.issued_on,
            issuer=self.issuer,
            summary=self.summary,
            effective_on=self.effective_on,
            issuer_name=self.issuer_name,
            field=self.field,
            original_unit=self.original_unit,
            signer=self.signer,
            notes=self.notes,
            basis_ids=self.basis_ids,
        )


@dataclass(frozen=True)
class EventOutcome:
    """A recorded event and the ward documents it flagged for review."""

    event: EventRow
    flagged: tuple[DocumentRow, ...]


@dataclass(frozen=True)
class FindingDraft:
    """One row of the review form (per article when only part of the document is at issue)."""

    article: str
    finding: str
    basis_content: str = ""
    proposal: str = ""
    note: str = ""


@dataclass(frozen=True)
class ReviewRow:
    id: int
    document_id: int
    document_label: str
    mode: str
    trigger_type: str
    trigger_document_id: int | None
    trigger_label: str
    trigger_text: str
    flagged_on: date
    reviewed_on: date | None
    reviewer: str
    finding: str
    scope: str
    findings: tuple[FindingDraft, ...]
    handling: str
    handling_content: str
    handling_deadline: date | None
    handling_status: str
    handling_document_id: int | None
    handling_document_label: str
    lead_unit: str
    notes: str
    survey_id: int | None
    version: int

    @property
    def is_open(self) -> bool:
        return self.reviewed_on is None

    @property
    def needs_action(self) -> bool:
        return (
            not self.is_open
            and self.handling in vocab.ACTION_HANDLINGS
            and self.handling_status != "done"
        )

    @property
    def state_label(self) -> str:
        if self.is_open:
            return "Chưa rà soát"
        if self.handling in vocab.ACTION_HANDLINGS:
            return vocab.HANDLING_STATUSES.get(self.handling_status, self.handling_status)
        return "Đã rà soát"
