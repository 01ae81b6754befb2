"""Criterion ↔ plan task links, both ways (the task editor asks ``criteria_for_task``).

A mixin of ``AssessmentService``: it needs ``self._sessions`` and ``self._plans``. The plan's
free-text "Tiêu chí" field (PlanTask.criteria_codes) stays as it is; ``link_by_code`` turns
those codes into real links on request.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from models import Criterion, IndexFramework, PlanTask, criterion_task_links
from services.errors import NotFoundError
from services.plan.plans import PlanService, TaskRow
from services.scores.dto import INDEXES, LinkedCriterion
from services.scores.rows import get_criterion, order_tree


class TaskLinks:
    _sessions: sessionmaker[Session]
    _plans: PlanService

    def link(self, criterion_id: int, task_id: int) -> None:
        with self._sessions.begin() as session:
            get_criterion(session, criterion_id)
            if session.get(PlanTask, task_id) is None:
                raise NotFoundError("Nhiệm vụ này không còn trong dữ liệu.")
            exists = session.scalar(
                select(func.count()).where(
                    criterion_task_links.c.criterion_id == criterion_id,
                    criterion_task_links.c.task_id == task_id,
                )
            )
            if not exists:
                session.execute(
                    insert(criterion_task_links).values(criterion_id=criterion_id, task_id=task_id)
                )

    def unlink(self, criterion_id: int, task_id: int) -> None:
        with self._sessions.begin() as session:
            session.execute(
                delete(criterion_task_links).where(
                    criterion_task_links.c.criterion_id == criterion_id,
                    criterion_task_links.c.task_id == task_id,
                )
            )

    def criteria_for_task(self, task_id: int) -> list[LinkedCriterion]:
        """For the task editor: every criterion (any index, any year) the task is linked to."""
        with self._sessions() as session:
            rows = session.execute(
                select(Criterion, IndexFramework.index_key, IndexFramework.year)
                .join(criterion_task_links, criterion_task_links.c.criterion_id == Criterion.id)
                .join(IndexFramework, IndexFramework.id == Criterion.framework_id)
                .where(criterion_task_links.c.task_id == task_id)
                .order_by(IndexFramework.index_key, IndexFramework.year, Criterion.code)
            ).all()
            return [
                LinkedCriterion(c.id, c.framework_id, key, year, c.code, c.name)
                for c, key, year in rows
            ]

    def criteria_choices(self, year: int) -> list[LinkedCriterion]:
        """For the task editor's picker: every criterion of that year's PAR, PAPI and SIPAS,
        index by index in tree order."""
        with self._sessions() as session:
            frameworks = session.scalars(
                select(IndexFramework).where(IndexFramework.year == year)
            ).all()
            order = list(INDEXES)
            frameworks = sorted(
                frameworks,
                key=lambda f: (order.index(f.index_key) if f.index_key in order else 9, f.id),
            )
            result = []
            for f in frameworks:
                rows = session.scalars(select(Criterion).where(Criterion.framework_id == f.id))
                result += [
                    LinkedCriterion(c.id, f.id, f.index_key, f.year, c.code, c.name)
                    for c in order_tree(list(rows))
                ]
            return result

    def set_task_links(self, task_id: int, criterion_ids: Iterable[int]) -> None:
        """Make the task's criterion links exactly ``criterion_ids`` (the task editor's save,
        and its undo), in one transaction; an unknown criterion or task changes nothing."""
        wanted = set(criterion_ids)
        with self._sessions.begin() as session:
            if session.get(PlanTask, task_id) is None:
                raise NotFoundError("Nhiệm vụ này không còn trong dữ liệu.")
            for criterion_id in sorted(wanted):
                get_criterion(session, criterion_id)
            have = set(
                session.scalars(
                    select(criterion_task_links.c.criterion_id).where(
                        criterion_task_links.c.task_id == task_id
                    )
                )
            )
            if have - wanted:
                session.execute(
                    delete(criterion_task_links).where(
                        criterion_task_links.c.task_id == task_id,
                        criterion_task_links.c.criterion_id.in_(have - wanted),
                    )
                )
            if wanted - have:
                session.execute(
                    insert(criterion_task_links),
                    [{"criterion_id": c, "task_id": task_id} for c in sorted(wanted - have)],
                )

    def tasks_for_criterion(self, criterion_id: int) -> list[TaskRow]:
        with self._sessions() as session:
            ids = set(
                session.scalars(
                    select(criterion_task_links.c.task_id).where(
                        criterion_task_links.c.criterion_id == criterion_id
                    )
                )
            )
        return self._task_rows(ids)

    def covering_tasks(self, criterion_id: int) -> list[tuple[str, TaskRow]]:
        """Tasks linked to the criterion or to one of its parents, with the code they sit on.

        A task tagged on a field ("PAR.2") works for every criterion under it, which is how
        the gap list counts coverage too.
        """
        with self._sessions() as session:
            chain: list[tuple[int, str]] = []
            row: Criterion | None = get_criterion(session, criterion_id)
            while row is not None:
                chain.append((row.id, row.code))
                row = session.get(Criterion, row.parent_id) if row.parent_id else None
            pairs = session.execute(
                select(criterion_task_links.c.criterion_id, criterion_task_links.c.task_id).where(
                    criterion_task_links.c.criterion_id.in_([c for c, _code in chain])
                )
            ).all()
        codes = dict(chain)
        rows = {t.id: t for t in self._task_rows({t for _c, t in pairs})}
        order = {c: i for i, (c, _code) in enumerate(chain)}
        pairs = sorted(pairs, key=lambda p: (order[p[0]], rows[p[1]].order if p[1] in rows else 0))
        return [(codes[c], rows[t]) for c, t in pairs if t in rows]

    def _task_rows(self, ids: set[int]) -> list[TaskRow]:
        if not ids:
            return []
        with self._sessions() as session:
            plan_ids = set(session.scalars(select(PlanTask.plan_id).where(PlanTask.id.in_(ids))))
        return [t for p in sorted(plan_ids) for t in self._plans.tasks(p) if t.id in ids]

    def link_by_code(self, framework_id: int) -> int:
        """Link the tasks of that year's plan whose "Tiêu chí" field names a criterion code.

        A task's free-text codes (PlanTask.criteria_codes) are matched, case-insensitively,
        against each criterion's code and aliases; returns how many new links were made.
        """
        with self._sessions() as session:
            framework = session.get(IndexFramework, framework_id)
            if framework is None:
                raise NotFoundError("Bộ tiêu chí này không còn trong dữ liệu.")
            year = framework.year
            codes: dict[str, int] = {}
            for c in session.scalars(
                select(Criterion).where(Criterion.framework_id == framework_id)
            ):
                for key in [c.code, *c.aliases.split(",")]:
                    if key.strip():
                        codes.setdefault(key.strip().casefold(), c.id)
        plan = self._plans.plan_for_year(year)
        if plan is None:
            return 0
        wanted = {
            (codes[code.casefold()], task.id)
            for task in self._plans.tasks(plan.id)
            for code in task.criteria
            if code.casefold() in codes
        }
        with self._sessions.begin() as session:
            existing = {
                (c, t)
                for c, t in session.execute(
                    select(criterion_task_links.c.criterion_id, criterion_task_links.c.task_id)
                ).all()
            }
            new = sorted(wanted - existing)
            if new:
                session.execute(
                    insert(criterion_task_links),
                    [{"criterion_id": c, "task_id": t} for c, t in new],
                )
        return len(new)
