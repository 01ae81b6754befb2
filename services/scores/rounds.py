"""Appraisal rounds: the province's first appraisal, the ward's explanation, the final result.

Each round keeps its date and the points the province gave each criterion; the ward's
explanation (giải trình) answers a round, criterion by criterion, with the points it asks for
and the evidence it adds. The latest round's points are the criterion's appraised score, so the
scoring table, the gaps and next year's comparison all read the result in force.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import (
    AppraisalRound,
    AppraisalScore,
    Criterion,
    EvidenceFile,
    IndexFramework,
    OutgoingDocument,
    appraisal_evidence,
    evidence_criteria,
)
from services.errors import NotFoundError, Problem, UserError, ValidationError
from services.scores.arithmetic import fmt, score_problems
from services.text import nfc
from services.xlsx.headers import HeaderSpec, find_sheet


@dataclass(frozen=True)
class RoundInfo:
    id: int
    framework_id: int
    number: int
    held_on: date
    is_final: bool
    reference: str
    explained_on: date | None
    register_reference: str  # "05/BC-UBND" once the explanation is numbered
    register_id: int | None = None

    @property
    def label(self) -> str:
        if self.is_final:
            return f"Kết quả cuối cùng (lần {self.number})"
        return f"Thẩm định lần {self.number}"

    @property
    def short_label(self) -> str:
        return "Cuối cùng" if self.is_final else f"Lần {self.number}"


@dataclass(frozen=True)
class RoundCell:
    score: float | None
    explanation: str = ""
    proposed: float | None = None
    evidence: tuple[str, ...] = ()  # titles of the evidence added to the explanation


@dataclass(frozen=True)
class RoundLine:
    """One leaf across the rounds: self-score, then each round's points and explanation."""

    criterion_id: int
    code: str
    name: str
    max: float
    self_score: float | None
    province_scored: bool
    adjustment: str
    cells: tuple[RoundCell, ...]  # in the order of ``RoundsTable.rounds``


@dataclass(frozen=True)
class RoundsTable:
    rounds: tuple[RoundInfo, ...]
    lines: tuple[RoundLine, ...]

    def line(self, code: str) -> RoundLine:
        return next(x for x in self.lines if x.code == code)

    def explained(self, round_id: int) -> tuple[RoundLine, ...]:
        """The criteria the ward explained in answer to ``round_id``."""
        i = next(n for n, r in enumerate(self.rounds) if r.id == round_id)
        return tuple(x for x in self.lines if x.cells[i].explanation.strip())


def latest_round_scores(session: Session, framework_id: int) -> dict[int, tuple[float, str]]:
    """Each criterion's points in the latest round that scored it, with that round's name."""
    rows = session.execute(
        select(
            AppraisalScore.criterion_id,
            AppraisalScore.score,
            AppraisalRound.number,
            AppraisalRound.is_final,
        )
        .join(AppraisalRound, AppraisalRound.id == AppraisalScore.round_id)
        .where(AppraisalRound.framework_id == framework_id, AppraisalScore.score.is_not(None))
        .order_by(AppraisalRound.number)
    ).all()
    result: dict[int, tuple[float, str]] = {}
    for cid, score, number, final in rows:
        if score is None:  # excluded by the query; narrows the type
            continue
        result[cid] = (score, "kết quả cuối cùng" if final else f"thẩm định lần {number}")
    return result


def _reference(doc: OutgoingDocument | None) -> str:
    """ "05/BC-UBND" of the register line, or "" when none or cancelled."""
    if doc is None or doc.cancelled_at is not None:
        return ""
    return f"{doc.number:02d}/{doc.symbol}"


def _info(row: AppraisalRound, reference: str = "") -> RoundInfo:
    return RoundInfo(
        row.id,
        row.framework_id,
        row.number,
        row.held_on,
        row.is_final,
        row.reference,
        row.explained_on,
        reference,
        row.register_id,
    )


