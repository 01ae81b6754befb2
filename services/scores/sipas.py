"""SIPAS surveys: questionnaires keyed in or imported, satisfaction per element and overall.

Method (design note §3.2, a reconstruction): an answer of 4 (Hài lòng) or 5 (Rất hài lòng)
counts as satisfied; an element's % = satisfied answers ÷ answers to its questions × 100
(blank = no answer, left out); SIPAS % = the weighted mean of the element %s, equal weights
unless the framework gives others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models import Criterion, IndexFramework, SipasResponse
from services.errors import NotFoundError, Problem, UserError, ValidationError
from services.scores.rows import order_tree

SCALE = {
    1: "Rất không hài lòng",
    2: "Không hài lòng",
    3: "Bình thường",
    4: "Hài lòng",
    5: "Rất hài lòng",
}
SATISFIED = 4
_HEADER_SCAN = 200  # rows searched for the header of question codes (a title may come first)
# The PAR template's survey item fed by SIPAS ("ĐTXHH / SIPAS: hài lòng về giải quyết TTHC").
PAR_SIPAS_CODE = "PAR.3.9"  # the shipped PAR template's link (a framework may name another)


@dataclass(frozen=True)
class Element:
    code: str
    name: str
    weight: float | None
    items: tuple[tuple[str, str], ...]  # (code, question)


@dataclass(frozen=True)
class ItemResult:
    code: str
    name: str
    answered: int
    satisfied: int

    @property
    def percent(self) -> float | None:
        return round(self.satisfied / self.answered * 100, 2) if self.answered else None


@dataclass(frozen=True)
class ElementResult:
    code: str
    name: str
    weight: float
    answered: int
    satisfied: int
    items: tuple[ItemResult, ...]

    @property
    def percent(self) -> float | None:
        return round(self.satisfied / self.answered * 100, 2) if self.answered else None


@dataclass(frozen=True)
class SipasResult:
    sample_size: int
    elements: tuple[ElementResult, ...]
    overall: float | None

    @property
    def weakest(self) -> list[ElementResult]:
        """Elements from the lowest satisfaction up (unanswered ones left out)."""
        return sorted(
            (e for e in self.elements if e.percent is not None), key=lambda e: e.percent or 0.0
        )

    def weakest_items(self, count: int = 5) -> list[ItemResult]:
        items = [i for e in self.elements for i in e.items if i.percent is not None]
        return sorted(items, key=lambda i: (i.percent, i.code))[:count]


@dataclass(frozen=True)
class SampleCheck:
    """Whether enough questionnaires are in for the index to be a fair reading."""

    count: int
    minimum: int
    level: str
    basis: str
    verified: bool

    @property
    def short(self) -> bool:
        return self.count < self.minimum

    @property
    def message(self) -> str:
        if not self.short:
            return ""
        check = (
            "" if self.verified else "; mức này chưa được đối chiếu với kế hoạch khảo sát của tỉnh"
        )
        return (
            f"Mới có {self.count} phiếu, ít hơn cỡ mẫu tối thiểu {self.minimum} phiếu cho một "
            f"{self.level} (căn cứ: {self.basis}{check}). Tỷ lệ hài lòng tính từ số phiếu này "
            "chưa đủ tin cậy; nên nhập đủ phiếu trước khi ghi vào điểm."
        )


def sample_minimum(level: str) -> tuple[int, str, bool]:
    """The method's minimum sample for a commune-level ``level``, its basis and whether the
    figure was verified, read from the SIPAS template's ``sample_size`` rule."""
    from services.scores.templates import template_path

    rule = _sample_rule(template_path("SIPAS"))
    minimums = rule.get("minimum") or {}
    minimum = int(minimums.get(level, minimums.get("xã", 0)) or 0)
    return minimum, str(rule.get("basis", "")), bool(rule.get("verified", False))


@lru_cache(maxsize=4)
def _sample_rule(path: Path) -> dict:
    """The template's ``sample_size`` rule, read once: the entry grid asks on every answer."""
    import yaml

    with path.open(encoding="utf-8") as handle:
        return (yaml.safe_load(handle) or {}).get("sample_size") or {}


@dataclass(frozen=True)
class ResponseRow:
    id: int
    number: int
    answers: dict[str, int]


