"""Bar chart per field: last year's appraised % beside this year's latest %, drawn with QPainter.

Each bar carries its value as text, and the two years differ by pattern as well as colour, so
the chart reads in grey-scale print too.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from services.scores.arithmetic import fmt

LAST_COLOUR = QColor("#9aa5b1")
THIS_COLOUR = QColor("#2f6fb3")


class ComparisonChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._rows: list[tuple[str, str, float | None, float | None]] = []
        self._years = ("Năm trước", "Năm nay")

    def set_data(
        self,
        rows: list[tuple[str, str, float | None, float | None]],
        last_label: str,
        this_label: str,
    ) -> None:
        """Rows of (code, name, last %, this %); None = no figure for that year."""
        self._rows = list(rows)
        self._years = (last_label, this_label)
        self.update()

    def rows(self) -> list[tuple[str, str, float | None, float | None]]:
        return list(self._rows)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 60 + 44 * max(1, len(self._rows)))

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = QFontMetrics(self.font())
        if not self._rows:
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, "Chưa có số liệu để so sánh."
            )
            return
        label_w = min(
            260, max(metrics.horizontalAdvance(f"{c} {n}") for c, n, *_ in self._rows) + 12
        )
        left, top, right = label_w + 8, 34, 60
        width = max(50, self.width() - left - right)
        row_h = max(30.0, (self.height() - top - 24) / len(self._rows))
        self._legend(painter, left)
        painter.setPen(QPen(QColor("#cccccc")))
        for pct in (0, 25, 50, 75, 100):
            x = left + width * pct / 100
            painter.drawLine(int(x), top - 4, int(x), int(top + row_h * len(self._rows)))
            painter.drawText(
                QRectF(x - 20, top + row_h * len(self._rows), 40, 18),
                Qt.AlignmentFlag.AlignCenter,
                f"{pct}%",
            )
        bar_h = (row_h - 10) / 2
        for i, (code, name, last, now) in enumerate(self._rows):
            y = top + i * row_h
            painter.setPen(QColor("black"))
            text = metrics.elidedText(f"{code} {name}", Qt.TextElideMode.ElideRight, label_w - 8)
            painter.drawText(
                QRectF(4, y, label_w - 8, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
            for j, (value, colour, pattern) in enumerate(
                (
                    (last, LAST_COLOUR, Qt.BrushStyle.Dense4Pattern),
                    (now, THIS_COLOUR, Qt.BrushStyle.SolidPattern),
                )
            ):
                by = y + 4 + j * bar_h
                if value is None:
                    painter.setPen(QColor("#777777"))
                    painter.drawText(
                        QRectF(left + 4, by, 120, bar_h), Qt.AlignmentFlag.AlignVCenter, "chưa có"
                    )
                    continue
                w = width * max(0.0, min(100.0, value)) / 100
                painter.setPen(QPen(colour.darker(130)))
                painter.setBrush(QBrush(colour, pattern))
                painter.drawRect(QRectF(left, by, w, bar_h - 2))
                painter.setPen(QColor("black"))
                painter.drawText(
                    QRectF(left + w + 4, by, 60, bar_h),
                    Qt.AlignmentFlag.AlignVCenter,
                    f"{fmt(value)}%",
                )
        painter.end()

    def _legend(self, painter: QPainter, left: float) -> None:
        x = left
        for label, colour, pattern in (
            (self._years[0], LAST_COLOUR, Qt.BrushStyle.Dense4Pattern),
            (self._years[1], THIS_COLOUR, Qt.BrushStyle.SolidPattern),
        ):
            painter.setPen(QPen(colour.darker(130)))
            painter.setBrush(QBrush(colour, pattern))
            painter.drawRect(QRectF(x, 8, 16, 12))
            painter.setPen(QColor("black"))
            painter.drawText(QRectF(x + 22, 4, 200, 20), Qt.AlignmentFlag.AlignVCenter, label)
            x += 30 + QFontMetrics(self.font()).horizontalAdvance(label) + 20
