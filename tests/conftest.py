"""Shared fixtures: a migrated template database copied per test, Qt offscreen."""

from __future__ import annotations

import os

# Before anything imports PySide6: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from services.bundle import Services, build_services
from services.store.db import Database, open_database
from services.store.startup import prepare_database
from tests.pg import (
    ON_PG,
    SQLITE_ONLY_REASON,
    copy_database,
    discard_database,
    new_pg_database,
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: a test of the SQLite file itself; skipped on PostgreSQL"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not ON_PG:
        return
    skip = pytest.mark.skip(reason=SQLITE_ONLY_REASON)
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


def _template(folder: Path, *, sample: bool) -> Path | str:
    if ON_PG:  # a migrated database used as CREATE DATABASE … TEMPLATE
        url = new_pg_database(prefix="tpl")
        db, _ = prepare_database(url, sample=sample)
        db.dispose()
        return url
    path = folder / "template.sqlite"
    db, _ = prepare_database(path, sample=sample)
    with db.engine.connect() as conn:  # fold the WAL into the file so one copy is complete
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Migrations run for real, once, into a file (or PostgreSQL database) with the sample plan."""
    template = _template(tmp_path_factory.mktemp("sample"), sample=True)
    yield template
    discard_database(template)


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    template = _template(tmp_path_factory.mktemp("empty"), sample=False)
    yield template
    discard_database(template)


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("PARDESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db_path(sample_template: Path, data_folder: Path) -> Iterator[Path]:
    """A private copy of the sample database, in the test's data folder.

    On PostgreSQL this is the URL (a ``str``) of a private copy of the template database.
    """
    target = copy_database(sample_template, data_folder)
    yield target
    discard_database(target)


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    db = open_database(db_path)
    yield db
    db.dispose()


@pytest.fixture
def services(database: Database) -> Services:
    return build_services(database)


@pytest.fixture
def empty_services(empty_template: Path, data_folder: Path) -> Iterator[Services]:
    target = copy_database(empty_template, data_folder)
    db = open_database(target)
    yield build_services(db)
    db.dispose()
    discard_database(target)
