"""Reminders without e-mail: overdue tasks and those due within 7 days, shown on start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from services.dashboard import Dashboard


class ReminderPanel(QFrame):
    """A yellow strip: "N nhiệm vụ quá hạn, M nhiệm vụ đến hạn trong 7 ngày" with buttons."""

    def __init__(
        self,
        open_window: Callable[[str], None],
        *,
        closable: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reminderPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#reminderPanel { background: #fff3d1; border: 1px solid #d9a400; border-radius: 4px; }"
        )
        self.text = QLabel(objectName="reminderText", wordWrap=True)
        self.overdue_button = QPushButton("Xem việc &quá hạn", objectName="reminderOverdue")
        self.soon_button = QPushButton("Xem việc đến hạn &7 ngày", objectName="reminderSoon")
        self.close_button = QPushButton("Ẩn nhắc việc", objectName="reminderClose")
        self.close_button.setVisible(closable)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        for button in (self.overdue_button, self.soon_button, self.close_button):
            layout.addWidget(button)
        self.overdue_button.clicked.connect(lambda: open_window("overdue"))
        self.soon_button.clicked.connect(lambda: open_window("week"))
        self.close_button.clicked.connect(self.hide)

    def show_for(self, board: Dashboard) -> bool:
        """Fill in the counts; returns whether there is anything to remind of."""
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
