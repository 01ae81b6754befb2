"""The register tab: the documents with their filters, the selected document, its actions."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.errors import UserError
from services.legal.dto import DocumentRow
from services.legal.lists import LIST_KINDS
from services.text import format_date
from ui.date_field import DateField
from ui.frozen_table import FrozenColumnsTableView
from ui.legal.detail import describe_document
from ui.legal.fields import code_combo
from ui.legal.register_actions import RegisterActions
from ui.legal.register_model import (
    COL_EFFECTIVE,
    COL_FIELD,
    COL_ISSUED,
    COL_ISSUER,
    COL_NUMBER,
    COL_REVIEW,
    COL_STATUS,
    COL_SUMMARY,
    COL_TYPE,
    DOC_ROLE,
    STATUS_FILTERS,
    RegisterFilterProxy,
    RegisterTableModel,
    issuer_filters,
)
from ui.safety.editor_safety import history_button
from ui.search_highlight import HighlightDelegate

# Columns as shown, left to right, with their widths: the number and the summary first
# (frozen), then what a reviewer checks (status, review), then the rest.
LEGAL_COLUMN_WIDTHS = (
    (COL_NUMBER, 120),
    (COL_SUMMARY, 280),
    (COL_TYPE, 80),
    (COL_ISSUED, 84),
    (COL_EFFECTIVE, 88),
    (COL_STATUS, 150),
    (COL_REVIEW, 120),
    (COL_ISSUER, 120),
    (COL_FIELD, 90),
)


class RegisterPanel(RegisterActions, QWidget):
    def __init__(
        self, services: Services, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerPanel")
        self._services = services
        self._settings = settings
        self.dialog: QDialog | None = None
        self._build()
        self._connect()
        self.restore_state()
        self.refresh()

    # ----- building -----------------------------------------------------------------------
    def _build(self) -> None:
        level = self._services.legal.level()
        title = QLabel(
            f"Sổ văn bản quy phạm pháp luật của HĐND, UBND {level}", objectName="legalTitle"
        )
        title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.as_of = DateField(date.today(), object_name="asOf")
        self.status = code_combo(STATUS_FILTERS, object_name="statusFilter")
        self.issuer = code_combo(issuer_filters(level), object_name="issuerFilter")
        self.field = QComboBox(objectName="fieldFilter")
        self.needs_review = QCheckBox("Cần &rà soát", objectName="needsReview")
        self.search = QLineEdit(
            objectName="legalSearch",
            placeholderText="Tìm số, ký hiệu, trích yếu (gõ không dấu cũng được)",
        )
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(objectName="legalCount")
        filters = QHBoxLayout()
        for label, widget in (
            ("Tình trạng &ngày:", self.as_of),
            ("", self.status),
            ("", self.issuer),
            ("Lĩnh vực:", self.field),
        ):
            if label:
                caption = QLabel(label)
                caption.setBuddy(widget)
                filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addStretch(1)
        search_row = QHBoxLayout()
        search_label = QLabel("&Tìm:")
        search_label.setBuddy(self.search)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.needs_review)  # here, not among the filters: fits 1024
        search_row.addWidget(self.count_label)

        self.add_button = QPushButton("Thêm văn bản...", objectName="addDocument")
        self.add_external_button = QPushButton("Thêm văn bản cấp trên...", objectName="addExternal")
        self.edit_button = QPushButton("Sửa...", objectName="editDocument")
        self.event_button = QPushButton("Thay đổi hiệu lực...", objectName="recordEvent")
        self.review_button = QPushButton("Ghi kết quả rà soát...", objectName="recordReview")
        self.export_button = QToolButton(objectName="exportLists", text="Xuất Excel")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for kind, label in LIST_KINDS.items():
            if kind != "expired":
                action = QAction(label + "...", menu)
                action.triggered.connect(lambda _=False, k=kind: self._ask_export(k))
                menu.addAction(action)
        annual = QAction("Danh mục hết hiệu lực, tạm ngưng hiệu lực năm trước...", menu)
        annual.triggered.connect(lambda: self._ask_export("expired"))
        menu.addAction(annual)
        self.export_button.setMenu(menu)
        self.export_button.setMinimumWidth(96)
        self.more_button = QToolButton(objectName="moreActions", text="Khác")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        self.write_actions: list[QAction] = []  # hidden from roles without "legal"
        for label, slot, writes in (
            ("Yêu cầu rà soát văn bản này...", lambda: self.open_manual_review_dialog(), True),
            ("Cập nhật tình hình xử lý...", lambda: self.open_handling_dialog(), True),
            ("Xóa sự kiện hiệu lực ghi nhầm...", lambda: self.open_delete_event_dialog(), True),
            ("Văn bản bị kết luận trái pháp luật...", lambda: self.open_unlawful_dialog(), True),
            ("Đã xử lý văn bản trái pháp luật...", lambda: self.open_fixed_dialog(), True),
            ("Xuất phiếu rà soát (Excel)...", self._ask_review_form, False),
            ("Phiếu rà soát (PDF)...", lambda: self.preview_review_form(), False),
            ("Nhập sổ văn bản từ Excel...", self._ask_import, True),
            ("Xuất toàn bộ sổ ra Excel (dùng làm mẫu nhập)...", self._ask_export_register, False),
        ):
            action = QAction(label, more)
            action.triggered.connect(slot)
            more.addAction(action)
            if writes:
                self.write_actions.append(action)
        self.more_button.setMenu(more)
        self.more_button.setMinimumWidth(72)
        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.add_external_button,
            self.edit_button,
            self.event_button,
            self.review_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.more_button)
        actions.addWidget(self.export_button)
        self.message = QLabel(objectName="legalMessage", wordWrap=True)
        self.reminders = QLabel(objectName="legalReminders", wordWrap=True)
        self.message.setStyleSheet("color: #1e3a8a;")

        self.model = RegisterTableModel(self)
        self.proxy = RegisterFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # Số, ký hiệu and Trích yếu stay in view while the other columns scroll (1024 screens).
        self.table = FrozenColumnsTableView(2, objectName="legalTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(HighlightDelegate(lambda: self.proxy.query, self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_ISSUED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for visual, (column, width) in enumerate(LEGAL_COLUMN_WIDTHS):
            header.moveSection(header.visualIndex(column), visual)
            self.table.setColumnWidth(column, width)
        self.table.fill_with(COL_SUMMARY, dict(LEGAL_COLUMN_WIDTHS)[COL_SUMMARY])
        self.table.sync_frozen()
        self.table.remember_layout(self._settings, "legal/registerHeader")
        self.detail = QTextBrowser(objectName="legalDetail")
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="legalSplitter")
        self.splitter.addWidget(self.table)
        # The detail, with the document's change history (its effect events and reviews too).
        self.history_button = history_button(self, self._services.audit, self._history_records)
        detail_box = QWidget(objectName="legalDetailBox")
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        history_row = QHBoxLayout()
        history_row.addStretch(1)
        history_row.addWidget(self.history_button)
        detail_layout.addLayout(history_row)
        detail_layout.addWidget(self.detail, 1)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(search_row)
        layout.addLayout(actions)
        layout.addWidget(self.reminders)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.as_of.dateChanged.connect(self._on_date)
        self.status.currentIndexChanged.connect(
            lambda: self._filter(status=self.status.currentData())
        )
        self.issuer.currentIndexChanged.connect(
            lambda: self._filter(issuer=self.issuer.currentData())
        )
        self.field.currentIndexChanged.connect(
            lambda: self._filter(field=self.field.currentData() or "")
        )
        self.needs_review.toggled.connect(lambda on: self._filter(needs_review=on))
        self.search.textChanged.connect(lambda text: self._filter(query=text))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.table.doubleClicked.connect(
            lambda *_: self.open_document_dialog(self.current_document())
        )
        self.add_button.clicked.connect(lambda: self.open_document_dialog(None))
        self.add_external_button.clicked.connect(
            lambda: self.open_document_dialog(None, external=True)
        )
        self.edit_button.clicked.connect(lambda: self.open_document_dialog(self.current_document()))
        self.event_button.clicked.connect(lambda: self.open_event_dialog())
        self.review_button.clicked.connect(lambda: self.open_review_dialog())

    # ----- behaviour ----------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        select_id = select_id or (d.id if (d := self.current_document()) else None)
        self.model.set_documents(self._services.legal.documents())
        current_field = self.field.currentData() or ""
        self.field.blockSignals(True)
        self.field.clear()
        self.field.addItem("Mọi lĩnh vực", "")
        for name in self._services.legal.fields():
            self.field.addItem(name, name)
        self.field.setCurrentIndex(max(0, self.field.findData(current_field)))
        self.field.blockSignals(False)
        self._update_count()
        self._show_reminders()
        if select_id is not None:
            self.select_document(select_id)
        self._show_detail()

    def _show_reminders(self) -> None:
        """The three most urgent duties of the register, late ones in red."""
        today = date.today()
        items = self._services.legal_cycles.reminders(today)
        lines = []
        for r in items[:3]:
            when = f" – hạn {format_date(r.deadline)}" if r.deadline else ""
            text = escape(r.text + when)
            lines.append(
                f"<span style='color:#b91c1c'>Quá hạn: {text}</span>" if r.overdue else text
            )
        if len(items) > 3:
            lines.append(f"... và {len(items) - 3} việc khác.")
        self.reminders.setText("<br>".join(lines))
        self.reminders.setVisible(bool(lines))

    def as_of_date(self) -> date:
        return self.as_of.date() or date.today()

    def _on_date(self) -> None:
        self.model.set_as_of(self.as_of_date())
        self.proxy.invalidate()
        self._update_count()
        self._show_detail()

    def _filter(self, **changes) -> None:
        self.proxy.set_filters(**changes)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(f"{self.proxy.rowCount()}/{self.model.rowCount()} văn bản")

    def visible_documents(self) -> list[DocumentRow]:
        return [
            self.proxy.index(r, COL_SUMMARY).data(DOC_ROLE) for r in range(self.proxy.rowCount())
        ]

    def current_document(self) -> DocumentRow | None:
        index = self.table.currentIndex()
        return index.data(DOC_ROLE) if index.isValid() else None

    def select_document(self, document_id: int) -> bool:
        source_row = self.model.row_of(document_id)
        proxy_index = self.proxy.mapFromSource(self.model.index(source_row, COL_SUMMARY))
        if source_row < 0 or not proxy_index.isValid():
            return False
        self.table.setCurrentIndex(proxy_index)
        self.table.selectRow(proxy_index.row())
        return True

    def show_document(self, document_id: int) -> bool:
        """Select a document opened from elsewhere; filters are cleared if they hide it."""
        if self.select_document(document_id):
            return True
        self.search.clear()
        self.needs_review.setChecked(False)
        for box in (self.status, self.issuer, self.field):
            box.setCurrentIndex(max(0, box.findData("")))
        return self.select_document(document_id)

    def _show_detail(self) -> None:
        doc = self.current_document()
        has = doc is not None
        self.edit_button.setEnabled(has)
        self.event_button.setEnabled(has)
        self.review_button.setEnabled(bool(doc and doc.needs_review))
        self.history_button.setEnabled(has)
        if doc is None:
            self.detail.setHtml(
                "<p>Chọn một văn bản để xem lịch sử hiệu lực và các lần rà soát.</p>"
            )
            return
        reviews = self._services.legal_reviews.reviews(document_id=doc.id)
        dependents = self._services.legal.dependents(doc.id)
        cases = [
            c for c in self._services.legal_reviews.unlawful_cases() if c.document_id == doc.id
        ]
        self.detail.setHtml(describe_document(doc, reviews, dependents, self.as_of_date(), cases))

    def _history_records(self) -> list[tuple[str, int]]:
        doc = self.current_document()
        if doc is None:
            return []
        reviews = self._services.legal_reviews.reviews(document_id=doc.id)
        return [
            ("legal_documents", doc.id),
            *(("legal_effect_events", e.id) for e in doc.events),
            *(("legal_reviews", r.id) for r in reviews),
        ]

    # ----- dialogs (opened window-modal with open(), so tests can drive them) ---------------
    def _open(self, dialog: QDialog, on_accept) -> QDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.open()
        return dialog

    def open_document_dialog(
        self, document: DocumentRow | None, *, external: bool = False
    ) -> QDialog:
        from ui.legal.document_dialog import DocumentDialog

        dialog = DocumentDialog(self._services.legal, document, self, external=external)

        def saved(d: DocumentDialog) -> None:
            self.message.setText(f"Đã lưu {d.saved.label}.")
            if d.saved.external and self.issuer.currentData() == "ward":
                self.issuer.setCurrentIndex(self.issuer.findData(""))
            self.refresh(d.saved.id)

        return self._open(dialog, saved)

    def open_event_dialog(self) -> QDialog | None:
        from ui.legal.event_dialog import EventDialog

        doc = self.current_document()
        if doc is None:
            return None

        def saved(d: EventDialog) -> None:
            flagged = d.outcome.flagged
            text = f"Đã ghi nhận: {doc.label} – {d.outcome.event.describe()}."
            if flagged:
                names = "; ".join(f.label for f in flagged)
                text += f" {len(flagged)} văn bản cần rà soát: {names}."
            self.message.setText(text)
            self.refresh(doc.id)

        return self._open(EventDialog(self._services.legal, doc, self), saved)

    def open_review_dialog(self) -> QDialog | None:
        from ui.legal.review_dialog import ReviewDialog

        doc = self.current_document()
        if doc is None:
            return None
        pending = self._services.legal_reviews.reviews(document_id=doc.id, open_only=True)
        if not pending:
            self.message.setText(f"{doc.label} không có yêu cầu rà soát nào đang mở.")
            return None

        def saved(d: ReviewDialog) -> None:
            self.message.setText(
                f"Đã ghi kết quả rà soát {doc.label} ngày {format_date(d.saved.reviewed_on)}."
            )
            self.refresh(doc.id)

        return self._open(ReviewDialog(self._services.legal_reviews, doc, pending, self), saved)

    # ----- exports ---------------------------------------------------------------------------
    def _ask_export(self, kind: str) -> None:
        name = LIST_KINDS[kind]
        path, _ = QFileDialog.getSaveFileName(
            self, f"Lưu {name.lower()}", f"{name}.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.export_list(kind, path)

    def export_list(self, kind: str, path: str) -> None:
        from services.legal.xlsx import write_list

        try:
            if kind == "expired":
                legal_list = self._services.legal_cycles.annual_list(self.as_of_date().year - 1)
            else:
                legal_list = self._services.legal_cycles.list_as_of(kind, self.as_of_date())
            org = self._services.organisation.get()
            write_list(legal_list, path, body=f"{org.body_line1} {org.body_line2}".strip())
        except (UserError, OSError) as exc:
            self.message.setText(f"Không xuất được tệp: {exc}")
            return
        self.message.setText(f"Đã lưu {path}.")

    def restore_state(self) -> None:
        for key, widget in (
            ("legal/splitter", self.splitter),
            ("legal/header", self.table.horizontalHeader()),
        ):
            state = self._settings.value(key)
            if state is not None:
                widget.restoreState(state)

    def save_state(self) -> None:
        self._settings.setValue("legal/splitter", self.splitter.saveState())
        self._settings.setValue("legal/header", self.table.horizontalHeader().saveState())
