"""Tổng quan: the year's plan at a glance — counts, what is late, progress by unit and section —
and what the other modules ask for now (disclosures, legal review, index points at risk).

Every number, list row and bar of the plan opens the Kế hoạch area filtered to exactly those
tasks, through the ``open_plan(filter, year)`` callback the main window passes in; every other
line opens its own area on its record (``ui.navigate.open_target``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from services.bundle import Services
from services.overview_items import (
    DISCLOSURE,
    LEGAL,
    PLAN,
    SCORES,
    OverviewItem,
    OverviewItems,
    Target,
    plan_items,
)
from services.plan.dashboard import Dashboard, build_dashboard
from services.plan.plans import TaskRow
from services.text import format_date
from services.vocab import TASK_STATUSES
from ui.dashboard.bar_chart import BarChart
from ui.dashboard.item_list import ItemList
from ui.plan.task_table_model import TaskFilter
from ui.qt_safe import combo_value, setting
from ui.reminders import BACKGROUND_ABOVE, ReminderPanel, load_other_modules

OpenPlan = Callable[[TaskFilter, int], object]
OpenTarget = Callable[[Target], object]
MODULE_PANELS = (
    (DISCLOSURE, "Công khai", "disclosureItems", "Không có việc công khai nào cần làm."),
    (LEGAL, "Rà soát văn bản", "legalItems", "Không có văn bản nào chờ rà soát, xử lý."),
    (SCORES, "Chỉ số – chấm thử", "scoreItems", "Chưa thấy điểm nào có nguy cơ bị trừ."),
)
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DUE_ROLE = Qt.ItemDataRole.UserRole + 3  # the "… và N nhiệm vụ khác" row: the whole window
LIST_ROWS = 100  # tasks named per list; 10,000 wrapped rows would take seconds to lay out


class OverviewArea(QWidget):
    def __init__(
        self,
        services: Services,
        settings: QSettings | None = None,
        open_plan: OpenPlan | None = None,
        parent: QWidget | None = None,
        *,
        open_target: OpenTarget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("overview")
        self._services = services
        self._settings = settings
        self._open_plan = open_plan
        self._open_target = open_target
        self.today = date.today()
        self.board: Dashboard | None = None
        self.items: OverviewItems | None = None
        self.modules_ready = False  # the other modules' panels are filled
        self.modules_task = None
        self.background_above = BACKGROUND_ABOVE
        self._generation = 0
        self._build()
        # Figures are read when the area is first shown (showEvent), not at start-up.

    # ----- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.summary = QLabel(objectName="overviewSummary", wordWrap=True)
        self.summary.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.year_box = QComboBox(objectName="overviewYear")
        self.year_box.currentIndexChanged.connect(self._on_year)
        year_label = QLabel("&Năm:")
        year_label.setBuddy(self.year_box)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(year_label)
        head.addWidget(self.year_box)
        self.reminders = ReminderPanel(
            lambda due: self.open(TaskFilter(due=due)),
            closable=False,
            open_target=self.open_target,
        )
        self.tiles = QGridLayout()
        self.tile_buttons: dict[str, QPushButton] = {}
        keys = ["all", *TASK_STATUSES, "overdue", "week"]
        for key in keys:
            button = QPushButton(objectName=f"tile_{key}")
            button.setMinimumHeight(58)
            button.clicked.connect(lambda _=False, k=key: self.open(_tile_filter(k)))
            self.tile_buttons[key] = button
        self._tile_columns = 0
        self._arrange_tiles(len(keys))
        self.overdue_list = _list("overdueList")
        self.soon_list = _list("dueSoonList")
        for widget in (self.overdue_list, self.soon_list):
            widget.itemActivated.connect(self._open_item)
            widget.itemClicked.connect(self._open_item)
        self.unit_chart = BarChart("unitChart")
        self.section_chart = BarChart("sectionChart")
        self.unit_chart.bar_clicked.connect(
            lambda key: self.open(TaskFilter(unit_id=key, lead_only=True))
        )
        self.section_chart.bar_clicked.connect(
            lambda key: self.open(TaskFilter(section_ids=frozenset({key})))
        )
        self.overdue_box = _group("Quá hạn", self.overdue_list)
        self.soon_box = _group("Đến hạn trong 7 ngày", self.soon_list)
        lists = QVBoxLayout()
        lists.addWidget(self.overdue_box)
        lists.addWidget(self.soon_box)
        charts = QVBoxLayout()
        charts.addWidget(_group("Tiến độ theo bộ phận chủ trì", self.unit_chart))
        charts.addWidget(_group("Tiến độ theo mục của kế hoạch", self.section_chart))
        charts.addStretch(1)
        modules = QHBoxLayout()
        self.module_lists: dict[str, ItemList] = {}
        self.module_boxes: dict[str, QGroupBox] = {}
        for module, title, name, _empty in MODULE_PANELS:
            widget = ItemList(name)
            widget.opened.connect(lambda entry: self.open_target(entry.target))
            self.module_lists[module] = widget
            self.module_boxes[module] = _group(title, widget)
            modules.addWidget(self.module_boxes[module], 1)
        body = QHBoxLayout()
        body.addLayout(lists, 2)
        body.addLayout(charts, 3)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(head)
        layout.addWidget(self.reminders)
        layout.addLayout(self.tiles)
        layout.addLayout(modules)
        layout.addLayout(body, 1)
        scroll = QScrollArea(objectName="overviewScroll", widgetResizable=True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _arrange_tiles(self, columns: int) -> None:
        """The figure tiles in one row, or two rows of four when one row would not fit
        (a 1024 laptop): every tile's words stay whole and none is pushed out of view."""
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        for index, button in enumerate(self.tile_buttons.values()):
            self.tiles.removeWidget(button)
            self.tiles.addWidget(button, index // columns, index % columns)
        for column in range(len(self.tile_buttons)):
            self.tiles.setColumnStretch(column, 1 if column < columns else 0)

    def _tiles_width(self) -> int:
        spacing = max(0, self.tiles.spacing())
        return sum(b.sizeHint().width() + spacing for b in self.tile_buttons.values())

    def _fit_tiles(self) -> None:
        count = len(self.tile_buttons)
        one_row = self._tiles_width() <= self.width() - 40
        self._arrange_tiles(count if one_row else (count + 1) // 2)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_tiles()

    # ----- data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        plans = self._services.plans.list_plans()
        wanted = self.year_box.currentText() or (
            setting(self._settings, "plan/year") if self._settings else None
        )
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for plan in plans:
            self.year_box.addItem(str(plan.year), plan.id)
        index = self.year_box.findText(str(wanted)) if wanted else -1
        self.year_box.setCurrentIndex(index if index >= 0 else self.year_box.count() - 1)
        self.year_box.blockSignals(False)
        self._on_year()

    def _on_year(self) -> None:
        org = self._services.organisation.get()
        plan_id = combo_value(self.year_box)
        if plan_id is None:
            self.board = None
            self.summary.setText(f"{org.body_line1} {org.body_line2}: chưa có kế hoạch nào.")
            self._show_reminders()
            self._load_modules(None)
            return
        plans = self._services.plans
        plan = plans.get_plan(plan_id)
        self.board = build_dashboard(
            plan_id, plan.year, plans.tasks(plan_id), plans.sections(plan_id), self.today
        )
        self.summary.setText(
            f"{org.body_line1} {org.body_line2} – Kế hoạch năm {plan.year}: "
            f"{self.board.total} nhiệm vụ cần thực hiện"
        )
        self._show(self.board)
        self._load_modules(plan.year)

    def _load_modules(self, year: int | None) -> None:
        """The other modules' lines: read at once for an ordinary plan, on the worker for a
        very large one (the plan's figures are shown meanwhile)."""
        self._generation += 1
        generation = self._generation
        self.modules_ready = False
        background = self.board is not None and self.board.total > self.background_above
        if background and self.items is None:
            for widget in self.module_lists.values():
                widget.set_items([], "Đang đọc dữ liệu...")
        self.modules_task = load_other_modules(
            self,
            self._services,
            self.today,
            year,
            lambda found: self._modules_loaded(generation, found),
            background=background,
        )

    def _modules_loaded(self, generation: int, found: OverviewItems) -> None:
        if generation != self._generation:
            return  # another year or refresh was asked for meanwhile
        plan = plan_items(self.board) if self.board is not None else []
        self.items = OverviewItems(found.today, (*plan, *found.items))
        self._show_modules(found)
        self._show_reminders()
        self.modules_ready = True

    def _show_modules(self, items: OverviewItems) -> None:
        for module, title, _name, empty in MODULE_PANELS:
            entries = items.of(module)
            if module == SCORES and not entries:
                empty = self._scores_empty(empty)
            self.module_lists[module].set_items(entries, empty)
            self.module_boxes[module].setTitle(f"{title} ({len(entries)})" if entries else title)

    def _scores_empty(self, nothing_at_risk: str) -> str:
        """ "No points at risk" only when a framework was scored; else say what to do."""
        year = self.board.year if self.board is not None else self.today.year
        loaded = any(
            f.year == year and f.criteria_count for f in self._services.frameworks.list_frameworks()
        )
        if loaded:
            return nothing_at_risk
        return (
            f"Chưa có bộ tiêu chí chỉ số năm {year} nên chưa chấm thử được: vào Chỉ số, "
            "bấm “Nạp bộ tiêu chí mẫu” hoặc nhập phụ lục của tỉnh."
        )

    def _show_reminders(self) -> None:
        others = self.items.urgent(exclude={PLAN}) if self.items else []
        wanted = self.reminders.show_for(self.board, others)
        self.reminders.setVisible(wanted or self.board is not None)

    def _show(self, board: Dashboard) -> None:
        self._show_reminders()
        figures = {"all": board.total, **{k: board.by_status.get(k, 0) for k in TASK_STATUSES}}
        figures.update(overdue=len(board.overdue), week=len(board.due_soon))
        for key, button in self.tile_buttons.items():
            button.setText(f"{figures[key]}\n{_TILE_LABELS.get(key) or TASK_STATUSES[key]}")
            button.setToolTip("Bấm để xem danh sách các nhiệm vụ này trong Kế hoạch.")
            late = key == "overdue" and figures[key]
            button.setStyleSheet(
                "font-size: 11pt; font-weight: bold;" + (" color: #a40000;" if late else "")
            )
        self._fit_tiles()  # the figures' words decide whether one row of tiles fits
        _fill(self.overdue_list, board.overdue, "Không có nhiệm vụ quá hạn.", "overdue")
        _fill(self.soon_list, board.due_soon, "Không có nhiệm vụ đến hạn trong 7 ngày tới.", "week")
        self.overdue_box.setTitle(f"Quá hạn ({len(board.overdue)})")
        self.soon_box.setTitle(f"Đến hạn trong 7 ngày ({len(board.due_soon)})")
        self.unit_chart.set_bars(board.by_unit)
        self.section_chart.set_bars(board.by_section)

    def figure(self, key: str) -> int:
        """The number on a tile, as the user reads it."""
        return int(self.tile_buttons[key].text().split("\n")[0])

    # ----- opening the plan ---------------------------------------------------------------
    def open(self, wanted: TaskFilter) -> None:
        if self._open_plan is not None and self.board is not None:
            self._open_plan(wanted, self.board.year)

    def open_target(self, target: Target) -> None:
        """Open the area and record a module line points at."""
        if self._open_target is not None:
            self._open_target(target)
            return
        from ui.navigate import open_target

        open_target(self.window(), target)

    def module_entries(self, module: str) -> list[OverviewItem]:
        """The lines shown in a module's panel, as the user reads them."""
        return self.module_lists[module].entries()

    def _open_item(self, item: QListWidgetItem) -> None:
        task_id = item.data(TASK_ID_ROLE)
        if item.data(DUE_ROLE):
            self.open(TaskFilter(due=item.data(DUE_ROLE)))
        elif task_id:
            self.open(TaskFilter(task_ids=frozenset({task_id})))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Figures are recomputed whenever the area is shown, so they follow every edit.
        super().showEvent(event)
        self.refresh()


_TILE_LABELS = {"all": "Tổng số nhiệm vụ", "overdue": "⚠ Quá hạn", "week": "Đến hạn 7 ngày"}


def _tile_filter(key: str) -> TaskFilter:
    if key == "all":
        return TaskFilter()
    if key in ("overdue", "week"):
        return TaskFilter(due=key)
    return TaskFilter(status=key)


def _list(name: str) -> QListWidget:
    widget = QListWidget(objectName=name)
    widget.setWordWrap(True)
    widget.setMinimumHeight(120)
    return widget


def _group(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(widget)
    return box


def _fill(widget: QListWidget, tasks: list[TaskRow], empty: str, due: str) -> None:
    widget.clear()
    if not tasks:
        item = QListWidgetItem(empty)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setData(TASK_ID_ROLE, 0)
        widget.addItem(item)
        return
    for task in tasks[:LIST_ROWS]:
        unit = task.lead_code or "chưa giao"
        short = task.text if len(task.text) <= 110 else task.text[:109] + "…"
        text = f"{task.outline} · {unit} · hạn {format_date(task.next_due)} – {short}"
        item = QListWidgetItem(text)
        item.setToolTip(task.text)
        item.setData(TASK_ID_ROLE, task.id)
        widget.addItem(item)
    if len(tasks) > LIST_ROWS:
        more = QListWidgetItem(
            f"… và {len(tasks) - LIST_ROWS} nhiệm vụ khác: bấm để xem tất cả trong Kế hoạch"
        )
        more.setData(DUE_ROLE, due)
        widget.addItem(more)
