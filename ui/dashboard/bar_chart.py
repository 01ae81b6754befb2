"""A horizontal bar chart drawn with QPainter: one bar per unit or section, clickable.

No QtCharts (an Addons module): a few dozen bars need only rectangles and text. Bars can be
chosen with the mouse or with Up/Down and Enter, and each has a tooltip with its figures.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from services.plan.dashboard import Bar, bar_state

ROW_HEIGHT = 24
LABEL_WIDTH = 230
FIGURE_WIDTH = 120
DONE = QColor("#2e7d32")
LATE = QColor("#c62828")
TRACK = QColor("#e6e6e6")
WATCH = QColor("#ef8f00")
STATE_COLOURS = {"good": DONE, "watch": WATCH, "late": LATE}


class BarChart(QWidget):
    """Emits ``bar_clicked(key)`` when a bar is clicked or chosen with Enter."""

    bar_clicked = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._bars: list[Bar] = []
        self._current = -1

    def set_bars(self, bars: list[Bar]) -> None:
        self._bars = list(bars)
        self._current = -1
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(LABEL_WIDTH + FIGURE_WIDTH + 200, max(1, len(self._bars)) * ROW_HEIGHT + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(LABEL_WIDTH + FIGURE_WIDTH + 60, max(1, len(self._bars)) * ROW_HEIGHT + 8)

    def bar_rect(self, row: int) -> QRect:
        """Where bar ``row`` is drawn (tests click its centre)."""
        width = max(40, self.width() - LABEL_WIDTH - FIGURE_WIDTH - 8)
        return QRect(LABEL_WIDTH, 4 + row * ROW_HEIGHT + 4, width, ROW_HEIGHT - 8)

    def row_at(self, point: QPoint) -> int:
        row = (point.y() - 4) // ROW_HEIGHT
        return row if 0 <= row < len(self._bars) else -1

    # ----- painting -----------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        if not self._bars:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Chưa có số liệu.")
            return
        for row, bar in enumerate(self._bars):
            rect = self.bar_rect(row)
            label_rect = QRect(4, rect.top() - 4, LABEL_WIDTH - 10, ROW_HEIGHT)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_rect.width())
            painter.setPen(self.palette().text().color())
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label
            )
            painter.fillRect(rect, TRACK)
            filled = QRect(
                rect.left(), rect.top(), round(rect.width() * bar.percent / 100), rect.height()
            )
            painter.fillRect(filled, STATE_COLOURS[bar_state(bar)])
            if row == self._current and self.hasFocus():
                painter.setPen(self.palette().highlight().color())
                painter.drawRect(rect.adjusted(-2, -2, 1, 1))
            figure = f"{bar.percent:.0f}% · {bar.count} NV"
            if bar.overdue:
                figure += f" · ⚠{bar.overdue}"
            figure_rect = QRect(rect.right() + 8, rect.top() - 4, FIGURE_WIDTH, ROW_HEIGHT)
            painter.setPen(LATE if bar.overdue else self.palette().text().color())
            painter.drawText(figure_rect, Qt.AlignmentFlag.AlignVCenter, figure)

    # ----- interaction --------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        row = self.row_at(event.position().toPoint())
        if row >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self._current = row
            self.update()
            self.bar_clicked.emit(self._bars[row].key)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        row = self.row_at(event.position().toPoint())
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if row >= 0 else Qt.CursorShape.ArrowCursor
        )
        if row >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), tooltip(self._bars[row]), self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._bars:
            step = 1 if key == Qt.Key.Key_Down else -1
            self._current = max(0, min(len(self._bars) - 1, self._current + step))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._current >= 0:
            self.bar_clicked.emit(self._bars[self._current].key)
        else:
            super().keyPressEvent(event)


def tooltip(bar: Bar) -> str:
    text = f"{bar.label}\nTiến độ bình quân {bar.percent:.0f}% của {bar.count} nhiệm vụ"
    if bar.overdue:
        text += f"\n{bar.overdue} nhiệm vụ quá hạn"
    return text + "\nBấm để xem các nhiệm vụ này."
