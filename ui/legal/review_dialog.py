"""Record the result of an open review: outcome, findings per article, proposed handling."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services.errors import NotFoundError, Problem, ValidationError
from services.legal import vocab
from services.legal.dto import DocumentRow
from services.legal.reviews import FindingDraft, LegalReviewService, ReviewResult, ReviewRow
from services.text import format_date
from ui.buttons import Std, button_box
from ui.date_field import DateField
from ui.legal.fields import code_combo, error_label, show_problems

FINDING_COLUMNS = (
    "Điều, khoản được rà soát",
    "Nội dung căn cứ rà soát",
    "Ý kiến rà soát",
    "Kiến nghị xử lý",
)


class ReviewDialog(QDialog):
    def __init__(
        self,
        reviews: LegalReviewService,
        document: DocumentRow,
        open_reviews: list[ReviewRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("legalReviewDialog")
        self.setWindowTitle("Ghi kết quả rà soát")
        self._service = reviews
        self.saved: ReviewRow | None = None
        heading = QLabel(
            f"<b>{document.label}</b><br>{document.summary}", objectName="reviewHeading"
        )
        heading.setWordWrap(True)
        self.trigger = QComboBox(objectName="reviewTrigger")
        for r in open_reviews:
            self.trigger.addItem(f"{format_date(r.flagged_on)}: {r.trigger_text}", r.id)
        self.reviewed_on = DateField(date.today(), object_name="reviewedOn")
        self.reviewer = QLineEdit(objectName="reviewer")
        self.finding = code_combo(vocab.FINDINGS, object_name="finding", blank="(chọn kết quả)")
        self.scope = code_combo(vocab.SCOPES, object_name="reviewScope")
        self.table = QTableWidget(0, len(FINDING_COLUMNS), objectName="findingTable")
        self.table.setHorizontalHeaderLabels(FINDING_COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(120)
        add_row = QPushButton("Thêm dòng", objectName="addFinding")
        add_row.clicked.connect(lambda: self.add_finding())
        self.handling = code_combo(vocab.HANDLINGS, object_name="handling", blank="(chưa chọn)")
        follow_finding(self.finding, self.handling)
        self.handling_content = QLineEdit(objectName="handlingContent")
        self.deadline = DateField(object_name="handlingDeadline")
        self.lead_unit = QLineEdit(objectName="leadUnit")
        self.notes = QLineEdit(objectName="reviewNotes")
        form = QFormLayout()
        form.addRow("&Căn cứ rà soát:", self.trigger)
        form.addRow("&Ngày rà soát:", self.reviewed_on)
        form.addRow("Người rà &soát:", self.reviewer)
        form.addRow("&Kết quả rà soát:", self.finding)
        form.addRow("&Phạm vi:", self.scope)
        rows = QHBoxLayout()
        rows.addWidget(self.table, 1)
        rows.addWidget(add_row, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow("Nội dung rà soát:", rows)
        form.addRow("Kiến nghị &xử lý:", self.handling)
        form.addRow("Nội dung xử lý:", self.handling_content)
        form.addRow("&Thời hạn xử lý:", self.deadline)
        form.addRow("Đơn vị chủ trì soạn thảo:", self.lead_unit)
        form.addRow("Ghi chú:", self.notes)
        self.errors = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))
        self.resize(860, 620)

    def add_finding(
        self, article: str = "", basis: str = "", finding: str = "", proposal: str = ""
    ) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(article))
        self.table.setItem(row, 1, QTableWidgetItem(basis))
        # A new row starts with neither an opinion nor a proposal (not "còn phù hợp" beside
        # "sửa đổi, bổ sung", the first items of each list); choosing the opinion proposes.
        opinion = code_combo(vocab.FINDINGS, object_name=f"findingOpinion{row}", blank="—")
        opinion.setCurrentIndex(max(0, opinion.findData(finding)))
        handling = code_combo(vocab.HANDLINGS, object_name=f"findingProposal{row}", blank="—")
        handling.setCurrentIndex(max(0, handling.findData(proposal)))
        follow_finding(opinion, handling)
        self.table.setCellWidget(row, 2, opinion)
        self.table.setCellWidget(row, 3, handling)

    def _findings(self) -> tuple[FindingDraft, ...]:
        found = []
        for row in range(self.table.rowCount()):
            texts = [
                (self.table.item(row, c).text() if self.table.item(row, c) else "") for c in (0, 1)
            ]
            opinion: QComboBox = self.table.cellWidget(row, 2)  # type: ignore[assignment]
            proposal: QComboBox = self.table.cellWidget(row, 3)  # type: ignore[assignment]
            if not any(texts) and not opinion.currentData():
                continue
            found.append(
                FindingDraft(texts[0], opinion.currentData(), texts[1], proposal.currentData())
            )
        return tuple(found)

    def result(self, problems: list[Problem]) -> ReviewResult:
        return ReviewResult(
            reviewed_on=self.reviewed_on.value("Ngày rà soát", problems),
            reviewer=self.reviewer.text(),
            finding=self.finding.currentData(),
            scope=self.scope.currentData(),
            findings=self._findings(),
            handling=self.handling.currentData(),
            handling_content=self.handling_content.text(),
            handling_deadline=self.deadline.value("Thời hạn xử lý", problems),
            lead_unit=self.lead_unit.text(),
            notes=self.notes.text(),
        )

    def accept(self) -> None:
        problems: list[Problem] = []
        result = self.result(problems)
        if problems:
            show_problems(self.errors, problems)
            return
        try:
            self.saved = self._service.record_result(self.trigger.currentData(), result)
        except (ValidationError, NotFoundError) as exc:
            show_problems(self.errors, getattr(exc, "problems", [Problem("", exc.message)]))
            return
        super().accept()


def follow_finding(finding: QComboBox, handling: QComboBox) -> None:
    """Keep the handling in step with the outcome: choosing an outcome proposes its usual
    handling, unless the reviewer already chose another one by hand."""
    previous = {"code": finding.currentData() or ""}

    def changed() -> None:
        old_default = vocab.DEFAULT_HANDLING.get(previous["code"], "")
        code = finding.currentData() or ""
        previous["code"] = code
        if (handling.currentData() or "") in ("", old_default):
            handling.setCurrentIndex(
                max(0, handling.findData(vocab.DEFAULT_HANDLING.get(code, "")))
            )

    finding.currentIndexChanged.connect(changed)
