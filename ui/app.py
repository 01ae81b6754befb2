"""Qt application set-up and the GUI start: fonts, Vietnamese Qt strings, database, window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from resources import UI_FONT_FILES, font_path
from services.version import APP_NAME, APP_VERSION
from ui import strings
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
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(APP_VERSION)
    app.setOrganizationName(APP_NAME)
    if _translator is None:
        _translator = VietnameseQtTranslator(app)
        app.installTranslator(_translator)
    if UI_FONT_FAMILY in register_fonts():
        app.setFont(QFont(UI_FONT_FAMILY, 10))


def run_gui(db_target: str | None) -> int:
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv)
    configure_application(app)

    from services.bundle import build_services
    from services.errors import DatabaseOpenError
    from services.paths import data_dir, default_db_path
    from services.startup import prepare_database
    from ui.main_window import MainWindow
    from ui.settings import open_settings

    try:
        folder = data_dir()
        database, _outcome = prepare_database(db_target or default_db_path())
    except (DatabaseOpenError, OSError) as exc:
        message = getattr(exc, "message", None) or f"Không mở được thư mục dữ liệu: {exc}"
        QMessageBox.critical(None, strings.OPEN_ERROR_TITLE, message)
        return 1
    settings = open_settings(Path(folder))
    if not os.environ.get("PARDESK_STARTUP_PROBE"):
        from ui.safety.first_start import ask_user_name_once

        ask_user_name_once(settings)
    window = MainWindow(build_services(database), settings, Path(folder))
    window.show()
    if os.environ.get("PARDESK_STARTUP_PROBE"):
        # For bench/run.py: report when the first frame is painted, then quit.
        def report() -> None:
            print(f"window-shown-ms {1000 * (time.perf_counter() - started):.1f}", flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, report)
    code = app.exec()
    database.dispose()
    return code
