"""Frozen dataclasses the score services hand to the UI, the CLI and the exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from services.scores.arithmetic import Band

INDEXES: dict[str, str] = {
    "PAR": "Chỉ số CCHC (PAR INDEX)",
    "PAPI": "Chỉ số hiệu quả quản trị và hành chính công (PAPI) cấp xã",
    "SIPAS": "Chỉ số hài lòng (SIPAS)",
}

METHODS: dict[str, str] = {
    "self_assessed": "Tự đánh giá",
    "appraised": "Thẩm định",
    "survey": "Điều tra xã hội học",
    "data": "Số liệu",
}
PROVINCE_SCORED = "Tỉnh chấm"

# Provinces announce results as Tốt / Khá / Trung bình / Yếu; Quảng Trị 2017 thresholds.
DEFAULT_BANDS = (
    Band("Tốt", 80.0),
    Band("Khá", 70.0),
    Band("Trung bình", 60.0),
    Band("Yếu", 0.0),
)


@dataclass(frozen=True)
class FrameworkInfo:
    id: int
    index_key: str
    year: int
    code: str
    name: str
    version_label: str
    unit: str
    is_template: bool
    bands: tuple[Band, ...]
    result_rank: int | None
    result_of: int | None
    result_class: str
    source: str
    version: int
    criteria_count: int = 0
    period_start: date | None = None
    period_end: date | None = None
    decision: str = ""
    addressee: str = ""
    sipas_link: str = ""
    adjustment_rule: str = "add"
    band_presets: tuple[tuple[str, tuple[Band, ...]], ...] = ()

    @property
    def title(self) -> str:
        return f"{INDEXES.get(self.index_key, self.index_key)} năm {self.year}"

    @property
    def period(self) -> tuple[date, date]:
        """The evaluation period: its own dates, else the calendar year."""
        return (
            self.period_start or date(self.year, 1, 1),
            self.period_end or date(self.year, 12, 31),
        )

    @property
    def period_text(self) -> str:
        start, end = self.period
        return f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion before it is written: from a template, an Excel sheet or a copied year."""

    code: str
    name: str
    max_points: float
    parent_code: str | None = None
    method: str = "self_assessed"
    guidance: str = ""
    applicable: bool = True
    weight: float | None = None
    aliases: tuple[str, ...] = ()
    adjustment: str = ""  # "" | "bonus" | "penalty"
    province_scored: bool = False


@dataclass(frozen=True)
class CriterionRow:
    id: int
    framework_id: int
    parent_id: int | None
    position: int
    code: str
    name: str
    max_points: float
    method: str
    guidance: str
    applicable: bool
    weight: float | None
    aliases: tuple[str, ...]
    self_score: float | None
    appraised_score: float | None
    explanation: str
    version: int
    depth: int = 0
    is_leaf: bool = True
    adjustment: str = ""
    province_scored: bool = False
    province_score: float | None = None


@dataclass(frozen=True)
class CriterionEdit:
    """What the criterion editor may change; parents' maximums stay computed."""

    name: str
    max_points: float
    method: str = "self_assessed"
    guidance: str = ""
    applicable: bool = True
    province_scored: bool = False


@dataclass(frozen=True)
class ScoreLine:
    """One row of the scoring table: computed figures, never typed ones, for parents."""

    criterion: CriterionRow
    max: float
    last_max: float | None
    last_appraised: float | None
    self_score: float | None
    appraised: float | None
    links: int = 0
    evidence: int = 0

    @property
    def gap(self) -> float | None:
        """Points still missing on the latest figure: appraised, else self, else last year.

        Bonus and penalty points lie outside the maximum: nothing is "missing" there.
        """
        if self.criterion.adjustment:
            return None
        for value in (self.appraised, self.self_score):
            if value is not None:
                return round(self.max - value, 6)
        if self.last_appraised is not None and self.last_max is not None:
            return round(self.last_max - self.last_appraised, 6)
        return None


@dataclass(frozen=True)
class Scoreboard:
    framework: FrameworkInfo
    previous: FrameworkInfo | None
    lines: tuple[ScoreLine, ...]
    total_max: float
    total_self: float | None
    total_appraised: float | None
    last_total_max: float | None
    last_total: float | None
    percent_self: float | None
    percent_appraised: float | None
    percent_last: float | None
    band_self: str
    band_appraised: str
    band_last: str
    # The 100 alone, and the bonus (≥ 0) and penalty (≤ 0) points outside it.
    core_self: float | None = None
    core_appraised: float | None = None
    bonus_self: float | None = None
    penalty_self: float | None = None
    bonus_appraised: float | None = None
    penalty_appraised: float | None = None

    @property
    def has_adjustments(self) -> bool:
        return any(line.criterion.adjustment for line in self.lines)

    def line(self, code: str) -> ScoreLine:
        return next(line for line in self.lines if line.criterion.code == code)


@dataclass(frozen=True)
class GapItem:
    criterion_id: int
    code: str
    name: str
    field: str
    max: float
    appraised: float
    lost: float
    task_ids: tuple[int, ...]

    @property
    def flagged(self) -> bool:
        """A criterion that lost points and no plan task addresses."""
        return not self.task_ids


def qualified_code(index_key: str, code: str) -> str:
    """A criterion code that names its index: "PAR.2.1" stays, PAPI's "D1.1" → "PAPI D1.1"."""
    return code if code.casefold().startswith(index_key.casefold()) else f"{index_key} {code}"


@dataclass(frozen=True)
class LinkedCriterion:
    criterion_id: int
    framework_id: int
    index_key: str
    year: int
    code: str
    name: str

    @property
    def label(self) -> str:
        return qualified_code(self.index_key, self.code)


@dataclass(frozen=True)
class MockLine:
    criterion_id: int
    code: str
    name: str
    max: float
    base: float
    expected: float
    at_risk: float
    risks: tuple[str, ...]
    # "tỉnh chấm: 3,5 (thẩm định lần 1)" / "tỉnh chấm: chưa có" for province-scored criteria
    source: str = ""
    # Neither evidence nor an explanation: the provincial software will not take it.
    unsupported: bool = False


@dataclass(frozen=True)
class MockAppraisal:
    framework: FrameworkInfo
    lines: tuple[MockLine, ...]
    total_max: float
    expected: float
    at_risk: float
    percent: float | None
    band: str
    today: date = field(default_factory=date.today)

    @property
    def unsupported(self) -> tuple[MockLine, ...]:
        """Criteria with no evidence and no explanation (the provincial software needs one)."""
        return tuple(m for m in self.lines if m.unsupported)


@dataclass(frozen=True)
class HistoryPoint:
    year: int
    max: float
    self_score: float | None
    appraised: float | None
