"""The Rà soát văn bản area: the register, the required lists and cycles, in tabs.

Tabs other than the register are built the first time they are opened.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from services.bundle import Services
from ui.legal.register_panel import RegisterPanel

TAB_REGISTER = "Sổ văn bản"
TAB_LISTS = "Danh mục, hệ thống hóa"


class LegalArea(QWidget):
    def __init__(
        self, services: Services, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("legalArea")
        self._services = services
        self.register_panel = RegisterPanel(services, settings, self)
        self.lists_panel = None
        self.tabs = QTabWidget(objectName="legalTabs")
        self.tabs.addTab(self.register_panel, TAB_REGISTER)
        self.tabs.addTab(QLabel("Đang mở..."), TAB_LISTS)
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _on_tab(self, index: int) -> None:
        if self.tabs.tabText(index) == TAB_LISTS:
            self.show_lists()
        elif index == 0:
            self.register_panel.refresh()

    def show_lists(self):
        from ui.legal.lists_panel import ListsPanel

        index = [self.tabs.tabText(i) for i in range(self.tabs.count())].index(TAB_LISTS)
        if self.lists_panel is None:
            self.lists_panel = ListsPanel(self._services, self)
            old = self.tabs.widget(index)
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, self.lists_panel, TAB_LISTS)
            self.tabs.blockSignals(False)
            old.deleteLater()
        else:
            self.lists_panel.refresh()
        self.tabs.setCurrentIndex(index)
        return self.lists_panel

    def save_state(self) -> None:
        self.register_panel.save_state()
