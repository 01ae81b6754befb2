"""The main window: navigation on the left, one area at a time on the right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QWidget,
)

from services.bundle import Services
from ui import strings
from ui.dialogs.about_dialog import AboutDialog
from ui.dialogs.organisation_dialog import OrganisationDialog
from ui.overview import OverviewArea
from ui.placeholder import PlaceholderArea
from ui.plan.plan_area import PlanArea

AreaFactory = Callable[[], QWidget]


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: QSettings, data_folder: Path) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(strings.APP_TITLE)
        self.services = services
        self.settings = settings
        self.data_folder = data_folder
        self.areas: dict[str, QWidget] = {}
        self._build()
        self._build_menus()
        self._restore()

    def _area_factories(self) -> list[tuple[str, QStyle.StandardPixmap, AreaFactory]]:
        sp = QStyle.StandardPixmap
        return [
            (
                strings.AREA_OVERVIEW,
                sp.SP_ComputerIcon,
                lambda: OverviewArea(
                    self.services,
                    self.settings,
                    lambda wanted, year: self.show_area(strings.AREA_PLAN).apply_filter(
                        wanted, year=year
                    ),
                ),
            ),
            (
                strings.AREA_PLAN,
                sp.SP_FileDialogDetailedView,
                lambda: PlanArea(self.services, self.settings),
            ),
            (
                strings.AREA_SCORES,
                sp.SP_FileDialogInfoView,
                lambda: PlaceholderArea(strings.AREA_SCORES),
            ),
            (
                strings.AREA_LEGAL,
                sp.SP_FileDialogContentsView,
                lambda: PlaceholderArea(strings.AREA_LEGAL),
            ),
            (
                strings.AREA_DISCLOSURE,
                sp.SP_MessageBoxInformation,
                lambda: PlaceholderArea(strings.AREA_DISCLOSURE),
            ),
            (strings.AREA_REPORTS, sp.SP_FileIcon, lambda: PlaceholderArea(strings.AREA_REPORTS)),
            (
                strings.AREA_SETTINGS,
                sp.SP_FileDialogListView,
                lambda: PlaceholderArea(strings.AREA_SETTINGS),
            ),
        ]

    def _build(self) -> None:
        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setFixedWidth(170)
        self.navigation.setSpacing(2)
        self.stack = QStackedWidget(objectName="areaStack")
        for title, icon, factory in self._area_factories():
            item = QListWidgetItem(self.style().standardIcon(icon), title)
            item.setSizeHint(QSize(160, 36))
            self.navigation.addItem(item)
            area = factory()
            self.areas[title] = area
            self.stack.addWidget(area)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"Dữ liệu: {self.services.database.url}")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        quit_action = QAction("&Thoát", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        settings_menu = self.menuBar().addMenu("&Cài đặt")
        org_action = QAction("&Thông tin đơn vị...", self)
        org_action.triggered.connect(self.edit_organisation)
        settings_menu.addAction(org_action)
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        about_action = QAction("&Giới thiệu ParDesk", self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def show_area(self, title: str) -> QWidget:
        index = list(self.areas).index(title)
        self.navigation.setCurrentRow(index)
        return self.areas[title]

    def edit_organisation(self) -> None:
        dialog = OrganisationDialog(self.services.organisation, self)
        if dialog.exec():
            overview = self.areas[strings.AREA_OVERVIEW]
            if isinstance(overview, OverviewArea):
                overview.refresh()

    def show_about(self) -> None:
        AboutDialog(self.data_folder, self.services.database.url, self).exec()

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 780)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        row = int(self.settings.value("window/area", 1))
        self.navigation.setCurrentRow(row if 0 <= row < self.navigation.count() else 1)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/area", self.navigation.currentRow())
        for area in self.areas.values():
            saver = getattr(area, "save_state", None)
            if saver is not None:
                saver()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_state()
        super().closeEvent(event)
