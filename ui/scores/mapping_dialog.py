"""The clerk confirms which of this year's criteria continues each of last year's.

Opened after importing a framework whose codes differ from the year before (and from the
"Đối chiếu tiêu chí năm trước…" button). Each of last year's criteria shows its lost points
and a box with this year's criterion proposed by ParDesk (same code, same number, similar
name); the clerk changes what is wrong and saves. Lost points left without a counterpart are
listed under the table as the clerk edits, so none disappears from the gaps unnoticed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.errors import UserError
from services.scores.arithmetic import fmt
from services.scores.year_mapping import CriterionMappingService, YearMapping
from ui.buttons import Std, button_box

NO_COUNTERPART = "(không có tiêu chí tương ứng năm nay)"
COLUMNS = ("Tiêu chí năm trước", "Mất điểm", "Tiêu chí tương ứng năm nay", "Căn cứ đề xuất")


class MappingDialog(QDialog):
    def __init__(
        self,
        service: CriterionMappingService,
        mapping: YearMapping,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mappingDialog")
        self._service = service
        self.mapping = mapping
        self.saved: YearMapping | None = None
        old, new = mapping.previous.year, mapping.framework.year
        self.setWindowTitle(f"Đối chiếu tiêu chí năm {old} với năm {new}")
        intro = QLabel(
            f"Bộ tiêu chí năm {new} đánh số khác năm {old}. ParDesk đề xuất tiêu chí tương ứng "
            "theo mã, theo số hiệu và theo tên (không phân biệt dấu). Hãy kiểm tra từng dòng, "
            f"sửa nếu sai rồi bấm Lưu: điểm bị mất năm {old} được chuyển sang tiêu chí năm "
            f"{new} đã chọn, để lập nhiệm vụ khắc phục, so sánh các năm và xem lịch sử điểm.",
            objectName="mappingIntro",
            wordWrap=True,
        )
        self.table = QTableWidget(len(mapping.lines), len(COLUMNS), objectName="mappingTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.boxes: dict[int, QComboBox] = {}
        bold = QFont()
        bold.setBold(True)
        for row, line in enumerate(mapping.lines):
            prev = line.previous
            name = QTableWidgetItem("   " * prev.depth + f"{prev.code} {prev.name}")
            name.setToolTip(prev.name)
            if not prev.is_leaf:
                name.setFont(bold)
            lost = QTableWidgetItem(fmt(line.lost) if line.lost_points else "")
            lost.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            reason = QTableWidgetItem(line.reason or ("Đã lưu" if mapping.confirmed else ""))
            for column, item in ((0, name), (1, lost), (3, reason)):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
            box = QComboBox(objectName=f"mapping_{prev.code}")
            box.setMinimumContentsLength(28)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.addItem(NO_COUNTERPART, None)
            for choice in mapping.choices:
                if choice.is_leaf == prev.is_leaf:
                    box.addItem("   " * choice.depth + f"{choice.code} {choice.name}", choice.id)
            box.setCurrentIndex(max(0, box.findData(line.criterion_id)))
            box.currentIndexChanged.connect(self._update_warning)
            self.table.setCellWidget(row, 2, box)
            self.boxes[prev.id] = box
        self.table.resizeRowsToContents()
        self.warning = QLabel(objectName="mappingWarning", wordWrap=True)
        self.warning.setStyleSheet("color: #8a3b00;")
        self.errors = QLabel(objectName="mappingErrors", wordWrap=True)
        self.errors.setStyleSheet("color: #a00000;")
        self.errors.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.errors)
        buttons = button_box(self, Std.Save | Std.Cancel)
        cancel = buttons.button(buttons.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText("Để sau")
        layout.addWidget(buttons)
        self.resize(1000, 620)
        self._update_warning()

    def choose(self, previous_code: str, code: str | None) -> None:
        """Pick this year's criterion ``code`` (None: no counterpart) for last year's one."""
        line = next(x for x in self.mapping.lines if x.previous.code == previous_code)
        box = self.boxes[line.previous.id]
        target = next((c.id for c in self.mapping.choices if c.code == code), None)
        box.setCurrentIndex(max(0, box.findData(target)))

    def links(self) -> dict[int, int | None]:
        return {prev_id: box.currentData() for prev_id, box in self.boxes.items()}

    def unmapped_losses(self) -> list[str]:
        links = self.links()
        return [
            f"{x.previous.code} {x.previous.name} (mất {fmt(x.lost)} điểm)"
            for x in self.mapping.lines
            if x.lost_points and links[x.previous.id] is None
        ]

    def _update_warning(self) -> None:
        lost = self.unmapped_losses()
        year = self.mapping.previous.year
        self.warning.setText(
            f"{len(lost)} tiêu chí năm {year} bị mất điểm chưa có tiêu chí tương ứng năm nay "
            "(sẽ được liệt kê riêng ở tab “Điểm thiếu năm trước”): " + "; ".join(lost) + "."
            if lost
            else f"Mọi tiêu chí bị mất điểm năm {year} đều đã có tiêu chí tương ứng năm nay."
        )

    def accept(self) -> None:
        try:
            self.saved = self._service.save(self.mapping.framework.id, self.links())
        except UserError as exc:
            self.errors.setText(str(exc))
            self.errors.show()
            return
        super().accept()
