"""The legal-review rules as dated data (``resources/legal/rules.yaml``), read in one place.

Why data and not constants: the deadline of the yearly list, the systematisation cycle, the
"Căn cứ" lines, who proposes the publication decision and the lists' titles and columns have
all changed with the 2025 regime (NĐ 79/2025, NĐ 187/2025, two-level local government), and
some are not verified against the text itself. Each rule version carries the period it is
valid for, its legal basis (document, article, clause) and a ``to_verify`` flag, so the code
picks the version in force on the date a document or list applies to, and the screen can say
which rule produced a figure and whether that rule is still to be checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from resources import resource_path
from services.errors import UserError

RULES_FILE = resource_path("legal", "rules.yaml")


@dataclass(frozen=True)
class LegalBasis:
    document: str
    article: str = ""
    clause: str = ""

    def cite(self) -> str:
        """ "khoản 1 Điều 49 Nghị định 79/2025/NĐ-CP" (the parts that are known)."""
        return " ".join(p for p in (self.clause, self.article, self.document) if p)


@dataclass(frozen=True)
class Rule:
    """One version of one rule: its value and why (basis), for the dates it is valid."""

    key: str
    name: str
    value: Any
    valid_from: date
    valid_to: date | None
    basis: LegalBasis
    to_verify: bool
    note: str = ""

    def covers(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def explain(self) -> str:
        """What the clerk sees: "Chu kỳ hệ thống hóa …: theo khoản 1 Điều 49 Nghị định …"."""
        until = f" đến {self.valid_to:%d/%m/%Y}" if self.valid_to else ""
        text = (
            f"{self.name}: theo {self.basis.cite()} (áp dụng từ {self.valid_from:%d/%m/%Y}{until})"
        )
        if self.to_verify:
            text += " – CẦN KIỂM TRA LẠI: chưa đối chiếu văn bản gốc"
        return f"{text}. {self.note}".strip() if self.note else text + "."

    def brief(self) -> str:
        """One short line: "Chu kỳ hệ thống hóa …: khoản 1 Điều 49 Nghị định 79/2025/NĐ-CP"."""
        text = f"{self.name}: {self.basis.cite()}"
        return f"{text} (cần kiểm tra lại)" if self.to_verify else text

    def text(self, level: str) -> str:
        """A text value with the unit's level put in ("… {level}" -> "… xã")."""
        return str(self.value).replace("{level}", level)


def _day(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise UserError(f"Tệp quy tắc rà soát: ngày “{value}” không hợp lệ ở {where}.") from exc


class LegalRules:
    """All versions of all rules of one rules file."""

    def __init__(self, data: dict, source: str = "") -> None:
        self.source = source
        self._rules: dict[str, list[Rule]] = {}
        for key, spec in (data.get("rules") or {}).items():
            versions = []
            for n, v in enumerate(spec.get("versions") or [], start=1):
                where = f"quy tắc {key}, phiên bản {n}"
                start = _day(v.get("valid_from"), where)
                if start is None:
                    raise UserError(f"Tệp quy tắc rà soát: thiếu valid_from ở {where}.")
                basis = v.get("basis") or {}
                versions.append(
                    Rule(
                        key=key,
                        name=str(spec.get("name", key)),
                        value=v.get("value"),
                        valid_from=start,
                        valid_to=_day(v.get("valid_to"), where),
                        basis=LegalBasis(
                            str(basis.get("document", "")),
                            str(basis.get("article", "") or ""),
                            str(basis.get("clause", "") or ""),
                        ),
                        to_verify=bool(v.get("to_verify", True)),
                        note=" ".join(str(v.get("note", "") or "").split()),
                    )
                )
            self._rules[key] = sorted(versions, key=lambda r: r.valid_from)

    def rule(self, key: str, on: date) -> Rule:
        """The version of ``key`` in force on ``on``; the earliest one for older dates."""
        versions = self._rules.get(key)
        if not versions:
            raise UserError(f"Tệp quy tắc rà soát không có quy tắc “{key}”.")
        for r in reversed(versions):
            if r.covers(on):
                return r
        return versions[0] if on < versions[0].valid_from else versions[-1]

    def versions(self, key: str) -> list[Rule]:
        return list(self._rules.get(key, []))


def load_rules(path: Path | str | None = None) -> LegalRules:
    """The rules of ``path`` (the shipped file when None; that one is read once)."""
    if path is None:
        return _shipped()
    return _read(Path(path))


@lru_cache(maxsize=1)
def _shipped() -> LegalRules:
    return _read(RULES_FILE)


def _read(path: Path) -> LegalRules:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"Không đọc được tệp quy tắc rà soát {path.name}: {exc}") from exc
    return LegalRules(data, str(path))


# ----- the rules the legal module computes with ---------------------------------------------
def annual_deadline_rule(year: int, rules: LegalRules | None = None) -> Rule:
    """The deadline rule of the list for ``year``: the one in force on 01/01 of the next year."""
    return (rules or load_rules()).rule("annual_list_deadline", date(year + 1, 1, 1))


def annual_deadline(year: int, rules: LegalRules | None = None) -> date:
    value = annual_deadline_rule(year, rules).value
    return date(year + 1, int(value["month"]), int(value["day"]))


def cycle_rule(previous_cutoff: date, rules: LegalRules | None = None) -> Rule:
    """The cycle length in force on the first day after the previous cut-off."""
    start = date(previous_cutoff.year + 1, 1, 1)
    return (rules or load_rules()).rule("cycle_years", start)


def previous_cutoff_rule(today: date | None = None, rules: LegalRules | None = None) -> Rule:
    return (rules or load_rules()).rule("previous_cutoff", today or date.today())


def list_rule(on: date, rules: LegalRules | None = None) -> Rule:
    return (rules or load_rules()).rule("lists", on)


def list_titles(on: date, rules: LegalRules | None = None) -> dict[str, str]:
    """List kind -> title, in the wording of the regime in force on ``on``."""
    return {
        kind: " ".join(spec["title"].split()) for kind, spec in list_rule(on, rules).value.items()
    }


def describe(rules: Iterable[Rule]) -> str:
    """The rules behind a figure or a list, one line each, for a detail pane or tooltip."""
    unique: dict[tuple[str, date], Rule] = {}
    for r in rules:
        unique.setdefault((r.key, r.valid_from), r)
    return "\n".join(f"• {r.explain()}" for r in unique.values())


def brief(rules: Iterable[Rule]) -> str:
    """The rules in one short paragraph (the full text with notes goes in the tooltip)."""
    unique: dict[tuple[str, date], Rule] = {}
    for r in rules:
        unique.setdefault((r.key, r.valid_from), r)
    return "; ".join(r.brief() for r in unique.values())


def any_to_verify(rules: Iterable[Rule]) -> bool:
    return any(r.to_verify for r in rules)
