"""The selected criterion: its guidance and explanation, linked plan tasks, evidence files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.errors import UserError
from services.plan.plans import TaskRow
from services.scores.arithmetic import fmt, parse_points
from services.scores.dto import METHODS, ScoreLine
from services.scores.evidence import EvidenceInfo
from services.text import format_date
from services.vocab import TASK_STATUSES
from ui.scores.dialogs import CriterionDialog, EvidenceDialog, TaskPickerDialog
from ui.scores.messages import warn
from ui.scores.rows_model import ITEM_ROLE, Cells, RowsModel


def _task_cells(item: object) -> Cells:
    code, t = item  # type: ignore[misc]
    via = "" if code is None else f"(qua {code}) "
    overdue = t.deadline and t.status not in ("done", "cancelled") and t.deadline < date.today()
    late = " · quá hạn" if overdue else ""
    return Cells(
        (
            f"{via}{t.outline} {t.text[:90]} [{TASK_STATUSES.get(t.status, t.status)}, hạn {format_date(t.deadline) or 'chưa có'}{late}]",
        ),
        tooltip=t.text,
    )


def _evidence_cells(item: object) -> Cells:
    e: EvidenceInfo = item  # type: ignore[assignment]
    number = f"{e.doc_number}, " if e.doc_number else ""
    return Cells(
        (f"{e.title} ({number}{format_date(e.doc_date) or 'chưa ghi ngày'})",),
        tooltip=e.original_name,
    )


class CriterionPanel(QWidget):
    changed = Signal()
    notice = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("criterionPanel")
        self._services = services
        self.line: ScoreLine | None = None
        self.title = QLabel(objectName="criterionTitle", wordWrap=True)
        self.title.setStyleSheet("font-weight: bold;")
        self.facts = QLabel(objectName="criterionFacts", wordWrap=True)
        self.explanation = QPlainTextEdit(
            objectName="criterionExplanation", placeholderText="Giải trình điểm tự đánh giá"
        )
        self.explanation.setMaximumHeight(90)
        self.save_explanation = QPushButton("Lưu &giải trình", objectName="saveExplanation")
        self.edit_button = QPushButton("&Sửa tiêu chí…", objectName="editCriterion")
        self.task_model = RowsModel(("Nhiệm vụ",), _task_cells, self)
        self.tasks = QListView(objectName="linkedTasks")
        self.tasks.setModel(self.task_model)
        self.tasks.setWordWrap(True)
        self.link_button = QPushButton("&Gắn nhiệm vụ…", objectName="linkTask")
        self.unlink_button = QPushButton("&Bỏ gắn", objectName="unlinkTask")
        self.evidence_model = RowsModel(("Tài liệu",), _evidence_cells, self)
        self.evidence = QListView(objectName="evidenceList")
        self.evidence.setModel(self.evidence_model)
        self.evidence.setWordWrap(True)
        self.add_evidence = QPushButton("&Thêm…", objectName="addEvidence")
        self.open_evidence = QPushButton("&Mở", objectName="openEvidence")
        self.add_evidence.setToolTip("Thêm tài liệu kiểm chứng cho tiêu chí này")
        self.open_evidence.setToolTip("Mở một bản sao của tài liệu bằng chương trình xem của máy")
        self.remove_evidence = QPushButton("Bỏ &khỏi tiêu chí", objectName="detachEvidence")
        self.province_box = QLineEdit(objectName="provinceScore", placeholderText="chưa có")
        self.province_box.setMaximumWidth(90)
        self.save_province = QPushButton("Lưu điểm của &tỉnh", objectName="saveProvinceScore")
        self.province_row = QWidget(objectName="provinceRow")
        self._layout()
        self.save_province.clicked.connect(self._save_province)
        self.province_box.returnPressed.connect(self._save_province)
        self.save_explanation.clicked.connect(self._save_explanation)
        self.edit_button.clicked.connect(self._edit)
        self.link_button.clicked.connect(self.pick_task)
        self.unlink_button.clicked.connect(self._unlink)
        self.add_evidence.clicked.connect(self._add_evidence)
        self.open_evidence.clicked.connect(self._open_evidence)
        self.remove_evidence.clicked.connect(self._detach_evidence)
        self.evidence.doubleClicked.connect(self._edit_evidence)
        self.show_line(None)

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        province = QHBoxLayout(self.province_row)
        province.setContentsMargins(0, 0, 0, 0)
        province.addWidget(QLabel("Điểm tỉnh công bố:"))
        province.addWidget(self.province_box)
        province.addWidget(self.save_province)
        province.addStretch(1)
        layout.addWidget(self.province_row)
        layout.addWidget(self.explanation)
        row = QHBoxLayout()
        row.addWidget(self.save_explanation)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        layout.addLayout(row)
        for title, view, buttons in (
            (
                "Nhiệm vụ kế hoạch gắn với tiêu chí",
                self.tasks,
                (self.link_button, self.unlink_button),
            ),
            (
                "Tài liệu kiểm chứng",
                self.evidence,
                (self.add_evidence, self.open_evidence, self.remove_evidence),
            ),
        ):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            inner.addWidget(view)
            bar = QHBoxLayout()
            for b in buttons:
                bar.addWidget(b)
            bar.addStretch(1)
            inner.addLayout(bar)
            layout.addWidget(box, 1)

    def show_line(self, line: ScoreLine | None) -> None:
        self.line = line
        enabled = line is not None
        for w in (
            self.explanation,
            self.save_explanation,
            self.edit_button,
            self.link_button,
            self.unlink_button,
            self.add_evidence,
            self.open_evidence,
            self.remove_evidence,
        ):
            w.setEnabled(enabled)
        self.province_row.setVisible(
            line is not None and line.criterion.province_scored and line.criterion.is_leaf
        )
        if line is None:
            self.title.setText("Chọn một tiêu chí trong bảng.")
            self.facts.setText("")
            self.explanation.setPlainText("")
            self.task_model.set_items([])
            self.evidence_model.set_items([])
            return
        c = line.criterion
        self.title.setText(f"{c.code}  {c.name}")
        facts = [
            f"Điểm tối đa: {fmt(line.max)}" + ("" if c.applicable else " (không áp dụng)"),
            f"Phương thức: {METHODS.get(c.method, c.method)}",
        ]
        if line.last_appraised is not None:
            facts.append(f"Năm trước đạt {fmt(line.last_appraised)}/{fmt(line.last_max)}")
        if c.guidance:
            facts.append(f"Cách chấm: {c.guidance}")
        if not c.is_leaf:
            facts.append("Điểm tiêu chí này tự tính từ các tiêu chí con.")
        if c.adjustment == "bonus":
            facts.append("Điểm thưởng: cộng ngoài tổng điểm tối đa.")
        elif c.adjustment == "penalty":
            facts.append("Điểm trừ: ghi số âm (ví dụ -1), trừ vào tổng điểm.")
        if c.province_scored:
            facts.append(
                "Do tỉnh chấm từ số liệu, khảo sát của tỉnh: xã không tự chấm, chỉ nhập điểm "
                "tỉnh công bố."
            )
            self.province_box.setText(fmt(c.province_score))
        self.facts.setText("\n".join(facts))
        self.explanation.setPlainText(c.explanation)
        self.explanation.setEnabled(c.is_leaf)
        self.save_explanation.setEnabled(c.is_leaf)
        self.task_model.set_items(
            [
                (None if code == c.code else code, task)
                for code, task in self._services.assessments.covering_tasks(c.id)
            ]
        )
        self.evidence_model.set_items(self._services.evidence.list_files(criterion_id=c.id))

    # ----- actions -----------------------------------------------------------------------
    def _error(self, exc: UserError) -> None:
        warn(self, str(exc))

    def _save_explanation(self) -> None:
        if self.line:
            self._services.assessments.set_explanation(
                self.line.criterion.id, self.explanation.toPlainText()
            )
            self.changed.emit()

    def _save_province(self) -> None:
        if not self.line:
            return
        try:
            value = parse_points(self.province_box.text())
            self._services.assessments.set_province_score(self.line.criterion.id, value)
        except ValueError as exc:
            warn(self, f"{exc}.")
            return
        except UserError as exc:
            self._error(exc)
            return
        self.notice.emit(f"Đã lưu điểm tỉnh công bố của tiêu chí {self.line.criterion.code}.")
        self.changed.emit()

    def _edit(self) -> None:
        if not self.line:
            return
        dialog = CriterionDialog(self.line.criterion, self)
        if dialog.exec():
            try:
                self._services.frameworks.update_criterion(self.line.criterion.id, dialog.edit())
            except UserError as exc:
                self._error(exc)
                return
            self.changed.emit()

    def candidate_tasks(self) -> list[TaskRow]:
        year = self._services.frameworks.get(self.line.criterion.framework_id).year
        plan = self._services.plans.plan_for_year(year)
        return self._services.plans.tasks(plan.id) if plan else []

    def pick_task(self) -> TaskPickerDialog | None:
        """Open the task picker; the dialog is returned so tests can drive it."""
        if not self.line:
            return None
        tasks = self.candidate_tasks()
        if not tasks:
            self.notice.emit("Năm này chưa có kế hoạch nào để gắn nhiệm vụ.")
            return None
        dialog = TaskPickerDialog(
            tasks, f"{self.line.criterion.code} {self.line.criterion.name}", self
        )
        dialog.accepted.connect(lambda: self._link(dialog.selected_task()))
        dialog.open()
        return dialog

    def _link(self, task: TaskRow | None) -> None:
        if task is None or not self.line:
            return
        self._services.assessments.link(self.line.criterion.id, task.id)
        self.changed.emit()

    def _unlink(self) -> None:
        index = self.tasks.currentIndex()
        if not (self.line and index.isValid()):
            return
        via, task = index.data(ITEM_ROLE)
        if via is not None:
            self.notice.emit(
                f"Nhiệm vụ này gắn với tiêu chí cha {via}; hãy bỏ gắn ở tiêu chí đó.",
            )
            return
        self._services.assessments.unlink(self.line.criterion.id, task.id)
        self.changed.emit()

    def _add_evidence(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tài liệu kiểm chứng")
        if not path:
            return
        dialog = EvidenceDialog(Path(path).name, self)
        if dialog.exec():
            self.add_evidence_file(Path(path), *dialog.values())

    def add_evidence_file(
        self, path: Path, title: str, number: str = "", when: date | None = None
    ) -> None:
        if not self.line:
            return
        try:
            info = self._services.evidence.add_file(
                path,
                title=title,
                doc_number=number,
                doc_date=when,
                criterion_ids=[self.line.criterion.id],
            )
        except UserError as exc:
            self._error(exc)
            return
        if info.duplicate:
            self.notice.emit(
                f"Tệp này đã có trong kho (“{info.title}”); chỉ gắn thêm vào tiêu chí, không lưu bản thứ hai.",
            )
        self.changed.emit()

    def _open_evidence(self) -> None:
        index = self.evidence.currentIndex()
        if not index.isValid():
            return
        try:
            copy = self._services.evidence.open_copy(index.data(ITEM_ROLE).id)
        except UserError as exc:
            self._error(exc)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def _edit_evidence(self, index) -> None:
        info: EvidenceInfo = index.data(ITEM_ROLE)
        dialog = EvidenceDialog(
            info.original_name, self, title=info.title, number=info.doc_number, when=info.doc_date
        )
        if dialog.exec():
            title, number, when = dialog.values()
            try:
                self._services.evidence.update(
                    info.id, title=title, doc_number=number, doc_date=when
                )
            except UserError as exc:
                self._error(exc)
                return
            self.changed.emit()

    def _detach_evidence(self) -> None:
        index = self.evidence.currentIndex()
        if self.line and index.isValid():
            self._services.evidence.detach(
                index.data(ITEM_ROLE).id, criterion_id=self.line.criterion.id
            )
            self.changed.emit()
