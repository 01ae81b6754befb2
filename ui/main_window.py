"""The main window: navigation on the left, one area at a time on the right.

The window is shown before the database is opened (``services=None``, then ``attach``) and
each area is built the first time it is shown, so start-up pays only for what the clerk
sees first. Area modules are therefore imported inside their factories.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QWidget,
)

from ui import strings

if TYPE_CHECKING:
    from services.bundle import Services
    from services.safety.restore import RestoreResult

AreaFactory = Callable[[], QWidget]


def _overview(window: MainWindow) -> QWidget:
    from ui.overview import OverviewArea

    def open_filtered(wanted, year):
        window.show_area(strings.AREA_PLAN).apply_filter(wanted, year=year)

    return OverviewArea(window.services, window.settings, open_filtered)


def _plan(window: MainWindow) -> QWidget:
    from ui.plan.plan_area import PlanArea

    return PlanArea(window.services, window.settings)  # roles: _ensure_area


def _scores(window: MainWindow) -> QWidget:
    from ui.scores.scores_area import ScoresArea

    return ScoresArea(window.services, window.settings)


def _settings_area(window: MainWindow) -> QWidget:
    from ui.safety.settings_area import SettingsArea

    return SettingsArea(window.services, window.settings, restore=window.restore_backup)


def _reports(window: MainWindow) -> QWidget:
    from ui.documents.reports_area import ReportsArea

    return ReportsArea(window.services, window.settings)


def _disclosure(window: MainWindow) -> QWidget:
    from ui.disclosure.disclosure_area import DisclosureArea

    return DisclosureArea(window.services, window.settings)


def _legal(window: MainWindow) -> QWidget:
    from ui.legal.legal_area import LegalArea

    return LegalArea(window.services, window.settings)


NAVIGATION_WIDTH = 96


class MainWindow(QMainWindow):
    def __init__(self, services: Services | None, settings: QSettings, data_folder: Path) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(strings.APP_TITLE)
        self.services: Services = services  # type: ignore[assignment]  # None until attach()
        self.settings = settings
        self.data_folder = data_folder
        self.areas: dict[str, QWidget] = {}
        self._factories: dict[str, AreaFactory] = {}
        self.restored = False  # set after a restore: the window closes without a backup
        # Set by the program's start (ui.session.Desk): reopens the program on restored data.
        self.reopen: Callable[[RestoreResult], None] | None = None
        self.daily_backup = None
        self.help_window = None  # the guide (ui.help.help_window), made at the first F1
        self._build()
        self._build_menus()
        self._restore()
        if services is not None:
            self.attach(services)

    def _area_factories(self) -> list[tuple[str, QStyle.StandardPixmap, AreaFactory]]:
        sp = QStyle.StandardPixmap
        return [
            (strings.AREA_OVERVIEW, sp.SP_ComputerIcon, lambda: _overview(self)),
            (strings.AREA_PLAN, sp.SP_FileDialogDetailedView, lambda: _plan(self)),
            (strings.AREA_SCORES, sp.SP_FileDialogInfoView, lambda: _scores(self)),
            (strings.AREA_LEGAL, sp.SP_FileDialogContentsView, lambda: _legal(self)),
            (strings.AREA_DISCLOSURE, sp.SP_MessageBoxInformation, lambda: _disclosure(self)),
            (strings.AREA_REPORTS, sp.SP_FileIcon, lambda: _reports(self)),
            (
                strings.AREA_SETTINGS,
                sp.SP_FileDialogListView,
                lambda: _settings_area(self),
            ),
        ]

    def _build(self) -> None:
        # Icons above their names in a narrow column: every area's name stays readable and
        # the areas get the width back on a 1024-pixel laptop.
        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setViewMode(QListView.ViewMode.IconMode)
        self.navigation.setFlow(QListView.Flow.TopToBottom)
        self.navigation.setWrapping(False)
        self.navigation.setMovement(QListView.Movement.Static)
        self.navigation.setWordWrap(True)
        self.navigation.setIconSize(QSize(26, 26))
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setSpacing(1)
        # The whole cell (icon and name) shows which area is open, not only the name.
        self.navigation.setStyleSheet(
            "QListWidget#navigation::item { border-radius: 4px; padding-top: 4px; }"
            "QListWidget#navigation::item:selected {"
            " background: palette(highlight); color: palette(highlighted-text); }"
        )
        self.stack = QStackedWidget(objectName="areaStack")
        for title, icon, factory in self._area_factories():
            item = QListWidgetItem(self.style().standardIcon(icon), title)
            item.setSizeHint(QSize(NAVIGATION_WIDTH - 8, 64))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            item.setToolTip(title)
            self.navigation.addItem(item)
            self._factories[title] = factory
            loading = QLabel("Đang mở dữ liệu...", alignment=Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(loading)
        self.navigation.currentRowChanged.connect(self._on_navigate)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        # The key is handled by the plan and Báo cáo areas (one shortcut per key, never two).
        print_action = QAction("&In văn bản...\tCtrl+P", self, objectName="printAction")
        print_action.triggered.connect(self.print_current)
        file_menu.addAction(print_action)
        file_menu.addSeparator()
        quit_action = QAction("&Thoát", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        settings_menu = self.menuBar().addMenu("&Cài đặt")
        org_action = QAction("&Thông tin đơn vị...", self)
        org_action.triggered.connect(self.edit_organisation)
        settings_menu.addAction(org_action)
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        self.help_action = QAction("&Hướng dẫn sử dụng", self, objectName="helpAction")
        self.help_action.setShortcut(QKeySequence("F1"))
        self.help_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.help_action.triggered.connect(lambda: self.show_help())
        help_menu.addAction(self.help_action)
        about_action = QAction("&Giới thiệu ParDesk", self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)
        self._add_backup_actions(file_menu)
        self.org_action = org_action
        self.accounts_action = QAction(
            "Tài &khoản người dùng...", self, objectName="accountsAction"
        )
        self.accounts_action.triggered.connect(self.edit_accounts)
        settings_menu.addAction(self.accounts_action)
        self.server_action = QAction(
            "Cơ sở dữ liệu &dùng chung...", self, objectName="serverAction"
        )
        self.server_action.triggered.connect(self.edit_server)
        settings_menu.addAction(self.server_action)

    def _add_backup_actions(self, file_menu) -> None:
        """“Sao lưu ra...” and “Khôi phục...” above “Thoát”."""
        quit_action = next((a for a in file_menu.actions() if a.text() == "&Thoát"), None)
        self.backup_action = QAction("&Sao lưu ra...", self, objectName="backupAction")
        self.backup_action.triggered.connect(self.backup_now)
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

    def backup_now(self) -> None:
        from ui.safety import backup_ui

        backup_ui.ask_and_backup(self.services, self)

    def restore_backup(self) -> None:
        """Tệp → Khôi phục (and the Sao lưu tab's button): then work on the restored data."""
        from ui.safety import backup_ui

        if self.daily_backup is not None:
            self.daily_backup.wait()  # its connection would make the restore refuse the file
        result = backup_ui.ask_and_restore(self.services, self)
        if result is None:
            return
        if self.reopen is not None:
            self.reopen(result)
            return
        # A window not built by the program's start has nobody to reopen it: close.
        QMessageBox.information(
            self,
            "ParDesk – Đã khôi phục",
            backup_ui.restored_text(result, self.services.database.location)
            + "\n\nParDesk sẽ đóng lại; hãy mở lại chương trình.",
        )
        self.restored = True
        self.close()

    def attach(self, services: Services) -> None:
        """Bind the opened database and build the area the clerk is looking at."""
        from ui.safety import backup_ui
        from ui.safety.settings_area import apply_user_name

        self.services = services
        apply_user_name(services, self.settings)
        self.statusBar().showMessage(f"Dữ liệu: {services.database.location}")
        self._apply_role()
        self.daily_backup = backup_ui.DailyBackup(services, self)
        self.daily_backup.done.connect(self.show_status)
        QTimer.singleShot(3000, self.daily_backup.start_if_due)
        self._on_navigate(self.navigation.currentRow())

    def _apply_role(self) -> None:
        """Menus for what the signed-in account may do; its name in the status bar."""
        from ui.accounts.roles import account_of, apply_to_area, may, status_text

        if self.services.accounts is not None:
            self.services.accounts.refresh_actor()  # the account, not the PC's user name
        account = account_of(self.services)
        admin = account is None or account.local or account.role == "administrator"
        self.org_action.setVisible(may(self.services, "profile"))
        self.accounts_action.setVisible(may(self.services, "users"))
        self.server_action.setVisible(admin)
        for action in (self.backup_action, self.restore_action):
            action.setVisible(admin)
        for title, area in self.areas.items():  # built before the account changed
            apply_to_area(title, area, self.services)
        who = status_text(self.services)
        if who:
            self.statusBar().showMessage(f"Dữ liệu: {self.services.database.location} — {who}")

    def edit_server(self) -> None:
        from ui.accounts.server_dialog import ServerDialog

        ServerDialog(self.settings, self).exec()

    def edit_accounts(self) -> None:
        from ui.accounts.accounts_dialog import AccountsDialog

        AccountsDialog(self.services, self).exec()
        self._apply_role()  # accounts may have been turned on or off

    def _on_navigate(self, row: int) -> None:
        if row < 0:
            return
        title = self.navigation.item(row).text()
        if self.services is not None:
            self._ensure_area(title)
        self.stack.setCurrentIndex(row)

    def area(self, title: str) -> QWidget:
        """The area with this title, built now if it has not been shown yet."""
        return self._ensure_area(title)

    def _ensure_area(self, title: str) -> QWidget:
        if title not in self.areas:
            row = list(self._factories).index(title)
            area = self._factories[title]()
            old = self.stack.widget(row)
            self.stack.insertWidget(row, area)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.areas[title] = area
            from ui.help.pages import AREA_PAGES, HELP_PROPERTY

            area.setProperty(HELP_PROPERTY, AREA_PAGES.get(title, "index"))  # F1 opens it
            from ui.accounts.roles import apply_to_area

            apply_to_area(title, area, self.services)
            if title == strings.AREA_PLAN:
                # Ctrl+P in the plan prints the plan of the year on screen (the Báo cáo
                # area has its own Ctrl+P for the document chosen there).
                QShortcut(
                    QKeySequence.StandardKey.Print,
                    area,
                    self.print_current,
                    context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
                )
        return self.areas[title]

    def print_current(self) -> None:
        """Tệp → In (Ctrl+P): the Báo cáo area's document, or the plan of the plan area."""
        from ui.documents.document_request import KIND_PLAN

        current = self.stack.currentWidget()
        reports = self._ensure_area(strings.AREA_REPORTS)
        plan = self.areas.get(strings.AREA_PLAN)
        if current is plan and plan is not None:
            year = plan.year()
            if year is None:
                return
            reports.choose(KIND_PLAN, year)
        reports.print_document()

    def show_area(self, title: str) -> QWidget:
        area = self._ensure_area(title)
        self.navigation.setCurrentRow(list(self._factories).index(title))
        return area

    def edit_organisation(self) -> None:
        from ui.dialogs.organisation_dialog import OrganisationDialog

        dialog = OrganisationDialog(self.services.organisation, self)
        if dialog.exec():
            overview = self.areas.get(strings.AREA_OVERVIEW)
            refresh = getattr(overview, "refresh", None)
            if refresh is not None:
                refresh()

    def show_help(self, page: str | None = None):
        """The guide, on ``page`` or on the page of what has the focus (F1)."""
        from PySide6.QtWidgets import QApplication

        from ui.help.help_window import HelpWindow
        from ui.help.keys import page_for

        if page is None:
            focus = QApplication.focusWidget()
            if focus is None or focus.window() is not self:
                focus = self.stack.currentWidget()
            page = page_for(focus)
        if self.help_window is None:
            # A window of its own (no parent): a dialog open in the main window must not
            # block it, and it stays open beside the screen it explains.
            self.help_window = HelpWindow()
        self.help_window.show_page(page)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()
        return self.help_window

    def show_about(self) -> None:
        from ui.dialogs.about_dialog import AboutDialog

        url = self.services.database.location if self.services else ""
        AboutDialog(self.data_folder, url, self).exec()

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
        if self.help_window is not None:
            self.help_window.close()
            self.help_window.deleteLater()
            self.help_window = None
        if self.daily_backup is not None:
            self.daily_backup.wait()
        if self.services is not None and not self.restored:
            from ui.safety import backup_ui

            problem = backup_ui.backup_on_close(self.services)
            if problem:
                QMessageBox.warning(self, "ParDesk – Sao lưu tự động", problem)
        super().closeEvent(event)
