"""The criteria tree with its scores: maximum, last year, self, appraised, gap.

Built from a ``Scoreboard`` (service dataclasses). Parents show computed figures and are never
editable; a leaf's self and appraised cells are edited in place and handed to ``on_edit``,
which calls the service and returns an error message or None. Gaps are coloured *and* spelled
out ("thiếu 1,5", "✓ đủ điểm"), so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from services.scores.arithmetic import fmt
from services.scores.dto import METHODS, Scoreboard, ScoreLine

Index = QModelIndex | QPersistentModelIndex
LINE_ROLE = Qt.ItemDataRole.UserRole + 20
COLUMNS = (
    "Mã",
    "Tiêu chí",
    "Tối đa",
    "Năm trước",
    "Tự đánh giá",
    "Thẩm định",
    "Điểm thiếu",
)
HEADER_TIPS = {
    3: "Điểm thẩm định (kết quả công bố) của năm trước",
    6: "Điểm tối đa trừ điểm mới nhất",
}
COL_CODE, COL_NAME, COL_MAX, COL_LAST, COL_SELF, COL_APPR, COL_GAP = range(7)
ADJUSTMENT_COLOURS = {"bonus": "#1f5f2a", "penalty": "#a12622"}
GAP_COLOURS = {"full": "#dff0d8", "small": "#fcf3cf", "large": "#f8d7da", "na": "#eeeeee"}


def gap_level(line: ScoreLine) -> str:
    """ "na", "full", "small" (lost ≤ 25 % of the maximum), "large", or "" when unscored."""
    if not line.criterion.applicable:
        return "na"
    gap = line.gap
    if gap is None:
        return ""
    if gap <= 1e-6:
        return "full"
    top = line.max or line.last_max or 0
    return "small" if top and gap / top <= 0.25 else "large"


def gap_text(line: ScoreLine) -> str:
    level = gap_level(line)
    if level == "na":
        return "Không áp dụng"
    if level == "full":
        return "✓ đủ điểm"
    if level:
        return f"▼ thiếu {fmt(line.gap)}"
    return ""


class ScoreTreeModel(QAbstractItemModel):
    edit_failed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.board: Scoreboard | None = None
        self._lines: dict[int, ScoreLine] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._row: dict[int, int] = {}
        self.on_edit: Callable[[int, str, str], str | None] | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # ----- data in -----------------------------------------------------------------------
    def set_board(self, board: Scoreboard | None) -> None:
        """Show a new scoreboard; same tree shape → values refreshed in place (expansion kept)."""
        lines = list(board.lines) if board else []
        same = self.board is not None and [x.criterion.id for x in lines] == [
            x.criterion.id for x in self.board.lines
        ]
        if same:
            self.board = board
            self._lines = {x.criterion.id: x for x in lines}
            self._emit_all_changed(QModelIndex())
            return
        self.beginResetModel()
        self.board = board
        self._lines = {x.criterion.id: x for x in lines}
        self._children = {None: []}
        for x in lines:
            self._children.setdefault(x.criterion.parent_id, []).append(x.criterion.id)
        self._row = {cid: i for kids in self._children.values() for i, cid in enumerate(kids)}
        self.endResetModel()

    def _emit_all_changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows:
            self.dataChanged.emit(
                self.index(0, 0, parent), self.index(rows - 1, len(COLUMNS) - 1, parent)
            )
            for r in range(rows):
                self._emit_all_changed(self.index(r, 0, parent))

    def line_at(self, index: Index) -> ScoreLine | None:
        return self._lines.get(index.internalId()) if index.isValid() else None

    def index_of(self, criterion_id: int, column: int = 0) -> QModelIndex:
        line = self._lines.get(criterion_id)
        if line is None:
            return QModelIndex()
        return self.createIndex(self._row[criterion_id], column, criterion_id)

    # ----- tree structure ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        parent_id = parent.internalId() if parent.isValid() else None
        kids = self._children.get(parent_id, [])
        if not 0 <= row < len(kids) or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        line = self._lines.get(index.internalId())
        if line is None or line.criterion.parent_id is None:
            return QModelIndex()
        pid = line.criterion.parent_id
        return self.createIndex(self._row[pid], 0, pid)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else None, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return None

    # ----- cells -------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self._lines[index.internalId()]
        if (
            index.column() in (COL_SELF, COL_APPR)
            and line.criterion.is_leaf
            and line.criterion.applicable
            # The province scores these: the ward enters the province's figure in the panel.
            and not (index.column() == COL_SELF and line.criterion.province_scored)
        ):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self._lines.get(index.internalId())
        if line is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_GAP:
            colour = GAP_COLOURS.get(gap_level(line))
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.FontRole:
            if not line.criterion.applicable:
                return self._italic
            if not line.criterion.is_leaf:
                return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and not line.criterion.applicable:
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.ForegroundRole and line.criterion.adjustment:
            return QBrush(QColor(ADJUSTMENT_COLOURS[line.criterion.adjustment]))
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_SELF:
            if line.criterion.province_scored:
                return QBrush(QColor("#1f4e79"))
        if role == Qt.ItemDataRole.TextAlignmentRole and COL_MAX <= column < COL_GAP:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        if role == LINE_ROLE:
            return line
        return None

    def _text(self, line: ScoreLine, column: int) -> str:
        c = line.criterion
        if column == COL_CODE:
            return c.code
        if column == COL_NAME:
            return c.name
        if column == COL_MAX:
            return fmt(line.max) if c.applicable else f"({fmt(c.max_points)})"
        if column == COL_LAST:
            return fmt(line.last_appraised)
        if column == COL_SELF:
            if c.province_scored and c.is_leaf:
                score = c.province_score
                return f"Tỉnh: {fmt(score)}" if score is not None else "Tỉnh chấm"
            return fmt(line.self_score)
        if column == COL_APPR:
            return fmt(line.appraised)
        return gap_text(line)

    def _tooltip(self, line: ScoreLine, column: int) -> str | None:
        c = line.criterion
        if column == COL_GAP:
            return "Điểm tối đa trừ điểm mới nhất: thẩm định, nếu chưa có thì tự đánh giá, nếu chưa có thì kết quả năm trước."
        if column in (COL_SELF, COL_APPR) and not c.is_leaf:
            return "Tự tính bằng tổng các tiêu chí con; không nhập trực tiếp."
        if column == COL_SELF and c.province_scored:
            return (
                "Tiêu chí do tỉnh chấm từ số liệu, khảo sát của tỉnh: xã không tự chấm; nhập "
                "điểm tỉnh công bố ở khung bên phải."
            )
        if c.adjustment and column in (COL_CODE, COL_NAME, COL_MAX):
            return (
                "Điểm thưởng: cộng thêm ngoài tổng điểm tối đa."
                if c.adjustment == "bonus"
                else "Điểm trừ: ghi số âm (ví dụ -1); trừ vào tổng điểm."
            )
        if column == COL_NAME:
            parts = [c.name, f"Phương thức: {METHODS.get(c.method, c.method)}"]
            if c.guidance:
                parts.append(f"Cách chấm: {c.guidance}")
            return "\n".join(parts)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        if self.on_edit is None:
            return False
        kind = "self" if index.column() == COL_SELF else "appraised"
        error = self.on_edit(index.internalId(), kind, str(value))
        if error:
            self.edit_failed.emit(error)
            return False
        return True
