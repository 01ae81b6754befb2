"""Which criterion of this year's framework continues each of last year's, as the clerk confirms.

The province's annex changes its numbering from year to year ("PAR.1.1" becomes "1.1"),
merges and splits criteria. Last year's lost points must still reach this year's plan, so
on import ParDesk proposes a link for every criterion of the previous year – same code, the
same number without the index prefix, or a similar name (compared without accents) – and
the clerk confirms or edits it. The confirmed links are stored (``CriterionMapping``) and
read by the gaps, the comparison chart and a criterion's history. Until a mapping is stored,
a year links criteria by identical code, as before. Lost points that have no counterpart
this year are listed, never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from models import Criterion, CriterionMapping, IndexFramework
from services.errors import NotFoundError, Problem, ValidationError
from services.scores.arithmetic import fmt
from services.scores.dto import CriterionRow, FrameworkInfo
from services.scores.rows import framework_info, order_tree
from services.text import search_key

NAME_THRESHOLD = 0.6  # below this a similar name is no proposal: the clerk chooses
NUMBER_THRESHOLD = 0.45  # the same number with a name this different is another criterion
NUMBER_BONUS = 0.15

SAME_CODE = "Trùng mã"
SAME_NUMBER = "Cùng số hiệu"
SIMILAR_NAME = "Tên gần giống"


@dataclass(frozen=True)
class MappingLine:
    """One criterion of last year and the criterion of this year proposed or confirmed for it."""

    previous: CriterionRow
    lost: float | None  # points last year's appraisal took off this leaf; None: not appraised
    criterion_id: int | None
    reason: str = ""  # why it was proposed ("Trùng mã", "Tên gần giống 82%"), "" if confirmed

    @property
    def lost_points(self) -> bool:
        return self.lost is not None and self.lost > 1e-6


@dataclass(frozen=True)
class YearMapping:
    framework: FrameworkInfo
    previous: FrameworkInfo
    lines: tuple[MappingLine, ...]
    choices: tuple[CriterionRow, ...]  # this year's criteria, in tree order
    confirmed: bool  # the clerk saved this mapping (else it is the proposal)

    @property
    def unmapped_losses(self) -> tuple[MappingLine, ...]:
        return tuple(x for x in self.lines if x.criterion_id is None and x.lost_points)


@dataclass(frozen=True)
class LostCriterion:
    """A criterion of last year that lost points and has no counterpart this year."""

    code: str
    name: str
    max: float
    appraised: float
    lost: float

    @property
    def text(self) -> str:
        return f"{self.code} {self.name} (mất {fmt(self.lost)} điểm)"


def bare_number(code: str) -> str:
    """ "PAR.1.1" → "1.1", "PAPI D1.2" → "1.2", "TC 3.4" → "3.4": the number the annex gives."""
    match = re.search(r"\d+(?:\.\d+)*$", code.strip())
    return match.group(0) if match else search_key(code)


def similarity(a: str, b: str) -> float:
    """0..1, accents and case ignored; a short name contained in a longer one counts as 0.75
    ("Công khai TTHC" within "Công khai TTHC tại Bộ phận một cửa và trên Cổng DVC")."""
    x, y = search_key(a), search_key(b)
    ratio = SequenceMatcher(None, x, y).ratio()
    short, long = sorted((x, y), key=len)
    if len(short) >= 12 and f" {short} " in f" {long} ":
        ratio = max(ratio, 0.75)
    return ratio


def propose(previous: list[CriterionRow], current: list[CriterionRow]) -> dict[int, tuple]:
    """previous id → (current id or None, reason), each of this year's criteria used once.

    Candidates: the same code; the same number without the prefix ("PAR.1.2" ~ "1.2") when
    the names are not unrelated; a name similar enough. The strongest pairs are taken first,
    so a renumbered annex whose names stayed ("Cải cách thủ tục hành chính" moving from
    PAR.3 to 2) is followed by name rather than by a number that now means something else.
    Leaves pair with leaves and groups with groups.
    """
    candidates: list[tuple[float, int, int, str]] = []
    for old in previous:
        for new in current:
            if new.is_leaf != old.is_leaf:
                continue
            if new.code == old.code:
                candidates.append((3.0, old.id, new.id, SAME_CODE))
                continue
            ratio = similarity(old.name, new.name)
            if bare_number(new.code) == bare_number(old.code) and ratio >= NUMBER_THRESHOLD:
                candidates.append((ratio + NUMBER_BONUS, old.id, new.id, SAME_NUMBER))
            elif ratio >= NAME_THRESHOLD:
                candidates.append((ratio, old.id, new.id, f"{SIMILAR_NAME} {round(ratio * 100)}%"))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    result: dict[int, tuple] = {}
    used: set[int] = set()
    for _score, old_id, new_id, reason in candidates:
        if old_id in result or new_id in used:
            continue
        result[old_id] = (new_id, reason)
        used.add(new_id)
    for old in previous:
        result.setdefault(old.id, (None, ""))
    return result


def previous_framework(session: Session, framework: IndexFramework) -> IndexFramework | None:
    return session.scalars(
        select(IndexFramework).where(
            IndexFramework.index_key == framework.index_key,
            IndexFramework.year == framework.year - 1,
        )
    ).first()


def year_links(
    session: Session, framework_id: int, previous: list[CriterionRow], current: list[CriterionRow]
) -> dict[int, int | None]:
    """previous criterion id → this year's criterion id (None: no counterpart).

    The stored mapping where the clerk confirmed one; otherwise identical codes, the only
    link that needs no confirmation.
    """
    stored = {
        m.previous_id: m.criterion_id
        for m in session.scalars(
            select(CriterionMapping).where(CriterionMapping.framework_id == framework_id)
        )
    }
    by_code = {r.code: r.id for r in current}
    if not stored:
        return {r.id: by_code.get(r.code) for r in previous}
    return {r.id: stored.get(r.id, by_code.get(r.code)) for r in previous}


def _rows(session: Session, framework_id: int) -> list[CriterionRow]:
    return order_tree(
        list(session.scalars(select(Criterion).where(Criterion.framework_id == framework_id)))
    )


def _lost(row: CriterionRow) -> float | None:
    if not row.is_leaf or not row.applicable or row.appraised_score is None:
        return None
    return round(row.max_points - row.appraised_score, 6)


class CriterionMappingService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def mapping(self, framework_id: int) -> YearMapping | None:
        """The stored mapping, or the proposal; None when the year before has no framework."""
        with self._sessions() as session:
            framework = session.get(IndexFramework, framework_id)
            if framework is None:
                raise NotFoundError("Bộ tiêu chí này không còn trong dữ liệu.")
            previous = previous_framework(session, framework)
            if previous is None:
                return None
            old, new = _rows(session, previous.id), _rows(session, framework.id)
            stored = {
                m.previous_id: m.criterion_id
                for m in session.scalars(
                    select(CriterionMapping).where(CriterionMapping.framework_id == framework_id)
                )
            }
            this_info = framework_info(framework, len(new))
            previous_info = framework_info(previous, len(old))
        proposal = propose(old, new)
        lines = []
        for r in old:
            if r.id in stored:
                lines.append(MappingLine(r, _lost(r), stored[r.id]))
            else:
                target, reason = proposal[r.id]
                lines.append(MappingLine(r, _lost(r), target, reason))
        return YearMapping(this_info, previous_info, tuple(lines), tuple(new), bool(stored))

    def needs_confirmation(self, framework_id: int) -> bool:
        """A framework after an existing year whose codes differ and whose mapping is not saved."""
        found = self.mapping(framework_id)
        if found is None or found.confirmed:
            return False
        codes = {r.code for r in found.choices}
        return any(line.previous.code not in codes for line in found.lines)

    def save(self, framework_id: int, links: Mapping[int, int | None]) -> YearMapping:
        """Store the clerk's mapping (every previous criterion; None = no counterpart)."""
        with self._sessions.begin() as session:
            framework = session.get(IndexFramework, framework_id)
            if framework is None:
                raise NotFoundError("Bộ tiêu chí này không còn trong dữ liệu.")
            previous = previous_framework(session, framework)
            if previous is None:
                raise ValidationError(
                    [Problem("", f"Năm {framework.year - 1} chưa có bộ tiêu chí để đối chiếu.")]
                )
            old = {r.id for r in _rows(session, previous.id)}
            new = {r.id for r in _rows(session, framework.id)}
            problems = [
                Problem("Tiêu chí", "không thuộc bộ tiêu chí của năm đang đối chiếu.")
                for prev, target in links.items()
                if prev not in old or (target is not None and target not in new)
            ]
            if problems:
                raise ValidationError(problems[:1])
            session.execute(
                delete(CriterionMapping).where(CriterionMapping.framework_id == framework_id)
            )
            for prev in sorted(old):
                session.add(
                    CriterionMapping(
                        framework_id=framework_id, previous_id=prev, criterion_id=links.get(prev)
                    )
                )
        result = self.mapping(framework_id)
        assert result is not None
        return result

    def unmapped_losses(self, framework_id: int) -> list[LostCriterion]:
        """Last year's criteria that lost points and lead to no criterion this year.

        Read through the same links the gaps use (stored, else identical codes), so what is
        not carried into this year's gaps is exactly what is listed here.
        """
        with self._sessions() as session:
            framework = session.get(IndexFramework, framework_id)
            if framework is None:
                raise NotFoundError("Bộ tiêu chí này không còn trong dữ liệu.")
            previous = previous_framework(session, framework)
            if previous is None:
                return []
            old, new = _rows(session, previous.id), _rows(session, framework.id)
            links = year_links(session, framework_id, old, new)
        return [
            LostCriterion(r.code, r.name, r.max_points, r.appraised_score or 0.0, lost)
            for r in old
            if links.get(r.id) is None and (lost := _lost(r)) is not None and lost > 1e-6
        ]
