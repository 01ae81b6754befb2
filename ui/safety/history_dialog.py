"""“Lịch sử thay đổi” of one record: every change, who made it and when, newest first.

Any area can open it for the record under the cursor with ``show_record_history``; it needs
only the table name and the record's id, so it works for every model the trail covers.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.safety.audit import TABLE_LABELS
from services.safety.audit_trail import AuditService
from ui.buttons import Std, button_box
from ui.safety.audit_model import (
    CHANGES_COLUMN,
    RECORD_COLUMN,
    ROW_ROLE,
    AuditFilterProxy,
    AuditTableModel,
)

_COLUMN_WIDTHS = {0: 140, 1: 150, 2: 60}
_HIDDEN = (3, RECORD_COLUMN)  # type and record are the same on every row here


class RecordHistoryDialog(QDialog):
    def __init__(
        self,
        audit: AuditService,
        table: str,
        record_id: int | str,
        parent: QWidget | None = None,
        *,
        related: Sequence[tuple[str, int | str]] = (),
    ) -> None:
        """``related``: records that belong to this one (a document's effect events...)."""
        super().__init__(parent)
        self.setObjectName("recordHistoryDialog")
        if related:
            rows = audit.history_of([(table, record_id), *related])
        else:
            rows = audit.history(table, record_id)
        title = TABLE_LABELS.get(table, table)
        what = title[:1].lower() + title[1:]  # "Văn bản QPPL" → "văn bản QPPL"
        own = [r for r in rows if r.table_name == table]
        label = next((r.record_label for r in own if r.record_label), str(record_id))
        self.setWindowTitle(f"Lịch sử thay đổi – {what}")
        heading = QLabel(objectName="historyHeading", wordWrap=True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setText(
            f"{title} “{label}”: {len(rows)} lần thay đổi"
            if rows
            else f"Chưa có thay đổi nào của {what} này được ghi lại."
        )
        self.model = AuditTableModel(self)
        self.model.set_rows(rows)
        proxy = AuditFilterProxy(self)
        proxy.setSourceModel(self.model)
        self.table = QTableView(objectName="historyTable")
        self.table.setModel(proxy)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        for column in _HIDDEN if not related else ():
            self.table.hideColumn(column)
        if related:  # which kind of record each row is about, and its name
            self.table.horizontalHeader().resizeSection(3, 150)
            self.table.horizontalHeader().resizeSection(RECORD_COLUMN, 170)
        header = self.table.horizontalHeader()
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(CHANGES_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.detail = QPlainTextEdit(objectName="historyDetail", readOnly=True)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([260, 120])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(split, 1)
        layout.addWidget(button_box(self, Std.Close))
        self.resize(860, 460)
        if rows:
            self.table.selectRow(0)

    def _show_detail(self, current, _previous) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        self.detail.setPlainText(
            "" if row is None else "\n".join(str(c) for c in row.changes) or row.action_label
        )


def show_record_history(
    audit: AuditService, table: str, record_id: int | str, parent: QWidget | None = None
) -> None:
    RecordHistoryDialog(audit, table, record_id, parent).exec()
