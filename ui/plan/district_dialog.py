"""Before next year's plan is saved: passages that still name a district or a thị trấn.

The clerk sees each passage, the suggested rewording (the province's departments named
directly), can edit the suggestion, and ticks what to apply. Nothing is rewritten silently;
"Tạo kế hoạch" saves the new plan with the ticked rewordings, "Hủy" saves nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.plan.district_wording import Finding
from ui.list_table_model import Index, ListTableModel


class FindingsModel(ListTableModel):
    """One finding per row; column 0 is the "apply" tick, the suggestion may be edited."""

    HEADERS = ("Sửa", "Vị trí", "Hiện nay", "Đề nghị sửa thành")

    def __init__(self, findings: list[Finding], parent=None) -> None:
        super().__init__(parent)
        self.set_rows(findings)
        self.applied = [not f.manual for f in findings]
        self.suggestions = [f.suggestion for f in findings]

    def cell(self, row: Finding, column: int) -> str:
        i = self.rows().index(row)
        return ("", row.where, row.text, self.suggestions[i])[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self.applied[index.row()] else Qt.CheckState.Unchecked
        return super().data(index, role)

    def flags(self, index: Index):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            self.applied[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(index, index)
            return True
        return False

    def set_suggestion(self, row: int, text: str) -> None:
        self.suggestions[row] = text
        self.applied[row] = True
        self.dataChanged.emit(self.index(row, 0), self.index(row, 3))

    def rewrites(self) -> dict:
        return {
            f.key: text
            for f, text, apply in zip(self.rows(), self.suggestions, self.applied, strict=True)
            if apply and text != f.text
        }


class DistrictWordingDialog(QDialog):
    def __init__(self, findings: list[Finding], year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("districtWordingDialog")
        self.setWindowTitle(f"Kiểm tra cách gọi cấp huyện trước khi tạo kế hoạch năm {year}")
        intro = QLabel(
            f"Từ 01/07/2025 chính quyền địa phương chỉ còn hai cấp (tỉnh và xã, phường, đặc "
            f"khu): không còn huyện, thị xã, quận, thị trấn. Có {len(findings)} đoạn trong kế "
            "hoạch còn nhắc đến các cấp này. Chọn đoạn để xem, sửa lại lời đề nghị nếu cần, "
            "đánh dấu ở cột “Sửa” những đoạn sẽ được sửa trong kế hoạch mới.",
            wordWrap=True,
        )
        self.model = FindingsModel(findings, self)
        self.table = QTableView(objectName="districtFindings")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((40, 150, 300)):
            self.table.setColumnWidth(column, width)
        self.original = QLabel(objectName="districtOriginal", wordWrap=True)
        self.original.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion = QPlainTextEdit(objectName="districtSuggestion")
        self.suggestion.setTabChangesFocus(True)
        self.suggestion.setFixedHeight(72)
        self.note = QLabel(objectName="districtNote", wordWrap=True)
        self.note.setStyleSheet("color: #9a3412;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Tạo kế hoạch")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Hiện nay:"))
        layout.addWidget(self.original)
        layout.addWidget(QLabel("Sửa thành:"))
        layout.addWidget(self.suggestion)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(self._show)
        self.suggestion.textChanged.connect(self._edited)
        self._row = -1
        if findings:
            self.table.selectRow(0)
        self.resize(900, 600)

    def _show(self, current: QModelIndex, _previous=None) -> None:
        self._row = -1
        finding = self.model.rows()[current.row()]
        self.original.setText(finding.text)
        self.suggestion.setPlainText(self.model.suggestions[current.row()])
        self.note.setText(
            "Không có lời đề nghị tự động cho đoạn này (ví dụ tên thị trấn cũ): hãy sửa tay."
            if finding.manual
            else ""
        )
        self._row = current.row()

    def _edited(self) -> None:
        if self._row >= 0:
            self.model.set_suggestion(self._row, self.suggestion.toPlainText().strip())

    def rewrites(self) -> dict:
        """The rewordings to apply, keyed as the findings are."""
        return self.model.rewrites()
