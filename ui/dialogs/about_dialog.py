"""Giới thiệu: version, data folder and database, for support calls."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from services.version import APP_NAME, APP_VERSION
from ui.buttons import Std, button_box


class AboutDialog(QDialog):
    def __init__(self, data_folder: Path, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"Giới thiệu {APP_NAME}")
        text = QLabel(objectName="aboutText", wordWrap=True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setText(
            f"<h3>{APP_NAME} {APP_VERSION}</h3>"
            "<p>Quản lý kế hoạch cải cách hành chính, chỉ số PAR INDEX, PAPI, SIPAS, "
            "rà soát văn bản và công khai của UBND phường/xã. Chạy hoàn toàn không cần mạng.</p>"
            f"<p><b>Phiên bản:</b> {APP_VERSION}<br>"
            f"<b>Thư mục dữ liệu:</b> {data_folder}<br>"
            f"<b>Tệp dữ liệu:</b> {database}</p>"
            "<p>Phông chữ Liberation (giấy phép SIL Open Font License 1.1).</p>"
        )
        self.data_folder_text = str(data_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(button_box(self, Std.Close))
        self.resize(520, 260)
