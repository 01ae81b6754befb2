"""Documents a higher authority found unlawful: the case as the UI and lists see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models import LegalUnlawfulCase


@dataclass(frozen=True)
class UnlawfulDraft:
    document_id: int
    authority: str
    found_on: date | None
    content: str
    deadline: date | None
    conclusion_ref: str = ""


@dataclass(frozen=True)
class UnlawfulRow:
    id: int
    document_id: int
    document_label: str
    authority: str
    conclusion_ref: str
    found_on: date
    content: str
    deadline: date | None
    fixed_on: date | None
    fixed_by_label: str
    fixed_note: str

    def state(self, today: date) -> str:
        if self.fixed_on is not None:
            return "Đã xử lý"
        if self.deadline is not None and today > self.deadline:
            return "Quá hạn xử lý"
        return "Đang theo dõi"


def unlawful_row(r: LegalUnlawfulCase, labels: dict[int | None, str]) -> UnlawfulRow:
    return UnlawfulRow(
        id=r.id,
        document_id=r.document_id,
        document_label=labels.get(r.document_id, ""),
        authority=r.authority,
        conclusion_ref=r.conclusion_ref,
        found_on=r.found_on,
        content=r.content,
        deadline=r.deadline,
        fixed_on=r.fixed_on,
        fixed_by_label=labels.get(r.fixed_by_document_id, "") if r.fixed_by_document_id else "",
        fixed_note=r.fixed_note,
    )
