"""The outgoing register (sổ đăng ký văn bản đi) of a year as a Qt table model.

The columns are those of the printed register; a cancelled number keeps its line, shown
grey and struck through, its last column saying who cancelled it, when and why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from services.documents.register import RegisterEntry
from services.documents.register_book import REGISTER_COLUMNS, register_rows
from ui.list_table_model import Index, ListTableModel

COLUMNS = REGISTER_COLUMNS


class RegisterTableModel(ListTableModel):
    HEADERS = COLUMNS

    @property
    def entries(self) -> list[RegisterEntry]:
        return self.rows()

    def set_entries(self, entries: list[RegisterEntry]) -> None:
        self.set_rows(entries)

    def cell(self, e: RegisterEntry, column: int) -> str:
        return register_rows([e])[0][column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and 0 <= index.row() < self.rowCount():
            entry: RegisterEntry = self.rows()[index.row()]
            if entry.cancelled and role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#777777"))
            if entry.cancelled and role == Qt.ItemDataRole.FontRole:
                if index.column() < len(COLUMNS) - 1:
                    font = QFont()
                    font.setStrikeOut(True)
                    return font
        return super().data(index, role)
