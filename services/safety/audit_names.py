"""Names of the records the change log mentions, so every line of it reads in words.

The trail keeps ids as the database has them ("lead_unit_id": [2, 1], record 48 of
"plan_tasks"). A clerk knows a task by its STT and its text, a unit by its name, a report by its
kind and period, so the names are looked up when the log is read, not when it is written: the
flush listener stays cheap and a unit renamed since shows under its present name.

``load_names`` reads every name a page of the log needs with one query per kind of record (and
per 900 ids), never one per line, so a log of ten thousand lines opens as fast as a short one.
A record deleted since is named from the values the trail itself kept of it (its insert, edits
and delete entries); only a record the trail never saw reads "(đã xóa)".
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import Table, and_, or_, select
from sqlalchemy.orm import Session

import models
from models import AuditEntry
from services.plan.records import SectionNode, outline_numbers
from services.safety.audit import LABEL_FIELDS

GONE = "(đã xóa)"
_TEXT_START = 70  # the start of a task's text that names it
_CHUNK = 900  # ids per IN (...): under every database's limit on bound values
# Records whose name comes from another record: read first, then what they point at.
_FIRST = ("task_progress", "task_occurrences", "reports", "outgoing_documents")
_POINTS_AT = {
    "task_progress": ("task_id", "plan_tasks"),
    "task_occurrences": ("task_id", "plan_tasks"),
    "reports": ("plan_id", "plans"),
}


@cache
def references() -> dict[tuple[str, str], str]:
    """(table, field as the trail stores it) → the table its ids point at, from the models.

    Read from the mapped classes, so a foreign key added later is named without any list to
    keep up; many-to-many lists (a task's "partners") point at their related table.
    """
    found: dict[tuple[str, str], str] = {}
    for mapper in models.Base.registry.mappers:
        table = _name(mapper.persist_selectable)
        for attr in mapper.column_attrs:
            for column in attr.columns:
                for key in getattr(column, "foreign_keys", ()):
                    found[(table, attr.key)] = key.column.table.name
        for rel in mapper.relationships:
            if rel.secondary is not None and rel.uselist:
                found[(table, rel.key)] = _name(rel.mapper.persist_selectable)
    return found


def _name(selectable: object) -> str:
    return str(getattr(selectable, "name", selectable))


def short(text: object, length: int = _TEXT_START) -> str:
    words = " ".join(str(text or "").split())
    return words if len(words) <= length else words[: length - 1].rstrip() + "…"


def _day(value: object) -> str:
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, str) and len(value) >= 10:
        try:
            return f"{date.fromisoformat(value[:10]):%d/%m/%Y}"
        except ValueError:
            return value
    return str(value or "")


def _ids(value: object) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return [int(v) for v in values if isinstance(v, int) or (isinstance(v, str) and v.isdigit())]


@dataclass(frozen=True)
class RecordNames:
    """What a page of the log calls each record it mentions."""

    names: Mapping[tuple[str, int], str]
    gone: frozenset[tuple[str, int]]

    def record(self, table: str, record_id: str) -> str | None:
        if not record_id.isdigit():
            return None
        return self.names.get((table, int(record_id)))

    def value(self, table: str, field: str, value: object) -> str | None:
        """A stored id (or list of ids) as names; None when the field holds no ids."""
        target = references().get((table, field))
        if target is None or value is None or value == "" or isinstance(value, bool):
            return None
        ids = _ids(value)
        if not ids:
            return None if not isinstance(value, list) else ""
        return ", ".join(self._named(target, i) for i in ids)

    def _named(self, table: str, record_id: int) -> str:
        name = self.names.get((table, record_id))
        if name is None:
            return GONE
        return f"{name} {GONE}" if (table, record_id) in self.gone else name


NO_NAMES = RecordNames({}, frozenset())


def wanted_ids(entries: Iterable[tuple[str, str, dict]]) -> dict[str, set[int]]:
    """Every (table → ids) a set of trail entries (table, record id, changes) mentions."""
    wanted: dict[str, set[int]] = defaultdict(set)
    refs = references()
    for table, record_id, changes in entries:
        if record_id.isdigit():
            wanted[table].add(int(record_id))
        for field, pair in changes.items():
            target = refs.get((table, field))
            if target is not None and isinstance(pair, list):
                for value in pair:
                    wanted[target].update(_ids(value))
    return wanted


def load_names(session: Session, entries: Iterable[tuple[str, str, dict]]) -> RecordNames:
    wanted = wanted_ids(entries)
    if not wanted:
        return NO_NAMES
    return _Loader(session).load(wanted)


class _Loader:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.values: dict[tuple[str, int], Mapping] = {}
        self.gone: set[tuple[str, int]] = set()
        self.outlines: dict[int, str] = {}

    def load(self, wanted: dict[str, set[int]]) -> RecordNames:
        first = {t: ids for t, ids in wanted.items() if t in _FIRST}
        self._read(first)
        for table, (field, target) in _POINTS_AT.items():
            for (t, _id), values in self.values.items():
                if t == table:
                    wanted[target].update(_ids(values.get(field)))
        self._read({t: ids for t, ids in wanted.items() if t not in _FIRST})
        self._outline_tasks()
        names = {}
        for key, values in self.values.items():
            names[key] = self._describe(key[0], key[1], values)
        return RecordNames(names, frozenset(self.gone))

    # ----- reading ------------------------------------------------------------------------
    def _read(self, wanted: dict[str, set[int]]) -> None:
        """Live rows first (one query per table), then what the trail kept of the others."""
        missing: dict[str, set[int]] = {}
        for name, ids in wanted.items():
            table = models.Base.metadata.tables.get(name)
            if table is None or "id" not in table.c or not ids:
                continue
            found = set()
            for chunk in _chunks(sorted(ids)):
                for row in self.session.execute(select(table).where(table.c.id.in_(chunk))):
                    self.values[(name, row.id)] = row._mapping
                    found.add(row.id)
            if ids - found:
                missing[name] = ids - found
        if missing:
            self._read_trail(missing)

    def _read_trail(self, missing: dict[str, set[int]]) -> None:
        """The last values the trail holds of deleted records, in one query."""
        wanted = [
            and_(AuditEntry.table_name == name, AuditEntry.record_id.in_([str(i) for i in chunk]))
            for name, ids in missing.items()
            for chunk in _chunks(sorted(ids))
        ]
        stmt = (
            select(
                AuditEntry.table_name, AuditEntry.record_id, AuditEntry.action, AuditEntry.changes
            )
            .where(or_(*wanted))
            .order_by(AuditEntry.id)
        )
        kept: dict[tuple[str, int], dict] = {}
        for name, record_id, action, changes in self.session.execute(stmt):
            try:
                raw = json.loads(changes or "{}")
            except ValueError:
                continue
            values = kept.setdefault((name, int(record_id)), {})
            side = 0 if action == "delete" else 1
            for field, pair in raw.items():
                if isinstance(pair, list) and len(pair) == 2 and pair[side] is not None:
                    values[field] = pair[side]
        for key, values in kept.items():
            if values:
                self.values[key] = values
                self.gone.add(key)

    def _outline_tasks(self) -> None:
        """Tasks by the STT the plan table shows ("II.1.a"), over every plan they belong to."""
        tasks = {k[1]: v for k, v in self.values.items() if k[0] == "plan_tasks"}
        plan_ids = {v.get("plan_id") for v in tasks.values()} - {None}
        if not plan_ids:
            return
        sections_t = _table("plan_sections")
        tasks_t = _table("plan_tasks")
        sections = [
            SectionNode(r.id, r.parent_id, r.position, r.kind, r.label, r.title)
            for r in self.session.execute(
                select(sections_t).where(sections_t.c.plan_id.in_(sorted(plan_ids)))
            )
        ]
        live = list(
            self.session.execute(
                select(
                    tasks_t.c.id, tasks_t.c.section_id, tasks_t.c.position, tasks_t.c.label
                ).where(tasks_t.c.plan_id.in_(sorted(plan_ids)))
            )
        )
        self.outlines = dict(outline_numbers(sections, live))
        # A deleted task is numbered where it stood (its section and STT); its own number
        # only, so the live tasks' numbers are not disturbed by it.
        ghosts = [
            _Ghost(-task_id, v["section_id"], v.get("position") or 0, str(v.get("label") or ""))
            for task_id, v in tasks.items()
            if ("plan_tasks", task_id) in self.gone and isinstance(v.get("section_id"), int)
        ]
        if ghosts:
            for ghost_id, number in outline_numbers(sections, [*live, *ghosts]):
                if ghost_id < 0:
                    self.outlines[-ghost_id] = number

    # ----- naming -------------------------------------------------------------------------
    def _describe(self, table: str, record_id: int, v: Mapping) -> str:  # noqa: PLR0911
        if table == "plan_tasks":
            number = self.outlines.get(record_id) or str(v.get("label") or "").strip("-+• ")
            return f"{number} {short(v.get('text'))}".strip()
        if table in ("task_progress", "task_occurrences"):
            task = self._name_of("plan_tasks", v.get("task_id"))
            if table == "task_progress":
                return f"{task}, báo cáo ngày {_day(v.get('on_date'))}"
            return f"{task}, kỳ thứ {v.get('period')}"
        if table == "units":
            return str(v.get("name") or v.get("code") or "")
        if table == "plans":
            return f"Kế hoạch năm {v.get('year')}"
        if table == "reports":
            return self._report(v)
        if table == "outgoing_documents":
            return _outgoing(v)
        if table == "plan_sections":
            return short(f"{v.get('label') or ''} {v.get('title') or ''}")
        if table == "legal_documents":
            return short(f"{v.get('doc_type') or ''} {v.get('number_symbol') or ''}")
        return _generic(v)

    def _name_of(self, table: str, record_id: object) -> str:
        ids = _ids(record_id)
        values = self.values.get((table, ids[0])) if ids else None
        return GONE if values is None else self._describe(table, ids[0], values)

    def _report(self, v: Mapping) -> str:
        from services.documents.periods import period

        plan = self.values.get(("plans", v.get("plan_id") or 0))
        code = str(v.get("period") or "")
        try:
            if plan is None:
                return f"Báo cáo kỳ {code}"
            return f"Báo cáo {period(code, int(plan['year'])).label}"
        except Exception:  # an old code no longer understood: show it as stored
            return f"Báo cáo kỳ {code}"


@dataclass(frozen=True)
class _Ghost:
    id: int
    section_id: int
    position: int
    label: str


def _outgoing(v: Mapping) -> str:
    from services.documents.register import DOCUMENT_TYPES

    kind = DOCUMENT_TYPES.get(str(v.get("doc_type")), str(v.get("doc_type") or "Văn bản"))
    number = v.get("number")
    number_text = f"{number:02d}" if isinstance(number, int) else str(number or "")
    return f"{kind} số {number_text}/{v.get('symbol') or ''} ngày {_day(v.get('issued_on'))}"


def _generic(v: Mapping) -> str:
    for key in LABEL_FIELDS:
        value = v.get(key)
        if isinstance(value, str) and value.strip():
            return short(value, 120)
    return ""


def _table(name: str) -> Table:
    return models.Base.metadata.tables[name]


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]
