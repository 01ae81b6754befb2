"""Reading the audit trail: rows for the log and for one record's history, conflict messages.

The trail is written by ``services.safety.audit`` (flush events); this module only reads it and
renders stored codes and column names in Vietnamese.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from models import AuditEntry
from services.safety import audit_labels as _labels
from services.safety.audit import current_actor, set_actor
from services.safety.audit_export import write_audit_xlsx
from services.safety.audit_rows import AuditRow, FieldChange
from services.text import search_key

EMPTY = "(trống)"
FIELD_LABELS = _labels.FIELD_LABELS  # kept for readers of the old name


def _display(value: object, field: str = "", table: str = "") -> str:
    label = _labels.value_label(table, field, value)
    if label:
        return label
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def _row(entry: AuditEntry) -> AuditRow:
    try:
        raw = json.loads(entry.changes or "{}")
    except ValueError:
        raw = {}
    empty = EMPTY if entry.action == "update" and entry.record_id != "*" else ""
    changes = tuple(
        FieldChange(
            key,
            _labels.field_label(entry.table_name, key),
            _display(pair[0], key, entry.table_name) or empty,
            _display(pair[1], key, entry.table_name) or empty,
        )
        for key, pair in raw.items()
        if isinstance(pair, list) and len(pair) == 2
    )
    return AuditRow(
        entry.id,
        entry.at,
        entry.actor,
        entry.action,
        entry.table_name,
        entry.record_id,
        entry.record_label,
        changes,
    )


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
        """Newest first; ``query`` matches every word, accents ignored, in any field."""
        stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        for word in search_key(query).split():
            stmt = stmt.where(
                or_(
                    AuditEntry.search_key.contains(word, autoescape=True),
                    AuditEntry.record_id == word,
                )
            )
        if table is not None:
            stmt = stmt.where(AuditEntry.table_name == table)
        if record_id is not None:
            stmt = stmt.where(AuditEntry.record_id == str(record_id))
        with self._sessions() as session:
            return [_row(e) for e in session.scalars(stmt)]

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
            return [_row(e) for e in session.scalars(stmt)]

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
    return _row(entry) if entry else None


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
