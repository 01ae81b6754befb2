"""The disclosure checklist as data: items, and their rules versioned by the date they apply from.

A rule says which forms are required, for how long a posting must stay up and by when it
must be posted after its trigger. When the law changes (the 2026 budget regime, NĐ 73/2026
and TT 26/2026), a new version is added with its ``applies_from`` date instead of editing the
old one, so a 2025 disclosure is still judged by the 2025 rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from services.disclosure.law_rules import checklist_data, law_rules
from services.disclosure.vocab import (
    CONFIDENCE,
    DEADLINE_UNITS,
    DURATION_TYPES,
    FORMS,
    RECURRENCES,
    VERSION_BY,
)
from services.errors import Problem, ValidationError
from services.text import nfc


@dataclass(frozen=True)
class Deadline:
    offset: int
    unit: str = "working_days"

    @property
    def text(self) -> str:
        return f"{self.offset:02d} {DEADLINE_UNITS.get(self.unit, self.unit)}"


@dataclass(frozen=True)
class Rule:
    applies_from: date
    forms: tuple[str, ...]
    duration_type: str = "consecutive_calendar"
    duration_days: int | None = 30
    broadcast_days: int | None = None
    deadline: Deadline | None = None
    trigger: str = ""
    deadline_text: str = ""
    legal_basis: tuple[str, ...] = ()
    note: str = ""

    @property
    def deadline_label(self) -> str:
        """The deadline as the clerk reads it; "" deadline = not a posting deadline (the data
        writes the Law's 05 working days, Đ12.3, only on items that article governs)."""
        if self.deadline_text:
            return self.deadline_text
        return self.deadline.text if self.deadline else "không có hạn cố định"


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    title: str
    group: str
    recurrence: str
    rules: tuple[Rule, ...]
    version_by: str = "trigger_date"
    budget_offset: int = 0
    periods: tuple[str, ...] = ()  # () = the recurrence's own (Quý I–IV...)
    quarter_end_triggers: tuple[int, ...] = ()
    confidence: str = "sourced"
    id: int | None = None
    position: int = 0
    active: bool = True
    notes: str = ""

    def rule_on(self, reference: date) -> Rule | None:
        """The newest rule version in force on ``reference``; None before the first one."""
        current = None
        for rule in sorted(self.rules, key=lambda r: r.applies_from):
            if rule.applies_from <= reference:
                current = rule
        return current

    def reference_date(self, trigger_date: date | None, budget_year: int | None, year: int) -> date:
        """The date that picks the rule version: 1 January of the budget year, or the trigger."""
        if self.version_by == "budget_year":
            return date(budget_year or year, 1, 1)
        return trigger_date or date(year, 1, 1)


@dataclass(frozen=True)
class Checklist:
    groups: dict[str, str]
    items: tuple[ChecklistItem, ...] = field(default_factory=tuple)

    def item(self, code: str) -> ChecklistItem | None:
        return next((i for i in self.items if i.code == code), None)


# ----- validation ---------------------------------------------------------------------------
def validate_rule(rule: Rule, where: str = "") -> list[Problem]:
    prefix = f"{where} " if where else ""
    problems = []
    if not rule.forms:
        problems.append(Problem(f"{prefix}Hình thức", "phải có ít nhất một hình thức công khai."))
    unknown = [f for f in rule.forms if f not in FORMS]
    if unknown:
        problems.append(Problem(f"{prefix}Hình thức", f"không biết “{', '.join(unknown)}”."))
    if rule.duration_type not in DURATION_TYPES:
        problems.append(
            Problem(f"{prefix}Thời gian công khai", f"loại “{rule.duration_type}” không hợp lệ.")
        )
    elif rule.duration_type in ("consecutive_calendar", "working_days") and (
        rule.duration_days is None or rule.duration_days <= 0
    ):
        problems.append(Problem(f"{prefix}Thời gian công khai", "số ngày phải lớn hơn 0."))
    if rule.broadcast_days is not None and rule.broadcast_days <= 0:
        problems.append(Problem(f"{prefix}Số ngày phát loa", "phải lớn hơn 0."))
    if rule.deadline is not None:
        if rule.deadline.unit not in DEADLINE_UNITS:
            problems.append(Problem(f"{prefix}Thời hạn", f"đơn vị “{rule.deadline.unit}” sai."))
        if rule.deadline.offset < 0:
            problems.append(Problem(f"{prefix}Thời hạn", "số ngày không được âm."))
    return problems


def validate_item(item: ChecklistItem, groups: dict[str, str]) -> list[Problem]:
    where = f"Mục {item.code}" if item.code else "Mục"
    problems = []
    if not item.code or " " in item.code or len(item.code) > 20:
        problems.append(Problem(f"{where}: Mã", "viết liền, 1–20 ký tự (ví dụ: CK25)."))
    if not item.title:
        problems.append(Problem(f"{where}: Nội dung", "không được để trống."))
    if item.group not in groups:
        problems.append(Problem(f"{where}: Nhóm", f"“{item.group}” không có trong danh mục nhóm."))
    if item.recurrence not in RECURRENCES:
        problems.append(Problem(f"{where}: Định kỳ", f"“{item.recurrence}” không hợp lệ."))
    if item.version_by not in VERSION_BY:
        problems.append(Problem(f"{where}: Chọn quy định", f"“{item.version_by}” không hợp lệ."))
    if item.confidence not in CONFIDENCE:
        problems.append(Problem(f"{where}: Độ tin cậy", f"“{item.confidence}” không hợp lệ."))
    if any(q not in (1, 2, 3, 4) for q in item.quarter_end_triggers):
        problems.append(Problem(f"{where}: Kỳ lấy ngày cuối quý", "chỉ được là 1, 2, 3, 4."))
    if not item.rules:
        problems.append(Problem(f"{where}: Quy định", "phải có ít nhất một phiên bản quy định."))
    seen = set()
    for rule in item.rules:
        label = f"{where}, quy định từ {rule.applies_from:%d/%m/%Y}:"
        if rule.applies_from in seen:
            problems.append(Problem(label, "trùng ngày áp dụng với phiên bản khác."))
        seen.add(rule.applies_from)
        problems.extend(validate_rule(rule, label))
    return problems


# ----- the shipped YAML -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def default_checklist() -> Checklist:
    """The shipped checklist, parsed once per run: the Công khai area asks for it on every
    reload (new rule versions, content groups) and its items are frozen."""
    return parse_checklist(checklist_data())


def parse_checklist(data: dict[str, Any]) -> Checklist:
    """Build the checklist from the YAML shape of ``resources/disclosure/checklist.yaml``."""
    groups = {str(k): nfc(v) for k, v in (data.get("groups") or {}).items()}
    # Data without its own start date: the day the Law's first rule set took effect.
    base_from = (
        _date((data.get("defaults") or {}).get("applies_from")) or law_rules(date.min).valid_from
    )
    items: list[ChecklistItem] = []
    problems: list[Problem] = []
    for position, raw in enumerate(data.get("items") or [], start=1):
        try:
            item = _item(raw, position, base_from)
        except (TypeError, ValueError, KeyError) as exc:
            problems.append(Problem(f"Mục thứ {position}", f"không đọc được ({exc})."))
            continue
        problems.extend(validate_item(item, groups))
        items.append(item)
    codes = [i.code for i in items]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(Problem(f"Mục {code}", "mã bị trùng."))
    if problems:
        raise ValidationError(problems)
    return Checklist(groups, tuple(items))


def _item(raw: dict[str, Any], position: int, base_from: date) -> ChecklistItem:
    base = _rule(raw, _date(raw.get("applies_from")) or base_from)
    rules = [base]
    for version in raw.get("versions") or []:
        applies_from = _date(version["applies_from"])
        if applies_from is None:
            raise ValueError("phiên bản quy định thiếu ngày áp dụng (applies_from)")
        rules.append(_rule(version, applies_from, previous=rules[-1]))
    return ChecklistItem(
        code=nfc(str(raw["code"])),
        title=nfc(raw.get("title_vi")),
        group=str(raw.get("group", "")),
        recurrence=str(raw.get("recurrence", "event")),
        rules=tuple(rules),
        version_by=str(raw.get("version_by", "trigger_date")),
        budget_offset=int(raw.get("budget_offset", 0)),
        periods=tuple(nfc(str(p)) for p in raw.get("periods") or ()),
        quarter_end_triggers=tuple(int(q) for q in raw.get("quarter_end_triggers") or ()),
        confidence=str(raw.get("confidence", "sourced")),
        position=position,
        notes=nfc(raw.get("notes")),
    )


def _rule(raw: dict[str, Any], applies_from: date, previous: Rule | None = None) -> Rule:
    """A rule from YAML; a later version inherits every field it does not restate."""
    if previous is None:
        previous = Rule(applies_from=applies_from, forms=())
    values: dict[str, Any] = {"applies_from": applies_from}
    if "forms" in raw:
        values["forms"] = tuple(str(f) for f in raw["forms"])
    if "duration_type" in raw:
        values["duration_type"] = str(raw["duration_type"])
    if "duration_days" in raw:
        values["duration_days"] = raw["duration_days"]
    if "broadcast_days" in raw:
        values["broadcast_days"] = raw["broadcast_days"]
    if "deadline" in raw:
        d = raw["deadline"]
        values["deadline"] = Deadline(int(d["offset"]), str(d["unit"])) if d else None
    if "trigger" in raw:
        values["trigger"] = nfc(raw["trigger"])
    if "deadline_rule" in raw:
        values["deadline_text"] = nfc(raw["deadline_rule"])
    if "legal_basis" in raw:
        values["legal_basis"] = tuple(nfc(str(b)) for b in raw["legal_basis"])
    values["note"] = nfc(raw.get("note") or raw.get("notes"))
    return replace(previous, **values)


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
