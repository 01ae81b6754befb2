"""Checks on a criteria list before anything is written (templates, Excel, edits)."""

from __future__ import annotations

from collections.abc import Sequence

from services.scores.arithmetic import EPSILON, fmt
from services.scores.dto import CriterionSpec


def spec_problems(
    specs: Sequence[CriterionSpec], unit: str = "points"
) -> list[tuple[int, str, str]]:
    """(index in ``specs``, field, message) for each problem; empty when the list is usable.

    The field is "code", "name" or "max_points", so an importer can name the column.
    """
    problems: list[tuple[int, str, str]] = []
    first: dict[str, int] = {}
    for i, spec in enumerate(specs):
        if not spec.code:
            problems.append((i, "code", "mã tiêu chí không được để trống."))
        elif spec.code in first:
            problems.append((i, "code", f"mã “{spec.code}” trùng với dòng trước."))
        else:
            first[spec.code] = i
        if not spec.name.strip():
            problems.append((i, "name", "tên tiêu chí không được để trống."))
        if spec.adjustment == "penalty" and spec.max_points > EPSILON:
            problems.append(
                (
                    i,
                    "max_points",
                    f"dòng thuộc nhóm điểm trừ phải ghi điểm âm (ví dụ -{fmt(spec.max_points)}), "
                    f"không ghi {fmt(spec.max_points)}.",
                )
            )
        elif spec.adjustment != "penalty" and spec.max_points < 0:
            problems.append(
                (i, "max_points", "điểm tối đa không được âm (chỉ nhóm điểm trừ ghi số âm).")
            )
    for i, spec in enumerate(specs):
        if spec.parent_code is not None and spec.parent_code not in first:
            problems.append((i, "code", f"không có tiêu chí cha “{spec.parent_code}”."))
    if unit == "points":
        problems.extend(_sum_problems(specs, first))
    return problems


def _sum_problems(specs: Sequence[CriterionSpec], first: dict[str, int]):
    children: dict[str, list[CriterionSpec]] = {}
    for spec in specs:
        if spec.parent_code is not None:
            children.setdefault(spec.parent_code, []).append(spec)
    for code, kids in children.items():
        i = first.get(code)
        if i is None:
            continue
        parent = specs[i]
        if parent.adjustment:  # a bonus/penalty group may cap its items (tối đa 5 điểm)
            continue
        total = round(sum(k.max_points for k in kids), 6)
        if abs(parent.max_points) > EPSILON and abs(total - parent.max_points) > 0.005:
            yield (
                i,
                "max_points",
                f"các tiêu chí con cộng lại {fmt(total)} điểm, khác điểm tối đa "
                f"{fmt(parent.max_points)} của “{code}”.",
            )
