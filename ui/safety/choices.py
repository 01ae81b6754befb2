"""Two questions every editor and importer asks the same way.

- Someone else saved the record first: reload their version, save mine over it, or cancel.
- An imported text looks like TCVN3/VNI: show before → after and ask to convert.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.errors import ConflictError
from ui.buttons import Std, button_box


class ConflictChoice(Enum):
    RELOAD = "reload"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


def conflict_message_box(error: ConflictError, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("conflictBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("ParDesk – Người khác vừa sửa")
    box.setText(error.message)
    reload = box.addButton("Tải lại bản mới", QMessageBox.ButtonRole.AcceptRole)
    reload.setObjectName("reloadButton")
    overwrite = box.addButton("Lưu đè nội dung của tôi", QMessageBox.ButtonRole.DestructiveRole)
    overwrite.setObjectName("overwriteButton")
    cancel = box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
    cancel.setObjectName("cancelButton")
    box.setDefaultButton(reload)
    return box


def ask_conflict_choice(error: ConflictError, parent: QWidget | None = None) -> ConflictChoice:
    """The user's choice after a ``ConflictError``; the caller reloads or saves again."""
    box = conflict_message_box(error, parent)
    box.exec()
    clicked = box.clickedButton()
    name = clicked.objectName() if clicked is not None else ""
    return {
        "reloadButton": ConflictChoice.RELOAD,
        "overwriteButton": ConflictChoice.OVERWRITE,
    }.get(name, ConflictChoice.CANCEL)


class LegacyTextDialog(QDialog):
    """Shows what the conversion from TCVN3/VNI would give; accepted means convert."""

    def __init__(
        self,
        encoding_name: str,
        pairs: list[tuple[str, ...]],
        parent: QWidget | None = None,
        *,
        intro: str = "",
        headers: tuple[str, ...] = ("Trong tệp", "Sau khi chuyển"),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("legacyTextDialog")
        self.setWindowTitle("ParDesk – Chữ Việt mã cũ")
        intro_label = QLabel(
            intro
            or f"Tệp có chữ tiếng Việt gõ theo bảng mã cũ {encoding_name}. ParDesk có thể "
            "chuyển sang Unicode như các ví dụ dưới đây. Chuyển đổi khi nhập?",
            wordWrap=True,
            objectName="legacyIntro",
        )
        self.table = QTableWidget(len(pairs), len(headers), objectName="legacyPreview")
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if len(headers) > 2:  # a leading "which field" column needs only its words
            self.table.horizontalHeader().setSectionResizeMode(
                0, QHeaderView.ResizeMode.ResizeToContents
            )
        for row, cells in enumerate(pairs):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(button_box(self, Std.Ok | Std.Cancel))
        self.resize(640, 300)