class AppraisalRoundService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    # ----- rounds ------------------------------------------------------------------------
    def rounds(self, framework_id: int) -> list[RoundInfo]:
        with self._sessions() as session:
            rows = session.execute(
                select(AppraisalRound, OutgoingDocument)
                .outerjoin(OutgoingDocument, OutgoingDocument.id == AppraisalRound.register_id)
                .where(AppraisalRound.framework_id == framework_id)
                .order_by(AppraisalRound.number)
            ).all()
            # A cancelled number no longer belongs to the explanation (it may be numbered again).
            return [_info(r, _reference(o)) for r, o in rows]

    def round(self, round_id: int) -> RoundInfo:
        with self._sessions() as session:
            row = _round(session, round_id)
            doc = session.get(OutgoingDocument, row.register_id) if row.register_id else None
            return _info(row, _reference(doc))

    def add_round(
        self, framework_id: int, held_on: date, *, is_final: bool = False, reference: str = ""
    ) -> RoundInfo:
        """The next round of the framework (lần 1, lần 2, …); the final result closes them."""
        with self._sessions.begin() as session:
            if session.get(IndexFramework, framework_id) is None:
                raise NotFoundError("Bộ tiêu chí này không còn trong dữ liệu.")
            rounds = list(
                session.scalars(
                    select(AppraisalRound)
                    .where(AppraisalRound.framework_id == framework_id)
                    .order_by(AppraisalRound.number)
                )
            )
            problems = []
            if rounds and rounds[-1].is_final:
                problems.append(
                    Problem(
                        "Lần thẩm định",
                        f"đã có kết quả cuối cùng (lần {rounds[-1].number}); không thêm lần sau.",
                    )
                )
            if rounds and held_on < rounds[-1].held_on:
                problems.append(
                    Problem(
                        "Ngày thẩm định",
                        f"{held_on:%d/%m/%Y} trước ngày của lần {rounds[-1].number} "
                        f"({rounds[-1].held_on:%d/%m/%Y}).",
                    )
                )
            if problems:
                raise ValidationError(problems)
            row = AppraisalRound(
                framework_id=framework_id,
                number=(rounds[-1].number if rounds else 0) + 1,
                held_on=held_on,
                is_final=is_final,
                reference=nfc(reference),
            )
            session.add(row)
            session.flush()
            return _info(row)

    def delete_round(self, round_id: int) -> None:
        with self._sessions.begin() as session:
            row = _round(session, round_id)
            framework_id = row.framework_id
            touched = {c.criterion_id for c in row.scores if c.score is not None}
            session.delete(row)
            session.flush()
            _sync_appraised(session, framework_id)
            latest = latest_round_scores(session, framework_id)
            for cid in touched - latest.keys():  # points only that round gave are gone
                criterion = session.get(Criterion, cid)
                if criterion is not None:
                    criterion.appraised_score = None

    # ----- points ------------------------------------------------------------------------
    def set_scores(self, round_id: int, values: Mapping[str, float | None]) -> int:
        """A round's points by criterion code; all checked before any is written."""
        with self._sessions.begin() as session:
            row = _round(session, round_id)
            criteria = _criteria(session, row.framework_id)
            problems = []
            for code, value in values.items():
                problems.extend(_score_check(session, criteria.get(code), code, value, ""))
            if problems:
                raise ValidationError(problems)
            for code, value in values.items():
                _cell(session, row, criteria[code]).score = value
            session.flush()
            _sync_appraised(session, row.framework_id)
            return len(values)

    def explain(
        self,
        round_id: int,
        criterion_id: int,
        explanation: str,
        proposed: float | None = None,
        *,
        explained_on: date | None = None,
    ) -> RoundCell:
        """The ward's explanation of one criterion's points in a round, and the points it asks.

        A criterion the ward did not self-score has nothing to explain (unless the province
        scores it itself); the points asked must lie within the criterion's range.
        """
        with self._sessions.begin() as session:
            row = _round(session, round_id)
            criterion = session.get(Criterion, criterion_id)
            if criterion is None or criterion.framework_id != row.framework_id:
                raise NotFoundError("Tiêu chí này không còn trong dữ liệu.")
            problems = _explain_check(criterion, nfc(explanation), proposed, "")
            if problems:
                raise ValidationError(problems)
            cell = _cell(session, row, criterion)
            cell.explanation, cell.proposed = nfc(explanation), proposed
            if explained_on is not None:
                row.explained_on = explained_on
            elif row.explained_on is None and cell.explanation:
                row.explained_on = date.today()
            session.flush()
            return _round_cell(session, cell)

    def add_evidence(self, round_id: int, criterion_id: int, evidence_id: int) -> None:
        """Evidence added with the explanation (it also joins the criterion's evidence)."""
        with self._sessions.begin() as session:
            row = _round(session, round_id)
            criterion = session.get(Criterion, criterion_id)
            if criterion is None or session.get(EvidenceFile, evidence_id) is None:
                raise NotFoundError("Tiêu chí hoặc tài liệu này không còn trong dữ liệu.")
            cell = _cell(session, row, criterion)
            session.flush()
            have = session.scalar(
                select(func.count()).where(
                    appraisal_evidence.c.appraisal_score_id == cell.id,
                    appraisal_evidence.c.evidence_id == evidence_id,
                )
            )
            if not have:
                session.execute(
                    appraisal_evidence.insert().values(
                        appraisal_score_id=cell.id, evidence_id=evidence_id
                    )
                )
            linked = session.scalar(
                select(func.count()).where(
                    evidence_criteria.c.evidence_id == evidence_id,
                    evidence_criteria.c.criterion_id == criterion_id,
                )
            )
            if not linked:
                session.execute(
                    evidence_criteria.insert().values(
                        evidence_id=evidence_id, criterion_id=criterion_id
                    )
                )

    def table(self, framework_id: int) -> RoundsTable:
        """Every applicable leaf with its points in each round (criteria in tree order)."""
        from services.scores.rows import order_tree

        with self._sessions() as session:
            rounds = self.rounds(framework_id)
            rows = order_tree(
                list(
                    session.scalars(select(Criterion).where(Criterion.framework_id == framework_id))
                )
            )
            framework = session.get(IndexFramework, framework_id)
            percent = framework is not None and framework.unit == "percent"
            cells: dict[tuple[int, int], RoundCell] = {}
            for cell in session.scalars(
                select(AppraisalScore).where(
                    AppraisalScore.round_id.in_([r.id for r in rounds] or [-1])
                )
            ):
                cells[(cell.round_id, cell.criterion_id)] = _round_cell(session, cell)
        empty = RoundCell(None)
        lines = tuple(
            RoundLine(
                r.id,
                r.code,
                r.name,
                100.0 if percent else r.max_points,
                r.self_score,
                r.province_scored,
                r.adjustment,
                tuple(cells.get((x.id, r.id), empty) for x in rounds),
            )
            for r in rows
            if r.is_leaf and r.applicable
        )
        return RoundsTable(tuple(rounds), lines)

    def set_register(self, round_id: int, register_id: int, issued_on: date) -> None:
        with self._sessions.begin() as session:
            row = _round(session, round_id)
            row.register_id, row.explained_on = register_id, issued_on

    # ----- the province's appraisal table from Excel --------------------------------------
    def import_excel(
        self,
        framework_id: int,
        path: Path,
        held_on: date,
        *,
        is_final: bool = False,
        reference: str = "",
        dry_run: bool = False,
    ) -> tuple[RoundInfo | None, int]:
        """A round from the province's table: "Mã" and "Điểm thẩm định", optionally the
        ward's "Giải trình" and "Điểm đề nghị" beside them.

        Every row is checked first (points outside the criterion's range, an explanation of a
        criterion the ward did not self-score); on any problem nothing is written and each one
        names its sheet, row and column.
        """
        info, count, _sheet = self.import_excel_report(
            framework_id, path, held_on, is_final=is_final, reference=reference, dry_run=dry_run
        )
        return info, count

    def import_excel_report(
        self,
        framework_id: int,
        path: Path,
        held_on: date,
        *,
        is_final: bool = False,
        reference: str = "",
        dry_run: bool = False,
    ) -> tuple[RoundInfo | None, int, str]:
        """``import_excel``, also naming the sheet that was read (for the summary)."""
        parsed = read_round_sheet(Path(path))
        sheet = parsed[0].sheet
        with self._sessions() as session:
            criteria = _criteria(session, framework_id)
            problems: list[Problem] = []
            for item in parsed:
                criterion = criteria.get(item.code)
                if criterion is None:
                    problems.append(
                        Problem(item.where("code"), f"không có tiêu chí “{item.code}”.")
                    )
                    continue
                for p in _score_check(session, criterion, item.code, item.score, ""):
                    problems.append(Problem(item.where("score"), p.message))
                for p in _explain_check(criterion, item.explanation, item.proposed, ""):
                    column = "proposed" if "đề nghị" in p.message else "explanation"
                    problems.append(Problem(item.where(column), p.message))
        if problems:
            raise ValidationError(problems)
        if dry_run:
            return None, len(parsed), sheet
        info = self.add_round(framework_id, held_on, is_final=is_final, reference=reference)
        with self._sessions.begin() as session:
            row = _round(session, info.id)
            criteria = _criteria(session, framework_id)
            for item in parsed:
                cell = _cell(session, row, criteria[item.code])
                cell.score = item.score
                cell.explanation, cell.proposed = item.explanation, item.proposed
            if any(item.explanation for item in parsed):
                row.explained_on = held_on
            session.flush()
            _sync_appraised(session, framework_id)
        return self.round(info.id), len(parsed), sheet


