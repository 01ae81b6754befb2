"""A read-only table model over rows of service dataclasses, with per-row colour and tips.

Used for the gap list, the mock appraisal, a criterion's history and the SIPAS results: each
caller gives the columns and a function turning one dataclass into the cells it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole + 10
SORT_ROLE = Qt.ItemDataRole.UserRole + 11


@dataclass(frozen=True)
class Cells:
    texts: tuple[str, ...]
    sort: tuple[object, ...] = ()
    background: str | None = None  # "#rrggbb" for the whole row
    tooltip: str = ""
    right: frozenset[int] = field(default_factory=frozenset)  # columns aligned right


class RowsModel(QAbstractTableModel):
    def __init__(
        self, columns: Sequence[str], to_cells: Callable[[object], Cells], parent=None
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._to_cells = to_cells
        self._items: list[object] = []
        self._cells: list[Cells] = []

    def set_items(self, items: Sequence[object]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._cells = [self._to_cells(i) for i in self._items]
        self.endResetModel()

    def item(self, row: int) -> object:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._cells):
            return None
        cells = self._cells[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cells.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return cells.tooltip or cells.texts[column] or None
        if role == Qt.ItemDataRole.BackgroundRole and cells.background:
            return QBrush(QColor(cells.background))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in cells.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return (
                cells.sort[column] if column < len(cells.sort) else cells.texts[column].casefold()
            )
        if role == ITEM_ROLE:
            return self._items[index.row()]
        return None
