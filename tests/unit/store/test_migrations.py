"""Migrations: empty → head equals the models; old files upgrade; newer files are refused."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import models
from services.errors import DatabaseOpenError, NewerSchemaError
from services.store.db import open_database
from services.store.schema import HEAD_REVISION, current_revision, ensure_schema, script_head
from services.store.startup import prepare_database

DATA = Path(__file__).resolve().parents[2] / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_head_constant_matches_the_migration_scripts():
    assert HEAD_REVISION == script_head()


def test_empty_database_migrated_to_head_matches_the_models(empty_template):
    db = open_database(empty_template)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), models.Base.metadata)
            assert current_revision(conn) == HEAD_REVISION
    finally:
        db.dispose()
    assert diff == []


def test_first_schema_database_upgrades_and_keeps_its_data(tmp_path):
    old = tmp_path / "pardesk.sqlite"
    shutil.copyfile(DATA / "schema-0001.sqlite", old)
    db, outcome = prepare_database(old)
    try:
        assert outcome.before == "0001"
        assert outcome.after == HEAD_REVISION
        with db.engine.connect() as conn:
            titles = conn.exec_driver_sql("SELECT count(*) FROM plan_tasks").scalar()
        assert titles == 48
        if HEAD_REVISION != "0001":
            # Upgrading copied the old file aside first, readable and complete.
            assert outcome.backup is not None and outcome.backup.exists()
            with sqlite3.connect(outcome.backup) as copy:
                assert (
                    copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
                )
        else:
            assert outcome.backup is None
    finally:
        db.dispose()


@pytest.mark.sqlite_only
def test_database_from_a_newer_pardesk_is_refused_and_left_untouched(db_path):
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'z999_from_the_future'")
    conn.close()
    before = _digest(db_path)
    with pytest.raises(NewerSchemaError, match="phiên bản ParDesk mới hơn"):
        prepare_database(db_path)
    assert _digest(db_path) == before


def test_another_programs_sqlite_file_is_refused_and_left_untouched(tmp_path):
    foreign = tmp_path / "ketoan.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE so_cai (id INTEGER PRIMARY KEY, so_tien REAL)")
    conn.close()
    before = _digest(foreign)
    with pytest.raises(DatabaseOpenError, match="chương trình khác"):
        prepare_database(foreign)
    assert _digest(foreign) == before


def test_current_database_is_not_migrated_again(database):
    outcome = ensure_schema(database)
    assert outcome.before == outcome.after == HEAD_REVISION
    assert outcome.backup is None