@dataclass(frozen=True)
class RoundSheetRow:
    sheet: str
    row: int
    columns: Mapping[str, int]
    code: str
    score: float | None
    explanation: str
    proposed: float | None

    def where(self, field: str) -> str:
        from openpyxl.utils import get_column_letter

        column = self.columns.get(field) or self.columns["code"]
        return f"Trang “{self.sheet}”, dòng {self.row}, cột {get_column_letter(column)}"


_ROUND_HEADERS = {
    "code": ("ma tieu chi", "ma so", "ma"),
    "score": ("diem tham dinh", "diem cua tinh", "ket qua tham dinh", "diem tinh cham"),
    "explanation": ("giai trinh", "noi dung giai trinh", "y kien giai trinh"),
    "proposed": ("diem de nghi", "de nghi"),
}


_ROUND_SPEC = HeaderSpec.of(_ROUND_HEADERS, required=("code", "score"), prefix=True)


def read_round_sheet(path: Path) -> list[RoundSheetRow]:
    """The rows of the first sheet with a "Mã" and a "Điểm thẩm định" column."""
    from services.xlsx.reader import read_xlsx

    wb = read_xlsx(Path(path))
    match = find_sheet(wb, _ROUND_SPEC)
    if match is not None:
        columns = {f: c + 1 for f, c in match.columns.items()}
        return _round_rows(match.sheet, match.header_row, columns)
    raise UserError(
        f"Tệp “{Path(path).name}”: không thấy dòng tiêu đề có các cột “Mã” và “Điểm thẩm định”."
    )


