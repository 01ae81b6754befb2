"""Qt's own file and print dialogs speak Vietnamese too (the non-native ones ParDesk may show).

Qt asks its translator for strings with their mnemonics ("&Look in:", "Files of &type:",
"P&roperties"), so the catalogue must hold them that way or the English stays.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QFileDialog, QGroupBox, QLabel

ENGLISH = {
    "&Look in:", "Files of &type:", "File &name:", "&Print", "Print", "P&roperties",
    "&Options >>", "&Name:", "Copies:", "Print range", "Print all", "Collate", "Printer",
    "Output Settings", "Color Mode", "Grayscale", "Double Sided Printing", "Cancel", "&Open",
}  # fmt: skip


def _texts(dialog) -> set[str]:
    texts = {w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)}
    return texts | {g.title() for g in dialog.findChildren(QGroupBox)} | {dialog.windowTitle()}


def test_the_file_dialog_has_no_english_label(main_window, qtbot):
    dialog = QFileDialog(main_window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = _texts(dialog)
    assert not texts & ENGLISH
    assert {"&Tìm trong:", "&Loại tệp:", "&Tên tệp:"} <= texts


def test_the_print_dialog_has_no_english_label(main_window, qtbot):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = _texts(dialog)
    assert not texts & ENGLISH, texts & ENGLISH
    assert {"&In", "&Thuộc tính", "Số bản:", "Phạm vi in"} <= texts
    dialog.reject()
