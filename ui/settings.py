"""Window and view settings kept in an INI file in the data folder (not the registry),
so that a backup of the data folder carries them and tests stay isolated."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings


def open_settings(data_folder: Path) -> QSettings:
    return QSettings(str(data_folder / "pardesk.ini"), QSettings.Format.IniFormat)
