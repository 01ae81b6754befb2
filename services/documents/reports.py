"""Saved progress reports: the clerk's own words per plan and period, in the database.

Only the free text is stored (đánh giá chung, tồn tại hạn chế, phương hướng, kiến nghị,
recipients); figures always come fresh from the tasks, so regenerating a report after the
tasks change gives the current numbers with the same wording.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models import Plan, Report
from services.documents.periods import normalise_code
from services.errors import ConflictError, NotFoundError
from services.text import nfc


@dataclass(frozen=True)
class ReportText:
    """What a clerk writes for a report; paragraphs separated by newlines."""

    plan_id: int
    period: str
    summary: str = ""
    opening: str = ""
    assessment: str = ""
    limitations: str = ""
    directions: str = ""
    proposals: str = ""
    kinh_gui: str = ""
    recipients: str = ""
    id: int | None = None
    version: int = 0


_TEXT_FIELDS = (
    "summary",
    "opening",
    "assessment",
    "limitations",
    "directions",
    "proposals",
    "kinh_gui",
    "recipients",
)


def _text(row: Report) -> ReportText:
    values = {name: getattr(row, name) for name in _TEXT_FIELDS}
    return ReportText(row.plan_id, row.period, **values, id=row.id, version=row.version)


def _clean(text: str) -> str:
    return "\n".join(line for line in (nfc(x) for x in text.split("\n")) if line)


class ReportService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def get(self, plan_id: int, period: str) -> ReportText | None:
        code = normalise_code(period)
        with self._sessions() as session:
            row = session.scalars(
                select(Report).where(Report.plan_id == plan_id, Report.period == code)
            ).first()
            return _text(row) if row else None

    def list(self, plan_id: int) -> list[ReportText]:
        with self._sessions() as session:
            rows = session.scalars(
                select(Report).where(Report.plan_id == plan_id).order_by(Report.id)
            )
            return [_text(r) for r in rows]

    def save(self, text: ReportText) -> ReportText:
        """Create or update the report of (plan, period); a stale version is refused."""
        code = normalise_code(text.period)
        with self._sessions.begin() as session:
            if session.get(Plan, text.plan_id) is None:
                raise NotFoundError("Kế hoạch này không còn trong dữ liệu.")
            row = session.scalars(
                select(Report).where(Report.plan_id == text.plan_id, Report.period == code)
            ).first()
            if row is None:
                row = Report(plan_id=text.plan_id, period=code)
                session.add(row)
            elif text.version and row.version != text.version:
                raise ConflictError("Báo cáo đã được sửa ở nơi khác; hãy mở lại trước khi lưu.")
            for name in _TEXT_FIELDS:
                setattr(row, name, _clean(getattr(text, name)))
            session.flush()
            return _text(row)
