"""Small input helpers of the legal dialogs: dd/mm/yyyy date boxes and code combo boxes."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from services.date_input import read_date
from services.errors import Problem
from services.text import DATE_HINT, format_date


class DateField(QLineEdit):
    """A date typed as clerks type it (30092025, 30/9/2025); empty means "none".

    Bad text is reported with the one parser's Vietnamese message, never guessed.
    """

    def __init__(self, value: date | None = None, *, object_name: str, parent=None) -> None:
        super().__init__(format_date(value), parent, objectName=object_name)
        self.setPlaceholderText(DATE_HINT)
        self.setMaximumWidth(120)

    def set_date(self, value: date | None) -> None:
        self.setText(format_date(value))

    def value(self, label: str, problems: list[Problem]) -> date | None:
        return read_date(self.text(), label, problems)


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
