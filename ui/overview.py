"""Tổng quan: the current plan at a glance, from real data only."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from services.bundle import Services
from services.vocab import TASK_STATUSES


class OverviewArea(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.summary = QLabel(objectName="overviewSummary", wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        org = self._services.organisation.get()
        plans = self._services.plans.list_plans()
        lines = [f"{org.body_line1} {org.body_line2}".strip(), ""]
        if not plans:
            lines.append("Chưa có kế hoạch nào trong dữ liệu.")
        for plan in reversed(plans):
            tasks = [t for t in self._services.plans.tasks(plan.id) if t.actionable]
            counts = Counter(t.status for t in tasks)
            lines.append(f"Kế hoạch năm {plan.year}: {plan.summary}")
            lines.append(f"  {len(tasks)} nhiệm vụ cần thực hiện:")
            for status, label in TASK_STATUSES.items():
                if counts[status]:
                    lines.append(f"    {label}: {counts[status]}")
            lines.append("")
        self.summary.setText("\n".join(lines))
