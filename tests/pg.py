"""The tests' database server: SQLite files by default, PostgreSQL when PARDESK_TEST_DB_URL is set.

`.ci/run` (and `bash .ci/pg-test` for a developer) start a throw-away PostgreSQL server and set
``PARDESK_TEST_DB_URL=postgresql+psycopg://user@127.0.0.1:PORT/postgres``. Each template
(sample plan, empty) is migrated once per session into its own database; each test then gets
``CREATE DATABASE … TEMPLATE …`` (a file copy, ~25 ms) and drops it afterwards.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

from sqlalchemy.engine import make_url

PG_URL = os.environ.get("PARDESK_TEST_DB_URL", "").strip()
ON_PG = PG_URL.startswith("postgresql")
SQLITE_ONLY_REASON = (
    "tests the SQLite file itself (file locks, WAL, corruption, backup/restore of the "
    ".sqlite file): not applicable to a PostgreSQL server"
)
_names = itertools.count(1)


def _admin():
    import psycopg

    url = make_url(PG_URL).set(drivername="postgresql")
    return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)


def pg_url(name: str) -> str:
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def new_pg_database(template: str | None = None, prefix: str = "t") -> str:
    """A fresh database (a copy of ``template`` when given); returns its URL."""
    name = f"pardesk_{prefix}_{os.getpid()}_{next(_names)}"
    clause = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
    with _admin() as conn:
        conn.execute(f"CREATE DATABASE {name}{clause}")
    return pg_url(name)


def drop_pg_database(url: str) -> None:
    name = make_url(url).database
    with _admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def copy_database(template: str | Path, folder: Path) -> str | Path:
    """A private copy of a template: a file in ``folder``, or a new PostgreSQL database."""
    if ON_PG:
        return new_pg_database(make_url(str(template)).database)
    target = folder / "pardesk.sqlite"
    shutil.copyfile(template, target)
    return target


def discard_database(target: str | Path) -> None:
    if ON_PG and isinstance(target, str):
        drop_pg_database(target)


def database_digest(url: str) -> str:
    """A digest of every row of every ParDesk table, read in key order."""
    import hashlib

    from sqlalchemy import create_engine, select

    import models

    digest = hashlib.sha256()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            for table in models.Base.metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                for row in conn.execute(select(table).order_by(*order)):
                    digest.update(repr(tuple(row)).encode())
    finally:
        engine.dispose()
    return digest.hexdigest()
