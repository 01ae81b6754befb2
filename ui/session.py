"""The open database and the window on it, as the program's start builds them.

After a restore the program reopens itself here, in the same process (the same on Windows):
the old window is closed with every dialog it owns, the old engine is disposed so no
connection to the swapped file is left, and the restored file is opened exactly as at
start-up (tidy, migrations for an older backup, evidence check), with new services and a new
window. Unsaved edits of the old window are dropped with it: they belonged to the data the
clerk chose to replace (the restore's question says so).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from services.bundle import Services, build_services
from services.errors import DatabaseOpenError
from services.safety.restore import RestoreResult
from services.store.schema import SchemaOutcome
from services.store.startup import prepare_database
from ui import strings
from ui.main_window import MainWindow
from ui.safety.backup_ui import restored_text, taken_at


def sign_in_if_required(services: Services, window) -> bool:
    """When the ward has turned accounts on, nobody works before signing in."""
    if services.accounts is None or not services.accounts.enabled():
        return True
    from ui.accounts.login_dialog import LoginDialog

    return bool(LoginDialog(services.accounts, window).exec())


class Desk(QObject):
    """One window on one database; ``reopen_after_restore`` swaps both for the restored file."""

    def __init__(self, window: MainWindow, settings: QSettings, data_folder: Path) -> None:
        super().__init__()
        self.window = window
        self.settings = settings
        self.data_folder = data_folder
        self.services: Services | None = None
        self.restored_box: QMessageBox | None = None  # the "now working on …" message

    def open(self, target: str | Path) -> SchemaOutcome:
        """Open (and migrate) the database and build its services; DatabaseOpenError as start."""
        database, outcome = prepare_database(target)
        self.services = build_services(database)
        return outcome

    def attach(self) -> None:
        """Hand the services to the window; a restore from it reopens the program here."""
        assert self.services is not None
        self.window.reopen = self._reopen_soon
        self.window.attach(self.services)

    def close(self) -> None:
        if self.services is not None:
            self.services.database.dispose()

    def _reopen_soon(self, result: RestoreResult) -> None:
        # Queued: the slot that ran the restore (a button of the old window) returns first.
        QTimer.singleShot(0, lambda: self.reopen_after_restore(result))

    def reopen_after_restore(self, result: RestoreResult) -> bool:
        """Close the old window and engine, open the restored file, show a new window on it."""
        old_window, old_services = self.window, self.services
        assert old_services is not None and old_services.database.path is not None
        db_path = old_services.database.path
        old_window.restored = True  # no close backup: the replaced data is in backups/
        old_window.save_state()  # the new window opens at the same size, on the same area
        try:
            self.open(db_path)
        except DatabaseOpenError as exc:
            old_services.database.dispose()
            QMessageBox.critical(
                old_window,
                strings.OPEN_ERROR_TITLE,
                f"Đã khôi phục nhưng không mở được dữ liệu vừa khôi phục: {exc.message}\n\n"
                f"Dữ liệu trước đó được cất tại: {result.kept_aside}\nParDesk sẽ đóng lại.",
            )
            old_window.close()
            return False
        window = MainWindow(None, self.settings, self.data_folder)
        self.window = window
        window.show()  # before the old one closes, so the program does not quit
        old_window.close()  # its dialogs and editors go with it
        old_window.deleteLater()
        old_services.database.dispose()  # again: anything that read since holds nothing now
        assert self.services is not None
        if not sign_in_if_required(self.services, window):  # the restored data's accounts
            window.restored = True
            window.close()
            return False
        self.attach()
        location = self.services.database.location
        window.statusBar().showMessage(
            f"Dữ liệu: {location} — đã khôi phục từ bản sao lưu {result.info.path.name} "
            f"({taken_at(result.info)})"
        )
        self.restored_box = _tell_restored(window, result, location)
        return True


def _tell_restored(window: MainWindow, result: RestoreResult, location: str) -> QMessageBox:
    """Window-modal and non-blocking: the new window is painted and usable under it."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "ParDesk – Đã khôi phục",
        restored_text(result, location),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("restoreDone")
    box.open()
    return box
