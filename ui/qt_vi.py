"""Vietnamese for Qt's own strings (standard buttons, line-edit menus, file dialogs).

The PySide6 wheels carry no qtbase_vi catalogue, so a small translator answers for the
strings Qt shows by itself; a test checks that no English OK/Cancel remains visible.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

QT_STRINGS: dict[str, str] = {
    # QPlatformTheme: standard buttons of QDialogButtonBox and QMessageBox
    "OK": "Đồng ý",
    "&OK": "Đồng ý",
    "Cancel": "Hủy",
    "&Cancel": "&Hủy",
    "Save": "Lưu",
    "&Save": "&Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Open": "&Mở",
    "Close": "Đóng",
    "&Close": "Đó&ng",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Help": "Trợ giúp",
    "Discard": "Bỏ qua",
    "Don't Save": "Không lưu",
    "Close without Saving": "Đóng không lưu",
    "&Yes": "&Có",
    "Yes to &All": "Có với &tất cả",
    "&No": "&Không",
    "N&o to All": "K&hông với tất cả",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Restore Defaults": "Khôi phục mặc định",
    "Show Details...": "Xem chi tiết...",
    "Hide Details...": "Ẩn chi tiết...",
    # QLineEdit / QTextEdit context menu
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
    # QFileDialog
    "Look in:": "Tìm trong:",
    "File &name:": "&Tên tệp:",
    "Files of type:": "Loại tệp:",
    "&Choose": "&Chọn",
    "New Folder": "Thư mục mới",
    "Back": "Quay lại",
    "Forward": "Tiến",
    "Parent Directory": "Thư mục cha",
    "List View": "Dạng danh sách",
    "Detail View": "Dạng chi tiết",
    "Name": "Tên",
    "Size": "Kích thước",
    "Type": "Loại",
    "Date Modified": "Ngày sửa",
    "All Files (*)": "Mọi tệp (*)",
    "Directories": "Thư mục",
    "Directory:": "Thư mục:",
    "My Computer": "Máy tính",
    "Computer": "Máy tính",
    "Recent Places": "Vị trí gần đây",
    "Desktop": "Màn hình nền",
    "Documents": "Tài liệu",
    "Home": "Thư mục nhà",
    "Drive": "Ổ đĩa",
    "File": "Tệp",
    "File Folder": "Thư mục",
    "Folder": "Thư mục",
    "Rename": "Đổi tên",
    "Show &hidden files": "Hiện tệp &ẩn",
    "&New Folder": "Thư mục &mới",
    "&Delete": "&Xóa",
    "&Rename": "Đổi &tên",
    "Sidebar": "Thanh bên",
}


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's built-in English strings in Vietnamese; leaves ParDesk's own alone."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return QT_STRINGS.get(source)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False
