"""Cài đặt → Cơ sở dữ liệu dùng chung: the PostgreSQL address used at the next start."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.buttons import Std, button_box

DATABASE_KEY = "database/url"


def stored_database(settings: QSettings) -> str | None:
    value = str(settings.value(DATABASE_KEY, "") or "").strip()
    return value or None


class ServerDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverDialog")
        self.setWindowTitle("Cơ sở dữ liệu dùng chung")
        self._settings = settings
        text = QLabel(
            "Để mọi máy trong văn phòng dùng chung một cơ sở dữ liệu, nhập địa chỉ máy chủ "
            "PostgreSQL, ví dụ: postgresql://pardesk:matkhau@192.168.1.10:5432/pardesk\n"
            "Để trống: dùng tệp dữ liệu trên máy này. Thay đổi có hiệu lực từ lần mở sau."
        )
        text.setWordWrap(True)
        self.url = QLineEdit(stored_database(settings) or "", objectName="serverUrl")
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.url)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))
        self.setMinimumWidth(560)

    def accept(self) -> None:
        self._settings.setValue(DATABASE_KEY, self.url.text().strip())
        self._settings.sync()
        super().accept()
