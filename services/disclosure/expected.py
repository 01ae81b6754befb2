"""When a yearly or recurring disclosure's trigger document is expected, from the rule data.

An item waiting for its trigger ("Chờ văn bản căn cứ") must not wait forever: the HĐND's
budget estimate and the socio-economic plan come at its year-end session, so by 31/12 with no
document the item is "quá hạn, chưa có văn bản căn cứ" and counts against the rate. The dates
are data (``expected`` in resources/disclosure/checklist.yaml, one per period, with their
basis); an event item ("khi phát sinh") has none and never turns overdue this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from services.disclosure.law_rules import CHECKLIST_FILE


@dataclass(frozen=True)
class Expected:
    day: date
    basis: str
    verified: bool = False


@lru_cache(maxsize=4)
def _table(path: Path) -> dict[str, tuple[tuple[str, ...], str, bool]]:
    import yaml

    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return {
        str(raw["code"]): (
            tuple(str(x) for x in raw["expected"]),
            str(raw.get("expected_basis", "")),
            bool(raw.get("expected_verified", False)),
        )
        for raw in data.get("items") or ()
        if raw.get("expected")
    }


def expected_trigger(
    code: str, period_number: int, year: int, path: Path | None = None
) -> Expected | None:
    """The day the trigger of period ``period_number`` (1-based) of ``year`` is due, if any."""
    found = _table(path or CHECKLIST_FILE).get(code)
    if found is None:
        return None
    days, basis, verified = found
    if not 1 <= period_number <= len(days):
        return None
    month, day = (int(x) for x in days[period_number - 1].split("-"))
    return Expected(date(year, month, day), basis, verified)
