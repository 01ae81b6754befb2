"""A list of dashboard lines of one module, grouped under severity headings.

Severity is said three ways, never by colour alone: a heading in words (“Khẩn”, “Cần làm
sớm”, “Để biết”), a standard icon on every line, and the line's own status word.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from services.overview_items import CRITICAL, INFO, SEVERITIES, WARNING, OverviewItem

ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
ICONS = {
    CRITICAL: QStyle.StandardPixmap.SP_MessageBoxCritical,
    WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_CRITICAL_TEXT = QColor("#a40000")


class ItemList(QListWidget):
    """Emits ``opened(item)`` when a line is clicked or activated with the keyboard."""

    opened = Signal(object)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setMinimumHeight(110)
        self.itemClicked.connect(self._open)
        self.itemActivated.connect(self._open)

    def set_items(self, items: Sequence[OverviewItem], empty: str) -> None:
        self.clear()
        if not items:
            self._heading(empty, None)
            return
        for severity in (CRITICAL, WARNING, INFO):
            group = [i for i in items if i.severity == severity]
            if not group:
                continue
            self._heading(f"{SEVERITIES[severity]} ({len(group)})", severity)
            for entry in group:
                self._line(entry)

    def entries(self) -> list[OverviewItem]:
        """The clickable lines, in the order shown."""
        found = [self.item(r).data(ITEM_ROLE) for r in range(self.count())]
        return [f for f in found if f is not None]

    def row_of(self, entry: OverviewItem) -> QListWidgetItem | None:
        for row in range(self.count()):
            if self.item(row).data(ITEM_ROLE) == entry:
                return self.item(row)
        return None

    def _heading(self, text: str, severity: str | None) -> None:
        item = QListWidgetItem(text)
        # Enabled (its icon is drawn in colour) but neither selectable nor a link.
        item.setFlags(Qt.ItemFlag.ItemIsEnabled if severity else Qt.ItemFlag.NoItemFlags)
        if severity is not None:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(font)
            item.setIcon(self.style().standardIcon(ICONS[severity]))
        item.setForeground(QBrush(self.palette().text().color()))
        self.addItem(item)

    def _line(self, entry: OverviewItem) -> None:
        item = QListWidgetItem(self.style().standardIcon(ICONS[entry.severity]), entry.line)
        item.setData(ITEM_ROLE, entry)
        item.setToolTip(f"{entry.severity_label} – {entry.module_label}: {entry.text}")
        if entry.severity == CRITICAL:
            item.setForeground(QBrush(_CRITICAL_TEXT))
        self.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        entry = item.data(ITEM_ROLE)
        if entry is not None:
            self.opened.emit(entry)
