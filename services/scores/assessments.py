"""Scores per criterion, the computed scoring table, gaps, criterion ↔ task links.

Only leaves carry typed points; every parent figure comes from ``ScoreTree`` at read time, so
a parent can never disagree with its children.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import (
    Criterion,
    EvidenceFile,
    IndexFramework,
    criterion_task_links,
    evidence_criteria,
)
from services.errors import NotFoundError, Problem, ValidationError
from services.plan.plans import PlanService
from services.scores.arithmetic import Figure, Node, ScoreTree, band_for, percentage, score_problems
from services.scores.dto import (
    CriterionRow,
    FrameworkInfo,
    GapItem,
    HistoryPoint,
    MockAppraisal,
    Scoreboard,
    ScoreLine,
)
from services.scores.links import TaskLinks
from services.scores.mock import EvidenceDate, mock_line
from services.scores.rounds import latest_round_scores
from services.scores.rows import criterion_row, framework_info, order_tree
from services.scores.year_mapping import previous_framework, year_links
from services.text import nfc

SELF, APPRAISED = "self", "appraised"


def build_tree(rows: Sequence[CriterionRow], unit: str, rule: str = "add") -> ScoreTree:
    return ScoreTree(
        [Node(r.id, r.parent_id, r.max_points, r.applicable, r.weight, r.adjustment) for r in rows],
        unit,
        rule,
    )


class _Year:
    """One framework with its criteria, tree and computed figures."""

    def __init__(self, info: FrameworkInfo, rows: list[CriterionRow]) -> None:
        self.info = info
        self.rows = rows
        self.tree = build_tree(rows, info.unit, info.adjustment_rule)
        self.self_fig = self.tree.compute({r.id: r.self_score for r in rows})
        self.appr_fig = self.tree.compute({r.id: r.appraised_score for r in rows})
        self.by_code = {r.code: r for r in rows}

    def ancestors(self, criterion_id: int) -> list[int]:
        chain, node = [], self.tree.nodes[criterion_id].parent_id
        while node is not None:
            chain.append(node)
            node = self.tree.nodes[node].parent_id
        return chain


class AssessmentService(TaskLinks):
    def __init__(self, session_factory: sessionmaker[Session], plans: PlanService) -> None:
        self._sessions = session_factory
        self._plans = plans

    # ----- typing scores -----------------------------------------------------------------
    def set_score(
        self,
        criterion_id: int,
        kind: str,
        value: float | None,
        explanation: str | None = None,
    ) -> CriterionRow:
        """Set a leaf's self-assessed or appraised points; refuse parents and bad values."""
        _check_kind(kind)
        with self._sessions.begin() as session:
            row = _criterion(session, criterion_id)
            problems = self._score_problems(session, row, value)
            if kind == SELF and value is not None and row.province_scored:
                problems.append(_province_only(row))
            if problems:
                raise ValidationError(problems)
            if kind == SELF:
                row.self_score = value
            else:
                row.appraised_score = value
            if explanation is not None:
                row.explanation = nfc(explanation)
            return criterion_row(row)

    def set_explanation(self, criterion_id: int, explanation: str) -> CriterionRow:
        with self._sessions.begin() as session:
            row = _criterion(session, criterion_id)
            row.explanation = nfc(explanation)
            return criterion_row(row)

    def set_scores(self, framework_id: int, kind: str, values: Mapping[str, float | None]) -> int:
        """Many leaves at once by code (a published result); all checked before any is written."""
        _check_kind(kind)
        with self._sessions.begin() as session:
            rows = {
                r.code: r
                for r in session.scalars(
                    select(Criterion).where(Criterion.framework_id == framework_id)
                )
            }
            problems = []
            for code, value in values.items():
                row = rows.get(code)
                if row is None:
                    problems.append(Problem(f"Tiêu chí {code}", "không có trong bộ tiêu chí."))
                else:
                    problems.extend(self._score_problems(session, row, value))
                    if kind == SELF and value is not None and row.province_scored:
                        problems.append(_province_only(row))
            if problems:
                raise ValidationError(problems)
            for code, value in values.items():
                setattr(rows[code], "self_score" if kind == SELF else "appraised_score", value)
            return len(values)

    def set_province_score(self, criterion_id: int, value: float | None) -> CriterionRow:
        """The figure the province published for a criterion it scores itself."""
        with self._sessions.begin() as session:
            row = _criterion(session, criterion_id)
            problems = self._score_problems(session, row, value)
            if not row.province_scored:
                problems.append(
                    Problem(
                        f"Tiêu chí {row.code}",
                        "không phải tiêu chí do tỉnh chấm; nhập điểm tự đánh giá hoặc thẩm định.",
                    )
                )
            if problems:
                raise ValidationError(problems)
            row.province_score = value
            return criterion_row(row)

    def _score_problems(
        self, session: Session, row: Criterion, value: float | None
    ) -> list[Problem]:
        where = f"Tiêu chí {row.code}"
        if value is not None and session.scalar(
            select(func.count()).where(Criterion.parent_id == row.id)
        ):
            return [
                Problem(where, "điểm của tiêu chí có tiêu chí con được tính tự động, không nhập.")
            ]
        maximum = 100.0 if row.framework.unit == "percent" else row.max_points
        return [
            Problem(where, m)
            for m in score_problems(value, maximum, row.applicable, row.adjustment or "")
        ]

    # ----- reading -----------------------------------------------------------------------
    def _year(self, session: Session, framework: IndexFramework) -> _Year:
        rows = order_tree(
            list(session.scalars(select(Criterion).where(Criterion.framework_id == framework.id)))
        )
        return _Year(framework_info(framework, len(rows)), rows)

    def _load(self, session: Session, framework_id: int) -> tuple[_Year, _Year | None]:
        framework = session.get(IndexFramework, framework_id)
        if framework is None:
            raise NotFoundError("Bộ tiêu chí này không còn trong dữ liệu.")
        previous = previous_framework(session, framework)
        return self._year(session, framework), (self._year(session, previous) if previous else None)

    def _previous_of(self, session: Session, this: _Year, last: _Year | None) -> dict[int, list]:
        """This year's criterion id → last year's rows it continues (the year mapping)."""
        if last is None:
            return {}
        found: dict[int, list] = defaultdict(list)
        for prev_id, target in year_links(session, this.info.id, last.rows, this.rows).items():
            if target is not None:
                found[target].append(prev_id)
        return found

    def scoreboard(self, framework_id: int) -> Scoreboard:
        with self._sessions() as session:
            this, last = self._load(session, framework_id)
            previous_of = self._previous_of(session, this, last)
            links = _counts(session, criterion_task_links.c.criterion_id, this.tree.nodes)
            evidence = _counts(session, evidence_criteria.c.criterion_id, this.tree.nodes)
        survey_total = self._survey_figures(this) if this.info.unit == "percent" else None
        lines = []
        for r in this.rows:
            prev_fig = _merged(last, previous_of.get(r.id, ()))
            lines.append(
                ScoreLine(
                    criterion=r,
                    max=this.self_fig[r.id].max,
                    last_max=prev_fig.max if prev_fig else None,
                    last_appraised=prev_fig.value if prev_fig else None,
                    self_score=this.self_fig[r.id].value,
                    appraised=this.appr_fig[r.id].value,
                    links=links.get(r.id, 0),
                    evidence=evidence.get(r.id, 0),
                )
            )
        self_parts = this.tree.totals(this.self_fig)
        appr_parts = this.tree.totals(this.appr_fig)
        total_self = survey_total or self_parts.total
        total_appr = appr_parts.total
        last_total = last.tree.total(last.appr_fig) if last else None
        bands = this.info.bands
        pct_self = percentage(total_self.value, total_self.max)
        pct_appr = percentage(total_appr.value, total_appr.max)
        pct_last = percentage(last_total.value, last_total.max) if last_total else None
        return Scoreboard(
            framework=this.info,
            previous=last.info if last else None,
            lines=tuple(lines),
            total_max=total_self.max,
            total_self=total_self.value,
            total_appraised=total_appr.value,
            last_total_max=last_total.max if last_total else None,
            last_total=last_total.value if last_total else None,
            percent_self=pct_self,
            percent_appraised=pct_appr,
            percent_last=pct_last,
            band_self=band_for(pct_self, bands),
            band_appraised=band_for(pct_appr, bands),
            band_last=band_for(pct_last, last.info.bands if last else bands),
            core_self=(survey_total or self_parts.core).value,
            core_appraised=appr_parts.core.value,
            bonus_self=self_parts.bonus,
            penalty_self=self_parts.penalty,
            bonus_appraised=appr_parts.bonus,
            penalty_appraised=appr_parts.penalty,
        )

    def _survey_figures(self, year: _Year) -> Figure | None:
        """SIPAS with questionnaires: the self column is the survey result itself.

        Elements are pooled (satisfied ÷ answers over their questions) as the design note
        says, which a mean of the question %s would not reproduce; returns the overall figure,
        or None when no questionnaire has been entered.
        """
        from services.scores.sipas import SipasService

        sipas = SipasService(self._sessions)
        if not sipas.responses(year.info.id):
            return None
        result = sipas.compute(year.info.id)
        percents = {e.code: e.percent for e in result.elements}
        percents.update({i.code: i.percent for e in result.elements for i in e.items})
        for code, value in percents.items():
            row = year.by_code.get(code)
            if row is not None:
                year.self_fig[row.id] = Figure(100.0, value)
        return Figure(100.0, result.overall)

    def field_comparison(
        self, framework_id: int
    ) -> list[tuple[str, str, float | None, float | None]]:
        """Per field (top-level criterion): last year's appraised % and this year's latest %."""
        board = self.scoreboard(framework_id)
        result = []
        for line in board.lines:
            if line.criterion.parent_id is not None or line.criterion.adjustment:
                continue  # bonus and penalty are no field: no bar of their own
            now = line.appraised if line.appraised is not None else line.self_score
            last = percentage(line.last_appraised, line.last_max or 0.0)
            result.append(
                (line.criterion.code, line.criterion.name, last, percentage(now, line.max))
            )
        return result

    def history(self, index_key: str, code: str, year: int | None = None) -> list[HistoryPoint]:
        """A criterion across every year of an index, followed through the year mappings.

        With ``year`` the criterion ``code`` of that year is followed back and forward along
        the confirmed links (a renumbered annex keeps its history); without it, by code.
        """
        with self._sessions() as session:
            years = [
                self._year(session, f)
                for f in session.scalars(
                    select(IndexFramework)
                    .where(IndexFramework.index_key == index_key)
                    .order_by(IndexFramework.year)
                )
            ]
            if year is None:
                chain = {y.info.year: [y.by_code[code].id] for y in years if code in y.by_code}
            else:
                chain = self._chain(session, years, code, year)
        points = []
        for y in years:
            ids = chain.get(y.info.year)
            fig_self = _merged(y, ids or (), self_scores=True)
            fig_appr = _merged(y, ids or ())
            if not ids or fig_self is None or fig_appr is None:
                continue
            points.append(HistoryPoint(y.info.year, fig_self.max, fig_self.value, fig_appr.value))
        return points

    def _chain(self, session: Session, years: list[_Year], code: str, year: int) -> dict:
        """year → criterion ids that are ``code`` of ``year`` in each consecutive year."""
        by_year = {y.info.year: y for y in years}
        start = by_year.get(year)
        if start is None or code not in start.by_code:
            return {}
        chain: dict[int, list[int]] = {year: [start.by_code[code].id]}
        back = year
        while back - 1 in by_year and chain.get(back):
            this, last = by_year[back], by_year[back - 1]
            links = year_links(session, this.info.id, last.rows, this.rows)
            wanted = set(chain[back])
            chain[back - 1] = [p for p, t in links.items() if t in wanted]
            back -= 1
        ahead = year
        while ahead + 1 in by_year and chain.get(ahead):
            this, nxt = by_year[ahead], by_year[ahead + 1]
            links = year_links(session, nxt.info.id, this.rows, nxt.rows)
            wanted = set(chain[ahead])
            chain[ahead + 1] = sorted({t for p, t in links.items() if p in wanted and t})
            ahead += 1
        return chain

    def export_scores(self, framework_id: int, target: Path, heading: str = "") -> Path:
        """The scoring table as .xlsx with live sum formulas (services.scores.excel_scores).

        The explanation column lists each criterion's evidence under its name in the pack.
        """
        from services.scores.evidence_pack import pack_entries, with_archive_names
        from services.scores.excel_scores import export_scores
        from services.scores.sipas import SipasService

        board = self.scoreboard(framework_id)
        survey = None
        sipas = SipasService(self._sessions)
        if board.framework.unit == "percent" and sipas.responses(framework_id):
            result = sipas.compute(framework_id)
            survey = {i.code: (i.answered, i.satisfied) for e in result.elements for i in e.items}
        evidence: dict[str, list] = {}
        for entry in with_archive_names(pack_entries(self._sessions, board.framework.year)):
            if entry.index_key == board.framework.index_key:
                evidence.setdefault(entry.criterion_code, []).append(entry)
        return export_scores(board, target, heading, survey, evidence)

    def export_submission(self, framework_id: int, target: Path, heading: str = ""):
        """The self-assessment for the provincial scoring software (services.scores.submission).

        Evidence file names are those of the evidence pack of the framework's year.
        """
        from services.scores.evidence_pack import pack_entries, with_archive_names
        from services.scores.submission import write_submission

        board = self.scoreboard(framework_id)
        entries = with_archive_names(pack_entries(self._sessions, board.framework.year))
        return write_submission(board, entries, Path(target), heading)

    def report_document(self, framework_id: int, *, draft: bool = False, today: date | None = None):
        """The "Báo cáo tự đánh giá, chấm điểm" as a document-engine description."""
        from services.documents.register import RegisterService
        from services.office.organisation import OrganisationService
        from services.scores.score_report import score_report_document
        from services.scores.sipas import SipasService

        board = self.scoreboard(framework_id)
        cautions: tuple[str, ...] = ()
        sipas = SipasService(self._sessions)
        if board.framework.unit == "percent" and sipas.responses(framework_id):
            check = sipas.sample_check(framework_id)
            cautions = (check.message,) if check.short else ()
        return score_report_document(
            board,
            self.gaps(framework_id),
            OrganisationService(self._sessions).get(),
            today=today,
            draft=draft,
            margins=RegisterService(self._sessions).options().margins,
            cautions=cautions,
        )

    def write_report_pdf(
        self, framework_id: int, target: Path, *, draft: bool = False, today: date | None = None
    ):
        """Render the report to ``target`` (written whole or not at all); its RenderInfo."""
        from services.documents.render import write_pdf

        return write_pdf(self.report_document(framework_id, draft=draft, today=today), Path(target))

    # ----- gaps --------------------------------------------------------------------------
    def gaps(self, framework_id: int) -> list[GapItem]:
        """Leaves that missed full marks, with the points each cost, largest first.

        The loss is last year's appraised result (the framework of the year before); when that
        year is not in the data, this framework's own appraised points are used (a published
        result being keyed in). Tasks linked to a criterion or to one of its parents count.
        """
        with self._sessions() as session:
            this, last = self._load(session, framework_id)
            previous_of = self._previous_of(session, this, last)
            links = defaultdict(list)
            for cid, tid in session.execute(
                select(criterion_task_links.c.criterion_id, criterion_task_links.c.task_id).where(
                    criterion_task_links.c.criterion_id.in_(list(this.tree.nodes))
                )
            ):
                links[cid].append(tid)
        items = []
        for r in this.rows:
            if not r.is_leaf or not r.applicable or r.adjustment:
                continue
            if last is not None:
                fig = _merged(last, previous_of.get(r.id, ()))
            else:
                fig = this.appr_fig[r.id]
            if fig is None or fig.value is None or fig.max - fig.value <= 1e-6:
                continue
            chain = [r.id, *this.ancestors(r.id)]
            root = this.tree.nodes[chain[-1]].id
            tasks = tuple(sorted({t for c in chain for t in links.get(c, [])}))
            items.append(
                GapItem(
                    criterion_id=r.id,
                    code=r.code,
                    name=r.name,
                    field=next(x.name for x in this.rows if x.id == root),
                    max=fig.max,
                    appraised=fig.value,
                    lost=round(fig.max - fig.value, 6),
                    task_ids=tasks,
                )
            )
        items.sort(key=lambda g: (-g.lost, g.code))
        return items

    # ----- mock appraisal ----------------------------------------------------------------
    def mock_appraisal(self, framework_id: int, today: date | None = None) -> MockAppraisal:
        """Expected score this year and the points at risk (see services.scores.mock)."""
        today = today or date.today()
        with self._sessions() as session:
            this, last = self._load(session, framework_id)
            previous_of = self._previous_of(session, this, last)
            links = defaultdict(set)
            for cid, tid in session.execute(
                select(criterion_task_links.c.criterion_id, criterion_task_links.c.task_id).where(
                    criterion_task_links.c.criterion_id.in_(list(this.tree.nodes))
                )
            ):
                links[cid].add(tid)
            dates = defaultdict(list)
            for cid, title, doc_date in session.execute(
                select(evidence_criteria.c.criterion_id, EvidenceFile.title, EvidenceFile.doc_date)
                .join(EvidenceFile, EvidenceFile.id == evidence_criteria.c.evidence_id)
                .where(evidence_criteria.c.criterion_id.in_(list(this.tree.nodes)))
            ):
                dates[cid].append(EvidenceDate(title, doc_date))
            province = latest_round_scores(session, framework_id)
        tasks = {t.id: t for t in self._task_rows({t for ids in links.values() for t in ids})}
        lines = []
        percent = this.info.unit == "percent"
        for r in this.rows:
            if not r.is_leaf or not r.applicable:
                continue
            if r.adjustment and r.self_score is None:
                continue  # no bonus claimed, no penalty known: nothing to check
            chain = [r.id, *this.ancestors(r.id)]
            linked = [tasks[t] for c in chain for t in sorted(links.get(c, ())) if t in tasks]
            prev = _merged(last, previous_of.get(r.id, ()))
            figure = province.get(r.id)
            if figure is None and r.province_score is not None:
                figure = (r.province_score, "tỉnh công bố")
            lines.append(
                mock_line(
                    r,
                    100.0 if percent else r.max_points,
                    this.info.year,
                    prev.value if prev else None,
                    linked,
                    dates.get(r.id, []),
                    today,
                    period=this.info.period,
                    province=figure,
                )
            )
        expected = this.tree.compute({m.criterion_id: m.expected for m in lines})
        total = this.tree.total(expected)
        pct = percentage(total.value, total.max)
        return MockAppraisal(
            framework=this.info,
            lines=tuple(lines),
            total_max=total.max,
            expected=total.value or 0.0,
            at_risk=round(sum(m.at_risk for m in lines), 6),
            percent=pct,
            band=band_for(pct, this.info.bands),
            today=today,
        )


