"""Units of the ward office (bộ phận) that lead or support tasks."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from models import PlanTask, Unit, task_partners
from services.errors import NotFoundError, Problem, UserError, ValidationError
from services.text import nfc
from services.vocab import UNIT_KINDS


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    kind: str
    position: int
    active: bool

    @property
    def display(self) -> str:
        return f"{self.code} – {self.name}"


def _info(row: Unit) -> UnitInfo:
    return UnitInfo(row.id, row.code, row.name, row.kind, row.position, row.active)


def validate_unit(code: str, name: str, kind: str) -> list[Problem]:
    problems = []
    if not code:
        problems.append(Problem("Mã bộ phận", "không được để trống."))
    elif " " in code or len(code) > 20:
        problems.append(Problem("Mã bộ phận", "viết liền, không quá 20 ký tự (ví dụ: VP, TP)."))
    if not name:
        problems.append(Problem("Tên bộ phận", "không được để trống."))
    if kind not in UNIT_KINDS:
        problems.append(Problem("Loại", f"“{kind}” không phải loại bộ phận đã biết."))
    return problems


class UnitService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def list(self, *, include_inactive: bool = True) -> list[UnitInfo]:
        with self._sessions() as session:
            query = select(Unit).order_by(Unit.position, Unit.code)
            if not include_inactive:
                query = query.where(Unit.active.is_(True))
            return [_info(u) for u in session.scalars(query)]

    def by_code(self) -> dict[str, UnitInfo]:
        return {u.code: u for u in self.list()}

    def create(self, code: str, name: str, kind: str = "office") -> UnitInfo:
        code, name = nfc(code).upper(), nfc(name)
        problems = validate_unit(code, name, kind)
        if problems:
            raise ValidationError(problems)
        with self._sessions.begin() as session:
            if session.scalar(select(Unit.id).where(Unit.code == code)):
                raise ValidationError([Problem("Mã bộ phận", f"“{code}” đã có.")])
            last = session.scalar(select(func.max(Unit.position))) or 0
            row = Unit(code=code, name=name, kind=kind, position=last + 1, active=True)
            session.add(row)
            session.flush()
            return _info(row)

    def update(self, unit_id: int, *, name: str, kind: str, active: bool) -> UnitInfo:
        name = nfc(name)
        with self._sessions.begin() as session:
            row = session.get(Unit, unit_id)
            if row is None:
                raise NotFoundError("Bộ phận này không còn trong dữ liệu.")
            problems = validate_unit(row.code, name, kind)
            if problems:
                raise ValidationError(problems)
            row.name, row.kind, row.active = name, kind, active
            return _info(row)

    def delete(self, unit_id: int) -> None:
        """Delete a unit no task uses; a unit in use can only be deactivated."""
        with self._sessions.begin() as session:
            row = session.get(Unit, unit_id)
            if row is None:
                return
            used = session.scalar(
                select(func.count())
                .select_from(PlanTask)
                .outerjoin(task_partners, task_partners.c.task_id == PlanTask.id)
                .where(or_(PlanTask.lead_unit_id == unit_id, task_partners.c.unit_id == unit_id))
            )
            if used:
                raise UserError(
                    f"Bộ phận “{row.code}” đang được giao {used} nhiệm vụ nên không xóa được; "
                    "hãy chuyển sang “Ngừng sử dụng”."
                )
            session.delete(row)
