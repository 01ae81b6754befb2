"""A document's effect as of a date, computed from its effect history (pure, no database).

The register never stores a status: it stores events (expired, suspended, restored...) with
their dates, so "which documents were in force on dd/mm/yyyy" has one answer for any date,
past or future, and a late-recorded event corrects every list drawn afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from services.legal import vocab
from services.text import nfc, search_key

_SEPARATORS = re.compile(r"[;\n]+")


def split_articles(text: str) -> tuple[str, ...]:
    """Articles typed one per line or separated by ";" ("Điều 3; Khoản 2 Điều 5")."""
    return tuple(a for a in (nfc(" ".join(p.split())) for p in _SEPARATORS.split(text or "")) if a)


@dataclass(frozen=True)
class EffectEvent:
    """One event of a document's history, as the computation needs it."""

    kind: str
    from_date: date
    scope: str = "whole"
    articles: tuple[str, ...] = ()
    order: int = 0  # tie-break for events of the same day: the order they were recorded
    by_label: str = ""  # the acting document ("Quyết định số 12/2025/QĐ-UBND") or words
    reason: str = ""

    @property
    def whole(self) -> bool:
        return self.scope != "part"


@dataclass(frozen=True)
class Effect:
    status: str
    expired_articles: tuple[str, ...] = ()
    suspended_articles: tuple[str, ...] = ()
    # The event that ended or suspended the whole document, or the latest partial one.
    cause: EffectEvent | None = None
    partial_events: tuple[EffectEvent, ...] = field(default=())

    @property
    def in_force(self) -> bool:
        return self.status in vocab.IN_FORCE


class _Articles:
    """An ordered set of articles compared accent- and case-insensitively."""

    def __init__(self) -> None:
        self._items: dict[str, str] = {}

    def add(self, articles: Iterable[str]) -> None:
        for a in articles:
            self._items.setdefault(search_key(a), a)

    def remove(self, articles: Iterable[str]) -> None:
        for a in articles:
            self._items.pop(search_key(a), None)

    def clear(self) -> None:
        self._items.clear()

    def values(self) -> tuple[str, ...]:
        return tuple(self._items.values())


def effect_as_of(effective_on: date | None, events: Iterable[EffectEvent], on: date) -> Effect:
    """The status of a document on ``on``, given its effective date and its history.

    Rules: before its effective date a document is "Chưa có hiệu lực" (a document with no
    effective date recorded counts as in force from the start). An expiry in whole is final.
    A suspension lasts until a restoration of the same articles (or of the whole document).
    An expired article is no longer counted as suspended. Amendments do not change the status.
    """
    if effective_on is not None and on < effective_on:
        return Effect(vocab.CHUA_CO_HIEU_LUC)
    expired, suspended = _Articles(), _Articles()
    suspended_whole: EffectEvent | None = None
    partial: list[EffectEvent] = []
    for event in sorted(events, key=lambda e: (e.from_date, e.order)):
        if event.from_date > on:
            break
        if event.kind in vocab.EXPIRING_KINDS:
            if event.whole:
                return Effect(vocab.HET_HIEU_LUC_TOAN_BO, cause=event)
            expired.add(event.articles)
            suspended.remove(event.articles)
            partial.append(event)
        elif event.kind == "suspended":
            if event.whole:
                suspended_whole = event
            else:
                suspended.add(event.articles)
                partial.append(event)
        elif event.kind == "restored":
            if event.whole:
                suspended_whole = None
                suspended.clear()
            else:
                suspended.remove(event.articles)
    if suspended_whole is not None:
        return Effect(vocab.TAM_NGUNG_TOAN_BO, expired.values(), (), cause=suspended_whole)
    still = _still_partial(partial, expired.values(), suspended.values())
    if expired.values():
        status = vocab.HET_HIEU_LUC_MOT_PHAN
    elif suspended.values():
        status = vocab.TAM_NGUNG_MOT_PHAN
    else:
        return Effect(vocab.CON_HIEU_LUC)
    return Effect(
        status,
        expired.values(),
        suspended.values(),
        cause=still[-1] if still else None,
        partial_events=tuple(still),
    )


def _still_partial(
    events: list[EffectEvent], expired: tuple[str, ...], suspended: tuple[str, ...]
) -> list[EffectEvent]:
    """The partial events that still matter: some of their articles remain expired/suspended."""
    live = {search_key(a) for a in expired + suspended}
    return [e for e in events if any(search_key(a) in live for a in e.articles)]


def status_note(effect: Effect) -> str:
    """The "Ghi chú" of the in-force list: which parts have expired or are suspended."""
    parts = []
    if effect.status == vocab.CHUA_CO_HIEU_LUC:
        return vocab.STATUSES[vocab.CHUA_CO_HIEU_LUC]
    if effect.expired_articles:
        parts.append("Hết hiệu lực một phần: " + "; ".join(effect.expired_articles))
    if effect.suspended_articles:
        parts.append("Tạm ngưng hiệu lực một phần: " + "; ".join(effect.suspended_articles))
    return ". ".join(parts)
