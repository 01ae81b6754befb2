"""Qt application set-up and the GUI start: fonts, Vietnamese Qt strings, database, window."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from resources import UI_FONT_FILES, font_path
from services.version import APP_NAME, APP_VERSION
from ui import strings
from ui.qt_safe import guard_none_refcount
from ui.qt_vi import VietnameseQtTranslator

UI_FONT_FAMILY = "Liberation Sans"
_translator: VietnameseQtTranslator | None = None


def register_fonts(files: tuple[str, ...] = UI_FONT_FILES) -> list[str]:
    """Register bundled fonts with Qt so Vietnamese looks the same on every PC."""
    families: list[str] = []
    for name in files:
        font_id = QFontDatabase.addApplicationFont(str(font_path(name)))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def configure_application(app: QApplication) -> None:
    """Idempotent set-up shared by the program and the tests."""
    global _translator
    guard_none_refcount()  # before any heavy binding use: see ui.qt_safe
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(APP_VERSION)
    app.setOrganizationName(APP_NAME)
    if _translator is None:
        _translator = VietnameseQtTranslator(app)
        app.installTranslator(_translator)
    if UI_FONT_FAMILY in register_fonts():
        app.setFont(QFont(UI_FONT_FAMILY, 10))


def sign_in_if_required(services, window) -> bool:
    """When the ward has turned accounts on, nobody works before signing in."""
    from ui import session

    return session.sign_in_if_required(services, window)


def ask_name_unless_signed_in(services, settings) -> str:
    """First start only: who is making the changes — unless an account already names them."""
    if services.accounts is not None and services.accounts.enabled():
        return ""
    from ui.safety.first_start import ask_user_name_once

    return ask_user_name_once(settings)


def tidied_status(lines: tuple[str, ...]) -> str:
    """One status-bar line for what the start tidied; every file is in the log."""
    from services.store.startup import TIDY_LOG

    first = " ".join(line.rstrip(":") for line in lines if not line.startswith("  - "))
    return f"{first} (chi tiết: backups/{TIDY_LOG})"


def run_gui(db_target: str | None) -> int:
    """Show the window at once, then open the database and fill the window.

    Opening the database imports SQLAlchemy and may migrate; doing it after the first paint
    lets the clerk see the program respond immediately on an old PC.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    configure_application(app)

    from services.store.paths import data_dir, default_db_path
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    probe = bool(os.environ.get("PARDESK_STARTUP_PROBE"))
    try:
        folder = data_dir()
    except OSError as exc:
        QMessageBox.critical(
            None, strings.OPEN_ERROR_TITLE, f"Không mở được thư mục dữ liệu: {exc}"
        )
        return 1
    settings = open_settings(folder)
    window = MainWindow(None, settings, folder)
    window.show()
    app.processEvents()  # paint the window before the slower work below
    if probe:
        print(f"window-shown-at {time.time():.4f}", flush=True)

    from services.errors import DatabaseOpenError
    from ui.session import Desk

    desk = Desk(window, settings, folder)  # a restore reopens the program through it
    try:
        from ui.accounts.server_dialog import stored_database

        target = db_target or stored_database(settings) or default_db_path()
        outcome = desk.open(target)
    except DatabaseOpenError as exc:
        window.hide()
        QMessageBox.critical(None, strings.OPEN_ERROR_TITLE, exc.message)
        return 1
    services = desk.services
    assert services is not None
    if not probe and not sign_in_if_required(services, window):
        desk.close()
        return 0
    if not probe:
        ask_name_unless_signed_in(services, settings)
    desk.attach()
    if outcome.tidied:
        window.statusBar().showMessage(tidied_status(outcome.tidied), 30_000)
    if probe:
        # For bench/run.py: report when the plan is on screen, then quit.
        app.processEvents()
        print(f"data-shown-at {time.time():.4f}", flush=True)
        print(f"status-bar {window.statusBar().currentMessage()}", flush=True)
        QTimer.singleShot(0, window.close)
    code = app.exec()
    desk.close()  # the database of the window open last (a restore may have swapped it)
    return code
