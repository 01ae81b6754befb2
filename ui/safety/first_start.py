"""Ask the user's name once per PC user, before the main window opens."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ui.dialogs.user_name_dialog import UserNameDialog
from ui.safety.settings_area import USER_KEY, stored_user_name


def ask_user_name_once(settings: QSettings) -> str:
    name = stored_user_name(settings)
    if name:
        return name
    dialog = UserNameDialog()
    if dialog.exec():
        name = dialog.value()
    else:
        name = dialog.value() or ""  # closing the dialog keeps the login name as offered
    if name:
        settings.setValue(USER_KEY, name)
        settings.sync()
    return name