def _round_rows(ws, header: int, columns: dict[str, int]) -> list[RoundSheetRow]:
    out: list[RoundSheetRow] = []
    problems: list[Problem] = []
    for r in range(header + 1, len(ws.rows) + 1):
        values = ws.rows[r - 1]
        cell = {f: values[c - 1] if c <= len(values) else None for f, c in columns.items()}
        code = str(cell["code"] if cell["code"] is not None else "").strip().rstrip(".")
        if isinstance(cell["code"], float) and cell["code"].is_integer():
            code = str(int(cell["code"]))
        if not code:
            continue
        numbers: dict[str, float | None] = {}
        for field in ("score", "proposed"):
            raw = cell.get(field)
            numbers[field] = None
            if raw is not None and str(raw).strip() != "":
                try:
                    numbers[field] = float(str(raw).strip().replace(",", "."))
                except ValueError:
                    problems.append(
                        Problem(
                            RoundSheetRow(ws.name, r, columns, code, None, "", None).where(field),
                            f"“{raw}” không phải là số điểm.",
                        )
                    )
        out.append(
            RoundSheetRow(
                ws.name,
                r,
                columns,
                nfc(code),
                numbers["score"],
                nfc(str(cell.get("explanation") or "").strip()),
                numbers["proposed"],
            )
        )
    if problems:
        raise ValidationError(problems)
    if not out:
        raise UserError(f"Trang “{ws.name}”: không có tiêu chí nào dưới dòng tiêu đề.")
    return out


