"""F1: which page the focused screen asks for, and the F1 key of dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ui.help.pages import HELP_PROPERTY, INDEX_PAGE


def page_for(widget: QWidget | None) -> str:
    """The page of ``widget``: its own ``helpPage``, else its nearest parent's, else the index."""
    while widget is not None:
        page = widget.property(HELP_PROPERTY)
        if isinstance(page, str) and page:
            return page
        widget = widget.parentWidget()
    return INDEX_PAGE


def open_help(page: str, near: QWidget | None = None):
    """Show ``page`` in the main window's guide (or a guide of its own when there is none)."""
    widget = near
    while widget is not None:
        shower = getattr(widget, "show_help", None)
        if callable(shower):
            return shower(page)
        widget = widget.parentWidget()
    from ui.help.help_window import HelpWindow

    window = HelpWindow()
    window.show_page(page)
    window.show()
    return window


def add_help_key(dialog: QWidget, page: str) -> QAction:
    """F1 in ``dialog`` opens ``page`` (a modal dialog blocks the main window's F1)."""
    dialog.setProperty(HELP_PROPERTY, page)
    action = QAction("Hướng dẫn", dialog)
    action.setShortcut(QKeySequence("F1"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: open_help(page, dialog))
    dialog.addAction(action)
    return action
