"""A clerk types "ky so" in the plan's search box and means "ký số" (digital signing).

Tasks holding the words as a phrase come first, tasks that merely hold "kỹ năng … cơ sở"
follow, and the matched words are painted highlighted in the Nội dung column.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel

from services.search import PHRASE, query_words, rank
from services.text import search_key
from ui import strings
from ui.legal.register_model import COL_SUMMARY, DOC_ROLE
from ui.plan.task_table_model import COL_TEXT, TASK_ROLE
from ui.search_highlight import HIGHLIGHT, HighlightDelegate, RankedSearchProxy, highlighted_html


def _shown(area) -> list[str]:
    proxy = area.proxy
    return [proxy.index(r, COL_TEXT).data(TASK_ROLE).text for r in range(proxy.rowCount())]


def test_typing_ky_so_puts_the_ky_so_tasks_first_and_highlights_them(main_window, qtbot):
    area = main_window.show_area(strings.AREA_PLAN)
    every = _shown(area)
    qtbot.keyClicks(area.search, "ky so")
    shown = _shown(area)
    words = query_words("ky so")
    ranks = [rank(search_key(t), words) for t in shown]
    assert ranks[0] == PHRASE and "ký số" in shown[0].casefold()
    assert ranks == sorted(ranks, reverse=True)  # every phrase match before any other
    assert any(r != PHRASE for r in ranks), "the sample also holds kỹ năng … cơ sở"
    phrase_rows = [t for t, r in zip(shown, ranks, strict=True) if r == PHRASE]
    assert phrase_rows == [t for t in every if t in phrase_rows]  # plan order kept within
    # The highlighted words are painted into the first row's cell.
    area.table.resize(900, 400)
    area.table.show()
    cell = area.table.visualRect(area.proxy.index(0, COL_TEXT))
    image = area.table.viewport().grab(cell).toImage()
    colours = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert QColor(HIGHLIGHT).name() in colours
    area.search.clear()
    assert _shown(area) == every  # an empty box: the plan's own order again


def test_highlighted_html_marks_the_original_words():
    html = highlighted_html("Chữ ký số <b>", [(4, 9)])
    assert '">ký số</span>' in html and "&lt;b&gt;" in html


class _Rows(RankedSearchProxy):
    def search_text(self, source_row: int) -> str:
        return search_key(self.sourceModel().item(source_row, 0).text())


def _texts(proxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def test_every_area_proxy_ranks_the_phrase_first_even_under_a_column_sort(qtbot):
    texts = ["Kỹ năng cơ sở", "Chữ ký số", "Cải cách", "Ký số văn bản"]
    model = QStandardItemModel()
    for t in texts:
        model.appendRow(QStandardItem(t))
    proxy = _Rows()
    proxy.setSourceModel(model)
    proxy.set_query("ky so")  # no column sort: phrase rows first, then source order
    assert _texts(proxy) == ["Chữ ký số", "Ký số văn bản", "Kỹ năng cơ sở"]
    proxy.set_query("")
    assert _texts(proxy) == texts  # the table's own order again
    proxy.sort(0, Qt.SortOrder.DescendingOrder)  # a clerk's column sort stays inside each rank
    proxy.set_query("ky so")
    assert _texts(proxy) == ["Ký số văn bản", "Chữ ký số", "Kỹ năng cơ sở"]


def test_the_legal_register_search_ranks_and_highlights(main_window, services, qtbot):
    from tests.legal_sample import build_register

    build_register(services.legal)
    area = main_window.show_area(strings.AREA_LEGAL)
    panel = area.register_panel
    panel.proxy.set_filters(issuer="", status="")
    rows = panel.proxy.rowCount()
    assert rows > 1
    first = panel.proxy.index(0, COL_SUMMARY).data(DOC_ROLE)
    words = " ".join(search_key(first.summary).split()[:2])
    qtbot.keyClicks(panel.search, words)
    shown = [
        panel.proxy.index(r, COL_SUMMARY).data(DOC_ROLE) for r in range(panel.proxy.rowCount())
    ]
    ranks = [rank(d.search_key, query_words(words)) for d in shown]
    assert ranks[0] == PHRASE and ranks == sorted(ranks, reverse=True)
    assert isinstance(panel.table.itemDelegate(), HighlightDelegate)
