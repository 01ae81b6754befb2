"""Reading the audit trail: rows for the log and for one record's history, conflict messages.

The trail is written by ``services.safety.audit`` (flush events); this module only reads it and
renders stored codes and column names in Vietnamese.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from models import AuditEntry
from services.safety import audit_labels as _labels
from services.safety.audit import current_actor, set_actor
from services.safety.audit_export import write_audit_xlsx
from services.safety.audit_names import RecordNames, load_names
from services.safety.audit_rows import AuditRow, FieldChange
from services.text import search_key

EMPTY = "(trống)"
_SEARCH_PAGE = 2000
FIELD_LABELS = _labels.FIELD_LABELS  # kept for readers of the old name


def _display(value: object, field: str, table: str, names: RecordNames, at: int) -> str:
    label = _labels.value_label(table, field, value)
    if label:
        return label
    named = names.value(table, field, value, at)
    if named is not None:
        return named
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return _date_text(value)
    return str(value)


def _date_text(value: str) -> str:
    """ISO dates and times as the program writes them elsewhere: dd/mm/yyyy (HH:MM)."""
    try:
        if len(value) == 10:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return value


def _raw_changes(entry: AuditEntry) -> dict:
    try:
        raw = json.loads(entry.changes or "{}")
    except ValueError:
        return {}
    return raw if isinstance(raw, dict) else {}


def _shown(table: str, field: str, pair: list, action: str) -> bool:
    """Lines a clerk can read something from: a progress entry for the task as a whole
    (period 0) has no period worth a line, and the order number a record is sorted by says
    something only when it moved."""
    if field == "position":
        return action == "update"
    return not (table == "task_progress" and field == "period" and not any(pair))


def _row(entry: AuditEntry, raw: dict, names: RecordNames) -> AuditRow:
    table = entry.table_name
    empty = EMPTY if entry.action == "update" and entry.record_id != "*" else ""
    changes = tuple(
        FieldChange(
            key,
            _labels.field_label(table, key),
            _display(pair[0], key, table, names, entry.id) or empty,
            _display(pair[1], key, table, names, entry.id) or empty,
        )
        for key, pair in raw.items()
        if isinstance(pair, list) and len(pair) == 2 and _shown(table, key, pair, entry.action)
    )
    return AuditRow(
        entry.id,
        entry.at,
        entry.actor,
        entry.action,
        table,
        entry.record_id,
        names.record(table, entry.record_id, entry.id) or _bulk_label(entry) or entry.record_label,
        changes,
    )


def _bulk_label(entry: AuditEntry) -> str:
    """ "12 bản ghi (holidays.year = 2025)" with the column in words: "(Năm = 2025)"."""
    if entry.record_id != "*":
        return ""
    return re.sub(
        rf"\b{re.escape(entry.table_name)}\.(\w+)",
        lambda m: _labels.field_label(entry.table_name, m.group(1)),
        entry.record_label or "",
    )


def rows_of(session: Session, entries: Sequence[AuditEntry]) -> list[AuditRow]:
    """Trail entries as the log shows them, every id named (one query per kind of record)."""
    raws = [_raw_changes(e) for e in entries]
    names = load_names(
        session, [(e.table_name, e.record_id, raw) for e, raw in zip(entries, raws, strict=True)]
    )
    return [_row(e, raw, names) for e, raw in zip(entries, raws, strict=True)]


def _matches(row: AuditRow, words: list[str]) -> bool:
    key = search_key(row.actor, row.action_label, row.table_label, row.record_label, row.summary)
    return all(word in key for word in words)


class AuditService:
    """Read the trail; writing happens by itself through the flush listener."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    @property
    def actor(self) -> str:
        return current_actor(self._sessions)

    def set_actor(self, name: str) -> None:
        set_actor(self._sessions, name)

    def entries(
        self,
        query: str = "",
        *,
        table: str | None = None,
        record_id: str | int | None = None,
        limit: int = 5000,
    ) -> list[AuditRow]:
        """Newest first; ``query`` matches every word, accents ignored, in the words shown
        (names of units and tasks, not the ids the trail stores)."""
        stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
        if table is not None:
            stmt = stmt.where(AuditEntry.table_name == table)
        if record_id is not None:
            stmt = stmt.where(AuditEntry.record_id == str(record_id))
        words = search_key(query).split()
        with self._sessions() as session:
            if not words:
                return rows_of(session, list(session.scalars(stmt.limit(limit))))
            found: list[AuditRow] = []
            before: int | None = None
            while len(found) < limit:  # page back through the trail until enough match
                page = stmt if before is None else stmt.where(AuditEntry.id < before)
                entries = list(session.scalars(page.limit(_SEARCH_PAGE)))
                if not entries:
                    break
                found.extend(r for r in rows_of(session, entries) if _matches(r, words))
                before = entries[-1].id
            return found[:limit]

    def history(self, table: str, record_id: str | int) -> list[AuditRow]:
        return self.entries(table=table, record_id=record_id)

    def history_of(
        self, records: list[tuple[str, str | int]], *, limit: int = 5000
    ) -> list[AuditRow]:
        """Changes of several records together (a document and its events...), newest first."""
        if not records:
            return []
        wanted = [
            and_(AuditEntry.table_name == table, AuditEntry.record_id == str(record_id))
            for table, record_id in records
        ]
        stmt = select(AuditEntry).where(or_(*wanted)).order_by(AuditEntry.id.desc()).limit(limit)
        with self._sessions() as session:
            return rows_of(session, list(session.scalars(stmt)))

    def last_change(self, table: str, record_id: str | int) -> AuditRow | None:
        found = self.entries(table=table, record_id=record_id, limit=1)
        return found[0] if found else None

    def last_id(self) -> int | None:
        with self._sessions() as session:
            return session.scalar(select(func.max(AuditEntry.id)))

    def export_xlsx(self, path: Path, rows: list[AuditRow]) -> Path:
        return write_audit_xlsx(Path(path), rows)


def last_change_in(session: Session, table: str, record_id: str | int) -> AuditRow | None:
    """The newest trail entry of a record, read inside an open session (for conflicts)."""
    entry = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.table_name == table, AuditEntry.record_id == str(record_id))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    return rows_of(session, [entry])[0] if entry else None


def conflict_message(session: Session, table: str, record_id: int, noun: str, fallback) -> str:
    """“<Noun> đã được người khác sửa: <who>, lúc HH:MM ngày dd/mm/yyyy (what)…”."""
    last = last_change_in(session, table, record_id)
    if last is not None:
        who, when = f"{last.actor}, ", last.at
        what = f" ({last.summary})" if last.summary else ""
    else:
        who, when, what = "", fallback, ""
    stamp = f"lúc {when:%H:%M} ngày {when:%d/%m/%Y}" if when else "vừa rồi"
    return (
        f"{noun} đã được người khác sửa: {who}{stamp}{what}. Hãy tải lại để xem bản mới, "
        "hoặc chọn lưu đè bằng nội dung của anh/chị."
    )
