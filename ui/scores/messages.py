"""Messages of the Chỉ số area: errors in a window-modal box that does not block the event loop."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui import strings


def warn(parent: QWidget, message: str) -> QMessageBox:
    """Show ``message`` as a warning; returned so callers and tests can read or close it."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        strings.ERROR_TITLE,
        message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("scoreWarning")
    ok = box.button(QMessageBox.StandardButton.Ok)
    if ok is not None:
        ok.setText("Đồng ý")
    box.open()
    return box
