"""Open a database for use: pre-flight checks, backup-then-migrate, sample data when new."""

from __future__ import annotations

from pathlib import Path

from services.errors import DatabaseOpenError
from services.store.db import Database, open_database
from services.store.schema import SchemaOutcome, ensure_schema


def prepare_database(target: str | Path, *, sample: bool = True) -> tuple[Database, SchemaOutcome]:
    """Return a ready database; a new one gets the built-in sample plan unless ``sample=False``.

    Every known failure is a ``DatabaseOpenError`` with a Vietnamese message, and the file is
    left as it was.
    """
    db = open_database(target)
    try:
        outcome = ensure_schema(db)
        if outcome.created and sample:
            from services.plan.sample_data import load_sample

            load_sample(db.session_factory)
    except DatabaseOpenError:
        db.dispose()
        raise
    except Exception as exc:
        db.dispose()
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError) and "locked" in str(exc).lower():
            raise DatabaseOpenError(
                "Tệp dữ liệu đang bị một chương trình khác khóa; hãy đóng chương trình đó rồi thử lại."
            ) from exc
        raise
    return db, outcome
