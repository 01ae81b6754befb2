"""Qt table models of the Công khai area, each over a list of service dataclasses.

One generic model takes its columns as (title, text, sort value) functions, so the
disclosure list, the places of one disclosure, the calendar and the score tables share the
same tested code. Colours say compliance at a glance: red failed, amber due, green met.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from services.disclosure.compliance import PlaceResult
from services.disclosure.score import CalendarItem, ScoreLine
from services.disclosure.service import DisclosureRow
from services.disclosure.vocab import (
    CAL_MAY_TAKE_DOWN,
    CAL_MUST_POST,
    CAL_OVERDUE,
    CALENDAR_KINDS,
    DUE,
    FAILING,
    PASSING,
    STATUSES,
)
from services.text import format_date, search_key
from ui.search_highlight import RankedSearchProxy

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

RED = QColor("#f8d7da")
AMBER = QColor("#fff3cd")
GREEN = QColor("#d4edda")
GREY = QColor("#eeeeee")


def status_colour(status: str) -> QColor | None:
    if status in FAILING:
        return RED
    if status == DUE:
        return AMBER
    if status in PASSING:
        return GREEN
    return GREY


CALENDAR_COLOURS = {CAL_OVERDUE: RED, CAL_MUST_POST: AMBER, CAL_MAY_TAKE_DOWN: GREEN}


@dataclass(frozen=True)
class ColumnSpec:
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    width: int = 100
    align_right: bool = False
    tip: Callable[[Any], str] | None = None  # the tooltip, e.g. the rule and article behind it


class RowsTableModel(QAbstractTableModel):
    """Rows are frozen dataclasses from the services; the model never queries anything."""

    def __init__(
        self,
        columns: Sequence[ColumnSpec],
        colour: Callable[[Any], QColor | None] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._colour = colour
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        spec = self.columns[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and spec.tip is not None:
            return spec.tip(row) or spec.text(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return spec.text(row)
        if role == SORT_ROLE:
            return spec.sort(row) if spec.sort else spec.text(row).casefold()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole and self._colour is not None:
            colour = self._colour(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _day(value: date | None) -> int:
    return (value or date.max).toordinal()


# ----- the year's disclosures ---------------------------------------------------------------
def rule_basis(row: DisclosureRow) -> str:
    """Which rule and which articles produced the deadline and the verdict of a row."""
    rule = row.rule
    if rule is None:
        return "Chưa có quy định áp dụng cho nội dung này."
    lines = [
        f"Quy định áp dụng từ {format_date(rule.applies_from)}.",
        f"Hạn công khai: {rule.deadline_label}.",
        "Căn cứ: " + ("; ".join(rule.legal_basis) or "(chưa ghi)") + ".",
    ]
    if rule.note:
        lines.append(rule.note)
    if row.confidence != "sourced":
        lines.append("⚠ Quy định này chưa được đối chiếu với văn bản gốc: cần kiểm tra.")
    return "\n".join(lines)


def _places(row: DisclosureRow) -> str:
    verdict = row.verdict
    return f"{verdict.met}/{len(verdict.places)}" if verdict.places else ""


DISCLOSURE_COLUMNS = (
    ColumnSpec("Mã", lambda r: r.item_code, lambda r: f"{r.item_code}\t{r.period}", 62),
    ColumnSpec("Kỳ", lambda r: r.period, None, 64),
    ColumnSpec("Nội dung công khai", lambda r: r.title or r.item_title, None, 340),
    ColumnSpec("Nhóm", lambda r: r.group_name, None, 150),
    ColumnSpec("Văn bản căn cứ", lambda r: r.trigger_document, None, 150),
    ColumnSpec(
        "Ngày căn cứ", lambda r: format_date(r.trigger_date), lambda r: _day(r.trigger_date), 86
    ),
    ColumnSpec(
        "Hạn công khai",
        lambda r: format_date(r.verdict.deadline),
        lambda r: _day(r.verdict.deadline),
        92,
        tip=rule_basis,
    ),
    ColumnSpec("Nơi đạt", _places, lambda r: r.verdict.ratio or 0, 64, True),
    ColumnSpec(
        "Tình trạng",
        lambda r: STATUSES.get(r.verdict.status, r.verdict.status),
        lambda r: r.verdict.status,
        160,
        tip=rule_basis,
    ),
)


def disclosure_model(parent=None) -> RowsTableModel:
    return RowsTableModel(DISCLOSURE_COLUMNS, lambda r: status_colour(r.verdict.status), parent)


class DisclosureFilterProxy(RankedSearchProxy):
    """Filters by accent-free words and by a set of statuses (None: every status)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._statuses: frozenset[str] | None = None
        self.setSortRole(SORT_ROLE)

    def set_statuses(self, statuses: frozenset[str] | None) -> None:
        self.beginFilterChange()
        self._statuses = statuses
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def search_text(self, source_row: int) -> str:
        row: DisclosureRow = self.sourceModel().row_at(source_row)
        return search_key(row.search_key, row.heading, row.trigger_document)

    def accepts(self, source_row: int) -> bool:
        row: DisclosureRow = self.sourceModel().row_at(source_row)
        return self._statuses is None or row.verdict.status in self._statuses


