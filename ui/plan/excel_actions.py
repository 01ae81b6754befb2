"""Excel from the Kế hoạch area (filled in below)."""

from __future__ import annotations

from PySide6.QtCore import QObject


class ExcelActions(QObject):
    def __init__(self, area, menu) -> None:
        super().__init__(area)
        self.area = area
