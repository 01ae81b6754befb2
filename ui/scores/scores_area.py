"""The Chỉ số area: pick an index and a year; score, see gaps, link tasks, compare, survey."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.errors import UserError
from services.scores.arithmetic import fmt, parse_points
from services.scores.dto import INDEXES, FrameworkInfo, Scoreboard
from ui.scores.area_actions import AreaActions
from ui.scores.background import BackgroundTask
from ui.scores.criterion_panel import CriterionPanel
from ui.scores.flow_layout import FlowLayout
from ui.scores.messages import warn
from ui.scores.review_tabs import build_review_tabs, gap_summary
from ui.scores.rounds_panel import RoundsPanel
from ui.scores.score_tree_model import LINE_ROLE, ScoreTreeModel
from ui.scores.sipas_panel import SipasPanel


class ScoresArea(AreaActions, QWidget):
    def __init__(
        self, services: Services, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scoresArea")
        self._services = services
        self._settings = settings
        self.framework: FrameworkInfo | None = None
        self.board: Scoreboard | None = None
        self.task = BackgroundTask(self)
        self._build()
        self._connect()
        self._load_years()
        self._restore()

    # ----- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.index_box = QComboBox(objectName="indexBox")
        for key, label in INDEXES.items():
            self.index_box.addItem(label, key)
        self.year_box = QComboBox(objectName="scoreYearBox")
        index_label, year_label = QLabel("C&hỉ số:"), QLabel("&Năm:")
        index_label.setBuddy(self.index_box)
        year_label.setBuddy(self.year_box)
        self.summary = QLabel(objectName="scoreSummary", wordWrap=True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.template_note = QLabel(objectName="templateNote", wordWrap=True)
        self.notice = QLabel(objectName="scoreNotice", wordWrap=True)
        self.notice.setStyleSheet("color: #1f5f2a;")
        self.notice.setVisible(False)
        self.template_note.setStyleSheet("color: #8a5a00;")
        self.buttons = {
            "templates": QPushButton("Nạp bộ tiêu chí &mẫu", objectName="loadTemplates"),
            "template1187": QPushButton(
                "Mẫu CCHC 8 lĩnh vực (QĐ 1187)", objectName="loadTemplate1187"
            ),
            "copy": QPushButton("Sao chép sang năm &sau", objectName="copyFramework"),
            "result": QPushButton("&Kết quả công bố…", objectName="resultButton"),
            "import": QPushButton("Nhập bộ tiêu chí từ &Excel…", objectName="importExcel"),
            "export": QPushButton("&Xuất bảng điểm Excel…", objectName="exportExcel"),
            "report": QPushButton("&Báo cáo tự đánh giá (PDF)…", objectName="scoreReportPdf"),
            "pack": QPushButton("Gói &tài liệu kiểm chứng…", objectName="evidencePack"),
            "codes": QPushButton("Gắn nhiệm vụ theo &mã", objectName="linkByCode"),
            "bands": QPushButton("Xếp &loại…", objectName="bandsButton"),
            "verify": QPushButton("Kiểm tra &kho tài liệu", objectName="verifyEvidence"),
            "rules": QPushButton("&Quy định của tỉnh…", objectName="frameworkRules"),
            "submission": QPushButton(
                "Xuất cho &phần mềm chấm điểm của tỉnh…", objectName="exportSubmission"
            ),
            "mapping": QPushButton("Đối chiếu với năm t&rước…", objectName="mappingButton"),
        }
        top = QHBoxLayout()
        top.addWidget(index_label)
        top.addWidget(self.index_box)
        top.addWidget(year_label)
        top.addWidget(self.year_box)
        top.addStretch(1)
        actions_box = QWidget(objectName="scoreActions")
        actions = FlowLayout(actions_box)
        for button in self.buttons.values():
            actions.addWidget(button)

        self.tree_model = ScoreTreeModel(self)
        self.tree_model.on_edit = self._edit_score
        self.tree = QTreeView(objectName="criteriaTree")
        self.tree.setModel(self.tree_model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.setIndentation(14)
        for column, width in enumerate((110, 250, 46, 72, 78, 70, 96)):
            self.tree.setColumnWidth(column, width)
        self.panel = CriterionPanel(self._services, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="scoresSplitter")
        self.splitter.addWidget(self.tree)
        panel_scroll = QScrollArea(objectName="criterionScroll")
        panel_scroll.setWidget(self.panel)
        panel_scroll.setWidgetResizable(True)
        panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter.addWidget(panel_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([760, 320])

        gap_tab, mock_tab, compare_tab = build_review_tabs(self)

        self.sipas = SipasPanel(self._services, self)
        self.tabs = QTabWidget(objectName="scoreTabs")
        self.tabs.addTab(self.splitter, "Bảng điểm")
        self.tabs.addTab(gap_tab, "Điểm thiếu năm trước")
        self.tabs.addTab(mock_tab, "Chấm thử")
        self.tabs.addTab(compare_tab, "So sánh các năm")
        self.tabs.addTab(self.sipas, "Khảo sát SIPAS")
        self.rounds = RoundsPanel(self._services, self)
        self.tabs.addTab(self.rounds, "Thẩm định, giải trình")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.template_note)
        layout.addWidget(self.notice)
        layout.addWidget(actions_box)
        layout.addWidget(self.tabs, 1)

    def _connect(self) -> None:
        self.index_box.currentIndexChanged.connect(self.refresh)
        self.year_box.currentIndexChanged.connect(self.refresh)
        self.tabs.currentChanged.connect(self._refresh_tab)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree_model.edit_failed.connect(self._warn)
        self.panel.changed.connect(self._after_change)
        self.panel.notice.connect(self.notify)
        self.sipas.notice.connect(self.notify)
        self.sipas.changed.connect(self._on_sipas_changed)
        self.rounds.notice.connect(self.notify)
        self.rounds.changed.connect(self._on_rounds_changed)
        self.buttons["rules"].clicked.connect(self.edit_rules)
        self.buttons["submission"].clicked.connect(self._export_submission)
        self.gap_link.clicked.connect(self.link_gap_task)
        self.buttons["templates"].clicked.connect(self.load_templates)
        self.buttons["template1187"].clicked.connect(lambda: self.load_variant("PAR", "1187"))
        self.buttons["copy"].clicked.connect(self.copy_to_next_year)
        self.buttons["result"].clicked.connect(self._edit_result)
        self.buttons["import"].clicked.connect(self._import_excel)
        self.buttons["export"].clicked.connect(self._export_excel)
        self.buttons["report"].clicked.connect(self._report_pdf)
        self.buttons["pack"].clicked.connect(self._evidence_pack)
        self.buttons["codes"].clicked.connect(self.link_by_code)
        self.buttons["bands"].clicked.connect(self._edit_bands)
        self.buttons["verify"].clicked.connect(self.verify_evidence)
        self.buttons["mapping"].clicked.connect(lambda: self.open_mapping_dialog())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.task.done.connect(self._task_done)
        self.task.failed.connect(self._warn)

    # ----- choosing index and year --------------------------------------------------------
    def _load_years(self) -> None:
        known = (
            set(self._services.frameworks.years())
            | set(self._services.plans.years())
            | {date.today().year}
        )
        years = list(range(min(known) - 1, max(known) + 2))
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in years:
            self.year_box.addItem(str(year), year)
        wanted = self._settings.value("scores/year", None)
        frameworks = self._services.frameworks.years()
        default = wanted or (
            frameworks[-1]
            if frameworks
            else max(self._services.plans.years() or [date.today().year])
        )
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(int(default))))
        self.year_box.blockSignals(False)
        key = self._settings.value("scores/index", "PAR")
        self.index_box.blockSignals(True)
        self.index_box.setCurrentIndex(max(0, self.index_box.findData(key)))
        self.index_box.blockSignals(False)
        self.refresh()

    def select(self, index_key: str, year: int) -> None:
        """Show ``index_key`` in ``year`` (adds the year to the list if needed)."""
        if self.year_box.findData(year) < 0:
            self.year_box.addItem(str(year), year)
        self.index_box.blockSignals(True)
        self.index_box.setCurrentIndex(self.index_box.findData(index_key))
        self.index_box.blockSignals(False)
        self.year_box.setCurrentIndex(self.year_box.findData(year))
        self.refresh()

    def show_criterion(self, index_key: str, year: int, code: str) -> bool:
        """The scoring table of ``index_key`` in ``year`` with criterion ``code`` selected."""
        self.select(index_key, year)
        self.tabs.setCurrentIndex(0)
        line = next(
            (ln for ln in (self.board.lines if self.board else ()) if ln.criterion.code == code),
            None,
        )
        if line is None:
            return False
        index = self.tree_model.index_of(line.criterion.id)
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    @property
    def index_key(self) -> str:
        return self.index_box.currentData()

    @property
    def year(self) -> int:
        return self.year_box.currentData()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Coming back from Kế hoạch: links made in the task editor show in the panel."""
        super().showEvent(event)
        first, self._shown_before = not getattr(self, "_shown_before", False), True
        if not first and self.framework is not None and self.board is not None:
            self._after_change()
            self._on_current(self.tree.currentIndex())

    # ----- refreshing ---------------------------------------------------------------------
    def refresh(self) -> None:
        if self.year is None:
            return
        self._settings.setValue("scores/index", self.index_key)
        self._settings.setValue("scores/year", self.year)
        self.framework = self._services.frameworks.find(self.index_key, self.year)
        self._refresh_board()
        self.tree.expandToDepth(0)
        self._dirty = {1, 2, 3, 4, 5}
        self._refresh_tab(self.tabs.currentIndex())

    def _refresh_board(self) -> None:
        has = self.framework is not None
        for key in ("copy", "result", "export", "report", "codes", "bands", "rules", "submission"):
            self.buttons[key].setEnabled(has)
        self.board = self._services.assessments.scoreboard(self.framework.id) if has else None
        self.tree_model.set_board(self.board)
        self.summary.setText(self._summary_text())
        note = ""
        if has and self.framework.is_template:
            note = (
                f"MẪU CẦN KIỂM TRA ({self.framework.version_label}): điểm từng tiêu chí phải "
                "đối chiếu với quyết định của tỉnh năm này; dấu này còn đến khi nhập tệp của "
                "tỉnh (“Nhập bộ tiêu chí từ Excel”)."
            )
        if has and self.framework.index_key == "SIPAS":
            note = (note + "\n" if note else "") + (
                "SIPAS theo phương pháp QĐ 1001/QĐ-BNV (2023–2026): kết quả chính thức là khảo "
                "sát của tỉnh; phiếu nhập ở thẻ “Khảo sát SIPAS” là khảo sát riêng của phường."
            )
        self.template_note.setText(note)
        self.template_note.setVisible(bool(note))
        current = self.tree.currentIndex()
        self.panel.show_line(self.tree_model.line_at(current) if current.isValid() else None)

    def _summary_text(self) -> str:
        if self.board is None:
            return (
                f"Chưa có bộ tiêu chí {INDEXES[self.index_key]} năm {self.year}. "
                "Bấm “Nạp bộ tiêu chí mẫu”, “Nhập bộ tiêu chí từ Excel” hoặc sao chép từ năm trước."
            )
        b, f = self.board, self.board.framework
        unit = "%" if f.unit == "percent" else " điểm"
        parts = [f"{f.title}: tối đa {fmt(b.total_max)}{unit}"]
        for label, value, pct, band, bonus, penalty in (
            (
                "tự đánh giá",
                b.total_self,
                b.percent_self,
                b.band_self,
                b.bonus_self,
                b.penalty_self,
            ),
            (
                "thẩm định",
                b.total_appraised,
                b.percent_appraised,
                b.band_appraised,
                b.bonus_appraised,
                b.penalty_appraised,
            ),
        ):
            if value is not None:
                extra = ""
                if bonus or penalty:
                    extra = f", gồm thưởng +{fmt(bonus or 0)}, trừ {fmt(penalty or 0)}"
                parts.append(f"{label} {fmt(value)} ({fmt(pct)}%, {band}{extra})")
        if b.last_total is not None:
            parts.append(
                f"năm {f.year - 1}: {fmt(b.last_total)} ({fmt(b.percent_last)}%, {b.band_last})"
            )
        if f.result_rank:
            parts.append(
                f"xếp thứ {f.result_rank}/{f.result_of or '?'}"
                + (f", {f.result_class}" if f.result_class else "")
            )
        return "; ".join(parts) + "."

    def _refresh_tab(self, tab: int) -> None:
        if tab not in getattr(self, "_dirty", set()):
            return
        self._dirty.discard(tab)
        fid = self.framework.id if self.framework else None
        if tab == 1:
            gaps = self._services.assessments.gaps(fid) if fid else []
            unmapped = self._services.criterion_mappings.unmapped_losses(fid) if fid else []
            self.gap_model.set_items(gaps)
            self.gap_label.setText(gap_summary(self.board, gaps, unmapped))
            self.gap_view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
            self.gap_view.resizeColumnToContents(0)
            self.gap_view.setColumnWidth(1, 380)
            self.gap_view.setColumnWidth(2, 220)
        elif tab == 2:
            mock = self._services.assessments.mock_appraisal(fid) if fid else None
            self.mock_model.set_items(list(mock.lines) if mock else [])
            self.mock_label.setText(
                f"Chấm thử ngày {date.today():%d/%m/%Y} ({mock.framework.period_text}): dự kiến "
                f"đạt {fmt(mock.expected)}/{fmt(mock.total_max)} "
                f"({fmt(mock.percent)}%, {mock.band}); có nguy cơ mất {fmt(mock.at_risk)} điểm."
                + (
                    f" {len(mock.unsupported)} tiêu chí chưa có cả tài liệu kiểm chứng lẫn giải "
                    "trình (phần mềm của tỉnh đòi một trong hai)."
                    if mock.unsupported
                    else ""
                )
                if mock
                else ""
            )
            self.mock_view.setColumnWidth(1, 360)
        elif tab == 3:
            rows = self._services.assessments.field_comparison(fid) if fid else []
            self.chart.set_data(
                rows, f"Năm {self.year - 1} (thẩm định)", f"Năm {self.year} (mới nhất)"
            )
        elif tab == 5:
            self.rounds.set_framework(fid)
        elif tab == 4:
            sipas = self._services.frameworks.find("SIPAS", self.year)
            self.sipas.set_framework(
                sipas.id if sipas else None, f"Phiếu khảo sát SIPAS năm {self.year}"
            )

    def _after_change(self) -> None:
        self._refresh_board()
        self._dirty = {1, 2, 3, 4, 5}
        self._refresh_tab(self.tabs.currentIndex())

    def _on_rounds_changed(self) -> None:
        """A round's points changed: the table's appraised column follows, the tab stays."""
        self._refresh_board()
        self._dirty |= {1, 2, 3}

    def _on_sipas_changed(self) -> None:
        """Questionnaires changed: totals and other tabs follow, the entry grid stays as is."""
        self._refresh_board()
        self._dirty |= {1, 2, 3}

    def _on_current(self, current, _previous=None) -> None:
        line = current.data(LINE_ROLE) if current.isValid() else None
        self.panel.show_line(line)
        if line is not None:
            self.history_label.setText(
                f"Điểm qua các năm của tiêu chí {line.criterion.code} {line.criterion.name}:"
            )
            self.history_model.set_items(
                self._services.assessments.history(self.index_key, line.criterion.code, self.year)
            )

    # ----- editing ------------------------------------------------------------------------
    def _edit_score(self, criterion_id: int, kind: str, text: str) -> str | None:
        try:
            value = parse_points(text)
            self._services.assessments.set_score(criterion_id, kind, value)
        except ValueError as exc:
            return f"{exc}."
        except UserError as exc:
            return str(exc)
        self._after_change()
        return None

    def _warn(self, message: str) -> None:
        self.last_warning = warn(self, message)

    def notify(self, message: str) -> None:
        """A short note above the tabs (what was just done), never a blocking box."""
        self.notice.setText(message)
        self.notice.setVisible(bool(message))

    # ----- state --------------------------------------------------------------------------
    def _restore(self) -> None:
        for key, restore in (
            ("scores/splitter", self.splitter.restoreState),
            ("scores/header", self.tree.header().restoreState),
        ):
            state = self._settings.value(key)
            if state is not None:
                restore(state)

    def save_state(self) -> None:
        self._settings.setValue("scores/splitter", self.splitter.saveState())
        self._settings.setValue("scores/header", self.tree.header().saveState())


__all__ = ["ScoresArea"]
