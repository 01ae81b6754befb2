"""First start: ask who uses this PC, so every change in the audit trail has a name."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from services.safety.audit import default_actor
from services.text import nfc
from ui.buttons import button_box


class UserNameDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("userNameDialog")
        self.setWindowTitle("ParDesk – Người sử dụng")
        intro = QLabel(
            "Xin cho biết họ và tên của anh/chị. ParDesk ghi tên này cùng thời điểm vào nhật ký "
            "mỗi khi dữ liệu được thêm, sửa hoặc xóa. Có thể đổi lại trong mục Cài đặt.",
            wordWrap=True,
        )
        self.name = QLineEdit(objectName="userNameEdit")
        self.name.setMaxLength(100)
        self.name.setText(name or default_actor())
        self.name.selectAll()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel("Họ và tên:"))
        layout.addWidget(self.name)
        layout.addWidget(button_box(self))
        self.resize(460, 170)

    def value(self) -> str:
        return nfc(self.name.text())

    def accept(self) -> None:
        if not self.value():
            QMessageBox.warning(self, "ParDesk", "Họ và tên: không được để trống.")
            return
        super().accept()
