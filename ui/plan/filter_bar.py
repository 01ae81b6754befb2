"""The row of filters above the task table: unit, status and due window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from services.office.units import UnitInfo
from services.plan.due import DUE_WINDOWS
from services.vocab import TASK_STATUSES
from ui.qt_safe import ANY as NO_CHOICE
from ui.qt_safe import combo_value, find_data

ANY = "Tất cả"


class FilterBar(QWidget):
    """Emits ``changed`` whenever a choice changes; ``set_values`` does not emit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        # A narrow window clips the filter row instead of growing wider than the screen.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.unit = QComboBox(objectName="unitFilter")
        self.status = QComboBox(objectName="statusFilter")
        self.status.addItem(ANY, NO_CHOICE)
        for key, label in TASK_STATUSES.items():
            self.status.addItem(label, key)
        self.due = QComboBox(objectName="dueFilter")
        self.due.addItem(ANY, NO_CHOICE)
        for key, label in DUE_WINDOWS.items():
            self.due.addItem(label, key)
        self.clear_button = QPushButton("&Bỏ lọc", objectName="clearFilters")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, combo in (("&Bộ phận:", self.unit), ("Trạng &thái:", self.status),
                            ("Thời &hạn:", self.due)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(combo)
            layout.addWidget(label)
            layout.addWidget(combo)
            layout.addSpacing(8)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8 if combo is not self.unit else 14)
            combo.currentIndexChanged.connect(self._emit)
        layout.addWidget(self.clear_button)
        # What the table is filtered by, in words: a card of the dashboard that opens the
        # plan filtered must look filtered even when most rows match (all tasks overdue).
        self.active = QLabel(objectName="activeFilters")
        self.active.setStyleSheet("color: #7a4b00; font-weight: bold;")
        layout.addWidget(self.active)
        layout.addStretch(1)
        self.clear_button.clicked.connect(self.clear)
        self._quiet = False

    def set_units(self, units: list[UnitInfo]) -> None:
        keep = combo_value(self.unit)
        self._quiet = True
        self.unit.clear()
        self.unit.addItem(ANY, NO_CHOICE)
        for unit in units:
            self.unit.addItem(unit.display, unit.id)
        self.unit.setCurrentIndex(max(0, find_data(self.unit, keep)))
        self._quiet = False

    def values(self) -> tuple[int | None, str | None, str | None]:
        return combo_value(self.unit), combo_value(self.status), combo_value(self.due)

    def set_values(self, unit_id: int | None, status: str | None, due: str | None) -> None:
        self._quiet = True
        for combo, value in ((self.unit, unit_id), (self.status, status), (self.due, due)):
            combo.setCurrentIndex(max(0, find_data(combo, value)))
        self._quiet = False

    def show_active(self, extra: list[str]) -> None:
        """Mark the boxes that filter (and name them with ``extra`` filters beside Bỏ lọc)."""
        short, long = [], []  # the line is short to fit a 1024 screen; its tooltip says all
        for label, combo in (("Bộ phận", self.unit), ("Trạng thái", self.status),
                             ("Thời hạn", self.due)):  # fmt: skip
            chosen = combo_value(combo) is not None
            tint = "QComboBox { background: #fff3c4; }" if chosen else ""
            if combo.styleSheet() != tint:  # called on every keystroke of the search box
                combo.setStyleSheet(tint)
            if chosen:
                short.append(combo.currentText())
                long.append(f"{label} “{combo.currentText()}”")
        short += extra
        long += extra
        self.active.setText("Đang lọc: " + ", ".join(short) if short else "")
        self.active.setToolTip("Bảng chỉ hiện các dòng theo: " + ", ".join(long) if long else "")
        self.clear_button.setEnabled(bool(short))

    def clear(self) -> None:
        self.set_values(None, None, None)
        self.changed.emit()

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()