def compute_sipas(
    elements: Sequence[Element], responses: Sequence[Mapping[str, int | None]]
) -> SipasResult:
    results = []
    for element in elements:
        items = []
        for code, name in element.items:
            values = [v for r in responses if (v := r.get(code)) is not None]
            items.append(
                ItemResult(code, name, len(values), sum(1 for v in values if v >= SATISFIED))
            )
        results.append(
            ElementResult(
                element.code,
                element.name,
                1.0 if element.weight is None else element.weight,
                sum(i.answered for i in items),
                sum(i.satisfied for i in items),
                tuple(items),
            )
        )
    # Unrounded element ratios, so the overall is not rounded twice.
    scored = [(e.satisfied / e.answered * 100, e.weight) for e in results if e.answered]
    weight = sum(w for _p, w in scored)
    overall = round(sum(p * w for p, w in scored) / weight, 2) if scored and weight > 0 else None
    return SipasResult(len(responses), tuple(results), overall)


def answer_problems(where: str, answers: Mapping[str, object], known: set[str]) -> list[Problem]:
    problems = []
    for code, value in answers.items():
        if code not in known:
            problems.append(Problem(where, f"không có câu hỏi “{code}” trong phiếu."))
        elif value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5
        ):
            problems.append(
                Problem(
                    f"{where}, câu {code}", f"“{value}” không hợp lệ; chỉ nhập 1–5 hoặc để trống."
                )
            )
    return problems


