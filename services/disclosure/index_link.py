"""The disclosure compliance of a year beside the "công khai, minh bạch" criteria of the indexes.

PAPI's dimension D2 (alias PAPI.2 in the sample plan) and any criterion named "công khai,
minh bạch" are what the ward's disclosure work is judged by. This module only *reads* both
sides and sets them next to each other: the index scores stay exactly as typed and computed
by ``services.scores`` (issue 5's arithmetic is not touched). Each linked criterion gets the
compliance of the disclosures it is about (poor households, budget, land...) or, for a
general criterion, the year's overall figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from services.disclosure.score import ScoreLine, YearScore
from services.disclosure.service import DisclosureService
from services.disclosure.setup import content_groups
from services.scores.dto import CriterionRow
from services.text import search_key

INDEXES = ("PAPI", "PAR")
ANCHOR_CODES = ("D2", "PAPI.2")
ANCHOR_WORDS = ("cong khai", "minh bach")

# What a criterion is about (words of its folded name) -> the disclosures that show it.
TOPICS: tuple[tuple[tuple[str, ...], str, tuple[str, ...], tuple[str, ...]], ...] = (
    (("ho ngheo", "can ngheo"), "Danh sách hộ nghèo, cận nghèo", ("CK11A", "CK11"), ()),
    (("ngan sach", "tai chinh", "thu, chi"), "Ngân sách, tài chính", (), ("NGAN_SACH",)),
    (("dat", "quy hoach", "den bu"), "Đất đai, quy hoạch", (), ("DAT_DAI",)),
)


@dataclass(frozen=True)
class CriterionLink:
    index_key: str
    framework_id: int
    criterion_id: int
    code: str
    name: str
    depth: int
    max_points: float
    self_score: float | None
    appraised_score: float | None
    basis: str  # which disclosures the compliance figure counts
    compliance: ScoreLine


@dataclass(frozen=True)
class IndexLink:
    """The year's disclosure compliance and the index criteria it is shown against."""

    year: int
    as_of: date
    overall: ScoreLine
    lines: tuple[CriterionLink, ...]
    frameworks: tuple[str, ...]  # "PAPI 2025" for each framework searched

    @property
    def message(self) -> str:
        if not self.frameworks:
            return (
                f"Năm {self.year} chưa có bộ tiêu chí PAPI hoặc PAR INDEX: hãy tạo trong phần "
                "“Chấm điểm” để đối chiếu với tiêu chí “Công khai, minh bạch”."
            )
        if not self.lines:
            return "Bộ tiêu chí của năm không có tiêu chí “Công khai, minh bạch”."
        return ""


def is_anchor(row: CriterionRow) -> bool:
    """D2 / PAPI.2 by code or alias, or any criterion named "công khai, minh bạch"."""
    codes = {row.code.upper(), *(a.upper() for a in row.aliases)}
    if codes & set(ANCHOR_CODES):
        return True
    folded = search_key(row.name)
    return all(word in folded for word in ANCHOR_WORDS)


def linked_criteria(rows: list[CriterionRow]) -> list[CriterionRow]:
    """Anchors and everything under them, in the tree's document order."""
    chosen: set[int] = set()
    for row in rows:  # depth-first order: parents come before their children
        if is_anchor(row) or (row.parent_id is not None and row.parent_id in chosen):
            chosen.add(row.id)
    return [r for r in rows if r.id in chosen]


def combine(key: str, label: str, lines: list[ScoreLine]) -> ScoreLine:
    return ScoreLine(
        key,
        label,
        sum(x.met for x in lines),
        sum(x.failed for x in lines),
        sum(x.pending for x in lines),
    )


def compliance_for(row: CriterionRow, score: YearScore) -> tuple[str, ScoreLine]:
    """The disclosures a criterion is about, and their compliance; else the whole year's."""
    folded = search_key(row.name)
    groups = content_groups()
    for words, label, items, group_codes in TOPICS:
        if not any(re.search(rf"\b{re.escape(w)}\b", folded) for w in words):
            continue
        lines = [x for x in score.by_item if x.key in items]
        labels = {groups.get(g, g) for g in group_codes}
        lines += [x for x in score.by_group if x.key in labels]
        return label, combine(row.code, label, lines)
    return "Toàn bộ kế hoạch công khai", score.overall


class DisclosureIndexLink:
    def __init__(self, session_factory: sessionmaker[Session], disclosure: DisclosureService):
        self._sessions = session_factory
        self._disclosure = disclosure

    def criteria_link(
        self, year: int, *, today: date | None = None, score: YearScore | None = None
    ) -> IndexLink:
        """The year's "công khai, minh bạch" criteria with their scores and the compliance.

        ``score``: the year's disclosure score when the caller already has it (the area).
        """
        from services.plan.plans import PlanService
        from services.scores.assessments import AssessmentService
        from services.scores.frameworks import FrameworkService

        if score is None or score.year != year:
            score = self._disclosure.score(year, today=today)
        frameworks = FrameworkService(self._sessions)
        assessments = AssessmentService(self._sessions, PlanService(self._sessions))
        found: list[str] = []
        lines: list[CriterionLink] = []
        for index_key in INDEXES:
            framework = frameworks.find(index_key, year)
            if framework is None:
                continue
            found.append(f"{index_key} {year}")
            board = {line.criterion.id: line for line in assessments.scoreboard(framework.id).lines}
            for row in linked_criteria(frameworks.criteria(framework.id)):
                figures = board.get(row.id)
                basis, compliance = compliance_for(row, score)
                lines.append(
                    CriterionLink(
                        index_key=index_key,
                        framework_id=framework.id,
                        criterion_id=row.id,
                        code=row.code,
                        name=row.name,
                        depth=row.depth,
                        max_points=figures.max if figures else row.max_points,
                        self_score=figures.self_score if figures else row.self_score,
                        appraised_score=figures.appraised if figures else row.appraised_score,
                        basis=basis,
                        compliance=compliance,
                    )
                )
        return IndexLink(year, score.as_of, score.overall, tuple(lines), tuple(found))
