"""Bring a database to the schema this ParDesk expects, safely.

At start-up the common case is "already current": that is answered from the
``alembic_version`` table without importing Alembic at all. Only when something must change
is Alembic loaded; the SQLite file is first copied aside with SQLite's backup API, and a
database written by a newer ParDesk is refused and left untouched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from services.errors import DatabaseOpenError, NewerSchemaError
from services.store.db import Database
from services.store.paths import backups_dir

# The newest revision in services/store/migrations/versions; a test keeps the two in step.
HEAD_REVISION = "0023"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class SchemaOutcome:
    before: str | None  # None: a new, empty database
    after: str
    backup: Path | None
    # What this start tidied after an interrupted backup, restore or import (services.store.startup).
    tidied: tuple[str, ...] = ()

    @property
    def created(self) -> bool:
        return self.before is None


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if rows else None


def _alembic_config(connection: Connection):  # -> alembic.config.Config, imported lazily
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {rev.revision for rev in script.walk_revisions()}


def script_head() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have one head, found {heads}")
    return heads[0]


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy a live SQLite database consistently (WAL included) with the backup API."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return destination


def ensure_schema(db: Database) -> SchemaOutcome:
    """Migrate ``db`` to HEAD_REVISION; raise ``NewerSchemaError`` for a newer database."""
    with db.engine.connect() as connection:
        before = current_revision(connection)
        if before == HEAD_REVISION:
            return SchemaOutcome(before=before, after=before, backup=None)
        if before is None and inspect(connection).get_table_names():
            raise DatabaseOpenError(
                "Tệp này là cơ sở dữ liệu của một chương trình khác, không phải của ParDesk; "
                "tệp được giữ nguyên. Hãy chọn đúng tệp dữ liệu ParDesk."
            )
        if before is not None and before not in known_revisions():
            raise NewerSchemaError(
                f"Tệp dữ liệu được tạo bởi một phiên bản ParDesk mới hơn (lược đồ “{before}”). "
                "Hãy cập nhật ParDesk lên phiên bản mới nhất; tệp dữ liệu được giữ nguyên."
            )
    backup = None
    if before is not None and db.path is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = backups_dir(db.path) / f"truoc-nang-cap-{before}-{stamp}.sqlite"
        try:
            backup = backup_sqlite(db.path, target)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseOpenError(
                f"Không sao lưu được dữ liệu trước khi nâng cấp ({exc}); chưa thay đổi gì."
            ) from exc
    from alembic import command

    with db.engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
    return SchemaOutcome(before=before, after=HEAD_REVISION, backup=backup)
