"""The "Thẩm định, giải trình" tab: the province's rounds, the ward's explanation, its report.

One row per criterion the ward is scored on; a column of points per round (typed in place or
imported from the province's table), then the explanation and the points asked in answer to
the round chosen above. The explanation report is printed and numbered from here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.errors import UserError
from services.scores.arithmetic import fmt, parse_points
from services.scores.rounds import RoundInfo, RoundLine, RoundsTable
from services.text import format_date
from ui.scores.dialogs import EvidenceDialog
from ui.scores.flow_layout import FlowLayout
from ui.scores.messages import warn
from ui.scores.province_dialogs import ExplanationDialog, RoundDialog

Index = QModelIndex | QPersistentModelIndex
FIXED = ("Mã", "Tiêu chí", "Tối đa", "Tự đánh giá")


class RoundsModel(QAbstractTableModel):
    edit_failed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.table = RoundsTable((), ())
        self.chosen = -1  # index into table.rounds whose explanation columns show
        self.on_edit = None  # (round_id, code, text) -> error or None
        self.only_scored = False
        self.lines: tuple[RoundLine, ...] = ()

    def set_table(self, table: RoundsTable, chosen: int) -> None:
        self.beginResetModel()
        self.table, self.chosen = table, chosen
        self.lines = tuple(
            x
            for x in table.lines
            if not self.only_scored
            or x.self_score is not None
            or any(c.score is not None or c.explanation for c in x.cells)
        )
        self.endResetModel()

    def line(self, row: int) -> RoundLine | None:
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return len(FIXED) + len(self.table.rounds) + (2 if self.chosen >= 0 else 0)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(FIXED):
            return FIXED[section]
        n = section - len(FIXED)
        if n < len(self.table.rounds):
            r = self.table.rounds[n]
            return f"{r.short_label}\n{r.held_on:%d/%m/%Y}"
        label = self.table.rounds[self.chosen].short_label.lower()
        return f"Giải trình ({label})" if n == len(self.table.rounds) else "Đề nghị"

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        n = index.column() - len(FIXED)
        if 0 <= n < len(self.table.rounds):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        line = self.line(index.row())
        if line is None:
            return None
        column, n = index.column(), index.column() - len(FIXED)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return line.code
            if column == 1:
                return line.name
            if column == 2:
                return fmt(line.max)
            if column == 3:
                return "Tỉnh chấm" if line.province_scored else fmt(line.self_score)
            if n < len(self.table.rounds):
                return fmt(line.cells[n].score)
            cell = line.cells[self.chosen]
            if n == len(self.table.rounds):
                extra = f" (+{len(cell.evidence)} tài liệu)" if cell.evidence else ""
                return cell.explanation + extra if cell.explanation else ""
            return fmt(cell.proposed)
        if role == Qt.ItemDataRole.ForegroundRole and line.adjustment:
            return QBrush(QColor("#1f5f2a" if line.adjustment == "bonus" else "#a12622"))
        if role == Qt.ItemDataRole.BackgroundRole and 0 <= n < len(self.table.rounds):
            cell = line.cells[n]
            if cell.score is not None and line.self_score is not None:
                if cell.score < line.self_score - 1e-6:
                    return QBrush(QColor("#f8d7da"))  # the province took points off
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and column in (2, 3)
            or (role == Qt.ItemDataRole.TextAlignmentRole and 0 <= n <= len(self.table.rounds) - 1)
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        n = index.column() - len(FIXED)
        line = self.line(index.row())
        if role != Qt.ItemDataRole.EditRole or line is None or not 0 <= n < len(self.table.rounds):
            return False
        error = self.on_edit(self.table.rounds[n].id, line.code, str(value)) if self.on_edit else ""
        if error:
            self.edit_failed.emit(error)
            return False
        return True


class RoundsPanel(QWidget):
    changed = Signal()
    notice = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundsPanel")
        self._services = services
        self.framework_id: int | None = None
        self.heading = QLabel(objectName="roundsHeading", wordWrap=True)
        self.round_box = QComboBox(objectName="roundBox")
        self.round_box.setMinimumWidth(270)
        self.buttons = {
            "add": QPushButton("Thêm lần thẩm định…", objectName="addRound"),
            "import": QPushButton("Nhập kết quả thẩm định từ Excel…", objectName="importRound"),
            "explain": QPushButton("Giải trình tiêu chí…", objectName="explainCriterion"),
            "number": QPushButton("Cấp số văn bản giải trình", objectName="numberExplanation"),
            "print": QPushButton("In văn bản giải trình (PDF)…", objectName="printExplanation"),
            "delete": QPushButton("Xóa lần thẩm định này", objectName="deleteRound"),
        }
        self.model = RoundsModel(self)
        self.model.on_edit = self._edit_score
        self.model.edit_failed.connect(lambda m: warn(self, m))
        self.view = QTableView(objectName="roundsTable")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setWordWrap(False)
        self.only_scored = QCheckBox("Chỉ hiện tiêu chí đã có điểm", objectName="onlyScored")
        self.only_scored.toggled.connect(self._filter)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.doubleClicked.connect(self._double_clicked)
        top = QHBoxLayout()
        top.addWidget(QLabel("Lần thẩm định:", buddy=self.round_box))
        top.addWidget(self.round_box)
        top.addSpacing(12)
        top.addWidget(self.only_scored)
        top.addStretch(1)
        actions_box = QWidget()
        actions = FlowLayout(actions_box)
        for button in self.buttons.values():
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(actions_box)
        layout.addWidget(self.view, 1)
        self.round_box.currentIndexChanged.connect(self._show_table)
        self.buttons["add"].clicked.connect(self._add_round)
        self.buttons["import"].clicked.connect(self._import)
        self.buttons["explain"].clicked.connect(self.explain_current)
        self.buttons["number"].clicked.connect(lambda: self.number_explanation(date.today()))
        self.buttons["print"].clicked.connect(self._print)
        self.buttons["delete"].clicked.connect(self._delete)

    # ----- showing -----------------------------------------------------------------------
    def set_framework(self, framework_id: int | None) -> None:
        self.framework_id = framework_id
        self.reload()

    @property
    def rounds(self) -> tuple[RoundInfo, ...]:
        return self.model.table.rounds

    @property
    def current_round(self) -> RoundInfo | None:
        i = self.round_box.currentIndex()
        return self.rounds[i] if 0 <= i < len(self.rounds) else None

    def reload(self, keep: int | None = None) -> None:
        if self.framework_id is None:
            self.model.set_table(RoundsTable((), ()), -1)
            self.heading.setText("Chưa có bộ tiêu chí cho năm này.")
            for b in self.buttons.values():
                b.setEnabled(False)
            return
        table = self._services.appraisal_rounds.table(self.framework_id)
        self.round_box.blockSignals(True)
        self.round_box.clear()
        for r in table.rounds:
            self.round_box.addItem(f"{r.label} – {r.held_on:%d/%m/%Y}", r.id)
        # Default: the latest round the ward can still answer (not the final one).
        answerable = [i for i, r in enumerate(table.rounds) if not r.is_final]
        chosen = next(
            (i for i, r in enumerate(table.rounds) if r.id == keep),
            answerable[-1] if answerable else len(table.rounds) - 1,
        )
        self.round_box.setCurrentIndex(chosen)
        self.round_box.blockSignals(False)
        self.model.set_table(table, chosen)
        self._heading(table)
        has = bool(table.rounds)
        self.buttons["add"].setEnabled(not (has and table.rounds[-1].is_final))
        self.buttons["import"].setEnabled(self.buttons["add"].isEnabled())
        for key in ("explain", "number", "print", "delete"):
            self.buttons[key].setEnabled(has)
        self._size_columns()

    def _filter(self, on: bool) -> None:
        self.model.only_scored = on
        self._show_table()

    def _show_table(self) -> None:
        self.model.set_table(self.model.table, self.round_box.currentIndex())
        self._size_columns()

    def _size_columns(self) -> None:
        widths = [70, 300, 52, 78] + [74] * len(self.rounds) + [260, 60]
        for column, width in enumerate(widths[: self.model.columnCount()]):
            self.view.setColumnWidth(column, width)

    def _heading(self, table: RoundsTable) -> None:
        if not table.rounds:
            self.heading.setText(
                "Chưa có lần thẩm định nào. Khi tỉnh thông báo kết quả thẩm định, bấm “Thêm lần "
                "thẩm định” (hoặc nhập bảng điểm của tỉnh), ghi điểm từng tiêu chí, rồi giải "
                "trình các tiêu chí bị trừ điểm."
            )
            return
        parts = []
        for r in table.rounds:
            text = f"{r.label} ngày {format_date(r.held_on)}"
            if r.reference:
                text += f" ({r.reference})"
            explained = len(table.explained(r.id))
            if explained:
                text += f", giải trình {explained} tiêu chí"
                if r.register_reference:
                    text += f" – văn bản số {r.register_reference}"
            parts.append(text)
        self.heading.setText("; ".join(parts) + ".")

    # ----- actions -----------------------------------------------------------------------
    def _edit_score(self, round_id: int, code: str, text: str) -> str | None:
        try:
            value = parse_points(text)
            self._services.appraisal_rounds.set_scores(round_id, {code: value})
        except ValueError as exc:
            return f"{exc}."
        except UserError as exc:
            return str(exc)
        self.reload(keep=self.current_round.id if self.current_round else None)
        self.changed.emit()
        return None

    def add_round(self, held_on: date, *, is_final: bool = False, reference: str = "") -> bool:
        try:
            info = self._services.appraisal_rounds.add_round(
                self.framework_id, held_on, is_final=is_final, reference=reference
            )
        except UserError as exc:
            warn(self, str(exc))
            return False
        self.reload(keep=info.id)
        self.notice.emit(f"Đã thêm {info.label.lower()} ngày {format_date(held_on)}.")
        self.changed.emit()
        return True

    def _add_round(self) -> None:
        dialog = RoundDialog(len(self.rounds) + 1, self)
        if dialog.exec():
            self.add_round(
                dialog.value, is_final=dialog.final.isChecked(), reference=dialog.reference.text()
            )

    def _import(self) -> None:
        dialog = RoundDialog(len(self.rounds) + 1, self)
        if not dialog.exec():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Chọn bảng kết quả thẩm định của tỉnh", "", "Excel (*.xlsx)"
        )
        if path:
            self.import_round(
                Path(path),
                dialog.value,
                is_final=dialog.final.isChecked(),
                reference=dialog.reference.text(),
            )

    def import_round(self, path: Path, held_on: date, **kwargs) -> bool:
        try:
            info, count, sheet = self._services.appraisal_rounds.import_excel_report(
                self.framework_id, path, held_on, **kwargs
            )
        except UserError as exc:
            warn(self, f"Chưa nhập gì. {exc}")
            return False
        self.reload(keep=info.id)
        self.notice.emit(
            f"Đã nhập {info.label.lower()}: điểm của {count} tiêu chí, đọc từ trang “{sheet}”."
        )
        self.changed.emit()
        return True

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() >= len(FIXED) + len(self.rounds):
            self.explain_current()

    def explain_current(self) -> ExplanationDialog | None:
        """Open the explanation of the selected criterion (returned so tests can drive it)."""
        line = self.model.line(self.view.currentIndex().row())
        round_info = self.current_round
        if line is None or round_info is None:
            self.notice.emit("Chọn một tiêu chí và một lần thẩm định để giải trình.")
            return None
        i = self.round_box.currentIndex()
        dialog = ExplanationDialog(line, round_info, line.cells[i], self)
        dialog.accepted.connect(lambda: self._save_explanation(line, round_info, dialog))
        dialog.open()
        return dialog

    def _save_explanation(self, line: RoundLine, round_info: RoundInfo, dialog) -> None:
        rounds = self._services.appraisal_rounds
        try:
            rounds.explain(
                round_info.id, line.criterion_id, dialog.text.toPlainText(), dialog.value
            )
            if dialog.evidence_path:
                source = Path(dialog.evidence_path)
                about = EvidenceDialog(source.name, self)
                if about.exec():
                    title, number, when = about.values()
                    info = self._services.evidence.add_file(
                        source, title=title, doc_number=number, doc_date=when
                    )
                    rounds.add_evidence(round_info.id, line.criterion_id, info.id)
        except UserError as exc:
            warn(self, str(exc))
            return
        self.reload(keep=round_info.id)
        self.notice.emit(f"Đã lưu giải trình tiêu chí {line.code}.")
        self.changed.emit()

    def number_explanation(self, issued_on: date) -> bool:
        round_info = self.current_round
        if round_info is None:
            return False
        try:
            entry = self._services.appraisal_documents.number(round_info.id, issued_on)
        except UserError as exc:
            warn(self, str(exc))
            return False
        self.reload(keep=round_info.id)
        self.notice.emit(
            f"Văn bản giải trình {round_info.label.lower()} được cấp số {entry.reference} "
            f"ngày {format_date(issued_on)}."
        )
        return True

    def _delete(self) -> None:
        round_info = self.current_round
        if round_info is None:
            return
        answer = QMessageBox.question(
            self,
            "Xóa lần thẩm định",
            f"Xóa {round_info.label.lower()} ngày {format_date(round_info.held_on)} cùng điểm và "
            "giải trình của lần này? Điểm thẩm định của bảng điểm lấy lại theo lần còn lại.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_round()

    def delete_round(self) -> None:
        round_info = self.current_round
        self._services.appraisal_rounds.delete_round(round_info.id)
        self.reload()
        self.notice.emit(f"Đã xóa {round_info.label.lower()}.")
        self.changed.emit()

    def _print(self) -> None:
        round_info = self.current_round
        if round_info is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Lưu Văn bản giải trình kết quả thẩm định",
            f"giai-trinh-tham-dinh-lan-{round_info.number}.pdf",
            "PDF (*.pdf)",
        )
        if path:
            self.print_explanation(Path(path))

    def print_explanation(self, path: Path) -> bool:
        round_info = self.current_round
        if round_info is None:
            return False
        try:
            info = self._services.appraisal_documents.write_pdf(round_info.id, path)
        except UserError as exc:
            warn(self, str(exc))
            return False
        self.notice.emit(f"Đã ghi Văn bản giải trình ({info.pages} trang): {path}")
        return True
