"""The audit trail: who changed which record, when, from what to what.

``install_audit(session_factory)`` registers one ``after_flush`` listener on the session
factory. It reads ``session.new/dirty/deleted`` and each attribute's history — still the
pre-flush state at that point — and inserts ``audit_log`` rows on the session's own
connection, so the trail is committed or rolled back together with the change. It covers every
mapped model, including ones added later, without any service having to remember to log.

Reading the trail is ``services.safety.audit_trail``. The acting user's name travels in ``session.info["actor"]``, set once on the factory with
``set_actor`` (the UI asks for it on first start; the command line uses the OS login).
"""

from __future__ import annotations

import getpass
import json
from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from models import AuditEntry
from services.safety.audit_labels import TABLE_LABELS
from services.text import nfc, search_key

ACTOR = "actor"
AUDIT_ENABLED = "audit"
_WRITTEN = "_audit_written"
# Bookkeeping columns that change with every save; they would only hide the real change.
_SKIPPED = {"created_at", "updated_at", "search_key", "version"}
# The first of these a record has names it in the log (legal documents by number and symbol,
# effect events and reviews by their text, postings by their place).
LABEL_FIELDS = (
    "title", "name", "text", "code", "label", "body_line2",
    "number_symbol", "summary", "by_text", "trigger_text", "article", "place", "content",
)  # fmt: skip
_LABEL_LENGTH = 120

ACTION_LABELS = {"insert": "Thêm", "update": "Sửa", "delete": "Xóa"}


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment (rare service accounts)
        return "không rõ"


def set_actor(session_factory: sessionmaker[Session], name: str) -> None:
    """Every session made by the factory from now on records ``name`` as the author.

    While an account is signed in (``services.accounts.access``) the trail names that account, whatever
    name is typed elsewhere.
    """
    info = dict(session_factory.kw.get("info") or {})
    account = info.get("account")
    if account is not None and getattr(account, "login", None):
        name = f"{account.full_name} ({account.login})"
    info[ACTOR] = nfc(name) or default_actor()
    session_factory.configure(info=info)


def current_actor(session_factory: sessionmaker[Session]) -> str:
    return (session_factory.kw.get("info") or {}).get(ACTOR) or default_actor()


def install_audit(session_factory: sessionmaker[Session]) -> None:
    # A mark on the factory itself: ``event.contains`` keys its registry by ``id()`` of the
    # factory's session class, so a new factory at a recycled address looks "already done".
    if not getattr(session_factory, "_pardesk_audit", False):
        session_factory._pardesk_audit = True  # type: ignore[attr-defined]
        event.listen(session_factory, "after_flush", _after_flush)
        event.listen(session_factory, "after_transaction_end", _forget_written)
        event.listen(session_factory, "do_orm_execute", _bulk_statement)
    if ACTOR not in (session_factory.kw.get("info") or {}):
        set_actor(session_factory, default_actor())


def _jsonable(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} byte>"
    return str(value)


def _identity(obj: object) -> str:
    mapper = inspect(obj).mapper
    values = mapper.primary_key_from_instance(obj)
    return "/".join("" if v is None else str(v) for v in values)


def _label(state) -> str:
    for key in LABEL_FIELDS:
        value = state.dict.get(key)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= _LABEL_LENGTH else text[: _LABEL_LENGTH - 1] + "…"
    return ""


def _related_ids(objects) -> list[str]:
    return sorted(_identity(o) for o in objects if o is not None)


# Columns whose values never enter the log: a password hash is logged only as "changed".
SECRET_COLUMNS = frozenset({"password_hash"})
SECRET_MARK = "(đã thay đổi)"


def _changes(obj: object, action: str) -> dict[str, list]:
    state = inspect(obj)
    changes: dict[str, list] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIPPED or any(c.primary_key for c in attr.columns):
            continue
        if action == "update":
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old == new:
                continue
            changes[key] = [_jsonable(old), _jsonable(new)]
            if key in SECRET_COLUMNS:
                changes[key] = [None, SECRET_MARK]
        else:
            value = _jsonable(state.dict.get(key))
            if key in SECRET_COLUMNS and value:
                value = SECRET_MARK
            if value not in (None, ""):
                changes[key] = [None, value] if action == "insert" else [value, None]
    for rel in state.mapper.relationships:
        if rel.secondary is None or not rel.uselist:
            continue  # many-to-one changes show as their foreign-key column
        history = state.attrs[rel.key].history
        if action == "update" and (history.added or history.deleted):
            changes[rel.key] = [_related_ids(history.deleted), _related_ids(history.added)]
        elif action == "insert" and history.added:
            changes[rel.key] = [None, _related_ids(history.added)]
    return changes


