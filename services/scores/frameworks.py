"""Criteria frameworks per index per year: load the templates, copy a year, edit criteria."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import Criterion, IndexFramework
from services.errors import NotFoundError, Problem, UserError, ValidationError
from services.scores.arithmetic import ADJUSTMENT_RULES, Band, band_problems, fmt
from services.scores.dto import (
    DEFAULT_BANDS,
    INDEXES,
    METHODS,
    CriterionEdit,
    CriterionRow,
    CriterionSpec,
    FrameworkInfo,
)
from services.scores.rows import (
    entered_data,
    framework_info,
    get_criterion,
    get_framework,
    insert_specs,
    new_criterion,
    order_tree,
)
from services.scores.specs import spec_problems
from services.scores.templates import TEMPLATE_VARIANTS, read_template
from services.text import nfc


@dataclass(frozen=True)
class ImportReport:
    sheet: str
    criteria: int
    fields: int
    total_max: float
    replaced: bool
    written: bool
    notes: tuple[str, ...] = ()  # what the reader fixed (legacy TCVN3/VNI text, formulas...)


class FrameworkService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    # ----- reading -----------------------------------------------------------------------
    def list_frameworks(self, index_key: str | None = None) -> list[FrameworkInfo]:
        with self._sessions() as session:
            stmt = select(IndexFramework).order_by(IndexFramework.index_key, IndexFramework.year)
            if index_key:
                stmt = stmt.where(IndexFramework.index_key == index_key)
            counts = dict(
                session.execute(
                    select(Criterion.framework_id, func.count()).group_by(Criterion.framework_id)
                ).all()
            )
            return [framework_info(f, counts.get(f.id, 0)) for f in session.scalars(stmt)]

    def find(self, index_key: str, year: int) -> FrameworkInfo | None:
        return next((f for f in self.list_frameworks(index_key) if f.year == year), None)

    def get(self, framework_id: int) -> FrameworkInfo:
        with self._sessions() as session:
            row = session.get(IndexFramework, framework_id)
            if row is None:
                raise NotFoundError("Bộ tiêu chí này không còn trong dữ liệu.")
            return framework_info(row)

    def years(self) -> list[int]:
        return sorted({f.year for f in self.list_frameworks()})

    def criteria(self, framework_id: int) -> list[CriterionRow]:
        """The tree depth-first in document order, each row with its depth and leaf flag."""
        with self._sessions() as session:
            rows = list(
                session.scalars(select(Criterion).where(Criterion.framework_id == framework_id))
            )
        return order_tree(rows)

    # ----- creating ----------------------------------------------------------------------
    def load_template(self, index_key: str, year: int, variant: str = "") -> FrameworkInfo:
        """Create ``year``'s framework from a shipped template (marked "to check").

        ``variant`` names another template of the index (``TEMPLATE_VARIANTS``), such as the
        8-field national commune set of 2025.
        """
        if index_key not in INDEXES:
            raise UserError(f"Không có chỉ số “{index_key}”.")
        if variant and variant not in TEMPLATE_VARIANTS.get(index_key, {}):
            raise UserError(f"Không có bộ tiêu chí mẫu “{variant}” của chỉ số {index_key}.")
        template = read_template(index_key, variant)
        return self.create(
            index_key,
            year,
            template.criteria,
            code=template.code,
            name=template.name,
            unit=template.unit,
            bands=template.bands,
            is_template=True,
            version_label=template.version_label,
            source="Mẫu dựng lại (cần kiểm tra với phụ lục của Sở Nội vụ)",
            band_presets=template.band_presets,
            sipas_link=template.sipas_link,
            adjustment_rule=template.adjustment_rule,
            decision=template.decision,
        )

    def load_templates(self, year: int) -> list[FrameworkInfo]:
        """The three templates for ``year``, skipping indexes that already have a framework."""
        return [self.load_template(k, year) for k in INDEXES if self.find(k, year) is None]

    def create(
        self,
        index_key: str,
        year: int,
        specs: Sequence[CriterionSpec],
        *,
        code: str = "",
        name: str = "",
        unit: str = "points",
        bands: Sequence[Band] = DEFAULT_BANDS,
        is_template: bool = False,
        version_label: str = "",
        source: str = "",
        replace: bool = False,
        band_presets: Sequence[tuple[str, Sequence[Band]]] = (),
        sipas_link: str = "",
        adjustment_rule: str = "add",
        decision: str = "",
        addressee: str = "",
    ) -> FrameworkInfo:
        """Write a whole framework in one transaction, after checking every criterion.

        ``replace``: an existing framework of that index and year with nothing entered is
        replaced; one that holds scores, task links, evidence or questionnaires is refused.
        """
        problems = [
            Problem(f"Tiêu chí {specs[i].code or i + 1}", m)
            for i, _f, m in spec_problems(specs, unit)
        ]
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            existing = session.scalars(
                select(IndexFramework).where(
                    IndexFramework.index_key == index_key, IndexFramework.year == year
                )
            ).first()
            if existing is not None:
                if not replace:
                    raise UserError(
                        f"Đã có bộ tiêu chí {INDEXES.get(index_key, index_key)} năm {year}."
                    )
                lost = entered_data(session, existing.id)
                if lost:
                    raise UserError(
                        f"Bộ tiêu chí {index_key} năm {year} đã có {', '.join(lost)}; không thay "
                        "thế để khỏi mất dữ liệu đã nhập. Hãy sửa từng tiêu chí hoặc nhập cho năm khác."
                    )
                session.delete(existing)
                session.flush()
            row = IndexFramework(
                index_key=index_key,
                year=year,
                code=nfc(code) or index_key,
                name=nfc(name) or INDEXES.get(index_key, index_key),
                unit=unit,
                is_template=is_template,
                version_label=version_label,
                bands=[{"label": b.label, "min": b.min} for b in bands],
                source=nfc(source),
                band_presets={
                    nfc(name): [{"label": b.label, "min": b.min} for b in preset]
                    for name, preset in band_presets
                },
                sipas_link=nfc(sipas_link),
                adjustment_rule=adjustment_rule if adjustment_rule in ADJUSTMENT_RULES else "add",
                decision=nfc(decision),
                addressee=nfc(addressee),
            )
            session.add(row)
            session.flush()
            insert_specs(session, row.id, specs)
            return framework_info(row, len(specs))

    def copy_to_year(self, framework_id: int, year: int) -> FrameworkInfo:
        """Next year's framework: the same criteria and bands, no scores, no result."""
        source = self.get(framework_id)
        rows = self.criteria(framework_id)
        by_id = {r.id: r for r in rows}
        specs = [
            CriterionSpec(
                code=r.code,
                name=r.name,
                max_points=r.max_points,
                parent_code=by_id[r.parent_id].code if r.parent_id else None,
                method=r.method,
                guidance=r.guidance,
                applicable=r.applicable,
                weight=r.weight,
                aliases=r.aliases,
                adjustment=r.adjustment,
                province_scored=r.province_scored,
            )
            for r in rows
        ]
        return self.create(
            source.index_key,
            year,
            specs,
            code=source.code,
            name=source.name,
            unit=source.unit,
            bands=source.bands,
            is_template=source.is_template,
            version_label=source.version_label,
            source=f"Sao chép từ năm {source.year}",
            band_presets=source.band_presets,
            sipas_link=source.sipas_link,
            adjustment_rule=source.adjustment_rule,
            decision=source.decision,
            addressee=source.addressee,
        )

    def import_excel(
        self, index_key: str, year: int, path: Path, *, dry_run: bool = False
    ) -> ImportReport:
        """A province's criteria table for ``year``; checked whole, then written once.

        An existing framework of that year without scores is replaced (its bands kept).
        """
        from services.scores.excel_framework import read_framework_workbook

        if index_key not in INDEXES:
            raise UserError(f"Không có chỉ số “{index_key}” (chọn PAR, PAPI hoặc SIPAS).")
        existing = self.find(index_key, year)
        unit = existing.unit if existing else ("percent" if index_key == "SIPAS" else "points")
        parsed = read_framework_workbook(Path(path), unit)
        # Bonus and penalty groups lie outside the maximum: not fields, not in the total.
        roots = [s for s in parsed.specs if s.parent_code is None and not s.adjustment]
        report = ImportReport(
            sheet=parsed.sheet,
            criteria=len(parsed.specs),
            fields=len(roots),
            total_max=round(sum(s.max_points for s in roots), 6),
            replaced=existing is not None,
            written=not dry_run,
            notes=tuple(str(p) for p in parsed.notes),
        )
        if not dry_run:
            self.create(
                index_key,
                year,
                parsed.specs,
                code=existing.code if existing else index_key,
                name=existing.name if existing else "",
                unit=unit,
                bands=(
                    parsed.bands
                    or (existing.bands if existing and existing.bands else DEFAULT_BANDS)
                ),
                source=f"Nhập từ tệp {Path(path).name}",
                replace=True,
                band_presets=existing.band_presets if existing else (),
                sipas_link=_kept_link(existing, parsed.specs, index_key),
                adjustment_rule=existing.adjustment_rule if existing else "add",
                decision=existing.decision if existing else "",
                addressee=existing.addressee if existing else "",
            )
        return report

    def delete(self, framework_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(IndexFramework, framework_id)
            if row is None:
                raise NotFoundError("Bộ tiêu chí này không còn trong dữ liệu.")
            session.delete(row)

    # ----- editing -----------------------------------------------------------------------
    def update_criterion(self, criterion_id: int, edit: CriterionEdit) -> CriterionRow:
        problems = []
        if not nfc(edit.name):
            problems.append(Problem("Tên tiêu chí", "không được để trống."))
        if edit.method not in METHODS:
            problems.append(Problem("Phương thức", f"“{edit.method}” không hợp lệ."))
        with self._sessions.begin() as session:
            row = get_criterion(session, criterion_id)
            problems += _max_problems(row.adjustment, edit.max_points)
            is_leaf = not session.scalar(
                select(func.count()).where(Criterion.parent_id == criterion_id)
            )
            for label, score in (
                ("tự đánh giá", row.self_score),
                ("thẩm định", row.appraised_score),
            ):
                beyond = (
                    score is not None
                    and abs(score) > abs(edit.max_points) + 1e-6
                    and (row.adjustment == "penalty") == (edit.max_points <= 0)
                )
                if is_leaf and beyond:
                    problems.append(
                        Problem("Điểm tối đa", f"nhỏ hơn điểm {label} đã nhập ({fmt(score)}).")
                    )
            if edit.province_scored and row.self_score is not None and is_leaf:
                problems.append(
                    Problem(
                        "Tỉnh chấm",
                        f"tiêu chí đã có điểm tự đánh giá {fmt(row.self_score)}; xóa điểm đó "
                        "trước khi đánh dấu tiêu chí do tỉnh chấm.",
                    )
                )
            if problems:
                raise ValidationError(problems)
            row.name = nfc(edit.name)
            if is_leaf:  # a parent's maximum is always the sum of its children
                row.max_points = edit.max_points
            row.method = edit.method
            row.guidance = nfc(edit.guidance)
            row.applicable = edit.applicable
            row.province_scored = edit.province_scored
            if not edit.applicable:
                row.self_score = row.appraised_score = None
            # "MẪU CẦN KIỂM TRA" stays until the province's own file is imported: a few edits
            # do not make the reconstruction the province's table.
            framework_id = row.framework_id
        return next(r for r in self.criteria(framework_id) if r.id == criterion_id)

    def add_criterion(
        self, framework_id: int, parent_id: int | None, spec: CriterionSpec
    ) -> CriterionRow:
        problems = []
        if not nfc(spec.code):
            problems.append(Problem("Mã tiêu chí", "không được để trống."))
        if not nfc(spec.name):
            problems.append(Problem("Tên tiêu chí", "không được để trống."))
        with self._sessions.begin() as session:
            parent = get_criterion(session, parent_id) if parent_id is not None else None
            adjustment = parent.adjustment if parent is not None else spec.adjustment
            spec = replace(spec, adjustment=adjustment or "")
            problems += _max_problems(spec.adjustment, spec.max_points)
            taken = session.scalar(
                select(func.count()).where(
                    Criterion.framework_id == framework_id, Criterion.code == nfc(spec.code)
                )
            )
            if taken:
                problems.append(Problem("Mã tiêu chí", f"“{spec.code}” đã có trong bộ tiêu chí."))
            if problems:
                raise ValidationError(problems)
            position = (
                session.scalar(
                    select(func.max(Criterion.position)).where(
                        Criterion.framework_id == framework_id, Criterion.parent_id == parent_id
                    )
                )
                or 0
            ) + 1
            row = new_criterion(framework_id, parent_id, position, spec)
            session.add(row)
            session.flush()
            new_id = row.id
        return next(r for r in self.criteria(framework_id) if r.id == new_id)

    def delete_criterion(self, criterion_id: int) -> None:
        with self._sessions.begin() as session:
            session.delete(get_criterion(session, criterion_id))

    def set_bands(self, framework_id: int, bands: Sequence[Band]) -> FrameworkInfo:
        problems = [Problem("Xếp loại", m) for m in band_problems(bands)]
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            row = get_framework(session, framework_id)
            row.bands = [{"label": nfc(b.label), "min": float(b.min)} for b in bands]
        return self.get(framework_id)

    def set_result(
        self, framework_id: int, rank: int | None, of: int | None, classification: str = ""
    ) -> FrameworkInfo:
        """The published rank ("xếp thứ 5/20") and classification of that year."""
        problems = []
        if rank is not None and rank < 1:
            problems.append(Problem("Xếp hạng", "phải từ 1 trở lên."))
        if of is not None and of < 1:
            problems.append(Problem("Tổng số đơn vị", "phải từ 1 trở lên."))
        if rank is not None and of is not None and rank > of:
            problems.append(Problem("Xếp hạng", f"thứ {rank} lớn hơn tổng số {of} đơn vị."))
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            row = get_framework(session, framework_id)
            row.result_rank, row.result_of, row.result_class = rank, of, nfc(classification)
        return self.get(framework_id)

    def set_settings(
        self,
        framework_id: int,
        *,
        period_start: date | None,
        period_end: date | None,
        decision: str,
        addressee: str,
        sipas_link: str,
        adjustment_rule: str,
    ) -> FrameworkInfo:
        """The province's rules for this framework: period, decision, addressee, links, totals.

        The period is the one the province evaluates (2025 began at the 01/07 merger in many
        provinces); evidence dated outside it is flagged by the mock appraisal.
        """
        problems = []
        if (period_start is None) != (period_end is None):
            problems.append(Problem("Kỳ đánh giá", "cần cả ngày bắt đầu và ngày kết thúc."))
        elif period_start and period_end and period_start > period_end:
            problems.append(
                Problem(
                    "Kỳ đánh giá",
                    f"ngày bắt đầu {period_start:%d/%m/%Y} sau ngày kết thúc {period_end:%d/%m/%Y}.",
                )
            )
        if adjustment_rule not in ADJUSTMENT_RULES:
            problems.append(Problem("Cách tính điểm thưởng, điểm trừ", "không hợp lệ."))
        with self._sessions.begin() as session:
            row = get_framework(session, framework_id)
            link = nfc(sipas_link).strip()
            if link:
                target = session.scalars(
                    select(Criterion).where(
                        Criterion.framework_id == framework_id, Criterion.code == link
                    )
                ).first()
                if row.index_key != "PAR":
                    problems.append(
                        Problem("Tiêu chí nhận điểm SIPAS", "chỉ bộ tiêu chí CCHC (PAR) có.")
                    )
                elif target is None:
                    problems.append(
                        Problem("Tiêu chí nhận điểm SIPAS", f"không có tiêu chí “{link}”.")
                    )
                elif session.scalar(select(func.count()).where(Criterion.parent_id == target.id)):
                    problems.append(
                        Problem(
                            "Tiêu chí nhận điểm SIPAS",
                            f"“{link}” có tiêu chí con; chọn một tiêu chí không có tiêu chí con.",
                        )
                    )
            if problems:
                raise ValidationError(problems)
            row.period_start, row.period_end = period_start, period_end
            row.decision, row.addressee = nfc(decision).strip(), nfc(addressee).strip()
            row.sipas_link = link
            row.adjustment_rule = adjustment_rule
        return self.get(framework_id)


def _kept_link(
    existing: FrameworkInfo | None, specs: Sequence[CriterionSpec], index_key: str
) -> str:
    """The SIPAS → PAR link survives a re-import while its criterion is still there."""
    if index_key != "PAR":
        return ""
    codes = {s.code for s in specs}
    if existing and existing.sipas_link in codes:
        return existing.sipas_link
    return "PAR.3.9" if existing is None and "PAR.3.9" in codes else ""


def _max_problems(adjustment: str, maximum: float) -> list[Problem]:
    if adjustment == "penalty" and maximum > 0:
        return [Problem("Điểm tối đa", f"điểm trừ ghi số âm (ví dụ -{fmt(maximum)}).")]
    if adjustment != "penalty" and maximum < 0:
        return [Problem("Điểm tối đa", "không được âm (chỉ điểm trừ ghi số âm).")]
    return []
