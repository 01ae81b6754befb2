"""SIPAS questionnaires typed at keyboard speed, and the satisfaction they give.

One row per paper form, one column per question. Typing 1–5 stores the answer and moves to the
next question; Space or Delete clears it (no answer) — so a clerk keys a form without the mouse.
The last row is always an empty new form. Any other key is refused in the cell with a beep
and a line under the table; no free-text editor ever opens. Column headers carry the
question (its code and the start of its text; the whole text in the tooltip).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.errors import UserError
from services.scores.arithmetic import fmt
from services.scores.sipas import SCALE, ElementResult, ResponseRow, SipasResult
from ui.scores.messages import warn
from ui.scores.rows_model import Cells, RowsModel

Index = QModelIndex | QPersistentModelIndex
HEADER_CHARS = 14
ANSWER_KEYS = {"1", "2", "3", "4", "5"}


def short_question(text: str, limit: int = HEADER_CHARS) -> str:
    """The start of a question for a narrow column header, cut at a word, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut.rstrip(",;:") + "…"


class SipasEntryModel(QAbstractTableModel):
    edit_failed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.codes: list[str] = []
        self.questions: dict[str, str] = {}
        self.rows: list[ResponseRow] = []
        self.on_save: Callable[[int | None, dict[str, int | None]], ResponseRow] | None = None

    def set_data(
        self, codes: list[str], rows: list[ResponseRow], questions: dict[str, str] | None = None
    ) -> None:
        self.beginResetModel()
        self.codes, self.rows = list(codes), list(rows)
        self.questions = dict(questions or {})
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or not self.codes else len(self.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.codes) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return "Phiếu số" if role == Qt.ItemDataRole.DisplayRole else None
        code = self.codes[section - 1]
        question = self.questions.get(code, "")
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{code}\n{short_question(question)}" if question else code
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{code}. {question}" if question else code
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() > 0 else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if row == len(self.rows):
                return "(mới)" if column == 0 else ""
            if column == 0:
                return str(self.rows[row].number)
            value = self.rows[row].answers.get(self.codes[column - 1])
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole and column > 0 and row < len(self.rows):
            value = self.rows[row].answers.get(self.codes[column - 1])
            return SCALE.get(value, "Không trả lời")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() == 0 or self.on_save is None:
            return False
        text = str(value).strip()
        if text and text not in {"1", "2", "3", "4", "5"}:
            self.edit_failed.emit(
                f"“{text}” không hợp lệ; chỉ nhập 1–5 hoặc để trống (không trả lời)."
            )
            return False
        row = index.row()
        existing = self.rows[row] if row < len(self.rows) else None
        answers: dict[str, int | None] = dict(existing.answers) if existing else {}
        answers[self.codes[index.column() - 1]] = int(text) if text else None
        if existing is None and not any(v is not None for v in answers.values()):
            return False
        try:
            saved = self.on_save(existing.id if existing else None, answers)
        except UserError as exc:
            self.edit_failed.emit(str(exc))
            return False
        if existing is None:
            self.beginInsertRows(QModelIndex(), len(self.rows) + 1, len(self.rows) + 1)
            self.rows.append(saved)
            self.endInsertRows()
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.codes)))
        else:
            self.rows[row] = saved
            self.dataChanged.emit(index, index)
        return True


