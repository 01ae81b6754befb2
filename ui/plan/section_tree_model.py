"""The plan's heading tree (Phần I › I. › 1.) for choosing which tasks to show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from services.plan.plans import SectionNode
from ui import strings

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTREE_ROLE = Qt.ItemDataRole.UserRole + 2
ALL = "*"  # SUBTREE_ROLE of the root item: the whole plan


class SectionTreeModel(QStandardItemModel):
    """Built from PlanService.sections(); each item knows the ids of its whole subtree."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Mục của kế hoạch"])

    def set_sections(self, sections: list[SectionNode]) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(["Mục của kế hoạch"])
        root = QStandardItem(strings.ALL_SECTIONS)
        root.setEditable(False)
        root.setData(0, SECTION_ID_ROLE)  # never None: see ui.qt_safe
        self.appendRow(root)
        items: dict[int, QStandardItem] = {}
        subtree: dict[int, set[int]] = {}
        for node in sections:
            item = QStandardItem(node.heading)
            item.setEditable(False)
            item.setToolTip(node.heading)
            item.setData(node.id, SECTION_ID_ROLE)
            (items[node.parent_id] if node.parent_id in items else root).appendRow(item)
            items[node.id] = item
            subtree[node.id] = {node.id}
        for node in reversed(sections):  # children come after parents in depth-first order
            if node.parent_id in subtree:
                subtree[node.parent_id] |= subtree[node.id]
        for section_id, item in items.items():
            item.setData(frozenset(subtree[section_id]), SUBTREE_ROLE)
        root.setData(ALL, SUBTREE_ROLE)
