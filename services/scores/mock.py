"""Mock appraisal of one leaf: the points it should earn and why some are at risk.

Rules (a ward's reading of how the Sở Nội vụ appraises; all points of a criterion are at risk
when one of them holds, since the appraiser refuses the whole criterion):
- base: the self-assessed points; when none is typed yet, the maximum if every linked task is
  done and evidence dated in the year exists, else last year's appraised points, else 0;
- at risk: no evidence (for self-assessed, appraised and data criteria; survey ones need none),
  evidence whose document date lies outside the year or is missing, a linked task overdue
  (deadline passed, not done) or not started.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from services.plan.plans import TaskRow
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
) -> MockLine:
    risks = _risks(criterion, year, tasks, evidence, today)
    in_year = any(e.doc_date is not None and e.doc_date.year == year for e in evidence)
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
    )


def _risks(
    criterion: CriterionRow,
    year: int,
    tasks: Sequence[TaskRow],
    evidence: Sequence[EvidenceDate],
    today: date,
) -> list[str]:
    risks = []
    if criterion.method != "survey":
        if not evidence:
            risks.append("Chưa có tài liệu kiểm chứng")
        elif not any(e.doc_date and e.doc_date.year == year for e in evidence):
            outside = [e for e in evidence if e.doc_date and e.doc_date.year != year]
            if outside:
                risks.append(
                    f"Tài liệu kiểm chứng ngày {format_date(outside[0].doc_date)} ngoài năm {year}"
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