class SipasEntryTable(QTableView):
    """Digits 1–5 answer and advance; Space/Delete clear; Enter goes to the next form."""

    refused = Signal(str)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Answers are keys, not text: a double-click or F2 must not open a free-text editor.
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        model = self.model()
        current = self.currentIndex()
        text = event.text()
        if (
            current.isValid()
            and current.column() > 0
            and (text in {"1", "2", "3", "4", "5", " "} or event.key() == Qt.Key.Key_Delete)
        ):
            value = "" if text == " " or event.key() == Qt.Key.Key_Delete else text
            if model.setData(current, value) and event.key() != Qt.Key.Key_Delete:
                self._advance(current)
            return
        if current.isValid() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.setCurrentIndex(model.index(min(current.row() + 1, model.rowCount() - 1), 1))
            return
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if current.isValid() and current.column() > 0 and plain and text.isprintable() and text:
            QApplication.beep()
            self.refused.emit(
                f"Phím “{text}” không phải câu trả lời: gõ 1–5 (1 = Rất không hài lòng … "
                "5 = Rất hài lòng), phím cách hoặc Delete nếu không trả lời."
            )
            return
        super().keyPressEvent(event)

    def _advance(self, current: QModelIndex) -> None:
        model = self.model()
        column = current.column() + 1
        row = current.row()
        if column >= model.columnCount():
            column, row = 1, row + 1
        self.setCurrentIndex(model.index(min(row, model.rowCount() - 1), column))


def _element_cells(item: object) -> Cells:
    e: ElementResult = item  # type: ignore[assignment]
    return Cells(
        (
            e.code,
            e.name,
            str(e.answered),
            str(e.satisfied),
            fmt(e.percent) + ("%" if e.percent is not None else ""),
        ),
        sort=(e.code, e.name, e.answered, e.satisfied, e.percent if e.percent is not None else -1),
        right=frozenset({2, 3, 4}),
    )


