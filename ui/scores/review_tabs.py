"""The review tabs of the Chỉ số area: gaps of last year, mock appraisal, comparison.

They are built onto the area (attributes ``gap_view``, ``mock_model``, ``chart`` …) so the
area refreshes them and tests read them by one name.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.scores.arithmetic import fmt
from services.scores.dto import GapItem, HistoryPoint, MockLine, Scoreboard
from services.scores.year_mapping import LostCriterion
from ui.scores.comparison_chart import ComparisonChart
from ui.scores.rows_model import SORT_ROLE, Cells, RowsModel


def gap_summary(
    board: Scoreboard | None, gaps: list[GapItem], unmapped: list[LostCriterion]
) -> str:
    """The gap tab's sentence, naming the year the figures really come from.

    Gaps come from last year's appraisal; when last year has no framework they come from
    this year's own appraised points, and the sentence says so. "No criterion lost points"
    is said only when there are results to say it about.
    """
    if board is None:
        return ""
    year = board.framework.year
    source = board.previous.year if board.previous else year
    if gaps:
        flagged = sum(1 for g in gaps if g.flagged)
        text = (
            f"{len(gaps)} tiêu chí không đạt điểm tối đa theo kết quả thẩm định năm {source}, "
            f"mất tổng {fmt(sum(g.lost for g in gaps))} điểm; {flagged} tiêu chí chưa có "
            "nhiệm vụ khắc phục (⚠)."
        )
        if board.previous is None:
            text += f" (Năm {year - 1} chưa có bộ tiêu chí: dùng kết quả thẩm định năm {year}.)"
    elif board.previous is None:
        text = (
            f"Chưa có kết quả năm trước: năm {year - 1} chưa có bộ tiêu chí "
            f"{board.framework.index_key}, năm {year} chưa nhập kết quả thẩm định."
        )
    elif board.last_total is None:
        text = f"Chưa có kết quả năm trước: bộ tiêu chí năm {source} chưa nhập kết quả thẩm định."
    else:
        text = f"Không có tiêu chí nào bị mất điểm theo kết quả thẩm định năm {source}."
    if unmapped:
        text += (
            f"\n⚠ {len(unmapped)} tiêu chí năm {source} bị mất điểm chưa có tiêu chí tương ứng "
            f"năm {year}: " + "; ".join(x.text for x in unmapped) + ". Bấm “Đối chiếu với năm "
            "trước…” để gắn."
        )
    return text


def _gap_cells(item: object) -> Cells:
    g: GapItem = item  # type: ignore[assignment]
    tasks = f"{len(g.task_ids)} nhiệm vụ" if g.task_ids else "⚠ Chưa có nhiệm vụ"
    return Cells(
        (g.code, g.name, g.field, fmt(g.max), fmt(g.appraised), fmt(g.lost), tasks),
        sort=(g.code, g.name, g.field, g.max, g.appraised, g.lost, len(g.task_ids)),
        background="#f8d7da" if g.flagged else None,
        right=frozenset({3, 4, 5}),
    )


def _mock_cells(item: object) -> Cells:
    m: MockLine = item  # type: ignore[assignment]
    notes = [*m.risks, *([m.source] if m.source else [])]
    tip = list(notes)
    if m.unsupported:
        tip.append(
            "Chưa có tài liệu kiểm chứng lẫn giải trình: phần mềm của tỉnh đòi một trong hai."
        )
    return Cells(
        (
            m.code,
            m.name,
            fmt(m.max),
            fmt(m.expected),
            fmt(m.at_risk) if m.at_risk else "",
            "; ".join(notes),
        ),
        sort=(m.code, m.name, m.max, m.expected, m.at_risk, "; ".join(notes)),
        background="#fcf3cf" if m.at_risk else None,
        tooltip="\n".join(tip),
        right=frozenset({2, 3, 4}),
    )


def _history_cells(item: object) -> Cells:
    h: HistoryPoint = item  # type: ignore[assignment]
    return Cells(
        (str(h.year), fmt(h.max), fmt(h.self_score), fmt(h.appraised)), right=frozenset({1, 2, 3})
    )


def _table(name: str, model: RowsModel) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView(objectName=name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(24)
    return view, proxy


def build_review_tabs(area) -> tuple[QWidget, QWidget, QWidget]:
    """Create the three tabs' widgets as attributes of ``area``; return the tab pages."""
    area.gap_model = RowsModel(
        ("Mã", "Tiêu chí", "Lĩnh vực", "Tối đa", "Đạt", "Mất", "Nhiệm vụ"), _gap_cells, area
    )
    area.gap_view, area.gap_proxy = _table("gapTable", area.gap_model)
    area.gap_label = QLabel(objectName="gapLabel", wordWrap=True)
    area.gap_link = QPushButton("&Gắn nhiệm vụ cho tiêu chí đã chọn…", objectName="gapLinkTask")
    gap_tab = QWidget()
    gap_layout = QVBoxLayout(gap_tab)
    gap_layout.addWidget(area.gap_label)
    gap_layout.addWidget(area.gap_view, 1)
    gap_layout.addWidget(area.gap_link, 0, Qt.AlignmentFlag.AlignLeft)

    area.mock_model = RowsModel(
        ("Mã", "Tiêu chí", "Tối đa", "Dự kiến đạt", "Có nguy cơ mất", "Lý do"),
        _mock_cells,
        area,
    )
    area.mock_view, area.mock_proxy = _table("mockTable", area.mock_model)
    area.mock_label = QLabel(objectName="mockLabel", wordWrap=True)
    mock_tab = QWidget()
    mock_layout = QVBoxLayout(mock_tab)
    mock_layout.addWidget(area.mock_label)
    mock_layout.addWidget(area.mock_view, 1)

    area.chart = ComparisonChart(area)
    area.history_label = QLabel(
        "Chọn một tiêu chí ở tab Bảng điểm để xem điểm qua các năm.",
        objectName="historyLabel",
        wordWrap=True,
    )
    area.history_model = RowsModel(
        ("Năm", "Tối đa", "Tự đánh giá", "Thẩm định"), _history_cells, area
    )
    area.history_view, _proxy = _table("historyTable", area.history_model)
    area.history_view.setMaximumHeight(150)
    compare_tab = QWidget()
    compare_layout = QVBoxLayout(compare_tab)
    compare_layout.addWidget(area.chart, 1)
    compare_layout.addWidget(area.history_label)
    compare_layout.addWidget(area.history_view)
    return gap_tab, mock_tab, compare_tab
