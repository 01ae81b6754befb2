"""Tỷ lệ đạt: compliance by content group, by residential group and by checklist item."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from services.disclosure.index_link import IndexLink
from services.disclosure.score import YearScore
from ui.disclosure.index_panel import IndexLinkPanel
from ui.disclosure.table_models import score_model
from ui.disclosure.views import make_table


class ScoreTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreTab")
        self.overall = QLabel(objectName="scoreOverall", wordWrap=True)
        self.overall.setStyleSheet("font-size: 12pt;")
        self.by_group = score_model(self)
        self.by_resident = score_model(self)
        self.by_item = score_model(self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for title, model, name in (
            ("Theo nhóm nội dung", self.by_group, "scoreByGroup"),
            (
                "Theo thôn, tổ dân phố (niêm yết, thông báo tại chỗ)",
                self.by_resident,
                "scoreByResident",
            ),
            ("Theo mục của danh mục", self.by_item, "scoreByItem"),
        ):
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(QLabel(f"<b>{title}</b>"))
            inner.addWidget(make_table(model, name), 1)
            splitter.addWidget(box)
        self.index_panel = IndexLinkPanel(self)
        splitter.addWidget(self.index_panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.overall)
        layout.addWidget(splitter, 1)
        note = QLabel(
            "Mỗi nơi phải công khai (hình thức × thôn, tổ dân phố) đã đến hạn được tính một lần: "
            "đạt khi công khai đúng hạn, đủ thời gian; chưa đến hạn hoặc chờ văn bản căn cứ "
            "thì chưa tính."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)

    def set_score(self, score: YearScore) -> None:
        line = score.overall
        self.overall.setText(
            f"Năm {score.year}, tính đến {score.as_of:%d/%m/%Y}: <b>{line.percent_text}</b> "
            f"– đạt {line.met}, chưa đạt {line.failed}, chưa đến hạn {line.pending}."
        )
        self.by_group.set_rows(score.by_group)
        self.by_resident.set_rows(score.by_residential_group)
        self.by_item.set_rows(score.by_item)

    def set_index_link(self, link: IndexLink) -> None:
        self.index_panel.set_link(link)