class SipasPanel(QWidget):
    notice = Signal(str)
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sipasPanel")
        self._services = services
        self.framework_id: int | None = None
        self.heading = QLabel(objectName="sipasHeading", wordWrap=True)
        self.import_button = QPushButton("Nhập phiếu từ &Excel…", objectName="sipasImport")
        self.apply_button = QPushButton("&Ghi tỷ lệ vào điểm tự đánh giá", objectName="sipasApply")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.apply_button)
        self.entry_model = SipasEntryModel(self)
        self.entry_model.on_save = self._save
        self.entry = SipasEntryTable(objectName="sipasEntry")
        self.entry.setModel(self.entry_model)
        self.entry.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.entry.verticalHeader().setVisible(False)
        self.entry.verticalHeader().setDefaultSectionSize(24)
        self.entry_message = QLabel(objectName="sipasEntryMessage", wordWrap=True)
        self.entry_message.setStyleSheet("color: #a61b1b;")
        self.entry_message.hide()
        self.sample_warning = QLabel(objectName="sipasSampleWarning", wordWrap=True)
        self.sample_warning.setStyleSheet(
            "background: #fff4e5; border: 1px solid #e0a040; padding: 4px; color: #6b3d00;"
        )
        self.sample_warning.hide()
        self.result_label = QLabel(objectName="sipasResult", wordWrap=True)
        self.result_model = RowsModel(
            ("Yếu tố", "Nội dung", "Số câu trả lời", "Hài lòng", "Tỷ lệ hài lòng"),
            _element_cells,
            self,
        )
        self.results = QTableView(objectName="sipasElements")
        self.results.setModel(self.result_model)
        self.results.verticalHeader().setVisible(False)
        self.results.verticalHeader().setDefaultSectionSize(24)
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.sample_warning)
        lower_layout.addWidget(self.result_label)
        lower_layout.addWidget(self.results)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.entry, 1)
        upper_layout.addWidget(self.entry_message)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(
            QLabel(
                "Gõ 1–5 cho từng câu (1 = Rất không hài lòng … 5 = Rất hài lòng); phím cách hoặc Delete = không trả lời; Enter = phiếu tiếp theo.",
                wordWrap=True,
            )
        )
        layout.addWidget(splitter, 1)
        self.entry_model.edit_failed.connect(self._show_error)
        self.entry.refused.connect(self._show_refused)
        self.entry_model.dataChanged.connect(lambda *_: self.entry_message.hide())
        self.import_button.clicked.connect(self._import)
        self.apply_button.clicked.connect(self._apply)

    def set_framework(self, framework_id: int | None, title: str = "") -> None:
        self.framework_id = framework_id
        enabled = framework_id is not None
        self.import_button.setEnabled(enabled)
        self.apply_button.setEnabled(enabled)
        if framework_id is None:
            self.heading.setText("Chưa có bộ tiêu chí SIPAS cho năm này.")
            self.entry_model.set_data([], [])
            self.result_model.set_items([])
            self.result_label.setText("")
            self.sample_warning.hide()
            return
        self.heading.setText(title)
        sipas = self._services.sipas
        questions = {code: name for e in sipas.elements(framework_id) for code, name in e.items}
        self.entry_model.set_data(
            sipas.question_codes(framework_id), sipas.responses(framework_id), questions
        )
        for column in range(1, self.entry_model.columnCount()):
            self.entry.resizeColumnToContents(column)  # the header's two lines, never clipped
        self.refresh_results()

    def refresh_results(self) -> None:
        if self.framework_id is None:
            return
        result: SipasResult = self._services.sipas.compute(self.framework_id)
        self.result_model.set_items(
            result.weakest + [e for e in result.elements if e.percent is None]
        )
        lines = [
            f"Cỡ mẫu: {result.sample_size} phiếu. Chỉ số hài lòng chung: {fmt(result.overall) + '%' if result.overall is not None else 'chưa có'}."
        ]
        weakest = result.weakest
        if weakest:
            lines.append(
                f"Yếu nhất: {weakest[0].code} {weakest[0].name} ({fmt(weakest[0].percent)}%)."
            )
            items = ", ".join(f"{i.code} ({fmt(i.percent)}%)" for i in result.weakest_items(3))
            lines.append(f"Các câu thấp nhất: {items}.")
        self.result_label.setText(" ".join(lines))
        check = self._services.sipas.sample_check(self.framework_id)
        self.sample_warning.setText("⚠ " + check.message)
        self.sample_warning.setVisible(check.short and result.sample_size > 0)

    def _save(self, response_id: int | None, answers: dict[str, int | None]) -> ResponseRow:
        row = self._services.sipas.save_response(self.framework_id, answers, response_id)
        self.refresh_results()
        self.changed.emit()
        return row

    def _show_error(self, message: str) -> None:
        warn(self, message)

    def _show_refused(self, message: str) -> None:
        self.entry_message.setText(message)
        self.entry_message.show()

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp phiếu khảo sát", "", "Excel (*.xlsx)")
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> int:
        try:
            count, sheet = self._services.sipas.import_excel_report(self.framework_id, path)
        except UserError as exc:
            self._show_error(str(exc))
            return 0
        self.set_framework(self.framework_id, self.heading.text())
        self.changed.emit()
        self.notice.emit(f"Đã nhập {count} phiếu khảo sát, đọc từ trang “{sheet}”.")
        return count

    def _apply(self) -> None:
        check = self._services.sipas.sample_check(self.framework_id)
        if check.short and not self.confirm_small_sample(check.message):
            return
        count = self._services.sipas.apply_to_self_assessment(self.framework_id)
        par = self._services.sipas.apply_to_par(self.framework_id)
        message = f"Đã ghi tỷ lệ hài lòng của {count} câu hỏi vào điểm tự đánh giá SIPAS."
        if par is not None:
            link = self._services.sipas.par_link(self.framework_id)
            message += f" Tiêu chí {link} (Chỉ số CCHC) được ghi {fmt(par)} điểm theo tỷ lệ hài lòng chung."
        self.notice.emit(message)
        self.changed.emit()

    def confirm_small_sample(self, message: str) -> bool:
        """Ask before points from too few questionnaires go into the scores (default: no)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Cỡ mẫu chưa đủ",
            message + "\n\nVẫn ghi tỷ lệ này vào điểm tự đánh giá và Chỉ số CCHC?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("sipasSampleConfirm")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        for button, text in (
            (QMessageBox.StandardButton.Yes, "Vẫn ghi"),
            (QMessageBox.StandardButton.No, "Không ghi"),
        ):
            widget = box.button(button)
            if widget is not None:
                widget.setText(text)
        return box.exec() == QMessageBox.StandardButton.Yes
