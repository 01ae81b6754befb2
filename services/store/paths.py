"""Where ParDesk keeps its data: the user's data folder, or PARDESK_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "ParDesk"
DB_FILE_NAME = "pardesk.sqlite"


def data_dir() -> Path:
    """The data folder (%LOCALAPPDATA%\\ParDesk on Windows); created when missing.

    PARDESK_DATA_DIR overrides it, so tests and support staff can point at another folder.
    """
    override = os.environ.get("PARDESK_DATA_DIR")
    if override:
        folder = Path(override)
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def backups_dir(db_path: Path) -> Path:
    """Backups sit beside the database they protect."""
    return db_path.parent / "backups"


def evidence_folder_of(db_path: Path | None) -> Path:
    """Evidence files live beside the database file (or in the data folder for a server)."""
    return (db_path.parent if db_path else data_dir()) / "evidence"
