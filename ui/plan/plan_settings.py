"""What the Kế hoạch area remembers between sessions (in the shared QSettings INI file):
the year, the filters, splitter positions, column widths and the last Excel folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter

from ui.qt_safe import setting

FILTER_KEYS = ("unit", "status", "due", "query", "section")


class PlanSettings:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    # ----- year and filters ---------------------------------------------------------------
    def year(self) -> object | None:
        return setting(self.settings, "plan/year")

    def set_year(self, year: int) -> None:
        self.settings.setValue("plan/year", year)

    def filters(self) -> dict[str, object | None]:
        """unit (int), status, due, query, section (int) — None when not set."""
        values = {key: setting(self.settings, f"plan/filter/{key}") or None for key in FILTER_KEYS}
        for key in ("unit", "section"):
            values[key] = int(values[key]) if values[key] else None
        return values

    def save_filters(self, **values: object | None) -> None:
        for key, value in values.items():
            self.settings.setValue(f"plan/filter/{key}", "" if value is None else value)

    # ----- layout -------------------------------------------------------------------------
    def restore_layout(self, splitters: dict[str, QSplitter], table) -> None:
        """``table`` is the task table (a ``FrozenColumnsTableView``)."""
        for key, splitter in splitters.items():
            state = setting(self.settings, f"plan/{key}")
            if state:
                splitter.restoreState(state)
        # Kept under a new key since the columns were reordered around the frozen STT and
        # Nội dung: an older saved layout ("plan/header") would put them back out of view.
        table.restore_header_state(setting(self.settings, "plan/taskHeader"))

    def save_layout(self, splitters: dict[str, QSplitter], table) -> None:
        for key, splitter in splitters.items():
            self.settings.setValue(f"plan/{key}", splitter.saveState())
        self.settings.setValue("plan/taskHeader", table.header_state())

    def tree_collapsed(self) -> bool:
        return str(setting(self.settings, "plan/treeCollapsed") or "").lower() in ("true", "1")

    def set_tree_collapsed(self, collapsed: bool) -> None:
        self.settings.setValue("plan/treeCollapsed", "true" if collapsed else "false")

    # ----- Excel --------------------------------------------------------------------------
    def excel_folder(self) -> str:
        return str(setting(self.settings, "excel/folder") or Path.home())

    def set_excel_folder(self, folder: Path) -> None:
        self.settings.setValue("excel/folder", str(folder))
