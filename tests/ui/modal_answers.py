"""Answer a modal box (conflict box, legacy-text preview) the moment it shows, as a user would."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QMessageBox


def answer_when_shown(object_name: str, button: str | None = None, *, accept: bool = True):
    """Click ``button`` (objectName) of the top-level ``object_name`` once it is visible, or
    accept/reject it. Returns a list that receives the box's text when it was answered."""
    seen: list[str] = []
    tries = {"left": 200}

    def press() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == object_name and widget.isVisible():
                seen.append(_text(widget))
                if button is not None:
                    widget.findChild(QAbstractButton, button).click()
                elif isinstance(widget, QDialog):
                    widget.accept() if accept else widget.reject()
                return
        tries["left"] -= 1
        if tries["left"]:
            QTimer.singleShot(20, press)

    QTimer.singleShot(0, press)
    return seen


def _text(widget) -> str:
    if isinstance(widget, QMessageBox):
        return widget.text()
    parts = [label.text() for label in widget.findChildren(QLabel)]
    table = getattr(widget, "table", None)
    if table is not None:
        for row in range(table.rowCount()):
            parts.append(" | ".join(table.item(row, c).text() for c in range(table.columnCount())))
    return "\n".join(parts)