def _merged(year: _Year | None, ids, *, self_scores: bool = False) -> Figure | None:
    """The figures of one or more criteria of ``year`` summed (criteria merged into one)."""
    if year is None or not ids:
        return None
    figures = [(year.self_fig if self_scores else year.appr_fig)[i] for i in ids]
    values = [f.value for f in figures if f.value is not None]
    return Figure(round(sum(f.max for f in figures), 6), round(sum(values), 6) if values else None)


def _counts(session: Session, column, ids) -> dict[int, int]:
    rows = session.execute(
        select(column, func.count()).where(column.in_(list(ids))).group_by(column)
    ).all()
    return {key: count for key, count in rows}


def _criterion(session: Session, criterion_id: int) -> Criterion:
    row = session.get(Criterion, criterion_id)
    if row is None:
        raise NotFoundError("Tiêu chí này không còn trong dữ liệu.")
    return row


def _province_only(row: Criterion) -> Problem:
    return Problem(
        f"Tiêu chí {row.code}",
        "do tỉnh chấm từ số liệu, khảo sát của tỉnh; xã không tự chấm, chỉ nhập điểm tỉnh công bố.",
    )


def _check_kind(kind: str) -> None:
    if kind not in (SELF, APPRAISED):
        raise ValueError(f"kind must be {SELF!r} or {APPRAISED!r}, not {kind!r}")
