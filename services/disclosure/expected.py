"""When a yearly or recurring item's trigger document is expected, as data with its basis.

An item waiting for its trigger ("Chờ văn bản căn cứ") used to wait forever, so a budget
estimate never approved by December and never entered read as "chưa đến hạn" and stayed out
of the compliance rate. Each yearly or recurring item of ``checklist.yaml`` now carries an
``expected`` key (a day of the plan year, per-period days, the legal basis): past that day
without a trigger every required place is "Quá hạn, chưa có văn bản căn cứ" and counts as
failed. Items disclosed "khi phát sinh" have no expected day and never turn overdue. The
clerk may declare a disclosure "Không phát sinh trong năm" with a reason: it is then left
out of the rate and the reason is printed in the year's report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from services.disclosure.compliance import DisclosureVerdict, PlaceResult
from services.disclosure.law_rules import checklist_data
from services.disclosure.vocab import NOT_ARISEN, OVERDUE_NO_TRIGGER, WAITING
from services.text import nfc


@dataclass(frozen=True)
class ExpectedDay:
    """The day by which the trigger document of one disclosure should exist."""

    day: date
    basis: str
    confidence: str = "sourced"

    @property
    def text(self) -> str:
        return f"dự kiến có văn bản căn cứ trước ngày {self.day:%d/%m/%Y} ({self.basis})"


@dataclass(frozen=True)
class ExpectedRule:
    """An item's ``expected`` data: day and month in the plan year, per-period overrides."""

    day: int
    month: int
    basis: str
    confidence: str = "sourced"
    periods: tuple[tuple[str, int, int], ...] = ()

    def on(self, year: int, period: str = "") -> ExpectedDay:
        day, month = self.day, self.month
        for name, d, m in self.periods:
            if name == period:
                day, month = d, m
        return ExpectedDay(date(year, month, day), self.basis, self.confidence)


def parse_expected(raw: dict[str, Any] | None) -> ExpectedRule | None:
    """``{day: '19/12', basis: ..., confidence: ..., periods: {kỳ: 'dd/mm'}}`` -> rule."""
    if not raw:
        return None
    day, month = _day_month(raw["day"])
    periods = tuple(
        (nfc(str(name)), *_day_month(value)) for name, value in (raw.get("periods") or {}).items()
    )
    return ExpectedRule(
        day, month, nfc(str(raw.get("basis", ""))), str(raw.get("confidence", "sourced")), periods
    )


def _day_month(value: object) -> tuple[int, int]:
    day, month = (int(x) for x in str(value).split("/"))
    date(2000, month, day)  # raises ValueError on 31/02 (leap 2000 accepts 29/02)
    return day, month


def expected_rules(data: dict[str, Any]) -> dict[str, ExpectedRule]:
    """Every item code of the checklist data with an ``expected`` key."""
    rules = {}
    for raw in data.get("items") or []:
        rule = parse_expected(raw.get("expected"))
        if rule is not None:
            rules[nfc(str(raw["code"]))] = rule
    return rules


@lru_cache(maxsize=1)
def default_expected() -> dict[str, ExpectedRule]:
    """The shipped checklist's expected days, by item code (item codes are stable)."""
    return expected_rules(checklist_data())


def expected_day(code: str, recurrence: str, year: int, period: str = "") -> ExpectedDay | None:
    """The expected trigger day of one disclosure; None for items disclosed when they arise."""
    if recurrence == "event":
        return None
    rule = default_expected().get(code)
    return rule.on(year, period) if rule else None


def with_expectation(
    verdict: DisclosureVerdict,
    expected: ExpectedDay | None,
    today: date,
    *,
    not_arisen_reason: str = "",
) -> DisclosureVerdict:
    """The verdict once the expected day and a "không phát sinh" mark are taken into account.

    Only places still waiting for the trigger change: a disclosure with its document entered
    is judged by its own deadline as before.
    """
    if not_arisen_reason:
        message = f"Không phát sinh trong năm: {not_arisen_reason}"
        places = tuple(
            replace(p, status=NOT_ARISEN, messages=(message,)) if p.status == WAITING else p
            for p in verdict.places
        )
        status = NOT_ARISEN if verdict.status == WAITING else verdict.status
        return replace(verdict, status=status, places=places)
    if expected is None or today <= expected.day:
        return verdict
    message = f"Quá hạn, chưa có văn bản căn cứ: {expected.text}."
    changed: list[PlaceResult] = []
    for place in verdict.places:
        if place.status == WAITING:
            place = replace(
                place, status=OVERDUE_NO_TRIGGER, deadline=expected.day, messages=(message,)
            )
        changed.append(place)
    status = OVERDUE_NO_TRIGGER if verdict.status == WAITING else verdict.status
    return replace(verdict, status=status, places=tuple(changed))
