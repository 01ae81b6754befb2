"""Table model of audit-trail rows, with a proxy that filters as the user types."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from services.safety.audit_trail import AuditRow
from services.text import search_key
from ui.search_highlight import RankedSearchProxy

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Thời điểm", "Người thực hiện", "Thao tác", "Loại", "Bản ghi", "Thay đổi")
RECORD_COLUMN, CHANGES_COLUMN = 4, 5


def _display(row: AuditRow, column: int) -> str:
    return (
        f"{row.at:%d/%m/%Y %H:%M:%S}",
        row.actor,
        row.action_label,
        row.table_label,
        row.record_label,
        row.summary,
    )[column]


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []
        self._keys: list[str | None] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = [None] * len(self._rows)  # folded on the first search, not on opening
        self.endResetModel()

    def rows(self) -> list[AuditRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == CHANGES_COLUMN:
            return "\n".join(str(c) for c in row.changes)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == RECORD_COLUMN:
            return row.record_label
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return row.id if index.column() == 0 else _display(row, index.column())
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def key(self, row: int) -> str:
        """The words shown on the row, accents folded, for the search box."""
        key = self._keys[row]
        if key is None:
            r = self._rows[row]
            key = search_key(r.actor, r.action_label, r.table_label, r.record_label, r.summary)
            self._keys[row] = key
        return key


class AuditFilterProxy(RankedSearchProxy):
    """The change log as searched: phrase matches first, matched words highlighted."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def search_text(self, source_row: int) -> str:
        source = self.sourceModel()
        return source.key(source_row) if isinstance(source, AuditTableModel) else ""
