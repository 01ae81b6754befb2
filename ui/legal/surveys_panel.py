"""The surveys tab: opinion-survey rounds on the ward's documents and the reviews they open."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.errors import Problem, ValidationError
from services.legal.surveys import SurveyDocument, SurveyDraft, SurveyRow
from services.text import format_date
from ui.buttons import Std, button_box
from ui.date_field import DateField
from ui.legal.fields import error_label, show_problems

Index = QModelIndex | QPersistentModelIndex
SURVEY_COLUMNS = ("Đợt khảo sát", "Từ ngày", "Đến ngày", "Số phiếu", "Văn bản", "Đã mở rà soát")
SURVEY_ROLE = Qt.ItemDataRole.UserRole + 1


class SurveyTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SurveyRow] = []

    def set_surveys(self, rows: list[SurveyRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(SURVEY_COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return SURVEY_COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        if role == SURVEY_ROLE:
            return s
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            s.title,
            format_date(s.started_on),
            format_date(s.ended_on),
            str(s.responses),
            str(len(s.documents)),
            str(len(s.reviewed_document_ids)),
        )
        return values[index.column()]


class SurveysPanel(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surveysPanel")
        self._services = services
        self.dialog: QDialog | None = None
        self.add_button = QPushButton("Thêm đợt khảo sát...", objectName="addSurvey")
        self.review_button = QPushButton(
            "Mở rà soát các văn bản có ý kiến", objectName="reviewFromSurvey"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        self.message = QLabel(objectName="surveysMessage", wordWrap=True)
        self.model = SurveyTableModel(self)
        self.table = QTableView(objectName="surveyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.detail = QTextBrowser(objectName="surveyDetail")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.add_button.clicked.connect(lambda: self.open_survey_dialog())
        self.review_button.clicked.connect(lambda: self.review_from_survey())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        surveys = self._services.legal_surveys.surveys()
        self.model.set_surveys(surveys)
        ids = [s.id for s in surveys]
        if select_id in ids:
            self.table.selectRow(ids.index(select_id))
        elif surveys:
            self.table.selectRow(0)
        self._show_detail()

    def current(self) -> SurveyRow | None:
        index = self.table.currentIndex()
        return index.data(SURVEY_ROLE) if index.isValid() else None

    def _show_detail(self) -> None:
        s = self.current()
        self.review_button.setEnabled(s is not None)
        if s is None:
            self.detail.setPlainText("Chưa có đợt khảo sát nào.")
            return
        lines = [
            s.title,
            f"Thời gian: {format_date(s.started_on)} – {format_date(s.ended_on) or '...'}"
            f"   Hình thức: {s.method or 'chưa ghi'}   Số phiếu: {s.responses}",
            f"Tổng hợp: {s.summary}" if s.summary else "",
            "",
        ]
        for d in s.documents:
            mark = " (đã mở rà soát)" if d.document_id in s.reviewed_document_ids else ""
            lines.append(f"• {d.label}: {d.responses} ý kiến{mark}. {d.opinions}".rstrip())
        self.detail.setPlainText("\n".join(lines))

    def review_from_survey(self) -> None:
        s = self.current()
        if s is None:
            return
        chosen = tuple(
            d.document_id
            for d in s.documents
            if d.opinions and d.document_id not in s.reviewed_document_ids
        )
        if not chosen:
            self.message.setText("Không có văn bản nào có ý kiến mà chưa được mở rà soát.")
            return
        self._services.legal_surveys.open_reviews(s.id, chosen)
        self.message.setText(f"Đã mở rà soát {len(chosen)} văn bản theo ý kiến khảo sát.")
        self.refresh(s.id)

    def open_survey_dialog(self) -> QDialog:
        docs = [d for d in self._services.legal.documents() if not d.external]
        dialog = SurveyDialog(self._services, docs, self)

        def saved() -> None:
            self.message.setText(f"Đã lưu đợt khảo sát “{dialog.saved.title}”.")
            self.refresh(dialog.saved.id)

        dialog.accepted.connect(saved)
        self.dialog = dialog
        dialog.open()
        return dialog


class SurveyDialog(QDialog):
    """A survey round: its dates and method, and per document the opinions gathered."""

    def __init__(self, services: Services, docs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surveyDialog")
        self.setWindowTitle("Đợt khảo sát ý kiến về văn bản")
        self._service = services.legal_surveys
        self.saved: SurveyRow | None = None
        self.title = QLineEdit(objectName="surveyTitle")
        self.started = DateField(object_name="surveyStart")
        self.ended = DateField(object_name="surveyEnd")
        dates = QHBoxLayout()
        dates.addWidget(self.started)
        dates.addWidget(QLabel("đến"))
        dates.addWidget(self.ended)
        dates.addStretch(1)
        self.method = QLineEdit(objectName="surveyMethod")
        self.responses = QSpinBox(objectName="surveyResponses", maximum=1_000_000)
        self.responses.setMaximumWidth(120)
        self.summary = QPlainTextEdit(objectName="surveySummary")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(50)
        self.documents = QTableWidget(len(docs), 3, objectName="surveyDocuments")
        self.documents.setHorizontalHeaderLabels(
            ("Văn bản (đánh dấu nếu có khảo sát)", "Số ý kiến", "Ý kiến")
        )
        self.documents.verticalHeader().setVisible(False)
        header = self.documents.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, doc in enumerate(docs):
            item = QTableWidgetItem(doc.label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            item.setToolTip(doc.summary)
            self.documents.setItem(row, 0, item)
            self.documents.setItem(row, 1, QTableWidgetItem("0"))
            self.documents.setItem(row, 2, QTableWidgetItem(""))
        form = QFormLayout()
        form.addRow("Tên đợt khảo sát:", self.title)
        form.addRow("Thời gian:", dates)
        form.addRow("Hình thức:", self.method)
        form.addRow("Số phiếu thu về:", self.responses)
        form.addRow("Tổng hợp ý kiến:", self.summary)
        self.errors = error_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.documents, 1)
        layout.addWidget(self.errors)
        layout.addWidget(button_box(self, Std.Save | Std.Cancel))
        self.resize(780, 560)

    def set_document(self, document_id: int, responses: int, opinions: str) -> None:
        for row in range(self.documents.rowCount()):
            item = self.documents.item(row, 0)
            if item.data(Qt.ItemDataRole.UserRole) == document_id:
                item.setCheckState(Qt.CheckState.Checked)
                self.documents.item(row, 1).setText(str(responses))
                self.documents.item(row, 2).setText(opinions)

    def _documents(self, problems: list[Problem]) -> tuple[SurveyDocument, ...]:
        chosen = []
        for row in range(self.documents.rowCount()):
            item = self.documents.item(row, 0)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            text = self.documents.item(row, 1).text().strip() or "0"
            if not text.isdigit():
                problems.append(
                    Problem(f"{item.text()}, cột “Số ý kiến”", f"“{text}” không phải số.")
                )
                continue
            chosen.append(
                SurveyDocument(
                    item.data(Qt.ItemDataRole.UserRole),
                    int(text),
                    self.documents.item(row, 2).text(),
                )
            )
        return tuple(chosen)

    def accept(self) -> None:
        problems: list[Problem] = []
        draft = SurveyDraft(
            title=self.title.text(),
            started_on=self.started.value("Ngày bắt đầu", problems),
            ended_on=self.ended.value("Ngày kết thúc", problems),
            method=self.method.text(),
            responses=self.responses.value(),
            summary=self.summary.toPlainText(),
            documents=self._documents(problems),
        )
        if not problems:
            try:
                self.saved = self._service.save_survey(draft)
            except ValidationError as exc:
                problems.extend(exc.problems)
        if problems:
            show_problems(self.errors, problems)
            return
        super().accept()
