"""Dialogs for the province's side of scoring: its rules for a framework, an appraisal round,
the ward's explanation of one criterion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from services.scores.arithmetic import ADJUSTMENT_RULES, fmt, parse_points
from services.scores.dto import FrameworkInfo
from services.scores.rounds import RoundCell, RoundInfo, RoundLine
from services.text import DateInputError, parse_date
from ui.buttons import button_box
from ui.date_field import DateField


def _date_box(name: str, value: date | None) -> DateField:
    return DateField(value, object_name=name)


def _error_label() -> QLabel:
    label = QLabel(objectName="dialogError", wordWrap=True)
    label.setStyleSheet("color: #a00;")
    return label


@dataclass(frozen=True)
class FrameworkRules:
    period_start: date | None
    period_end: date | None
    decision: str
    addressee: str
    sipas_link: str
    adjustment_rule: str


class FrameworkRulesDialog(QDialog):
    """What the province's decision sets for a framework, beyond the criteria themselves."""

    def __init__(
        self, info: FrameworkInfo, leaf_codes: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("frameworkRulesDialog")
        self.setWindowTitle(f"Quy định của tỉnh – {info.title}")
        self.setMinimumWidth(520)
        self.start = _date_box("periodStart", info.period_start)
        self.end = _date_box("periodEnd", info.period_end)
        self.decision = QPlainTextEdit(info.decision, objectName="frameworkDecision")
        self.decision.setPlaceholderText(
            "Quyết định số …/QĐ-UBND ngày … của Ủy ban nhân dân tỉnh … ban hành Bộ chỉ số"
        )
        self.decision.setMaximumHeight(70)
        self.addressee = QLineEdit(
            info.addressee, objectName="frameworkAddressee", placeholderText="Sở Nội vụ tỉnh …"
        )
        self.link = QComboBox(objectName="sipasLink")
        self.link.addItem("(không lấy điểm SIPAS)", "")
        for code in leaf_codes:
            self.link.addItem(code, code)
        self.link.setCurrentIndex(max(0, self.link.findData(info.sipas_link)))
        self.rule = QComboBox(objectName="adjustmentRule")
        for key, label in ADJUSTMENT_RULES.items():
            self.rule.addItem(label, key)
        self.rule.setCurrentIndex(max(0, self.rule.findData(info.adjustment_rule)))
        self.error = _error_label()
        period = QWidget()
        row = QHBoxLayout(period)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("từ"))
        row.addWidget(self.start)
        row.addWidget(QLabel("đến"))
        row.addWidget(self.end)
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                "Kỳ đánh giá để trống là cả năm dương lịch. Năm 2025 nhiều tỉnh tính từ 01/07 "
                "(sau sắp xếp đơn vị hành chính).",
                wordWrap=True,
            )
        )
        form.addRow("&Kỳ đánh giá:", period)
        form.addRow("&Quyết định của tỉnh:", self.decision)
        form.addRow("&Kính gửi (báo cáo):", self.addressee)
        if info.index_key == "PAR":
            form.addRow("Tiêu chí nhận điểm &SIPAS:", self.link)
        form.addRow("Điểm thưởng, điểm &trừ:", self.rule)
        form.addRow(self.error)
        form.addRow(button_box(self))
        self._rules: FrameworkRules | None = None

    def rules(self) -> FrameworkRules | None:
        return self._rules

    def accept(self) -> None:
        try:
            start = parse_date(self.start.text())
            end = parse_date(self.end.text())
        except DateInputError as exc:
            self.error.setText(f"Kỳ đánh giá: {exc}")
            return
        self._rules = FrameworkRules(
            start,
            end,
            self.decision.toPlainText(),
            self.addressee.text(),
            self.link.currentData() or "",
            self.rule.currentData(),
        )
        super().accept()


class RoundDialog(QDialog):
    """A new appraisal round: its date, the province's notice, whether it is the final one."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundDialog")
        self.setWindowTitle(f"Thêm lần thẩm định {number}")
        self.setMinimumWidth(440)
        self.held_on = _date_box("roundDate", None)
        self.reference = QLineEdit(
            objectName="roundReference", placeholderText="Thông báo số …/TB-SNV ngày …"
        )
        self.final = QCheckBox("Đây là kết quả cuối cùng (sau giải trình)", objectName="isFinal")
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow("&Ngày thẩm định:", self.held_on)
        form.addRow("&Văn bản của tỉnh:", self.reference)
        form.addRow(self.final)
        form.addRow(self.error)
        form.addRow(button_box(self))
        self.value: date | None = None

    def accept(self) -> None:
        try:
            self.value = parse_date(self.held_on.text())
        except DateInputError as exc:
            self.error.setText(f"Ngày thẩm định: {exc}")
            return
        if self.value is None:
            self.error.setText("Ngày thẩm định không được để trống.")
            return
        super().accept()


class ExplanationDialog(QDialog):
    """The ward's explanation of one criterion's points in a round, and the points it asks."""

    def __init__(
        self, line: RoundLine, round_info: RoundInfo, cell: RoundCell, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("explanationDialog")
        self.setWindowTitle(f"Giải trình tiêu chí {line.code} – {round_info.label}")
        self.setMinimumWidth(520)
        facts = (
            f"{line.code} {line.name}\nTối đa {fmt(line.max)}; tự đánh giá "
            f"{fmt(line.self_score) or 'chưa chấm'}; {round_info.label.lower()}: "
            f"{fmt(cell.score) or 'chưa có'}."
        )
        self.text = QPlainTextEdit(cell.explanation, objectName="explanationText")
        self.proposed = QLineEdit(
            fmt(cell.proposed), objectName="proposedPoints", placeholderText="ví dụ 2"
        )
        self.evidence_path = ""
        self.evidence_button = QPushButton(
            "Thêm &tài liệu kiểm chứng…", objectName="explanationEvidence"
        )
        self.evidence_label = QLabel(
            "; ".join(cell.evidence) or "Chưa thêm tài liệu.", wordWrap=True
        )
        self.evidence_button.clicked.connect(self._pick)
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow(QLabel(facts, wordWrap=True))
        form.addRow("&Nội dung giải trình:", self.text)
        form.addRow("Điểm &đề nghị:", self.proposed)
        form.addRow(self.evidence_button, self.evidence_label)
        form.addRow(self.error)
        form.addRow(button_box(self))
        self.value: float | None = None

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tài liệu kiểm chứng bổ sung")
        if path:
            self.evidence_path = path
            self.evidence_label.setText(path.rsplit("/", 1)[-1])

    def accept(self) -> None:
        try:
            self.value = parse_points(self.proposed.text())
        except ValueError as exc:
            self.error.setText(f"Điểm đề nghị: {exc}.")
            return
        super().accept()
