"""The Rà soát văn bản area: the register, the required lists and cycles, surveys, in tabs.

Tabs other than the register are built the first time they are opened, and refreshed each
time they are shown again (the register may have changed meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from services.bundle import Services
from ui.legal.register_panel import RegisterPanel

TAB_REGISTER = "Sổ văn bản"
TAB_LISTS = "Danh mục, hệ thống hóa"
TAB_SURVEYS = "Khảo sát ý kiến"


def _lists(services: Services, parent: QWidget) -> QWidget:
    from ui.legal.lists_panel import ListsPanel

    return ListsPanel(services, parent)


def _surveys(services: Services, parent: QWidget) -> QWidget:
    from ui.legal.surveys_panel import SurveysPanel

    return SurveysPanel(services, parent)


class LegalArea(QWidget):
    def __init__(
        self, services: Services, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("legalArea")
        self._services = services
        self.register_panel = RegisterPanel(services, settings, self)
        self._factories = {TAB_LISTS: _lists, TAB_SURVEYS: _surveys}
        self._built: dict[str, QWidget] = {TAB_REGISTER: self.register_panel}
        # Set by ui.accounts.roles: hides a lazily built tab's actions the role may not do.
        self.on_tab_built: Callable[[QWidget], None] | None = None
        self.tabs = QTabWidget(objectName="legalTabs")
        self.tabs.addTab(self.register_panel, TAB_REGISTER)
        for title in self._factories:
            self.tabs.addTab(QLabel("Đang mở..."), title)
        self.tabs.currentChanged.connect(lambda i: self.show_tab(self.tabs.tabText(i)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def show_tab(self, title: str) -> QWidget:
        index = [self.tabs.tabText(i) for i in range(self.tabs.count())].index(title)
        if title not in self._built:
            panel = self._factories[title](self._services, self)
            old = self.tabs.widget(index)
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, panel, title)
            self.tabs.blockSignals(False)
            old.deleteLater()
            self._built[title] = panel
            if self.on_tab_built is not None:
                self.on_tab_built(panel)
        else:
            self._built[title].refresh()  # type: ignore[attr-defined]
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        return self._built[title]

    def show_lists(self):
        return self.show_tab(TAB_LISTS)

    def show_surveys(self):
        return self.show_tab(TAB_SURVEYS)

    def show_document(self, document_id: int) -> bool:
        """The register with this document selected (filters hiding it are cleared)."""
        self.show_tab(TAB_REGISTER)
        return self.register_panel.show_document(document_id)

    def show_annual_list(self, year: int):
        """The yearly list of expired and suspended documents of ``year``."""
        panel = self.show_tab(TAB_LISTS)
        if panel.year.value() != year:
            panel.year.setValue(year)  # shows that year's list
        return panel

    def save_state(self) -> None:
        self.register_panel.save_state()
