"""The Công khai area: the year's disclosure plan, each disclosure's places, calendar, score."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.disclosure.compliance import PlaceResult
from services.disclosure.events import event_items
from services.disclosure.service import DisclosureRow
from services.disclosure.vocab import (
    DUE,
    FAILING,
    MET,
    NO_RULE,
    NOT_ARISEN,
    ON_TRACK,
    OVERDUE_NO_TRIGGER,
    WAITING,
)
from services.errors import UserError
from ui import strings
from ui.disclosure.calendar_tab import CalendarTab
from ui.disclosure.events_tab import EventsTab
from ui.disclosure.score_tab import ScoreTab
from ui.disclosure.table_models import (
    ROW_ROLE,
    DisclosureFilterProxy,
    disclosure_model,
    place_model,
)
from ui.disclosure.views import make_table
from ui.safety.editor_safety import history_button
from ui.scores.flow_layout import FlowLayout
from ui.search_highlight import HighlightDelegate

STATUS_FILTERS = (
    ("Mọi tình trạng", None),
    ("Chưa đạt (quá hạn, trễ, gỡ sớm)", frozenset(FAILING)),
    ("Chưa đến hạn", frozenset({DUE})),
    ("Chờ văn bản căn cứ", frozenset({WAITING, NO_RULE})),
    ("Đạt, đang công khai", frozenset({MET, ON_TRACK})),
    ("Quá hạn, chưa có văn bản căn cứ", frozenset({OVERDUE_NO_TRIGGER})),
    ("Không phát sinh trong năm", frozenset({NOT_ARISEN})),
)

# The disclosure table's columns as shown, left to right (DISCLOSURE_COLUMNS numbering):
# Mã, Kỳ, Nội dung | Tình trạng, Hạn công khai, Nơi đạt, Nhóm, Văn bản căn cứ, Ngày căn cứ.
SHOWN_ORDER = (0, 1, 2, 8, 6, 7, 3, 4, 5)


class DisclosureArea(QWidget):
    exported = Signal(str)  # the workbook's path, once written

    def __init__(
        self, services: Services, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("disclosureArea")
        self._services = services
        self._service = services.disclosure
        self._settings = settings
        self._evidence_counts: dict[int, int] = {}
        self._build()
        self._connect()
        self._load_years()

    # ----- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(objectName="disclosureTitle")
        self.title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.score_label = QLabel(objectName="disclosureScore")
        self.score_label.setStyleSheet("font-weight: bold;")
        self.notice = QLabel(objectName="disclosureNotice")
        self.notice.setStyleSheet("color: #1a5e20;")
        self.year_box = QComboBox(objectName="disclosureYear")
        year_label = QLabel("&Năm:")
        year_label.setBuddy(self.year_box)
        self.generate_button = QPushButton("&Lập kế hoạch năm", objectName="generatePlan")
        self.add_button = QPushButton("&Thêm nội dung...", objectName="addDisclosure")
        self.export_button = QPushButton("&Xuất Excel...", objectName="exportExcel")
        from ui.disclosure.pdf_bar import DisclosurePdfBar

        self.pdf_bar = DisclosurePdfBar(
            self._services, self._settings, lambda: self.year, self.notice, self
        )
        self.groups_button = QPushButton("Tổ &dân phố...", objectName="editGroups")
        self.holidays_button = QPushButton("Ngày nghỉ &lễ...", objectName="editHolidays")
        self.checklist_button = QPushButton("Danh &mục...", objectName="editChecklist")
        self.search = QLineEdit(objectName="disclosureSearch", placeholderText="Tìm (gõ không dấu)")
        self.search.setClearButtonEnabled(True)
        self.status_box = QComboBox(objectName="statusFilter")
        for label, statuses in STATUS_FILTERS:
            self.status_box.addItem(label, statuses)
        top = QHBoxLayout()
        for widget in (year_label, self.year_box, self.generate_button, self.add_button):
            top.addWidget(widget)
        top.addSpacing(12)
        top.addWidget(self.search, 1)
        top.addWidget(self.status_box)
        # The score and the last action's message sit on their own line above the tabs, not
        # among the buttons: a long path or sentence there would widen the whole window.
        self.notice.setWordWrap(True)
        messages = QHBoxLayout()
        messages.addWidget(self.score_label)
        messages.addWidget(self.notice, 1)
        tools_box = QWidget(objectName="disclosureTools")
        tools = FlowLayout(tools_box)
        for widget in (
            self.checklist_button,
            self.groups_button,
            self.holidays_button,
            self.export_button,
            self.pdf_bar,
        ):
            tools.addWidget(widget)

        self.model = disclosure_model(self)
        self.proxy = DisclosureFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # Mã, Kỳ and Nội dung công khai stay in view while the other columns scroll.
        self.table = make_table(self.proxy, "disclosureTable", frozen=3)
        # What is checked every day (Tình trạng, Hạn, Nơi đạt) next to the frozen text, so it
        # is in view on a 1024 screen; where and from which document after it.
        header = self.table.horizontalHeader()
        for visual, column in enumerate(SHOWN_ORDER):
            header.moveSection(header.visualIndex(column), visual)
        self.table.fill_with(2, self.table.columnWidth(2))
        self.table.sync_frozen()
        self.table.remember_layout(self._settings, "disclosure/tableHeader")
        self.table.setItemDelegate(HighlightDelegate(lambda: self.proxy.query, self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        self.detail = QLabel(objectName="disclosureDetail", wordWrap=True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.places = place_model(self)
        self.place_table = make_table(self.places, "placeTable")
        self.edit_button = QPushButton("Sửa &căn cứ...", objectName="editDisclosure")
        self.delete_button = QPushButton("Xóa nội dung", objectName="deleteDisclosure")
        self.post_button = QPushButton("&Ghi nhận công khai...", objectName="recordPosting")
        self.edit_posting_button = QPushButton("Sửa lần công khai...", objectName="editPosting")
        self.delete_posting_button = QPushButton("Xóa lần công khai", objectName="deletePosting")
        self.evidence_button = QPushButton("Mở tệp &kiểm chứng", objectName="openEvidence")
        self.not_arisen_button = QPushButton("Không phát sinh...", objectName="markNotArisen")
        self.not_arisen_button.setToolTip(
            "Đánh dấu nội dung không phát sinh trong năm (phải ghi lý do): không tính vào tỷ "
            "lệ đạt, lý do in trong báo cáo năm."
        )
        # who changed this disclosure and its postings, when, old → new
        self.history_button = history_button(self, self._services.audit, self._history_records)
        # The buttons flow onto a second line on a 1024 screen rather than widen the window.
        buttons_box = QWidget(objectName="disclosureButtons")
        buttons = FlowLayout(buttons_box)
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.edit_button,
            self.post_button,
            self.edit_posting_button,
            self.delete_posting_button,
            self.evidence_button,
            self.not_arisen_button,
            self.history_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(self.place_table, 1)
        lower_layout.addWidget(buttons_box)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="disclosureSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([380, 260])

        self.calendar_tab = CalendarTab(self)
        self.score_tab = ScoreTab(self)
        self.events_tab = EventsTab(self)
        self.tabs = QTabWidget(objectName="disclosureTabs")
        self.tabs.addTab(self.splitter, "Kế hoạch công khai")
        self.tabs.addTab(self.events_tab, "Khi phát sinh")
        self.tabs.addTab(self.calendar_tab, "Lịch công khai")
        self.tabs.addTab(self.score_tab, "Tỷ lệ đạt")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(tools_box)
        layout.addLayout(messages)
        layout.addWidget(self.tabs, 1)

    def _connect(self) -> None:
        self.year_box.currentIndexChanged.connect(self.reload)
        self.generate_button.clicked.connect(self.generate_plan)
        self.add_button.clicked.connect(self.add_disclosure)
        self.export_button.clicked.connect(self.export_excel)
        self.groups_button.clicked.connect(self.edit_groups)
        self.holidays_button.clicked.connect(self.edit_holidays)
        self.checklist_button.clicked.connect(self.edit_checklist)
        self.search.textChanged.connect(self.proxy.set_query)
        self.status_box.currentIndexChanged.connect(
            lambda: self.proxy.set_statuses(self.status_box.currentData())
        )
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.table.doubleClicked.connect(lambda _index: self.edit_disclosure())
        self.edit_button.clicked.connect(self.edit_disclosure)
        self.delete_button.clicked.connect(self.delete_disclosure)
        self.post_button.clicked.connect(self.record_posting)
        self.edit_posting_button.clicked.connect(self.edit_posting)
        self.delete_posting_button.clicked.connect(self.delete_posting)
        self.evidence_button.clicked.connect(self.open_evidence)
        self.not_arisen_button.clicked.connect(lambda: self.toggle_not_arisen())
        self.place_table.doubleClicked.connect(lambda _index: self.record_or_edit())
        self.place_table.selectionModel().currentRowChanged.connect(self._on_place)
        self.calendar_tab.open_disclosure.connect(self.select_disclosure)
        self.pdf_bar.numbered.connect(self._after_numbering)
        self.events_tab.record.connect(lambda item: self.record_arisen(item))

    # ----- loading ------------------------------------------------------------------------
    @property
    def year(self) -> int:
        return int(self.year_box.currentData() or self._service.today().year)

    def _load_years(self) -> None:
        this_year = self._service.today().year
        years = self._service.open_years()
        self.year_box.blockSignals(True)
        for year in years:
            self.year_box.addItem(str(year), year)
        wanted = int(self._settings.value("disclosure/year", this_year))
        index = self.year_box.findData(wanted)
        self.year_box.setCurrentIndex(index if index >= 0 else self.year_box.findData(this_year))
        self.year_box.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        """Re-read the year: table, the selected disclosure, calendar and score."""
        year, today = self.year, self._service.today()
        self._settings.setValue("disclosure/year", year)
        keep = self.current_row().id if self.current_row() else None
        rows = self._service.disclosures(year, today=today)
        self.model.set_rows(rows)
        score = self._service.score(year, today=today)
        self.calendar_tab.set_items(self._service.calendar(year, today=today), today)
        self.calendar_tab.set_unconfirmed(
            [d for d in self._services.disclosure_setup.holidays(year).days if not d.confirmed]
        )
        self.score_tab.set_score(score)
        self.events_tab.set_items(event_items(self._service, year))
        self._evidence_counts = self._services.disclosure_evidence.counts(year)
        self.score_tab.set_index_link(
            self._services.disclosure_index.criteria_link(year, today=today, score=score)
        )
        self.title.setText(
            f"Kế hoạch công khai năm {year} – {len(rows)} nội dung"
            if rows
            else f"Năm {year} chưa có kế hoạch công khai: bấm “Lập kế hoạch năm” để tạo "
            "từ danh mục."
        )
        self.notice.clear()
        self.score_label.setText(
            f"Tỷ lệ đạt đến {today:%d/%m/%Y}: {score.overall.percent_text} "
            f"({score.overall.met}/{score.overall.assessable} nơi phải công khai đã đến hạn)"
        )
        if keep:
            self.select_disclosure(keep)
        else:
            self._show_current()

    def current_row(self) -> DisclosureRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def current_place(self) -> PlaceResult | None:
        index = self.place_table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_disclosure(self, disclosure_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).id == disclosure_id:
                self.tabs.setCurrentIndex(0)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return
        self._show_current()

    def show_disclosure(self, disclosure_id: int, year: int | None = None) -> bool:
        """Open one disclosure from elsewhere (Tổng quan): its year, no filter hiding it."""
        if year is not None and year != self.year:
            index = self.year_box.findData(year)
            if index < 0:
                self.year_box.addItem(str(year), year)
                index = self.year_box.count() - 1
            self.year_box.setCurrentIndex(index)  # reloads the year
        self.search.clear()
        self.status_box.setCurrentIndex(0)
        self.select_disclosure(disclosure_id)
        row = self.current_row()
        return row is not None and row.id == disclosure_id

    def show_calendar(self, year: int | None = None) -> None:
        """The calendar tab of ``year`` (the reminder's "see all" entry)."""
        if year is not None and self.year_box.findData(year) >= 0:
            self.year_box.setCurrentIndex(self.year_box.findData(year))
        self.tabs.setCurrentWidget(self.calendar_tab)

    def _show_current(self, *_args) -> None:
        row = self.current_row()
        self.places.set_rows(row.verdict.places if row else [])
        for button in (self.edit_button, self.post_button, self.delete_button, self.history_button):
            button.setEnabled(row is not None)
        self.not_arisen_button.setEnabled(row is not None and row.trigger_date is None)
        marked = row is not None and bool(row.not_arisen_reason)
        self.not_arisen_button.setText("Bỏ đánh dấu" if marked else "Không phát sinh...")
        if row is None:
            self.detail.setText("Chọn một nội dung để xem các nơi phải công khai.")
            return
        rule = row.rule
        basis = "; ".join(rule.legal_basis) if rule else "chưa có quy định áp dụng"
        deadline = rule.deadline_text if rule else ""
        text = f"{row.item_code} – {row.heading}\nCơ sở: {basis}. {deadline}"
        if row.not_arisen_reason:
            text += f"\nKhông phát sinh trong năm – lý do: {row.not_arisen_reason}"
        elif row.trigger_date is None and row.expected is not None:
            text += f"\nChưa có văn bản căn cứ; {row.expected.text}."
        self.detail.setText(text)
        # the splitter must not squeeze the rule and its basis out of sight (1024×700)
        box = QRect(0, 0, max(self.detail.width(), 600), 10000)
        flags = int(Qt.TextFlag.TextWordWrap)
        self.detail.setMinimumHeight(
            self.detail.fontMetrics().boundingRect(box, flags, text).height()
        )
        if self.places.rowCount():
            self.place_table.selectRow(0)
        self._on_place()

    def _on_place(self, *_args) -> None:
        place = self.current_place()
        has_posting = place is not None and place.posting is not None
        self.edit_posting_button.setEnabled(has_posting)
        self.delete_posting_button.setEnabled(has_posting)
        self.evidence_button.setEnabled(
            has_posting
            and bool(self._evidence_counts.get(place.posting.id) or place.posting.evidence_path)
        )

    def _history_records(self) -> list[tuple[str, int]]:
        row = self.current_row()
        if row is None:
            return []
        return [("disclosures", row.id), *(("disclosure_postings", p.id) for p in row.postings)]

    # ----- actions --------------------------------------------------------------------------
    def generate_plan(self) -> None:
        created = self._service.generate_plan(self.year)
        self.reload()
        self.notice.setText(
            f"Đã thêm {created} nội dung công khai năm {self.year} theo danh mục."
            if created
            else "Kế hoạch năm đã đủ các nội dung định kỳ của danh mục."
        )

    def add_disclosure(self) -> None:
        from ui.disclosure.disclosure_dialog import DisclosureDialog

        self._services.disclosure_setup.ensure_checklist()
        checklist = self._services.disclosure_setup.checklist()
        dialog = DisclosureDialog(self._service, checklist, self.year, parent=self)
        if dialog.exec() and dialog.result_row:
            self.reload()
            self.select_disclosure(dialog.result_row.id)

    def edit_disclosure(self) -> None:
        from ui.disclosure.disclosure_dialog import DisclosureDialog

        row = self.current_row()
        if row is None:
            return
        checklist = self._services.disclosure_setup.checklist()
        dialog = DisclosureDialog(self._service, checklist, self.year, row, parent=self)
        if dialog.exec():
            self.reload()

    def delete_disclosure(self) -> None:
        row = self.current_row()
        if row is None:
            return
        postings = len(row.postings)
        detail = f" và {postings} lần công khai đã ghi" if postings else ""
        answer = QMessageBox.question(
            self, "Xóa nội dung công khai", f"Xóa “{row.heading}”{detail} khỏi kế hoạch năm?"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._service.delete_disclosure(row.id)
            self.reload()

    def _after_numbering(self) -> None:
        message = self.notice.text()
        self.reload()
        self.notice.setText(message)

    def arisen_dialog(self, item):
        """The "Ghi nhận văn bản phát sinh" dialog for ``item`` (tests drive it without exec())."""
        from ui.disclosure.arisen_dialog import ArisenDialog

        return ArisenDialog(self._service, item, self.year, parent=self)

    def record_arisen(self, item) -> None:
        dialog = self.arisen_dialog(item)
        if dialog.exec() and dialog.result_row is not None:
            self.arisen_recorded(dialog.result_row)

    def arisen_recorded(self, row: DisclosureRow) -> None:
        """Show the new disclosure in the plan, its deadline in the message line."""
        self.reload()
        self.search.clear()
        self.status_box.setCurrentIndex(0)
        self.select_disclosure(row.id)
        due = f"; hạn công khai {row.verdict.deadline:%d/%m/%Y}" if row.verdict.deadline else ""
        self.notice.setText(
            f"Đã ghi nhận {row.trigger_document} ngày {row.trigger_date:%d/%m/%Y}{due}."
            if row.trigger_date
            else "Đã ghi nhận văn bản phát sinh."
        )

    def toggle_not_arisen(self, reason: str | None = None) -> None:
        """Mark the selected disclosure "không phát sinh trong năm" (asking the reason), or
        clear the mark. ``reason`` given: no question (tests, scripted use)."""
        row = self.current_row()
        if row is None:
            return
        if row.not_arisen_reason:
            self._service.clear_not_arisen(row.id)
            self.reload()
            self.notice.setText("Đã bỏ đánh dấu “không phát sinh trong năm”.")
            return
        if reason is None:
            reason, ok = QInputDialog.getText(
                self,
                "Không phát sinh trong năm",
                f"“{row.heading}” không phát sinh trong năm {row.year}.\n"
                "Lý do (bắt buộc, sẽ in trong báo cáo năm):",
            )
            if not ok:
                return
        try:
            self._service.mark_not_arisen(row.id, reason)
        except UserError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, exc.message)
            return
        self.reload()
        self.notice.setText("Đã ghi “không phát sinh trong năm”; không tính vào tỷ lệ đạt.")

    def posting_dialog(self, *, edit: bool):
        """The posting editor for the selected place (tests drive it without exec())."""
        from ui.disclosure.posting_dialog import PostingDialog

        row, place = self.current_row(), self.current_place()
        if row is None:
            return None
        groups = self._services.disclosure_setup.groups()
        posting = place.posting if (edit and place is not None) else None
        return PostingDialog(
            self._service,
            row,
            groups,
            posting,
            form=place.form if place else None,
            group_id=place.group_id if place else None,
            evidence=self._services.disclosure_evidence,
            parent=self,
        )

    def record_posting(self) -> None:
        self._run_posting_dialog(edit=False)

    def edit_posting(self) -> None:
        self._run_posting_dialog(edit=True)

    def record_or_edit(self) -> None:
        place = self.current_place()
        self._run_posting_dialog(edit=bool(place and place.posting))

    def _run_posting_dialog(self, *, edit: bool) -> None:
        dialog = self.posting_dialog(edit=edit)
        if dialog is not None and dialog.exec():
            self.reload()

    def delete_posting(self) -> None:
        place = self.current_place()
        if place is None or place.posting is None:
            return
        answer = QMessageBox.question(
            self,
            "Xóa lần công khai",
            f"Xóa lần công khai “{place.place_label}” ngày {place.posting.posted_on:%d/%m/%Y}?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._service.delete_posting(place.posting.id)
            self.reload()

    def open_evidence(self) -> Path | None:
        """Open the posting's evidence: a copy of its first stored file, else its old path."""
        place = self.current_place()
        if place is None or place.posting is None:
            return None
        files = self._services.disclosure_evidence.files(place.posting.id)
        try:
            if files:
                path = self._services.disclosure_evidence.open_copy(files[0].id)
            elif place.posting.evidence_path:
                path = Path(place.posting.evidence_path)
                if not path.exists():
                    raise UserError(f"Không tìm thấy tệp kiểm chứng “{path}”.")
            else:
                return None
        except UserError as exc:
            QMessageBox.warning(self, strings.ERROR_TITLE, exc.message)
            return None
        if len(files) > 1:
            self.notice.setText(
                f"Lần công khai này có {len(files)} tệp kiểm chứng: mở “Sửa lần công khai” "
                "để xem từng tệp."
            )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def export_excel(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Xuất báo cáo công khai", f"cong-khai-{self.year}.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the workbook on a worker thread; the notice line says when it is done."""
        from ui.disclosure.background import run_in_background

        year = self.year
        self.export_button.setEnabled(False)
        self.notice.setText(f"Đang ghi báo cáo công khai năm {year}...")
        run_in_background(
            self,
            lambda: self._service.export_xlsx(year, path),
            self._exported,
            self._export_failed,
        )

    def _exported(self, path) -> None:
        self.export_button.setEnabled(True)
        self.notice.setText(f"Đã ghi {path}")
        self.exported.emit(str(path))

    def _export_failed(self, exc: Exception) -> None:
        self.export_button.setEnabled(True)
        self.notice.clear()
        if not isinstance(exc, UserError):
            raise exc
        QMessageBox.warning(self, strings.ERROR_TITLE, exc.message)

    def edit_groups(self) -> None:
        from ui.disclosure.setup_dialogs import GroupsDialog

        GroupsDialog(self._services.disclosure_setup, self).exec()
        self.reload()

    def edit_checklist(self) -> None:
        from ui.disclosure.checklist_dialog import ChecklistDialog

        ChecklistDialog(self._services.disclosure_setup, self).exec()
        self.reload()

    def edit_holidays(self) -> None:
        from ui.disclosure.setup_dialogs import HolidaysDialog

        if HolidaysDialog(self._services.disclosure_setup, self.year, self).exec():
            self.reload()

    def visible_rows(self) -> list[DisclosureRow]:
        return [self.proxy.index(r, 0).data(ROW_ROLE) for r in range(self.proxy.rowCount())]
