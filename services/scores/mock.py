"""Mock appraisal of one leaf: the points it should earn and why some are at risk.

Rules (a ward's reading of how the Sở Nội vụ appraises; all points of a criterion are at risk
when one of them holds, since the appraiser refuses the whole criterion):
- base: the self-assessed points; when none is typed yet, the maximum if every linked task is
  done and evidence dated in the year exists, else last year's appraised points, else 0;
- at risk: no evidence (for self-assessed, appraised and data criteria; survey ones need none),
  evidence whose document date lies outside the framework's evaluation period (the calendar
  year unless the framework says otherwise: 2025 began at the 01/07 merger in many provinces)
  or is missing, a linked task overdue (deadline passed, not done) or not started;
- a criterion the province scores itself counts as the province's latest figure (the latest
  appraisal round, else the figure it published), or as "chưa có" (0), never at risk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from services.plan.plans import TaskRow
from services.scores.arithmetic import fmt
from services.scores.dto import CriterionRow, MockLine
from services.text import format_date

CLOSED = {"done", "cancelled"}


@dataclass(frozen=True)
class EvidenceDate:
    title: str
    doc_date: date | None


def mock_line(
    criterion: CriterionRow,
    maximum: float,
    year: int,
    last_appraised: float | None,
    tasks: Sequence[TaskRow],
    evidence: Sequence[EvidenceDate],
    today: date,
    *,
    period: tuple[date, date] | None = None,
    province: tuple[float | None, str] | None = None,
) -> MockLine:
    period = period or (date(year, 1, 1), date(year, 12, 31))
    if criterion.province_scored:
        value, where = province or (None, "")
        source = f"Tỉnh chấm: {fmt(value)} ({where})" if value is not None else "Tỉnh chấm: chưa có"
        base = value or 0.0
        return MockLine(
            criterion_id=criterion.id,
            code=criterion.code,
            name=criterion.name,
            max=maximum,
            base=base,
            expected=base,
            at_risk=0.0,
            risks=(),
            source=source,
        )
    # A penalty is the province's finding: no evidence defends it, nothing of it is "at risk".
    risks = (
        []
        if criterion.adjustment == "penalty"
        else _risks(criterion, period, tasks, evidence, today)
    )
    in_year = any(_inside(e.doc_date, period) for e in evidence)
    unsupported = (
        criterion.method != "survey"
        and not evidence
        and not criterion.explanation.strip()
        and criterion.adjustment != "penalty"
    )
    if criterion.self_score is not None:
        base = criterion.self_score
    elif tasks and all(t.status == "done" for t in tasks) and in_year:
        base = maximum
    else:
        base = last_appraised or 0.0
    at_risk = base if risks else 0.0
    return MockLine(
        criterion_id=criterion.id,
        code=criterion.code,
        name=criterion.name,
        max=maximum,
        base=base,
        expected=round(base - at_risk, 6),
        at_risk=round(at_risk, 6),
        risks=tuple(risks),
        unsupported=unsupported,
    )


def _inside(day: date | None, period: tuple[date, date]) -> bool:
    return day is not None and period[0] <= day <= period[1]


def _period_words(period: tuple[date, date]) -> str:
    start, end = period
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"năm {start.year}"
    return f"kỳ đánh giá {format_date(start)}–{format_date(end)}"


def _risks(
    criterion: CriterionRow,
    period: tuple[date, date],
    tasks: Sequence[TaskRow],
    evidence: Sequence[EvidenceDate],
    today: date,
) -> list[str]:
    risks = []
    if criterion.method != "survey":
        if not evidence:
            risks.append("Chưa có tài liệu kiểm chứng")
        elif not any(_inside(e.doc_date, period) for e in evidence):
            outside = [e for e in evidence if e.doc_date and not _inside(e.doc_date, period)]
            if outside:
                risks.append(
                    f"Tài liệu kiểm chứng ngày {format_date(outside[0].doc_date)} ngoài "
                    f"{_period_words(period)}"
                )
            else:
                risks.append("Tài liệu kiểm chứng chưa ghi ngày văn bản")
    for task in tasks:
        name = task.outline or task.label
        if task.status in CLOSED:
            continue
        if task.deadline is not None and task.deadline < today:
            risks.append(f"Nhiệm vụ {name} quá hạn ({format_date(task.deadline)})")
        elif task.status == "not_started":
            risks.append(f"Nhiệm vụ {name} chưa thực hiện")
    return risks