def _entry(obj: object, action: str, actor: str, now: datetime) -> dict | None:
    if isinstance(obj, AuditEntry):
        return None
    changes = _changes(obj, action)
    if action == "update" and not changes:
        return None
    state = inspect(obj)
    table = state.mapper.persist_selectable.name
    label = _label(state)
    return {
        "_changes": changes,
        "at": now,
        "actor": actor,
        "action": action,
        "table_name": table,
        "record_id": _identity(obj),
        "record_label": label,
        "changes": json.dumps(changes, ensure_ascii=False),
        "search_key": _search_words(actor, label, table, action, changes),
    }


def _search_words(actor: str, label: str, table: str, action: str, changes: dict) -> str:
    words = [actor, label, TABLE_LABELS.get(table, table), ACTION_LABELS[action]]
    for old, new in changes.values():
        words.extend(str(v) for v in (old, new) if v not in (None, ""))
    return search_key(*words)[:4000]


def _after_flush(session: Session, _context) -> None:
    """Write (or extend) one trail row per record per transaction.

    A service transaction may flush several times (autoflush before a query); the changes of
    one record within one transaction are merged into a single row, keeping the first old
    value and the last new one.
    """
    if session.info.get(AUDIT_ENABLED) is False:
        return
    actor = session.info.get(ACTOR) or default_actor()
    now = datetime.now().replace(microsecond=0)
    written: dict[tuple[str, str], tuple[int, str, dict]] = session.info.setdefault(_WRITTEN, {})
    connection = session.connection()
    table = cast(Table, AuditEntry.__table__)  # __table__ is typed as FromClause
    for action, objects in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            row = _entry(obj, action, actor, now)
            if row is None:
                continue
            key = (row["table_name"], row["record_id"])
            prior = written.get(key)
            if action == "update" and prior is not None and prior[1] != "delete":
                entry_id, prior_action, changes = prior
                for name, (old, new) in row.pop("_changes").items():
                    first_old = changes[name][0] if name in changes else old
                    changes[name] = [first_old, new]
                    if prior_action == "update" and first_old == new:
                        del changes[name]
                connection.execute(
                    table.update()
                    .where(table.c.id == entry_id)
                    .values(
                        changes=json.dumps(changes, ensure_ascii=False),
                        record_label=row["record_label"],
                        search_key=_search_words(
                            actor, row["record_label"], key[0], prior_action, changes
                        ),
                    )
                )
                continue
            changes = row.pop("_changes")
            result = connection.execute(insert(table).values(**row))
            inserted = result.inserted_primary_key
            if inserted is None:
                raise RuntimeError("audit insert returned no primary key")
            written[key] = (inserted[0], action, changes)


def _sql(clause) -> str:
    try:
        return str(clause.compile(compile_kwargs={"literal_binds": True}))
    except Exception:  # a value with no literal form: the shape of the condition is enough
        return str(clause)


def _bulk_statement(state):
    """ORM bulk ``update(Model)``/``delete(Model)`` bypass the flush: log them as one row."""
    if not (state.is_update or state.is_delete) or state.session.info.get(AUDIT_ENABLED) is False:
        return None
    result = state.invoke_statement()
    if not result.rowcount:
        return result
    statement = state.statement
    table_name = getattr(statement.table, "name", str(statement.table))
    action = "update" if state.is_update else "delete"
    changes: dict[str, list] = {}
    for column, value in (getattr(statement, "_values", None) or {}).items():
        key = getattr(column, "key", str(column))
        changes[key] = [None, _jsonable(getattr(value, "value", str(value)))]
    where = getattr(statement, "whereclause", None)
    count = f"{result.rowcount} bản ghi" if result.rowcount > 0 else "nhiều bản ghi"
    label = count + (f" ({_sql(where)})" if where is not None else "")
    actor = state.session.info.get(ACTOR) or default_actor()
    state.session.connection().execute(
        insert(cast(Table, AuditEntry.__table__)).values(
            at=datetime.now().replace(microsecond=0),
            actor=actor,
            action=action,
            table_name=table_name,
            record_id="*",
            record_label=label[:500],
            changes=json.dumps(changes, ensure_ascii=False),
            search_key=_search_words(actor, label, table_name, action, changes),
        )
    )
    return result


def _forget_written(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WRITTEN, None)
