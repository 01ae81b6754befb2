"""The main window: navigation on the left, one area at a time on the right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
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
from ui.safety import backup_ui
from ui.safety.settings_area import SettingsArea, apply_user_name

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
        self.restored = False  # set after a restore: the window closes without a backup
        apply_user_name(services, settings)
        self._build()
        self._build_menus()
        self._restore()
        self.daily_backup = backup_ui.DailyBackup(services, self)
        self.daily_backup.done.connect(self.show_status)
        QTimer.singleShot(3000, self.daily_backup.start_if_due)

    def _area_factories(self) -> list[tuple[str, QStyle.StandardPixmap, AreaFactory]]:
        sp = QStyle.StandardPixmap
        return [
            (strings.AREA_OVERVIEW, sp.SP_ComputerIcon, lambda: OverviewArea(self.services)),
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
                lambda: SettingsArea(self.services, self.settings),
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
        self._add_backup_actions(file_menu)

    def _add_backup_actions(self, file_menu) -> None:
        """“Sao lưu ra...” and “Khôi phục...” above “Thoát”."""
        quit_action = next((a for a in file_menu.actions() if a.text() == "&Thoát"), None)
        self.backup_action = QAction("&Sao lưu ra...", self, objectName="backupAction")
        self.backup_action.triggered.connect(lambda: backup_ui.ask_and_backup(self.services, self))
        self.restore_action = QAction(
            "&Khôi phục từ bản sao lưu...", self, objectName="restoreAction"
        )
        self.restore_action.triggered.connect(self.restore_backup)
        if quit_action is None:
            file_menu.addActions([self.backup_action, self.restore_action])
            return
        file_menu.insertAction(quit_action, self.backup_action)
        file_menu.insertAction(quit_action, self.restore_action)
        file_menu.insertSeparator(quit_action)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def restore_backup(self) -> None:
        if backup_ui.ask_and_restore(self.services, self):
            self.restored = True
            self.close()

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
        self.daily_backup.wait()
        if not self.restored:
            problem = backup_ui.backup_on_close(self.services)
            if problem:
                QMessageBox.warning(self, "ParDesk – Sao lưu tự động", problem)
        super().closeEvent(event)
