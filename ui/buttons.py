"""Dialog button boxes built one way everywhere, with Vietnamese text on every button."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

Std = QDialogButtonBox.StandardButton
_TEXTS = {Std.Ok: "Đồng ý", Std.Cancel: "Hủy", Std.Save: "Lưu", Std.Close: "Đóng"}


def button_box(dialog: QDialog, buttons: Std = Std.Ok | Std.Cancel) -> QDialogButtonBox:
    """A button box wired to accept/reject, its texts set even without the Qt translator."""
    box = QDialogButtonBox(buttons, parent=dialog)
    for which, text in _TEXTS.items():
        button = box.button(which)
        if button is not None:
            button.setText(text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
