"""The built-in guide: Vietnamese pages under resources/help/ shown in a QTextBrowser, and F1.

F1 opens the page of what the clerk is looking at: the main window's F1 (Trợ giúp → Hướng dẫn
sử dụng) reads the ``helpPage`` property of the focused widget or its nearest parent (each
area carries its page, set when the area is built), and dialogs that have a page of their own
(the task editor, the progress dialog) carry their own F1, since a dialog blocks the main
window's shortcuts while it is open. Only one F1 shortcut is ever active in a window: two at
once would be ambiguous to Qt, and neither would fire.

Modules: ``pages`` (the page list and each area's page), ``keys`` (F1), ``help_window``.
"""
