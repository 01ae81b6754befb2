"""Search boxes that rank and show what they found, shared by every area's table.

``RankedSearchProxy`` is the base of the areas' filter proxies: it holds the folded query
words, hides rows lacking a word, and while a query is typed puts rows holding the words as
a phrase first (``services.search.rank``), ties in the table's own order. ``HighlightDelegate``
paints the matched words of a cell highlighted, so the clerk sees why a row was found.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from services.search import NO_MATCH, highlight_spans, query_words, rank

Index = QModelIndex | QPersistentModelIndex

HIGHLIGHT = "#ffe27a"


class RankedSearchProxy(QSortFilterProxyModel):
    """A filter proxy whose search words rank rows: phrase first, then all words.

    Subclasses give ``search_text(source_row)`` (folded text of the row) and may add their own
    filters in ``accepts(source_row)``. The rank of every source row is computed once per query.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.query = ""
        self._words: list[str] = []
        self._ranks: dict[int, int] = {}
        self._rank_only = False

    # ----- for subclasses -----------------------------------------------------------------
    def search_text(self, source_row: int) -> str:
        raise NotImplementedError

    def accepts(self, source_row: int) -> bool:
        return True

    # ----- searching ----------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        self.set_words(text)
        self.refresh()

    def set_words(self, text: str) -> None:
        """Take new search words without refiltering yet (a caller changing several filters)."""
        self.query = text
        self._words = query_words(text)
        self._ranks = {}

    def refresh(self) -> None:
        """Refilter and re-rank after filters or words changed."""
        self._ranks = {}
        self.invalidate()
        self._order()

    def search_rank(self, source_row: int) -> int:
        if not self._words:
            return 1
        found = self._ranks.get(source_row)
        if found is None:
            found = self._ranks[source_row] = rank(self.search_text(source_row), self._words)
        return found

    def _order(self) -> None:
        # Without a sort column of its own the proxy keeps the source order; a query then
        # sorts by rank alone (column 0 with ties kept by source row, see lessThan).
        if self._words and self.sortColumn() < 0:
            self.sort(0, Qt.SortOrder.AscendingOrder)
            self._rank_only = True
        elif not self._words and self._rank_only:
            self._rank_only = False
            self.sort(-1)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        return self.accepts(source_row) and self.search_rank(source_row) != NO_MATCH

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        if self._words:
            a, b = self.search_rank(left.row()), self.search_rank(right.row())
            if a != b:
                better_first = a > b
                descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
                return better_first != descending
            if self._rank_only:
                return left.row() < right.row()
        return super().lessThan(left, right)


class HighlightDelegate(QStyledItemDelegate):
    """Paints a cell's text with the words of the current search highlighted."""

    def __init__(self, query: Callable[[], str], parent=None) -> None:
        super().__init__(parent)
        self._query = query

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:
        query = self._query()
        text = index.data(Qt.ItemDataRole.DisplayRole)
        spans = highlight_spans(text, query) if query and isinstance(text, str) else []
        if not spans:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        doc = self.document(text, spans, opt)
        doc.setTextWidth(rect.width())
        # Show only whole lines that fit the row (a half-cut second line reads as a glitch).
        line = opt.fontMetrics.lineSpacing()
        shown = min(doc.size().height(), max(1, rect.height() // line) * line)
        painter.save()
        top = rect.top() + max(0.0, (rect.height() - shown) / 2)
        painter.setClipRect(QRectF(rect.left(), top, rect.width(), shown))
        painter.translate(rect.left(), top)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        context.clip = QRectF(0, 0, rect.width(), shown)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    @staticmethod
    def document(text: str, spans: list[tuple[int, int]], opt: QStyleOptionViewItem):
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(opt.font)
        doc.setHtml(highlighted_html(text, spans))
        return doc


def highlighted_html(text: str, spans: list[tuple[int, int]]) -> str:
    """The text as HTML with each span marked (what the delegate paints, testable alone)."""
    parts: list[str] = []
    at = 0
    for a, b in spans:
        parts.append(html.escape(text[at:a]))
        parts.append(
            f'<span style="background-color:{HIGHLIGHT}; color:#000;">{html.escape(text[a:b])}</span>'
        )
        at = b
    parts.append(html.escape(text[at:]))
    return "".join(parts).replace("\n", "<br>")
