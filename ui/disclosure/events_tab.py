"""Khi phát sinh: the year's event-triggered items, each one click from its disclosure."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.disclosure.events import EventItem
from ui.disclosure.table_models import GREY, ROW_ROLE, ColumnSpec, RowsTableModel
from ui.disclosure.views import make_table

EVENT_COLUMNS = (
    ColumnSpec("Mã", lambda e: e.code, None, 62),
    ColumnSpec("Kỳ", lambda e: "Khi phát sinh", None, 96),
    ColumnSpec("Nội dung công khai", lambda e: e.title, None, 330),
    ColumnSpec("Văn bản căn cứ", lambda e: e.trigger, None, 200),
    ColumnSpec("Thời hạn công khai", lambda e: e.deadline_text, None, 220),
    ColumnSpec("Tình trạng", lambda e: e.status_text, None, 140),
)


class EventsTab(QWidget):
    record = Signal(object)  # the EventItem whose document arose

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventsTab")
        self.model = RowsTableModel(EVENT_COLUMNS, lambda e: None if e.recorded else GREY, self)
        self.table = make_table(self.model, "eventTable")
        self.record_button = QPushButton(
            "&Ghi nhận văn bản phát sinh...", objectName="recordArisen"
        )
        note = QLabel(
            "Các nội dung này không có ngày cố định trong năm: khi văn bản phát sinh (quyết định "
            "thu hồi đất, phê duyệt quy hoạch, bảng giá đất…), bấm “Ghi nhận văn bản phát sinh” "
            "để mở nội dung công khai với hạn công khai tính theo quy định. Không bao giờ bị tính "
            "quá hạn khi chưa phát sinh."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.record_button.clicked.connect(self._record)
        self.table.doubleClicked.connect(lambda _index: self._record())
        self.table.selectionModel().currentRowChanged.connect(self._enable)
        self._enable()

    def set_items(self, items: list[EventItem]) -> None:
        self.model.set_rows(items)
        self._enable()

    def current_item(self) -> EventItem | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select(self, code: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).code == code:
                self.table.selectRow(row)
                return

    def _enable(self, *_args) -> None:
        self.record_button.setEnabled(self.current_item() is not None)

    def _record(self) -> None:
        item = self.current_item()
        if item is not None:
            self.record.emit(item)
