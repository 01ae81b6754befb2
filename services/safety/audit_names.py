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
from dataclasses import dataclass, field
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
    """What a page of the log calls each record it mentions.

    SQLite gives the id of a deleted last row to the next one, so an id names different
    records over time: ``earlier`` holds, per id, the names of the records that had it before
    (each with the trail entry that deleted it), and a line of the log gets the record that
    had the id when the line was written.
    """

    names: Mapping[tuple[str, int], str]
    gone: frozenset[tuple[str, int]]
    earlier: Mapping[tuple[str, int], tuple[tuple[int, str], ...]] = field(default_factory=dict)

    def record(self, table: str, record_id: str, at: int | None = None) -> str | None:
        if not record_id.isdigit():
            return None
        key = (table, int(record_id))
        then = self._then(key, at, inclusive=True)
        return then if then is not None else self.names.get(key)

    def value(self, table: str, field: str, value: object, at: int | None = None) -> str | None:
        """A stored id (or list of ids) as names; None when the field holds no ids."""
        target = references().get((table, field))
        if target is None or value is None or value == "" or isinstance(value, bool):
            return None
        ids = _ids(value)
        if not ids:
            return None if not isinstance(value, list) else ""
        return ", ".join(self._named(target, i, at) for i in ids)

    def _then(self, key: tuple[str, int], at: int | None, *, inclusive: bool) -> str | None:
        if at is None:
            return None
        for deleted_by, name in self.earlier.get(key, ()):
            if at < deleted_by or (inclusive and at == deleted_by):
                return name
        return None

    def _named(self, table: str, record_id: int, at: int | None) -> str:
        key = (table, record_id)
        then = self._then(key, at, inclusive=False)
        if then is not None:
            return f"{then} {GONE}"
        name = self.names.get(key)
        if name is None:
            return GONE
        return f"{name} {GONE}" if key in self.gone else name


NO_NAMES = RecordNames({}, frozenset())


def wanted_ids(entries: Iterable[tuple[str, str, dict]]) -> dict[str, set[int]]:
    """Every (table → ids) a set of trail entries (table, record id, changes) mentions."""
    wanted: dict[str, set[int]] = defaultdict(set)
    refs = references()
    for table, record_id, changes in entries:
        if record_id.isdigit():
            wanted[table].add(int(record_id))
        for column, pair in changes.items():
            target = refs.get((table, column))
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
        self.earlier: dict[tuple[str, int], list[tuple[int, Mapping]]] = defaultdict(list)
        self.outlines: dict[int, str] = {}
        self.dead_tasks: set[int] = set()

    def load(self, wanted: dict[str, set[int]]) -> RecordNames:
        first = {t: ids for t, ids in wanted.items() if t in _FIRST}
        self._read(first)
        for table, (pointer, target) in _POINTS_AT.items():
            for (t, _id), values in self.values.items():
                if t == table:
                    wanted[target].update(_ids(values.get(pointer)))
        self._read({t: ids for t, ids in wanted.items() if t not in _FIRST})
        self._outline_tasks()
        names = {key: self._describe(*key, values) for key, values in self.values.items()}
        earlier = {
            key: tuple(
                (deleted_by, self._describe(*key, v, numbered=key[1] in self.dead_tasks))
                for deleted_by, v in lives
            )
            for key, lives in self.earlier.items()
        }
        return RecordNames(names, frozenset(self.gone), earlier)

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
        deleted = self._deleted(wanted)
        for name, ids in missing.items():
            deleted.update((name, i) for i in ids)
        if deleted:
            self._read_trail(deleted)

    def _deleted(self, wanted: dict[str, set[int]]) -> set[tuple[str, int]]:
        """Which of the wanted ids the trail saw deleted (rare: one small query)."""
        if not wanted:
            return set()
        stmt = select(AuditEntry.table_name, AuditEntry.record_id).where(
            AuditEntry.action == "delete", _any_of(wanted)
        )
        return {(name, int(rid)) for name, rid in self.session.execute(stmt) if rid.isdigit()}

    def _read_trail(self, keys: set[tuple[str, int]]) -> None:
        """What the trail holds of records deleted (all their lives), in one query."""
        by_table: dict[str, set[int]] = defaultdict(set)
        for name, record_id in keys:
            by_table[name].add(record_id)
        stmt = (
            select(
                AuditEntry.id,
                AuditEntry.table_name,
                AuditEntry.record_id,
                AuditEntry.action,
                AuditEntry.changes,
            )
            .where(_any_of(by_table))
            .order_by(AuditEntry.id)
        )
        open_lives: dict[tuple[str, int], dict] = {}
        for entry_id, name, rid, action, changes in self.session.execute(stmt):
            try:
                raw = json.loads(changes or "{}")
            except ValueError:
                continue
            key = (name, int(rid))
            values = open_lives.setdefault(key, {})
            side = 0 if action == "delete" else 1
            for column, pair in raw.items():
                if isinstance(pair, list) and len(pair) == 2 and pair[side] is not None:
                    values[column] = pair[side]
            if action == "delete":
                self.earlier[key].append((entry_id, open_lives.pop(key)))
        for key in keys:
            if key in self.values:
                continue  # alive again under the same id: the earlier lives are in `earlier`
            if open_lives.get(key):  # deleted without a trail entry saying so
                self.values[key] = open_lives[key]
                self.gone.add(key)
            # else: after its last logged delete the id names a record the trail never saw

    def _outline_tasks(self) -> None:
        """Tasks by the STT the plan table shows ("II.1.a"), over every plan they belong to."""
        tasks = {k[1]: v for k, v in self.values.items() if k[0] == "plan_tasks"}
        for (table, task_id), lives in self.earlier.items():  # deleted, numbered as it last stood
            if table == "plan_tasks" and task_id not in tasks and lives:
                tasks[task_id] = lives[-1][1]
                self.dead_tasks.add(task_id)
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
            if (("plan_tasks", task_id) in self.gone or task_id in self.dead_tasks)
            and isinstance(v.get("section_id"), int)
        ]
        if ghosts:
            for ghost_id, number in outline_numbers(sections, [*live, *ghosts]):
                if ghost_id < 0:
                    self.outlines[-ghost_id] = number

    # ----- naming -------------------------------------------------------------------------
    def _describe(  # noqa: PLR0911
        self, table: str, record_id: int, v: Mapping, *, numbered: bool = True
    ) -> str:
        if table == "plan_tasks":
            number = (numbered and self.outlines.get(record_id)) or str(v.get("label") or "").strip(
                "-+• "
            )
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
        if not ids:
            return GONE
        key = (table, ids[0])
        values = self.values.get(key)
        if values is None and self.earlier.get(key):  # deleted since: as it last stood
            values = self.earlier[key][-1][1]
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


def _any_of(wanted: Mapping[str, set[int]]):
    return or_(
        *(
            and_(AuditEntry.table_name == name, AuditEntry.record_id.in_([str(i) for i in chunk]))
            for name, ids in wanted.items()
            for chunk in _chunks(sorted(ids))
        )
    )


def _table(name: str) -> Table:
    return models.Base.metadata.tables[name]


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]
