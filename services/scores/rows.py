"""ORM rows ↔ dataclasses for the score services, and writing a criteria list in order."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Criterion, IndexFramework
from services.errors import NotFoundError, UserError
from services.scores.arithmetic import Band
from services.scores.dto import CriterionRow, CriterionSpec, FrameworkInfo
from services.text import nfc


def framework_info(row: IndexFramework, count: int = 0) -> FrameworkInfo:
    return FrameworkInfo(
        id=row.id,
        index_key=row.index_key,
        year=row.year,
        code=row.code,
        name=row.name,
        version_label=row.version_label,
        unit=row.unit,
        is_template=row.is_template,
        bands=tuple(Band(b["label"], float(b["min"])) for b in (row.bands or [])),
        result_rank=row.result_rank,
        result_of=row.result_of,
        result_class=row.result_class,
        source=row.source,
        version=row.version,
        criteria_count=count,
        period_start=row.period_start,
        period_end=row.period_end,
        decision=row.decision or "",
        addressee=row.addressee or "",
        sipas_link=row.sipas_link or "",
        adjustment_rule=row.adjustment_rule or "add",
        band_presets=tuple(
            (name, tuple(Band(b["label"], float(b["min"])) for b in bands))
            for name, bands in (row.band_presets or {}).items()
        ),
    )


def order_tree(rows: Sequence[Criterion]) -> list[CriterionRow]:
    by_parent: dict[int | None, list[Criterion]] = {}
    for r in rows:
        by_parent.setdefault(r.parent_id, []).append(r)
    ordered: list[CriterionRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for r in sorted(by_parent.get(parent, []), key=lambda r: (r.position, r.id)):
            ordered.append(criterion_row(r, depth, r.id not in by_parent))
            walk(r.id, depth + 1)

    walk(None, 0)
    return ordered


def criterion_row(r: Criterion, depth: int = 0, is_leaf: bool = True) -> CriterionRow:
    return CriterionRow(
        id=r.id,
        framework_id=r.framework_id,
        parent_id=r.parent_id,
        position=r.position,
        code=r.code,
        name=r.name,
        max_points=r.max_points,
        method=r.method,
        guidance=r.guidance,
        applicable=r.applicable,
        weight=r.weight,
        aliases=tuple(a.strip() for a in r.aliases.split(",") if a.strip()),
        self_score=r.self_score,
        appraised_score=r.appraised_score,
        explanation=r.explanation,
        version=r.version,
        depth=depth,
        is_leaf=is_leaf,
        adjustment=r.adjustment or "",
        province_scored=bool(r.province_scored),
        province_score=r.province_score,
    )


def new_criterion(
    framework_id: int, parent_id: int | None, position: int, spec: CriterionSpec
) -> Criterion:
    return Criterion(
        framework_id=framework_id,
        parent_id=parent_id,
        position=position,
        code=nfc(spec.code),
        name=nfc(spec.name),
        max_points=float(spec.max_points),
        method=spec.method,
        guidance=nfc(spec.guidance),
        applicable=spec.applicable,
        weight=spec.weight,
        aliases=", ".join(spec.aliases),
        adjustment=spec.adjustment,
        province_scored=spec.province_scored,
    )


def insert_specs(session: Session, framework_id: int, specs: Sequence[CriterionSpec]) -> None:
    """Insert parents before children, whatever order the specs came in (checked already)."""
    ids: dict[str, int] = {}
    positions: dict[str | None, int] = {}
    pending = list(specs)
    while pending:
        ready = [s for s in pending if s.parent_code is None or s.parent_code in ids]
        if not ready:
            raise UserError("Cây tiêu chí có vòng lặp mã cha – con.")
        for spec in ready:
            positions[spec.parent_code] = positions.get(spec.parent_code, 0) + 1
            parent_id = ids[spec.parent_code] if spec.parent_code else None
            row = new_criterion(framework_id, parent_id, positions[spec.parent_code], spec)
            session.add(row)
            session.flush()
            ids[row.code] = row.id
        pending = [s for s in pending if s.code not in ids]


def entered_data(session: Session, framework_id: int) -> list[str]:
    """What replacing this framework would lose: scores, task links, evidence, questionnaires."""
    from models import AppraisalRound, SipasResponse, criterion_task_links, evidence_criteria

    ids = select(Criterion.id).where(Criterion.framework_id == framework_id).scalar_subquery()
    checks = (
        (
            "điểm đã nhập",
            select(func.count()).where(
                Criterion.framework_id == framework_id,
                (Criterion.self_score.is_not(None))
                | (Criterion.appraised_score.is_not(None))
                | (Criterion.province_score.is_not(None)),
            ),
        ),
        (
            "lần thẩm định",
            select(func.count()).where(AppraisalRound.framework_id == framework_id),
        ),
        (
            "liên kết nhiệm vụ",
            select(func.count()).where(criterion_task_links.c.criterion_id.in_(ids)),
        ),
        (
            "tài liệu kiểm chứng",
            select(func.count()).where(evidence_criteria.c.criterion_id.in_(ids)),
        ),
        ("phiếu khảo sát", select(func.count()).where(SipasResponse.framework_id == framework_id)),
    )
    return [label for label, stmt in checks if session.scalar(stmt)]


def get_framework(session: Session, framework_id: int) -> IndexFramework:
    row = session.get(IndexFramework, framework_id)
    if row is None:
        raise NotFoundError("Bộ tiêu chí này không còn trong dữ liệu.")
    return row


def get_criterion(session: Session, criterion_id: int) -> Criterion:
    row = session.get(Criterion, criterion_id)
    if row is None:
        raise NotFoundError("Tiêu chí này không còn trong dữ liệu.")
    return row
