"""Table views of the Công khai area, set up one way: whole rows, read-only, sized columns."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.disclosure.table_models import RowsTableModel
from ui.frozen_table import FrozenColumnsTableView


def make_table(model, name: str, *, frozen: int = 0) -> QTableView:
    """A read-only row table; with ``frozen`` its first columns stay in view as it scrolls."""
    view = (
        FrozenColumnsTableView(frozen, objectName=name) if frozen else QTableView(objectName=name)
    )
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    source = model.sourceModel() if hasattr(model, "sourceModel") else model
    if isinstance(source, RowsTableModel):
        for column, spec in enumerate(source.columns):
            view.setColumnWidth(column, spec.width)
    return view
