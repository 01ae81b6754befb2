"""A side pane that folds to a narrow strip, giving its width back to the table beside it.

On a 1024-pixel laptop the plan's section tree and the task table cannot both be wide; the
clerk folds the tree away with « and brings it back with the strip's » (its title written
down the strip, so it is found again). The caller remembers the choice.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionToolButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

QWIDGETSIZE_MAX = (1 << 24) - 1


class VerticalButton(QToolButton):
    """A tall narrow button whose text reads bottom to top, as on a folded side panel."""

    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        return QSize(metrics.height() + 10, metrics.horizontalAdvance(self.text()) + 24)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.sizeHint().width(), 24)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        option.text = ""
        self.style().drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option, painter, self)
        painter.translate(0, self.height())
        painter.rotate(-90)
        painter.drawText(
            8, 0, self.height() - 16, self.width(),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.text(),
        )  # fmt: skip
        painter.end()


class CollapsiblePane(QWidget):
    """``body`` under a title line with a fold button; folded, only a narrow strip shows."""

    collapsed_changed = Signal(bool)

    def __init__(self, title: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = body
        self.title = QLabel(title)
        self.title.setStyleSheet("font-weight: bold;")
        self.fold_button = QToolButton(objectName="foldButton", text="«", autoRaise=True)
        self.fold_button.setToolTip(f"Thu gọn «{title}» để bảng rộng hơn")
        self.fold_button.clicked.connect(lambda: self.set_collapsed(True))
        self.strip = VerticalButton(objectName="unfoldButton", text=f"»  {title}")
        self.strip.setToolTip(f"Hiện «{title}»")
        self.strip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.strip.clicked.connect(lambda: self.set_collapsed(False))
        self.strip.hide()

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.fold_button)
        self._head = QWidget()
        self._head.setLayout(head)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._head)
        layout.addWidget(body, 1)
        layout.addWidget(self.strip, 1)
        self._collapsed = False

    def is_collapsed(self) -> bool:
        return self._collapsed

    def set_collapsed(self, collapsed: bool) -> None:
        if collapsed == self._collapsed:
            return
        self._collapsed = collapsed
        self._head.setVisible(not collapsed)
        self.body.setVisible(not collapsed)
        self.strip.setVisible(collapsed)
        self.setMaximumWidth(self.strip.sizeHint().width() if collapsed else QWIDGETSIZE_MAX)
        if not collapsed:
            self.body.setFocus()
        self.collapsed_changed.emit(collapsed)
