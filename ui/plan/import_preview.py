"""What a returned Excel form would change, shown before anything is written.

With problems, the dialog lists every one (sheet, row, column) and offers only Đóng; with
none, it lists each task's old → new values and writes only if the clerk presses Nhập.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.plan.excel_progress import FileCheck, ImportCheck, RowChange
from ui.buttons import Std, button_box
from ui.list_table_model import ListTableModel


class ChangePreviewModel(ListTableModel):
    HEADERS = ("Vị trí trong tệp", "Nhiệm vụ", "Nội dung", "Thay đổi (cũ → mới)")

    def __init__(self, changes: tuple[RowChange, ...] = (), parent=None) -> None:
        super().__init__(parent)
        self.set_rows(list(changes))

    def cell(self, change: RowChange, column: int) -> str:
        return (
            change.where,
            change.outline,
            change.text,
            "\n".join(f"{c.field}: {c.old} → {c.new}" for c in change.changes),
        )[column]


def file_line(f: FileCheck) -> str:
    sheets = ", ".join(f"“{name}”" for name in f.sheets) or "(không có)"
    errors = f"{f.problems} lỗi" if f.problems else "không có lỗi"
    return f"• {f.name}: đọc {f.rows_read} dòng (trang {sheets}); {errors}."


class ImportPreviewDialog(QDialog):
    def __init__(self, check: ImportCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        several = len(check.files) > 1
        self.setWindowTitle(
            f"Nhập tiến độ từ {len(check.files)} tệp"
            if several
            else f"Nhập tiến độ từ “{check.path.name}”"
        )
        layout = QVBoxLayout(self)
        self.summary = QLabel(objectName="importSummary", wordWrap=True)
        layout.addWidget(self.summary)
        # Per file: what was read (which sheets, how many rows) and how many errors it has.
        self.files = QLabel(objectName="importFiles", wordWrap=True)
        self.files.setText("\n".join(file_line(f) for f in check.files))
        self.files.setVisible(bool(check.files))
        layout.addWidget(self.files)
        self.problems = QListWidget(objectName="importProblems")
        self.model = ChangePreviewModel(check.changes, self)
        self.table = QTableView(objectName="importChanges")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 80, 330)):
            self.table.setColumnWidth(column, width)
        if check.problems:
            self.summary.setText(
                f"{'Các tệp' if several else 'Tệp'} có {len(check.problems)} lỗi nên CHƯA NHẬP "
                "GÌ (kể cả từ các tệp không có lỗi). Hãy sửa các ô dưới đây trong tệp Excel "
                "rồi nhập lại:"
            )
            self.summary.setStyleSheet("color: #a40000; font-weight: bold;")
            self.problems.addItems([str(p) for p in check.problems])
            layout.addWidget(self.problems)
            self.buttons = button_box(self, Std.Close)
        elif not check.changes:
            self.summary.setText(
                f"Đã đọc {check.rows_read} dòng: không có thay đổi nào so với dữ liệu hiện có."
            )
            self.buttons = button_box(self, Std.Close)
        else:
            self.summary.setText(
                f"Đã đọc {check.rows_read} dòng, không có lỗi. {len(check.changes)} nhiệm vụ sẽ "
                f"được cập nhật ({check.unchanged} dòng không đổi). Bấm “Nhập” để ghi tất cả "
                "cùng lúc, hoặc “Hủy” để không ghi gì."
            )
            layout.addWidget(self.table, 1)
            self.buttons = button_box(self, Std.Ok | Std.Cancel)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Nhập")
        # What the reader fixed by itself (legacy TCVN3/VNI text, formulas, merged cells).
        self.notes = QListWidget(objectName="importNotes")
        if check.notes:
            self.notes.addItems([f"Lưu ý – {p}" for p in check.notes])
            self.notes.setMaximumHeight(90)
            layout.addWidget(self.notes)
        layout.addWidget(self.buttons)
        self.table.resizeRowsToContents()
        self.resize(920, 520)
