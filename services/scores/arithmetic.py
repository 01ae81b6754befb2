"""Score arithmetic as pure functions: computed parents, not-applicable criteria, bands.

Nothing here touches the database, so the rules are unit-tested on hand-checked trees, and a
``ScoreTree`` built once recomputes every figure of a 300-node tree in well under a millisecond
after one edit (the tree's shape is cached; only the values are walked again).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

EPSILON = 1e-6
POINTS = "points"
PERCENT = "percent"
BONUS, PENALTY = "bonus", "penalty"
ADJUSTMENTS = {BONUS: "Điểm thưởng", PENALTY: "Điểm trừ"}
# How bonus and penalty points enter the total (the province's rule, per framework).
ADJUSTMENT_RULES = {
    "add": "Cộng điểm thưởng, trừ điểm trừ vào tổng (tổng có thể vượt điểm tối đa)",
    "cap": "Cộng điểm thưởng, trừ điểm trừ; tổng không vượt điểm tối đa",
}


@dataclass(frozen=True)
class Node:
    """The shape of one criterion, as the arithmetic needs it."""

    id: int
    parent_id: int | None
    max_points: float
    applicable: bool = True
    weight: float | None = None
    adjustment: str = ""  # "" | "bonus" | "penalty": outside the 100


@dataclass(frozen=True)
class Figure:
    """A node's computed maximum and score; ``value`` is None when nothing below is scored."""

    max: float
    value: float | None

    @property
    def gap(self) -> float | None:
        return None if self.value is None else round(self.max - self.value, 6)


@dataclass(frozen=True)
class Totals:
    """The index total split as provinces publish it: the 100, bonus, penalty, the result."""

    core: Figure
    bonus: float | None
    penalty: float | None  # ≤ 0
    total: Figure


@dataclass(frozen=True)
class Band:
    label: str
    min: float


class ScoreTree:
    """A criteria tree whose parents are always computed from their leaves.

    ``unit == "points"``: a parent's maximum and score are the sums over its applicable
    children; a criterion marked not applicable drops out of the maximum, as provinces do.
    ``unit == "percent"`` (SIPAS): every node is a 0–100 %, a parent is the weighted mean of its
    scored children (equal weights unless given).
    """

    def __init__(self, nodes: Sequence[Node], unit: str = POINTS, rule: str = "add") -> None:
        self.unit = unit
        self.rule = rule
        self.nodes = {n.id: n for n in nodes}
        self.children: dict[int | None, list[int]] = {}
        for n in nodes:
            self.children.setdefault(n.parent_id, []).append(n.id)
        self.roots = self.children.get(None, [])
        # Post-order: children before their parent, computed once.
        self.order: list[int] = []
        stack: list[tuple[int, bool]] = [(r, False) for r in reversed(self.roots)]
        while stack:
            node_id, done = stack.pop()
            if done:
                self.order.append(node_id)
                continue
            stack.append((node_id, True))
            stack.extend((c, False) for c in reversed(self.children.get(node_id, [])))

    def is_leaf(self, node_id: int) -> bool:
        return not self.children.get(node_id)

    def leaves(self) -> list[int]:
        return [i for i in self.order if self.is_leaf(i)]

    def compute(self, values: Mapping[int, float | None]) -> dict[int, Figure]:
        """Every node's figure from the leaves' ``values`` (parents' entries are ignored)."""
        figures: dict[int, Figure] = {}
        applicable = self._applicable()
        percent = self.unit == PERCENT
        for node_id in self.order:
            node = self.nodes[node_id]
            if not applicable[node_id]:
                figures[node_id] = Figure(0.0, None)
                continue
            kids = self.children.get(node_id)
            if not kids:
                top = 100.0 if percent else node.max_points
                value = values.get(node_id)
                figures[node_id] = Figure(top, None if value is None else round(value, 6))
            elif percent:
                figures[node_id] = _mean(
                    [(figures[k].value, self.nodes[k].weight) for k in kids if applicable[k]]
                )
            else:
                figures[node_id] = _sum([figures[k] for k in kids if applicable[k]])
        return figures

    def total(self, figures: Mapping[int, Figure]) -> Figure:
        """The whole index: the sum (points) or weighted mean (percent) of the fields.

        Bonus and penalty groups stay outside the maximum and enter the value by the rule.
        """
        return self.totals(figures).total

    def totals(self, figures: Mapping[int, Figure]) -> Totals:
        core_roots = [r for r in self.roots if not self.nodes[r].adjustment]
        if self.unit == PERCENT:
            core = _mean([(figures[r].value, self.nodes[r].weight) for r in core_roots])
            return Totals(core, None, None, core)
        core = _sum(figures[r] for r in core_roots)
        parts = {}
        for kind in (BONUS, PENALTY):
            scored = [
                value
                for r in self.roots
                if self.nodes[r].adjustment == kind and (value := figures[r].value) is not None
            ]
            parts[kind] = round(sum(scored), 6) if scored else None
        value = core.value
        if value is not None:
            value = round(value + (parts[BONUS] or 0.0) + (parts[PENALTY] or 0.0), 6)
            if self.rule == "cap":
                value = min(value, core.max)
            value = max(value, 0.0)
        return Totals(core, parts[BONUS], parts[PENALTY], Figure(core.max, value))

    def _applicable(self) -> dict[int, bool]:
        """A node under a not-applicable parent is not applicable either."""
        result: dict[int, bool] = {}
        for node_id in reversed(self.order):  # parents before children
            node = self.nodes[node_id]
            parent_ok = result.get(node.parent_id, True) if node.parent_id is not None else True
            result[node_id] = node.applicable and parent_ok
        return result


