"""The task table view: STT and Nội dung frozen, two-line rows, the columns a clerk follows first.

The columns a clerk checks every day (Chủ trì, Thời hạn, Trạng thái, Tiến độ) come right
after the task's text so they fit a 1366-pixel screen without scrolling; Phối hợp, Kết quả
and Tiêu chí follow and scroll behind the frozen STT and Nội dung on smaller screens.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from ui.frozen_table import FrozenColumnsTableView
from ui.plan.task_table_model import (
    COL_CRITERIA,
    COL_DEADLINE,
    COL_LEAD,
    COL_OUTLINE,
    COL_PARTNERS,
    COL_PERCENT,
    COL_RESULT,
    COL_STATUS,
    COL_TEXT,
)

FROZEN_COLUMNS = 2  # STT and Nội dung
# Left to right as shown (the model's own column numbers stay as they are).
SHOWN_ORDER = (
    COL_OUTLINE,
    COL_TEXT,
    COL_LEAD,
    COL_DEADLINE,
    COL_STATUS,
    COL_PERCENT,
    COL_PARTNERS,
    COL_RESULT,
    COL_CRITERIA,
)
COLUMN_WIDTHS = {
    COL_OUTLINE: 72,
    COL_TEXT: 300,
    COL_LEAD: 64,
    COL_DEADLINE: 96,
    COL_STATUS: 118,
    COL_PERCENT: 58,
    COL_PARTNERS: 110,
    COL_RESULT: 160,
    COL_CRITERIA: 110,
}
TEXT_LINES = 2


def task_table_view(proxy: QAbstractItemModel) -> FrozenColumnsTableView:
    table = FrozenColumnsTableView(FROZEN_COLUMNS, objectName="taskTable")
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(COL_OUTLINE, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    # Nội dung wraps to two lines; the whole text is in the tooltip and the detail pane.
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(TEXT_LINES * table.fontMetrics().lineSpacing() + 8)
    # Fixed row heights keep the header cheap when 10,000 rows are filtered.
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for visual, column in enumerate(SHOWN_ORDER):
        header.moveSection(header.visualIndex(column), visual)
    for column, width in COLUMN_WIDTHS.items():
        table.setColumnWidth(column, width)
    table.fill_with(COL_TEXT, COLUMN_WIDTHS[COL_TEXT])
    table.sync_frozen()
    return table
