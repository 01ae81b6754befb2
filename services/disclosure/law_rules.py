"""The Law's general disclosure rules as dated data: default deadline, posting and broadcast
minimums, and how days are counted, each with its article.

They live in ``resources/disclosure/checklist.yaml`` under ``defaults.rule_sets``; a set applies
from ``valid_from`` until ``valid_to`` (or until the next set), so a 2025 disclosure follows the
set in force in 2025 and a 2026 one the set of 2026. The code reads the values from here and
nowhere else; a value marked ``verified: false`` is shown with "cần kiểm tra".

Counting (Bộ luật Dân sự 2015 Đ147–148): a period of days starts on the day after the event
and ends at the end of its last day. A posting put up on D has therefore stayed 30 days at the
end of D + 30, so it may be taken down from D + 31; a broadcast of 03 days started on D may
stop after D + 3. ``earliest_take_down`` in services.disclosure.compliance applies exactly this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from resources import resource_path

CHECKLIST_FILE = resource_path("disclosure", "checklist.yaml")


@dataclass(frozen=True)
class Value:
    """One rule value with where it comes from."""

    basis: str
    verified: bool = True

    @property
    def basis_text(self) -> str:
        return self.basis if self.verified else f"{self.basis} (cần kiểm tra)"


@dataclass(frozen=True)
class DeadlineValue(Value):
    offset: int = 5
    unit: str = "working_days"


@dataclass(frozen=True)
class MinimumValue(Value):
    days: int = 30
    kind: str = "consecutive_calendar"
    items: tuple[int, ...] = ()  # the Law's Đ11 items it applies to (broadcast: 7–12)


@dataclass(frozen=True)
class CountingValue(Value):
    posting_day_counts: bool = False

    @property
    def text(self) -> str:
        if self.posting_day_counts:
            return "Ngày niêm yết được tính là ngày thứ nhất."
        return (
            "Ngày niêm yết không tính; thời hạn bắt đầu từ ngày hôm sau và kết thúc vào cuối "
            "ngày cuối cùng."
        )


@dataclass(frozen=True)
class LawRules:
    valid_from: date
    valid_to: date | None
    law: str
    default_deadline: DeadlineValue
    posting_min: MinimumValue
    broadcast_min: MinimumValue
    counting: CountingValue


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def parse_rule_sets(data: dict[str, Any]) -> tuple[LawRules, ...]:
    sets = []
    for raw in (data.get("defaults") or {}).get("rule_sets") or ():
        deadline, posting = raw["default_deadline"], raw["posting_min"]
        broadcast, counting = raw["broadcast_min"], raw.get("counting") or {}
        start = _date(raw["valid_from"])
        assert start is not None
        sets.append(
            LawRules(
                valid_from=start,
                valid_to=_date(raw.get("valid_to")),
                law=str(raw.get("law", "")),
                default_deadline=DeadlineValue(
                    str(deadline.get("basis", "")),
                    bool(deadline.get("verified", False)),
                    int(deadline["offset"]),
                    str(deadline["unit"]),
                ),
                posting_min=MinimumValue(
                    str(posting.get("basis", "")),
                    bool(posting.get("verified", False)),
                    int(posting["days"]),
                    str(posting.get("type", "consecutive_calendar")),
                ),
                broadcast_min=MinimumValue(
                    str(broadcast.get("basis", "")),
                    bool(broadcast.get("verified", False)),
                    int(broadcast["days"]),
                    str(broadcast.get("type", "consecutive_calendar")),
                    tuple(int(i) for i in broadcast.get("applies_to_d11_items") or ()),
                ),
                counting=CountingValue(
                    str(counting.get("basis", "")),
                    bool(counting.get("verified", False)),
                    bool(counting.get("posting_day_counts", False)),
                ),
            )
        )
    return tuple(sorted(sets, key=lambda s: s.valid_from))


@lru_cache(maxsize=4)
def checklist_data(path: Path = CHECKLIST_FILE) -> dict[str, Any]:
    """The checklist file as YAML data, read once per run (the file never changes while the
    program runs). Shared by the checklist, these rule sets and the expected days: read only."""
    import yaml

    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@lru_cache(maxsize=4)
def _shipped(path: Path) -> tuple[LawRules, ...]:
    return parse_rule_sets(checklist_data(path))


def law_rules(on: date, path: Path | None = None) -> LawRules:
    """The general rules in force on ``on`` (the first set for a day before all of them)."""
    sets = _shipped(path or CHECKLIST_FILE)
    chosen = sets[0]
    for candidate in sets:
        if candidate.valid_from <= on and (candidate.valid_to is None or on <= candidate.valid_to):
            chosen = candidate
    return chosen