# ----- the places of one disclosure -----------------------------------------------------------
def _posted(p: PlaceResult) -> str:
    return format_date(p.posting.posted_on) if p.posting else ""


def _down(p: PlaceResult) -> str:
    if p.posting is None:
        return ""
    return format_date(p.posting.taken_down_on) or "(đang công khai)"


def _evidence(p: PlaceResult) -> str:
    if p.posting is None:
        return ""
    name = p.posting.evidence_path.replace("\\", "/").rsplit("/", 1)[-1]
    return "; ".join(x for x in (p.posting.evidence_note, name) if x)


PLACE_COLUMNS = (
    ColumnSpec("Hình thức – nơi", lambda p: p.place_label, None, 290),
    ColumnSpec("Tình trạng", lambda p: STATUSES.get(p.status, p.status), None, 170),
    ColumnSpec("Ngày công khai", _posted, lambda p: _day(p.posting and p.posting.posted_on), 106),
    ColumnSpec("Ngày gỡ", _down, None, 110),
    ColumnSpec(
        "Tối thiểu",
        lambda p: p.minimum.text,
        None,
        120,
        tip=lambda p: f"Căn cứ: {p.minimum.basis}" if p.minimum.basis else "",
    ),
    ColumnSpec("Kiểm chứng", lambda p: _evidence(p), None, 170),
    ColumnSpec("Ghi chú", lambda p: " ".join(p.messages), None, 360),
)


def place_model(parent=None) -> RowsTableModel:
    return RowsTableModel(PLACE_COLUMNS, lambda p: status_colour(p.status), parent)


# ----- calendar and score ------------------------------------------------------------------------
_KIND = {CAL_OVERDUE: 0, CAL_MUST_POST: 1, CAL_MAY_TAKE_DOWN: 2}
CALENDAR_COLUMNS = (
    ColumnSpec(
        "Ngày", lambda c: format_date(c.day), lambda c: _day(c.day) * 10 + _KIND[c.kind], 86
    ),
    ColumnSpec("Việc", lambda c: CALENDAR_KINDS.get(c.kind, c.kind), None, 110),
    ColumnSpec("Nội dung", lambda c: f"{c.item_code} – {c.title}", None, 300),
    ColumnSpec("Hình thức – nơi", lambda c: c.place, None, 220),
    ColumnSpec("Ghi chú", lambda c: c.note, None, 170),
)


def calendar_model(parent=None) -> RowsTableModel:
    return RowsTableModel(CALENDAR_COLUMNS, lambda c: CALENDAR_COLOURS.get(c.kind), parent)


class CalendarDayProxy(QSortFilterProxyModel):
    """Shows one day's entries, or all of them when no day is chosen."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._day: date | None = None
        self.setSortRole(SORT_ROLE)

    def set_day(self, day: date | None) -> None:
        self.beginFilterChange()
        self._day = day
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        item: CalendarItem = self.sourceModel().row_at(source_row)
        return self._day is None or item.day == self._day


SCORE_COLUMNS = (
    ColumnSpec("Phạm vi", lambda s: s.label, None, 380),
    ColumnSpec("Đạt", lambda s: str(s.met), lambda s: s.met, 60, True),
    ColumnSpec("Chưa đạt", lambda s: str(s.failed), lambda s: s.failed, 70, True),
    ColumnSpec("Chưa đến hạn", lambda s: str(s.pending), lambda s: s.pending, 96, True),
    ColumnSpec("Tỷ lệ đạt", lambda s: s.percent_text, lambda s: s.ratio or -1, 80, True),
)


def _score_colour(line: ScoreLine) -> QColor | None:
    if line.ratio is None:
        return None
    return GREEN if line.ratio >= 0.999 else (AMBER if line.ratio >= 0.8 else RED)


score_colour = _score_colour  # shared with the index link panel


def score_model(parent=None) -> RowsTableModel:
    return RowsTableModel(SCORE_COLUMNS, _score_colour, parent)
