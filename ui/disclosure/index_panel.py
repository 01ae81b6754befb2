"""Đối chiếu chỉ số: the year's disclosure compliance beside the "công khai, minh bạch" criteria.

Read-only: the scores shown are those of the Chấm điểm area (PAPI D2 and the like); the
panel never changes them, it only sets the matching disclosure figures next to them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from services.disclosure.index_link import CriterionLink, IndexLink
from ui.disclosure.table_models import ColumnSpec, RowsTableModel, score_colour
from ui.disclosure.views import make_table


def _points(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


def _compliance(x: CriterionLink) -> str:
    line = x.compliance
    if not line.assessable:
        return f"– (chưa đến hạn {line.pending} nơi)" if line.pending else "–"
    return f"{line.percent_text} ({line.met}/{line.assessable} nơi)"


INDEX_LINK_COLUMNS = (
    ColumnSpec("Chỉ số", lambda x: x.index_key, None, 60),
    ColumnSpec(
        "Tiêu chí",
        lambda x: f"{'    ' * x.depth}{x.code} {x.name}",
        lambda x: (x.index_key, x.criterion_id),
        330,
    ),
    ColumnSpec("Tối đa", lambda x: _points(x.max_points), lambda x: x.max_points, 60, True),
    ColumnSpec("Tự chấm", lambda x: _points(x.self_score), lambda x: x.self_score or -1, 70, True),
    ColumnSpec(
        "Thẩm định",
        lambda x: _points(x.appraised_score),
        lambda x: x.appraised_score or -1,
        76,
        True,
    ),
    ColumnSpec("Công khai tính theo", lambda x: x.basis, None, 190),
    ColumnSpec("Tỷ lệ công khai đạt", _compliance, lambda x: x.compliance.ratio or -1, 150, True),
)


class IndexLinkPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indexLinkPanel")
        self.model = RowsTableModel(INDEX_LINK_COLUMNS, lambda x: score_colour(x.compliance), self)
        self.table = make_table(self.model, "indexLinkTable")
        self.message = QLabel(objectName="indexLinkMessage", wordWrap=True)
        self.message.setStyleSheet("color: #555;")
        title = QLabel("<b>Đối chiếu với tiêu chí “Công khai, minh bạch” của chỉ số</b>")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

    def set_link(self, link: IndexLink) -> None:
        self.model.set_rows(link.lines)
        self.table.setVisible(bool(link.lines))
        self.message.setText(
            link.message
            or f"Điểm lấy từ phần Chấm điểm ({', '.join(link.frameworks)}), không bị thay đổi; "
            f"tỷ lệ công khai tính đến {link.as_of:%d/%m/%Y}."
        )
