"""Small dialogs of the Chỉ số area: pick a task, describe evidence, edit a criterion, result."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services.date_input import read_date
from services.errors import Problem
from services.plan.plans import TaskRow
from services.scores.arithmetic import Band
from services.scores.dto import METHODS, CriterionEdit, CriterionRow, CriterionSpec, FrameworkInfo
from services.text import format_date, parse_date
from services.vocab import TASK_STATUSES
from ui.buttons import button_box
from ui.date_field import DateField
from ui.scores.rows_model import ITEM_ROLE, Cells, RowsModel
from ui.search_highlight import HighlightDelegate, RankedSearchProxy

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def _points_box(name: str, maximum: float = 1000, suffix: str = "") -> QDoubleSpinBox:
    """A number box with the Vietnamese decimal comma ("2,5")."""
    box = QDoubleSpinBox(
        objectName=name, decimals=2, maximum=maximum, singleStep=0.25, suffix=suffix
    )
    box.setLocale(VIETNAMESE)
    return box


class _TaskFilter(RankedSearchProxy):
    def search_text(self, source_row: int) -> str:
        task: TaskRow = self.sourceModel().item(source_row)
        return f"{task.search_key} {task.outline.casefold()}"


def _task_cells(item: object) -> Cells:
    t: TaskRow = item  # type: ignore[assignment]
    status = TASK_STATUSES.get(t.status, t.status)
    return Cells((f"{t.outline}  {t.text[:140]}  [{t.lead_code or 'chưa giao'} · {status}]",))


class TaskPickerDialog(QDialog):
    """Choose the plan task that addresses a criterion (search as you type)."""

    def __init__(self, tasks: list[TaskRow], criterion: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskPicker")
        self.setWindowTitle("Gắn nhiệm vụ kế hoạch với tiêu chí")
        self.resize(760, 460)
        self.search = QLineEdit(
            objectName="taskPickerSearch", placeholderText="Tìm nhiệm vụ (gõ không dấu cũng được)"
        )
        self.model = RowsModel(("Nhiệm vụ",), _task_cells, self)
        self.model.set_items([t for t in tasks if t.actionable])
        self.proxy = _TaskFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QListView(objectName="taskPickerList")
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(HighlightDelegate(lambda: self.proxy.query, self.view))
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(1)
        self.search.textChanged.connect(self.proxy.set_query)
        self.view.doubleClicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Tiêu chí: {criterion}", wordWrap=True))
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(button_box(self))
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def selected_task(self) -> TaskRow | None:
        index = self.view.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else None


class EvidenceDialog(QDialog):
    """Title, document number and date of a file being added as evidence."""

    def __init__(
        self,
        file_name: str,
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        number: str = "",
        when: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceDialog")
        self.setWindowTitle(
            "Tài liệu kiểm chứng" if title is not None else "Thêm tài liệu kiểm chứng"
        )
        self.setMinimumWidth(480)
        default = title if title is not None else file_name.rsplit(".", 1)[0]
        self.title = QLineEdit(default, objectName="evidenceTitle")
        self.number = QLineEdit(
            number, objectName="evidenceNumber", placeholderText="ví dụ 15/QĐ-UBND"
        )
        self.when = DateField(when, object_name="evidenceDate")
        self.error = QLabel(objectName="evidenceError")
        self.error.setStyleSheet("color: #a00;")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Tệp: {file_name}"))
        form.addRow("&Tên tài liệu:", self.title)
        form.addRow("&Số, ký hiệu:", self.number)
        form.addRow("&Ngày văn bản:", self.when)
        form.addRow(self.error)
        form.addRow(button_box(self))

    def values(self) -> tuple[str, str, date | None]:
        return self.title.text(), self.number.text(), parse_date(self.when.text())

    def accept(self) -> None:
        problems: list[Problem] = []
        read_date(self.when.text(), "Ngày văn bản", problems)
        if problems:
            self.error.setText(str(problems[0]))
            return
        if not self.title.text().strip():
            self.error.setText("Tên tài liệu không được để trống.")
            return
        super().accept()


class CriterionDialog(QDialog):
    """Edit a criterion: name, maximum (leaves only), method, guidance, applicability."""

    def __init__(self, row: CriterionRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("criterionDialog")
        self.setWindowTitle(f"Sửa tiêu chí {row.code}")
        self.resize(560, 380)
        self.name = QPlainTextEdit(row.name, objectName="criterionName")
        self.maximum = _points_box("criterionMax")
        if row.adjustment == "penalty":  # a penalty's maximum is the most it takes off
            self.maximum.setRange(-1000, 0)
        self.maximum.setValue(row.max_points)
        self.maximum.setEnabled(row.is_leaf)
        self.method = QComboBox(objectName="criterionMethod")
        for key, label in METHODS.items():
            self.method.addItem(label, key)
        self.method.setCurrentIndex(max(0, self.method.findData(row.method)))
        self.guidance = QPlainTextEdit(row.guidance, objectName="criterionGuidance")
        self.applicable = QCheckBox(
            "Tiêu chí áp dụng với đơn vị (bỏ chọn: không áp dụng, giảm điểm tối đa)",
            objectName="criterionApplicable",
        )
        self.applicable.setChecked(row.applicable)
        self.province_scored = QCheckBox(
            "Tỉnh chấm (từ số liệu, khảo sát của tỉnh; xã không tự chấm)",
            objectName="criterionProvinceScored",
        )
        self.province_scored.setChecked(row.province_scored)
        form = QFormLayout(self)
        form.addRow("&Tên:", self.name)
        form.addRow("Điểm &tối đa:", self.maximum)
        if not row.is_leaf:
            form.addRow(QLabel("Điểm tối đa của tiêu chí cha là tổng các tiêu chí con."))
        form.addRow("&Phương thức:", self.method)
        form.addRow("&Cách chấm:", self.guidance)
        form.addRow(self.applicable)
        form.addRow(self.province_scored)
        form.addRow(button_box(self))

    def edit(self) -> CriterionEdit:
        return CriterionEdit(
            name=self.name.toPlainText(),
            max_points=self.maximum.value(),
            method=self.method.currentData(),
            guidance=self.guidance.toPlainText(),
            applicable=self.applicable.isChecked(),
            province_scored=self.province_scored.isChecked(),
        )


class ResultDialog(QDialog):
    """The published rank and classification of a year."""

    def __init__(self, info: FrameworkInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultDialog")
        self.setWindowTitle(f"Kết quả công bố {info.index_key} năm {info.year}")
        self.setMinimumWidth(380)
        self.rank = QSpinBox(objectName="resultRank", maximum=10000, specialValueText="chưa có")
        self.of = QSpinBox(objectName="resultOf", maximum=10000, specialValueText="chưa có")
        self.rank.setValue(info.result_rank or 0)
        self.of.setValue(info.result_of or 0)
        self.classification = QLineEdit(info.result_class, objectName="resultClass")
        form = QFormLayout(self)
        form.addRow("&Xếp thứ:", self.rank)
        form.addRow("Trên tổng &số đơn vị:", self.of)
        form.addRow("Xếp &loại:", self.classification)
        form.addRow(button_box(self))

    def values(self) -> tuple[int | None, int | None, str]:
        return self.rank.value() or None, self.of.value() or None, self.classification.text()


def describe_evidence_date(value: date | None) -> str:
    return format_date(value) or "chưa ghi ngày"


class BandsDialog(QDialog):
    """Classification thresholds: a label and the minimum % for each band (blank rows ignored)."""

    ROWS = 6

    def __init__(self, info: FrameworkInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bandsDialog")
        self.setWindowTitle(f"Xếp loại theo tỷ lệ điểm – {info.index_key} năm {info.year}")
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                "Mỗi dòng: tên mức xếp loại và tỷ lệ điểm tối thiểu (%). Dòng để trống tên bị bỏ qua."
            )
        )
        # The presets the framework came with (its template's, or the province's file).
        self.presets = QComboBox(objectName="bandPresets")
        self.presets.addItem("(tự nhập theo quyết định của tỉnh)", None)
        for name, preset in info.band_presets:
            self.presets.addItem(name, preset)
        self.presets.setVisible(bool(info.band_presets))
        if info.band_presets:
            form.addRow("&Mẫu xếp loại:", self.presets)
        self.presets.currentIndexChanged.connect(self._fill_preset)
        self.labels: list[QLineEdit] = []
        self.minimums: list[QDoubleSpinBox] = []
        bands = list(info.bands)
        for i in range(max(self.ROWS, len(bands))):
            label = QLineEdit(bands[i].label if i < len(bands) else "", objectName=f"bandLabel{i}")
            minimum = _points_box(f"bandMin{i}", 100, " %")
            minimum.setValue(bands[i].min if i < len(bands) else 0)
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(label, 1)
            line.addWidget(QLabel("từ"))
            line.addWidget(minimum)
            form.addRow(f"Mức {i + 1}:", row)
            self.labels.append(label)
            self.minimums.append(minimum)
        form.addRow(button_box(self))

    def _fill_preset(self) -> None:
        preset = self.presets.currentData()
        if not preset:
            return
        for i, (label, minimum) in enumerate(zip(self.labels, self.minimums, strict=True)):
            label.setText(preset[i].label if i < len(preset) else "")
            minimum.setValue(preset[i].min if i < len(preset) else 0)

    def bands(self) -> list[Band]:
        return [
            Band(label.text().strip(), minimum.value())
            for label, minimum in zip(self.labels, self.minimums, strict=True)
            if label.text().strip()
        ]


class AddCriterionDialog(QDialog):
    """A new criterion under the selected one (or a new field at the top)."""

    def __init__(
        self, parent_label: str, suggested_code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addCriterionDialog")
        self.setWindowTitle("Thêm tiêu chí")
        self.setMinimumWidth(480)
        self.code = QLineEdit(suggested_code, objectName="newCriterionCode")
        self.name = QLineEdit(objectName="newCriterionName")
        self.maximum = _points_box("newCriterionMax")
        self.method = QComboBox(objectName="newCriterionMethod")
        for key, label in METHODS.items():
            self.method.addItem(label, key)
        form = QFormLayout(self)
        form.addRow(QLabel(f"Thuộc: {parent_label}", wordWrap=True))
        form.addRow("&Mã:", self.code)
        form.addRow("&Tên:", self.name)
        form.addRow("Điểm &tối đa:", self.maximum)
        form.addRow("&Phương thức:", self.method)
        form.addRow(button_box(self))

    def spec(self) -> CriterionSpec:
        return CriterionSpec(
            code=self.code.text().strip(),
            name=self.name.text(),
            max_points=self.maximum.value(),
            method=self.method.currentData(),
        )