class SipasService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def elements(self, framework_id: int) -> list[Element]:
        """Top-level criteria are the elements, their leaves the questions."""
        with self._sessions() as session:
            rows = order_tree(
                list(
                    session.scalars(select(Criterion).where(Criterion.framework_id == framework_id))
                )
            )
        by_parent: dict[int | None, list] = {}
        for r in rows:
            by_parent.setdefault(r.parent_id, []).append(r)
        elements = []
        for root in by_parent.get(None, []):
            if not root.applicable:
                continue
            leaves, stack = [], list(reversed(by_parent.get(root.id, [])))
            while stack:
                node = stack.pop()
                kids = by_parent.get(node.id)
                if kids:
                    stack.extend(reversed(kids))
                elif node.applicable:
                    leaves.append((node.code, node.name))
            elements.append(Element(root.code, root.name, root.weight, tuple(leaves)))
        return elements

    def question_codes(self, framework_id: int) -> list[str]:
        return [code for e in self.elements(framework_id) for code, _n in e.items]

    def responses(self, framework_id: int) -> list[ResponseRow]:
        with self._sessions() as session:
            return [
                ResponseRow(r.id, r.number, dict(r.answers or {}))
                for r in session.scalars(
                    select(SipasResponse)
                    .where(SipasResponse.framework_id == framework_id)
                    .order_by(SipasResponse.number, SipasResponse.id)
                )
            ]

    def save_response(
        self, framework_id: int, answers: Mapping[str, int | None], response_id: int | None = None
    ) -> ResponseRow:
        """Add a questionnaire (``response_id`` None) or replace one's answers."""
        known = set(self.question_codes(framework_id))
        problems = answer_problems("Phiếu", answers, known)
        if problems:
            raise ValidationError(problems)
        clean = {k: v for k, v in answers.items() if v is not None}
        with self._sessions.begin() as session:
            if session.get(IndexFramework, framework_id) is None:
                raise NotFoundError("Bộ tiêu chí này không còn trong dữ liệu.")
            row: SipasResponse | None
            if response_id is None:
                number = (
                    session.scalar(
                        select(func.max(SipasResponse.number)).where(
                            SipasResponse.framework_id == framework_id
                        )
                    )
                    or 0
                ) + 1
                row = SipasResponse(framework_id=framework_id, number=number, answers=clean)
                session.add(row)
            else:
                row = session.get(SipasResponse, response_id)
                if row is None:
                    raise NotFoundError("Phiếu khảo sát này không còn trong dữ liệu.")
                row.answers = clean
            session.flush()
            return ResponseRow(row.id, row.number, dict(clean))

    def delete_response(self, response_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(SipasResponse, response_id)
            if row is not None:
                session.delete(row)

    def compute(self, framework_id: int) -> SipasResult:
        return compute_sipas(
            self.elements(framework_id), [r.answers for r in self.responses(framework_id)]
        )

    def sample_check(self, framework_id: int) -> SampleCheck:
        """The questionnaires entered against the minimum for this ward's or commune's level."""
        from services.office.organisation import OrganisationService

        level = OrganisationService(self._sessions).get().level or "xã"
        minimum, basis, verified = sample_minimum(level)
        return SampleCheck(len(self.responses(framework_id)), minimum, level, basis, verified)

    def apply_to_self_assessment(self, framework_id: int) -> int:
        """Write each question's satisfaction % as its self-assessed score; return how many."""
        result = self.compute(framework_id)
        values = {i.code: i.percent for e in result.elements for i in e.items}
        with self._sessions.begin() as session:
            count = 0
            for row in session.scalars(
                select(Criterion).where(Criterion.framework_id == framework_id)
            ):
                if row.code in values:
                    row.self_score = values[row.code]
                    count += 1
            return count

    def par_link(self, framework_id: int) -> str:
        """The PAR criterion of the same year that takes this SIPAS's % ("" = none)."""
        with self._sessions() as session:
            sipas = session.get(IndexFramework, framework_id)
            if sipas is None:
                return ""
            link = session.scalar(
                select(IndexFramework.sipas_link).where(
                    IndexFramework.index_key == "PAR", IndexFramework.year == sipas.year
                )
            )
            return link or ""

    def apply_to_par(self, framework_id: int, code: str | None = None) -> float | None:
        """PAR's SIPAS item of the same year := SIPAS % × its maximum (design note §3.2).

        The item is the one the PAR framework names (``sipas_link``, set per framework), or
        ``code``. Returns the points written, or None when there is no overall figure yet, no
        PAR framework that year, no linked criterion in it, or the province scores that
        criterion itself (the ward's own survey is then only its own reading; nothing is
        written).
        """
        overall = self.compute(framework_id).overall
        with self._sessions.begin() as session:
            sipas = session.get(IndexFramework, framework_id)
            if sipas is None or overall is None:
                return None
            par = session.scalars(
                select(IndexFramework).where(
                    IndexFramework.index_key == "PAR", IndexFramework.year == sipas.year
                )
            ).first()
            code = code or (par.sipas_link if par is not None else "")
            if par is None or not code:
                return None
            row = session.scalars(
                select(Criterion).where(Criterion.framework_id == par.id, Criterion.code == code)
            ).first()
            if row is None or not row.applicable or row.province_scored:
                return None
            row.self_score = round(overall / 100 * row.max_points, 2)
            return row.self_score

    def import_excel(self, framework_id: int, path: Path, *, dry_run: bool = False) -> int:
        """Questionnaires from a sheet: a header row of question codes, one row per form.

        Every cell is checked first; on any problem nothing is written and each one is reported
        by sheet, row and column.
        """
        return self.import_excel_report(framework_id, path, dry_run=dry_run)[0]

    def import_excel_report(
        self, framework_id: int, path: Path, *, dry_run: bool = False
    ) -> tuple[int, str]:
        """``import_excel``, also naming the sheet that was read: the first sheet whose
        header row holds question codes (codes typed "s1.1 " match "S1.1")."""
        from openpyxl.utils import get_column_letter

        from services.xlsx.headers import HeaderSpec, find_sheet
        from services.xlsx.reader import read_xlsx

        known = self.question_codes(framework_id)
        book = read_xlsx(Path(path))
        spec = HeaderSpec.of({code: (code,) for code in known}, at_least=1)
        match = find_sheet(book, spec, scan=_HEADER_SCAN)
        if match is None:
            where = (
                f"Trang “{book.sheets[0].name}”"
                if len(book.sheets) == 1
                else f"Tệp “{Path(path).name}”"
            )
            raise UserError(f"{where}: không thấy dòng tiêu đề có mã câu hỏi (ví dụ S1.1).")
        ws, header_index = match.sheet, match.header_row - 1
        rows = list(ws.rows)
        columns = {i: code for code, i in match.columns.items()}
        problems: list[Problem] = []
        forms: list[dict[str, int]] = []
        for r, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
            answers: dict[str, int] = {}
            for i, code in columns.items():
                value = row[i] if i < len(row) else None
                if value is None or str(value).strip() == "":
                    continue
                where = f"Trang “{ws.name}”, dòng {r}, cột {get_column_letter(i + 1)}"
                try:
                    number = (
                        int(str(value).strip()) if float(str(value).strip()).is_integer() else None
                    )
                except ValueError:
                    number = None
                if number is None or not 1 <= number <= 5:
                    problems.append(
                        Problem(where, f"“{value}” không hợp lệ; chỉ nhập 1–5 hoặc để trống.")
                    )
                else:
                    answers[code] = number
            if answers:
                forms.append(answers)
        if problems:
            raise ValidationError(problems)
        if not dry_run and forms:
            with self._sessions.begin() as session:
                last = (
                    session.scalar(
                        select(func.max(SipasResponse.number)).where(
                            SipasResponse.framework_id == framework_id
                        )
                    )
                    or 0
                )
                session.add_all(
                    SipasResponse(framework_id=framework_id, number=last + i, answers=a)
                    for i, a in enumerate(forms, start=1)
                )
        return len(forms), ws.name