def _sum(figures: Iterable[Figure]) -> Figure:
    figures = list(figures)
    scored = [f.value for f in figures if f.value is not None]
    top = round(sum(f.max for f in figures), 6)
    return Figure(top, round(sum(scored), 6) if scored else None)


def _mean(pairs: Iterable[tuple[float | None, float | None]]) -> Figure:
    scored = [(v, 1.0 if w is None else w) for v, w in pairs if v is not None]
    weight = sum(w for _v, w in scored)
    if not scored or weight <= 0:
        return Figure(100.0, None)
    return Figure(100.0, round(sum(v * w for v, w in scored) / weight, 6))


def percentage(value: float | None, maximum: float) -> float | None:
    """Score as a % of the applicable maximum (None when unscored or nothing applies)."""
    if value is None or maximum <= EPSILON:
        return None
    return round(value / maximum * 100, 2)


def band_for(percent: float | None, bands: Sequence[Band]) -> str:
    """The label of the highest band whose minimum ``percent`` reaches ("" when unscored)."""
    if percent is None:
        return ""
    for band in sorted(bands, key=lambda b: b.min, reverse=True):
        if percent + EPSILON >= band.min:
            return band.label
    return ""


def score_problems(
    value: float | None, maximum: float, applicable: bool, adjustment: str = ""
) -> list[str]:
    """Why a typed score is refused, in Vietnamese (empty when it is acceptable).

    A penalty criterion's maximum is the most it can take off (≤ 0): its points run from that
    figure up to 0.
    """
    if value is None:
        return []
    if not applicable:
        return ["tiêu chí không áp dụng thì không chấm điểm."]
    if adjustment == PENALTY:
        if value > EPSILON:
            return [
                f"điểm trừ phải ghi số âm hoặc 0 (ví dụ -{fmt(value)}), không ghi {fmt(value)}."
            ]
        if value < maximum - EPSILON:
            return [f"điểm trừ {fmt(value)} vượt mức trừ tối đa {fmt(maximum)}."]
        return []
    if value < 0:
        return [f"điểm {fmt(value)} âm; điểm phải từ 0 trở lên."]
    if value > maximum + EPSILON:
        return [f"điểm {fmt(value)} vượt điểm tối đa {fmt(maximum)}."]
    return []


def band_problems(bands: Sequence[Band]) -> list[str]:
    problems = []
    if not bands:
        problems.append("cần ít nhất một mức xếp loại.")
    for band in bands:
        if not band.label.strip():
            problems.append("tên mức xếp loại không được để trống.")
        if not 0 <= band.min <= 100:
            problems.append(f"ngưỡng {fmt(band.min)}% phải từ 0 đến 100.")
    mins = [b.min for b in bands]
    if len(set(mins)) != len(mins):
        problems.append("hai mức xếp loại trùng ngưỡng.")
    return problems


def fmt(value: float | None, digits: int = 2) -> str:
    """A number the Vietnamese way: decimal comma, no trailing zeros ("2,5", "10")."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if text != "-0" else "0"


def parse_points(text: str) -> float | None:
    """ "2,5" or "2.5" → 2.5; blank → None; raise ValueError for anything else."""
    text = text.strip().replace(" ", "")
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"“{text}” không phải là số điểm") from None
    if not math.isfinite(value):  # "nan", "inf" are floats to Python, not points to a clerk
        raise ValueError(f"“{text}” không phải là số điểm")
    return value