# ----- helpers ---------------------------------------------------------------------------
def _round(session: Session, round_id: int) -> AppraisalRound:
    row = session.get(AppraisalRound, round_id)
    if row is None:
        raise NotFoundError("Lần thẩm định này không còn trong dữ liệu.")
    return row


def _criteria(session: Session, framework_id: int) -> dict[str, Criterion]:
    return {
        r.code: r
        for r in session.scalars(select(Criterion).where(Criterion.framework_id == framework_id))
    }


def _is_parent(session: Session, row: Criterion) -> bool:
    return bool(session.scalar(select(func.count()).where(Criterion.parent_id == row.id)))


def _score_check(
    session: Session, row: Criterion | None, code: str, value: float | None, where: str
) -> list[Problem]:
    where = where or f"Tiêu chí {code}"
    if row is None:
        return [Problem(where, "không có trong bộ tiêu chí.")]
    if value is None:
        return []
    if _is_parent(session, row):
        return [Problem(where, "điểm của tiêu chí có tiêu chí con được tính tự động, không nhập.")]
    maximum = 100.0 if row.framework.unit == "percent" else row.max_points
    messages = score_problems(value, maximum, row.applicable, row.adjustment or "")
    if row.province_scored and messages:
        low, high = sorted((0.0, maximum))
        messages = [
            f"điểm của tỉnh {fmt(value)} ngoài khoảng {fmt(low)}–{fmt(high)} của tiêu chí "
            f"“{row.code}”."
        ]
    return [Problem(where, m) for m in messages]


def _explain_check(
    row: Criterion, explanation: str, proposed: float | None, where: str
) -> list[Problem]:
    where = where or f"Tiêu chí {row.code}"
    problems = []
    if (explanation or proposed is not None) and row.self_score is None and not row.province_scored:
        problems.append(
            Problem(
                where,
                f"tiêu chí “{row.code}” chưa có điểm tự đánh giá nên không có gì để giải trình; "
                "hãy chấm điểm tự đánh giá trước.",
            )
        )
    if proposed is not None:
        maximum = 100.0 if row.framework.unit == "percent" else row.max_points
        for m in score_problems(proposed, maximum, row.applicable, row.adjustment or ""):
            problems.append(Problem(where, f"điểm đề nghị: {m}"))
    return problems


def _cell(session: Session, row: AppraisalRound, criterion: Criterion) -> AppraisalScore:
    cell = session.scalars(
        select(AppraisalScore).where(
            AppraisalScore.round_id == row.id, AppraisalScore.criterion_id == criterion.id
        )
    ).first()
    if cell is None:
        cell = AppraisalScore(round_id=row.id, criterion_id=criterion.id, explanation="")
        session.add(cell)
    return cell


def _round_cell(session: Session, cell: AppraisalScore) -> RoundCell:
    titles = tuple(
        session.scalars(
            select(EvidenceFile.title)
            .join(appraisal_evidence, appraisal_evidence.c.evidence_id == EvidenceFile.id)
            .where(appraisal_evidence.c.appraisal_score_id == cell.id)
            .order_by(EvidenceFile.title)
        )
    )
    return RoundCell(cell.score, cell.explanation or "", cell.proposed, titles)


def _sync_appraised(session: Session, framework_id: int) -> None:
    """The criterion's appraised score is its points in the latest round that scored it."""
    latest = latest_round_scores(session, framework_id)
    if not latest and not session.scalar(
        select(func.count()).where(AppraisalRound.framework_id == framework_id)
    ):
        return  # no rounds: typed appraised scores (a published result) stay as they are
    for row in session.scalars(select(Criterion).where(Criterion.framework_id == framework_id)):
        if row.id in latest:
            row.appraised_score = latest[row.id][0]
