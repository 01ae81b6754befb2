"""A read-only table of a ``LegalList``: group headings as spanning rows, then the rows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView

from services.legal.lists import Cell, LegalList
from services.text import format_date

Index = QModelIndex | QPersistentModelIndex


class LegalListModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._list: LegalList | None = None
        # Each line: (heading, None) for a group title, ("", cells) for a row.
        self._lines: list[tuple[str, tuple[Cell, ...] | None]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_list(self, legal_list: LegalList | None) -> None:
        self.beginResetModel()
        self._list = legal_list
        self._lines = []
        for group in legal_list.groups if legal_list else ():
            if group.title:
                self._lines.append((group.title, None))
            self._lines.extend(("", row) for row in group.rows)
        self.endResetModel()

    def heading_rows(self) -> list[int]:
        return [i for i, (title, cells) in enumerate(self._lines) if cells is None]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self._list is None else len(self._list.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and self._list is not None
        ):
            return self._list.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        title, cells = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if cells is None:
                return title if index.column() == 0 else None
            value = cells[index.column()]
            if isinstance(value, date):
                return format_date(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.FontRole and cells is None:
            return self._bold
        return None


def apply_spans(view: QTableView, model: LegalListModel) -> None:
    """Let group headings run across the whole width, as in the printed list."""
    view.clearSpans()
    for row in model.heading_rows():
        view.setSpan(row, 0, 1, max(1, model.columnCount()))
    view.resizeRowsToContents()
