"""A table whose first columns stay in view while the others scroll, with a column menu.

On a 1024-pixel laptop a task's STT and text are what tells one row from another; scrolling
right to see Phối hợp or Kết quả must not lose them. Qt has no frozen columns of its own, so
this is Qt's "Frozen Column" technique: a second ``QTableView`` over the left edge of the
main one, sharing its model and selection model and showing only the frozen columns. The
main view keeps the focus, the keyboard and the sorting; the overlay follows its row heights,
vertical scrolling, column widths and sort indicator, and forwards clicks and menus to it.

The header's right-click menu hides and shows the other columns; the main header's
``saveState`` keeps that choice with the widths, so a caller that saves the header state
remembers it between sessions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget


class FrozenColumnsTableView(QTableView):
    """A ``QTableView`` whose first ``frozen`` columns (as shown, left to right) never
    scroll out of view. Reorder columns with ``horizontalHeader().moveSection`` before
    calling ``sync_frozen``: the overlay takes the main header's order."""

    def __init__(self, frozen: int, parent: QWidget | None = None, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self._frozen_count = frozen
        self._fill: tuple[int, int] | None = None
        self._filling = False
        self._save_layout: Callable[[], None] = lambda: None
        self._syncing = False
        self.frozen = QTableView(self, objectName=f"{self.objectName() or 'table'}Frozen")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setFrameShape(QTableView.Shape.NoFrame)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # A line on its right edge shows where the scrolling part begins.
        self.frozen.setStyleSheet("QTableView { border-right: 1px solid palette(mid); }")
        self.viewport().stackUnder(self.frozen)
        # Sideways by pixel (a column comes out from under the frozen part exactly); up and
        # down by whole rows in both views, so their scroll bars mean the same and no row
        # is shown cut at the top.
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)

        self.horizontalHeader().sectionResized.connect(self._main_section_resized)
        self.verticalHeader().sectionResized.connect(
            lambda row, _old, size: self.frozen.setRowHeight(row, size)
        )
        self.frozen.horizontalHeader().sectionResized.connect(self._frozen_section_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.horizontalHeader().sectionClicked.connect(self._sort_from_frozen)
        self.horizontalHeader().sortIndicatorChanged.connect(
            lambda column, order: self.frozen.horizontalHeader().setSortIndicator(column, order)
        )
        # What the user does on the frozen part is done on the table itself.
        self.frozen.pressed.connect(lambda _index: self.setFocus())
        self.frozen.doubleClicked.connect(self.doubleClicked)
        self.frozen.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.frozen.customContextMenuRequested.connect(self._frozen_menu)
        for header in (self.horizontalHeader(), self.frozen.horizontalHeader()):
            header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            header.customContextMenuRequested.connect(
                lambda pos, h=header: self.column_menu().popup(h.mapToGlobal(pos))
            )

    # ----- model and sizes ----------------------------------------------------------------
    def setModel(self, model) -> None:  # noqa: N802
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        # Not on layoutChanged: sorting and filtering 10,000 rows must not pay for it.
        model.modelReset.connect(self.sync_frozen)
        model.columnsInserted.connect(self.sync_frozen)
        model.columnsRemoved.connect(self.sync_frozen)
        self.sync_frozen()

    def setSortingEnabled(self, enable: bool) -> None:  # noqa: N802
        super().setSortingEnabled(enable)
        header = self.frozen.horizontalHeader()
        header.setSortIndicatorShown(enable)
        header.setSectionsClickable(enable)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802
        super().setWordWrap(on)
        self.frozen.setWordWrap(on)

    def setAlternatingRowColors(self, enable: bool) -> None:  # noqa: N802
        super().setAlternatingRowColors(enable)
        self.frozen.setAlternatingRowColors(enable)

    def setSelectionBehavior(self, behavior) -> None:  # noqa: N802
        super().setSelectionBehavior(behavior)
        self.frozen.setSelectionBehavior(behavior)

    def setSelectionMode(self, mode) -> None:  # noqa: N802
        super().setSelectionMode(mode)
        self.frozen.setSelectionMode(mode)

    def setItemDelegate(self, delegate) -> None:  # noqa: N802
        super().setItemDelegate(delegate)
        self.frozen.setItemDelegate(delegate)

    def setItemDelegateForColumn(self, column: int, delegate) -> None:  # noqa: N802
        super().setItemDelegateForColumn(column, delegate)
        self.frozen.setItemDelegateForColumn(column, delegate)

    def frozen_count(self) -> int:
        return self._frozen_count

    def frozen_columns(self) -> list[int]:
        """The model columns shown frozen (the first ones left to right)."""
        header = self.horizontalHeader()
        count = min(self._frozen_count, header.count())
        return [header.logicalIndex(visual) for visual in range(count)]

    def is_frozen(self, column: int) -> bool:
        return column in self.frozen_columns()

    def frozen_width(self) -> int:
        return sum(self.columnWidth(c) for c in self.frozen_columns())

    def sync_frozen(self) -> None:
        """Make the overlay show the frozen columns at the main view's widths and heights."""
        model = self.model()
        if model is None:
            return
        self._syncing = True
        try:
            header, overlay = self.horizontalHeader(), self.frozen.horizontalHeader()
            for visual in range(header.count()):
                logical = header.logicalIndex(visual)
                if overlay.visualIndex(logical) != visual:
                    overlay.moveSection(overlay.visualIndex(logical), visual)
            frozen_columns = self.frozen_columns()
            for column in range(model.columnCount()):
                frozen = column in frozen_columns
                if self.frozen.isColumnHidden(column) == frozen:
                    self.frozen.setColumnHidden(column, not frozen)
                if frozen:
                    if self.isColumnHidden(column):
                        self.setColumnHidden(column, False)
                    if self.frozen.columnWidth(column) != self.columnWidth(column):
                        self.frozen.setColumnWidth(column, self.columnWidth(column))
            rows, main_rows = self.frozen.verticalHeader(), self.verticalHeader()
            if rows.defaultSectionSize() != main_rows.defaultSectionSize():
                rows.setDefaultSectionSize(main_rows.defaultSectionSize())
            if rows.sectionResizeMode(0) != QHeaderView.ResizeMode.Fixed:
                rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            overlay.setSortIndicator(header.sortIndicatorSection(), header.sortIndicatorOrder())
        finally:
            self._syncing = False
        self._place_frozen()

    def _main_section_resized(self, column: int, _old: int, size: int) -> None:
        self._fill_resized(column, size)
        if not self._syncing and self.is_frozen(column):
            self._syncing = True
            self.frozen.setColumnWidth(column, size)
            self._syncing = False
        self._place_frozen()

    def _frozen_section_resized(self, column: int, _old: int, size: int) -> None:
        if not self._syncing and self.is_frozen(column):
            self._syncing = True
            self.setColumnWidth(column, size)
            self._syncing = False
            self._place_frozen()

    def _place_frozen(self) -> None:
        frame = self.frameWidth()
        left = frame + (self.verticalHeader().width() if self.verticalHeader().isVisible() else 0)
        height = self.viewport().height() + self.horizontalHeader().height()
        self.frozen.setGeometry(left, frame, self.frozen_width(), height)
        self.frozen.setVisible(self._frozen_count > 0 and self.model() is not None)

    def fill_with(self, column: int, minimum: int) -> None:
        """Give ``column`` (the text) the width the others leave, never under ``minimum``:
        on a wide screen the text reads on longer lines instead of the last column growing;
        on a narrow one the other columns scroll."""
        self._fill = (column, minimum)
        self.horizontalHeader().setStretchLastSection(False)
        self._fill_width()

    def _fill_width(self) -> None:
        if self._fill is None or self.model() is None:
            return
        column, minimum = self._fill
        others = sum(
            self.columnWidth(c)
            for c in range(self.model().columnCount())
            if c != column and not self.isColumnHidden(c)
        )
        viewport = self.viewport().width()
        wanted = max(minimum, viewport - others)
        if column in self.frozen_columns() and viewport > 0:
            # The frozen part never covers the whole table: the other columns stay reachable.
            frozen_others = sum(self.columnWidth(c) for c in self.frozen_columns() if c != column)
            wanted = min(wanted, max(120, viewport - 100 - frozen_others))
        if wanted != self.columnWidth(column):
            self._filling = True
            try:
                self.setColumnWidth(column, wanted)
            finally:
                self._filling = False

    def _fill_resized(self, column: int, size: int) -> None:
        """The clerk dragged the text column (or a saved layout set it): that width is now
        its least, and the others' changes still give it what they leave."""
        if self._fill is not None and column == self._fill[0] and not self._filling and size:
            self._fill = (column, size)

    def header_state(self) -> QByteArray:
        """The header's saved state with the text column at its least width, not at what a
        wide window filled it to: a smaller window next time still fits the frozen part."""
        if self._fill is None:
            return self.horizontalHeader().saveState()
        column, minimum = self._fill
        shown = self.columnWidth(column)
        self._filling = True
        try:
            self.setColumnWidth(column, minimum)
            state = self.horizontalHeader().saveState()
            self.setColumnWidth(column, shown)
        finally:
            self._filling = False
        return state

    def restore_header_state(self, state) -> None:
        """Restore ``header_state``: the text column's saved width is again its least."""
        if not isinstance(state, QByteArray) or state.isEmpty():
            return
        self.horizontalHeader().restoreState(state)
        if self._fill is not None:
            column = self._fill[0]
            self._fill = (column, self.columnWidth(column))
        self.sync_frozen()
        self._fill_width()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fill_width()
        self._place_frozen()

    def updateGeometries(self) -> None:  # noqa: N802
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self._place_frozen()

    # ----- scrolling behind the frozen part -------------------------------------------------
    def moveCursor(self, action, modifiers) -> QModelIndex:  # noqa: N802
        current = super().moveCursor(action, modifiers)
        self._reveal(current)
        return current

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        if not index.isValid():
            return
        if not self.is_frozen(index.column()):
            super().scrollTo(index, hint)
            self._reveal(index)
        else:
            # A frozen cell is always in view horizontally: scroll only to its row.
            keep = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(keep)

    def _reveal(self, index: QModelIndex) -> None:
        """A cell scrolled under the frozen part is brought out to its right."""
        if not index.isValid() or self.is_frozen(index.column()):
            return
        hidden_by = self.frozen_width() - self.visualRect(index).left()
        if hidden_by > 0:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - hidden_by)

    # ----- forwarding -----------------------------------------------------------------------
    def _sort_from_frozen(self, column: int) -> None:
        if not self.isSortingEnabled():
            return
        header = self.horizontalHeader()
        same = header.sortIndicatorSection() == column
        ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        order = Qt.SortOrder.DescendingOrder if same and ascending else Qt.SortOrder.AscendingOrder
        self.sortByColumn(column, order)

    def _frozen_menu(self, pos: QPoint) -> None:
        """The table's own right-click menu, at the same row."""
        if self.contextMenuPolicy() != Qt.ContextMenuPolicy.CustomContextMenu:
            return
        at = self.viewport().mapFromGlobal(self.frozen.viewport().mapToGlobal(pos))
        self.customContextMenuRequested.emit(at)

    def column_menu(self) -> QMenu:
        """Checkable columns (the frozen ones always shown): the header's right-click menu."""
        menu = QMenu(self)
        menu.setObjectName("columnMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per right-click
        model = self.model()
        if model is None:
            return menu
        title = menu.addAction("Hiện các cột:")
        title.setEnabled(False)
        header, frozen = self.horizontalHeader(), self.frozen_columns()
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            name = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            action = QAction(name, menu, checkable=True)
            if column in frozen:
                action.setChecked(True)
                action.setEnabled(False)
                action.setToolTip("Cột này luôn hiện")
            else:
                action.setChecked(not self.isColumnHidden(column))
                action.toggled.connect(lambda on, c=column: self.show_column(c, on))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction("Hiện tất cả các cột", self.show_all_columns)
        return menu

    def remember_layout(self, settings, key: str) -> None:
        """Keep the columns shown, their widths and order under ``key`` of ``settings``:
        restored now, saved whenever the clerk changes them (hides a column, drags a width)."""
        header = self.horizontalHeader()
        self.restore_header_state(settings.value(key))

        def save(*_args) -> None:  # QSettings holds it in memory; cheap while dragging
            if not self._filling:
                settings.setValue(key, self.header_state())

        header.sectionResized.connect(save)
        header.sectionMoved.connect(save)
        self._save_layout = save

    def show_column(self, column: int, shown: bool) -> None:
        if not self.is_frozen(column):
            self.setColumnHidden(column, not shown)
            self._fill_width()
            self._save_layout()

    def show_all_columns(self) -> None:
        model = self.model()
        for column in range(model.columnCount() if model is not None else 0):
            self.setColumnHidden(column, False)
        self._fill_width()
        self._save_layout()
