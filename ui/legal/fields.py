"""Small input helpers of the legal dialogs: the program's date box and code combo boxes."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from services.errors import Problem
from ui.date_field import DateField

__all__ = ["DateField", "code_combo", "error_label", "select_code", "show_problems"]


def code_combo(choices: dict[str, str], *, object_name: str, blank: str = "") -> QComboBox:
    """A combo box showing Vietnamese labels and carrying the codes as item data."""
    box = QComboBox(objectName=object_name)
    if blank:
        box.addItem(blank, "")
    for code, label in choices.items():
        box.addItem(label, code)
    return box


def select_code(box: QComboBox, code: str) -> None:
    index = box.findData(code)
    if index >= 0:
        box.setCurrentIndex(index)


def error_label(parent: QWidget | None = None) -> QLabel:
    """The place where a dialog lists what is wrong, in red, instead of a modal box."""
    label = QLabel(parent, objectName="errors")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b91c1c;")
    label.hide()
    return label


def show_problems(label: QLabel, problems: list[Problem]) -> None:
    label.setText("\n".join(f"• {p}" for p in problems))
    label.setVisible(bool(problems))
