"""Shared fixtures: a migrated template database copied per test, Qt offscreen."""

from __future__ import annotations

import os

# Before anything imports PySide6: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.bundle import Services, build_services
from services.db import Database, open_database
from services.startup import prepare_database


def _template(folder: Path, *, sample: bool) -> Path:
    path = folder / "template.sqlite"
    db, _ = prepare_database(path, sample=sample)
    with db.engine.connect() as conn:  # fold the WAL into the file so one copy is complete
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrations run for real, once, into a file holding the sample plan."""
    return _template(tmp_path_factory.mktemp("sample"), sample=True)


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _template(tmp_path_factory.mktemp("empty"), sample=False)


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("PARDESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db_path(sample_template: Path, data_folder: Path) -> Path:
    """A private copy of the sample database, in the test's data folder."""
    target = data_folder / "pardesk.sqlite"
    shutil.copyfile(sample_template, target)
    return target


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
    target = data_folder / "pardesk.sqlite"
    shutil.copyfile(empty_template, target)
    db = open_database(target)
    yield build_services(db)
    db.dispose()
