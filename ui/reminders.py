"""Reminders without e-mail: overdue tasks, those due within 7 days, and the other modules'
urgent lines (disclosures, legal review, index points at risk), shown on start."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.overview_items import (
    CRITICAL,
    DISCLOSURE,
    LEGAL,
    SCORES,
    OverviewItem,
    OverviewItems,
    Target,
    gather,
)
from services.plan.dashboard import Dashboard

if TYPE_CHECKING:
    from services.bundle import Services
    from ui.tasks import BackgroundTask

SHOWN = 3  # other-module lines named in the strip; the rest are on Tổng quan
OTHER_MODULES = (DISCLOSURE, LEGAL, SCORES)
# Above this many plan tasks the other modules are read on a worker (the mock appraisal
# reads every linked task); the same threshold as the plan's own background loading.
BACKGROUND_ABOVE = 3000


def load_other_modules(
    parent: QWidget,
    services: Services,
    today: date,
    year: int | None,
    on_done: Callable[[OverviewItems], None],
    *,
    background: bool,
) -> BackgroundTask | None:
    """Gather the disclosure, legal and index lines, now or on the worker thread."""

    def read(_progress=None) -> OverviewItems:
        return gather(services, today, year=year, modules=OTHER_MODULES)

    if not background:
        on_done(read())
        return None
    from ui.tasks import BackgroundTask

    task = BackgroundTask(read, parent)
    task.finished.connect(on_done)
    return task.start()


class ReminderPanel(QFrame):
    """A yellow strip: "N nhiệm vụ quá hạn, M nhiệm vụ đến hạn trong 7 ngày" with buttons,
    and below it the most urgent lines of the other modules, each a link to its record."""

    def __init__(
        self,
        open_window: Callable[[str], None],
        *,
        closable: bool = True,
        open_target: Callable[[Target], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reminderPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#reminderPanel { background: #fff3d1; border: 1px solid #d9a400; border-radius: 4px; }"
        )
        self._open_target = open_target
        self.urgent: list[OverviewItem] = []
        self.text = QLabel(objectName="reminderText", wordWrap=True)
        self.others = QLabel(objectName="reminderOthers", wordWrap=True)
        self.others.setTextFormat(Qt.TextFormat.RichText)
        self.others.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.others.setOpenExternalLinks(False)
        self.others.linkActivated.connect(self._on_link)
        self.others.hide()
        self.overdue_button = QPushButton("Xem việc &quá hạn", objectName="reminderOverdue")
        self.soon_button = QPushButton("Xem việc đến hạn &7 ngày", objectName="reminderSoon")
        self.close_button = QPushButton("Ẩn nhắc việc", objectName="reminderClose")
        self.close_button.setVisible(closable)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        for button in (self.overdue_button, self.soon_button, self.close_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.others)
        self.overdue_button.clicked.connect(lambda: open_window("overdue"))
        self.soon_button.clicked.connect(lambda: open_window("week"))
        self.close_button.clicked.connect(self.hide)

    def show_for(self, board: Dashboard | None, others: Sequence[OverviewItem] = ()) -> bool:
        """Fill in the counts; returns whether there is anything to remind of."""
        has_plan = self._show_plan(board) if board is not None else False
        if board is None:
            self.text.setText("Nhắc việc:" if others else "Không có việc nào cần nhắc.")
            self.overdue_button.setEnabled(False)
            self.soon_button.setEnabled(False)
        self._show_others(others)
        return has_plan or bool(others)

    def _show_plan(self, board: Dashboard) -> bool:
        overdue, soon = len(board.overdue), len(board.due_soon)
        parts = []
        if overdue:
            names = "; ".join(
                f"{t.outline} ({t.lead_code or 'chưa giao'})" for t in board.overdue[:3]
            )
            more = "; …" if overdue > 3 else ""
            parts.append(f"⚠ {overdue} nhiệm vụ QUÁ HẠN: {names}{more}")
        if soon:
            parts.append(f"{soon} nhiệm vụ đến hạn trong 7 ngày tới")
        self.text.setText(
            f"Nhắc việc – kế hoạch năm {board.year}: " + " · ".join(parts)
            if parts
            else f"Kế hoạch năm {board.year}: không có nhiệm vụ quá hạn hay sắp đến hạn."
        )
        self.overdue_button.setEnabled(bool(overdue))
        self.soon_button.setEnabled(bool(soon))
        return bool(parts)

    def _show_others(self, others: Sequence[OverviewItem]) -> None:
        self.urgent = list(others)
        lines = []
        for number, item in enumerate(self.urgent[:SHOWN]):
            mark = "⚠ " if item.severity == CRITICAL else ""
            when = f" ({item.day_text})" if item.day else ""
            text = item.text if len(item.text) <= 90 else item.text[:89] + "…"
            lines.append(
                f"{mark}<b>{escape(item.module_label)}</b> – {escape(item.status)}{when}: "
                f"<a href='item:{number}'>{escape(text)}</a>"
            )
        if len(self.urgent) > SHOWN:
            lines.append(
                f"<a href='overview'>… và {len(self.urgent) - SHOWN} việc khác (xem Tổng quan)</a>"
            )
        self.others.setText("<br>".join(lines))
        self.others.setVisible(bool(lines))

    def open_item(self, number: int) -> None:
        """Open the record of the ``number``-th other-module line (what a click on it does)."""
        target = self.urgent[number].target
        if self._open_target is not None:
            self._open_target(target)
            return
        from ui.navigate import open_target

        open_target(self.window(), target)

    def _on_link(self, link: str) -> None:
        if link.startswith("item:"):
            self.open_item(int(link.split(":", 1)[1]))
        elif link == "overview":
            from ui import strings

            show_area = getattr(self.window(), "show_area", None)
            if show_area is not None:
                show_area(strings.AREA_OVERVIEW)
