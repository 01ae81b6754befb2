"""The built-in guide: F1 opens the page of the screen the clerk is on, offline, and every
page's links and screenshots are there."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

from ui import strings
from ui.help.help_window import HELP_FOLDER, HelpWindow, page_path
from ui.help.pages import AREA_PAGES, PAGES


def _press_f1(qtbot, window, widget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_F1)


def _guide(main_window, qtbot) -> HelpWindow:
    qtbot.waitUntil(lambda: main_window.help_window is not None, timeout=5000)
    guide = main_window.help_window
    qtbot.addWidget(guide)
    assert guide.isVisible()
    return guide


def test_f1_in_the_main_window_opens_the_guide_on_the_page_of_the_area(main_window, qtbot):
    menu = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "Trợ &giúp")
    entry = next(a for a in menu.actions() if a.objectName() == "helpAction")
    assert entry.text() == "&Hướng dẫn sử dụng" and entry.shortcut().toString() == "F1"
    plan = main_window.show_area(strings.AREA_PLAN)
    _press_f1(qtbot, main_window, plan.table)
    guide = _guide(main_window, qtbot)
    assert guide.current_page() == "ke-hoach"
    assert guide.windowTitle() == "ParDesk – Hướng dẫn sử dụng – Kế hoạch năm"
    assert guide.browser.toPlainText().splitlines()[1].startswith("Kế hoạch năm")
    assert guide.contents.currentItem().text() == "Kế hoạch năm"
    guide.grab().save("/work/notes/shots/r13c-help-ke-hoach.png")

    main_window.show_area(strings.AREA_OVERVIEW)
    _press_f1(qtbot, main_window, main_window.navigation)
    assert guide.current_page() == "index"
    assert "Hướng dẫn sử dụng ParDesk" in guide.browser.toPlainText()


def test_f1_in_the_disclosure_area_opens_the_disclosure_page(main_window, qtbot):
    area = main_window.show_area(strings.AREA_DISCLOSURE)
    _press_f1(qtbot, main_window, area.table)
    guide = _guide(main_window, qtbot)
    assert guide.current_page() == "cong-khai"
    assert "Luật Thực hiện dân chủ ở cơ sở" in guide.browser.toPlainText()
    guide.resize(1020, 700)
    guide.grab().save("/work/notes/shots/r13c-help-cong-khai.png")


def test_f1_in_the_task_editor_and_the_progress_dialog_opens_their_pages(main_window, qtbot):
    plan = main_window.show_area(strings.AREA_PLAN)
    row = next(r for r, t in enumerate(plan.visible_tasks()) if t.actionable)
    plan.table.selectRow(row)
    editor = plan.actions_.edit_current()
    qtbot.waitUntil(editor.isVisible)
    _press_f1(qtbot, editor, editor.text)
    guide = _guide(main_window, qtbot)
    assert guide.current_page() == "nhiem-vu"
    editor.reject()
    dialog = plan.actions_.record_progress()
    qtbot.waitUntil(dialog.isVisible)
    _press_f1(qtbot, dialog, dialog)
    qtbot.waitUntil(lambda: guide.current_page() == "tien-do", timeout=5000)
    dialog.reject()


def test_every_area_has_a_page_and_every_page_is_in_the_contents():
    files = {p.stem for p in HELP_FOLDER.glob("*.html")}
    assert files == {page for page, _title in PAGES}
    assert set(AREA_PAGES) == {
        strings.AREA_OVERVIEW,
        strings.AREA_PLAN,
        strings.AREA_SCORES,
        strings.AREA_LEGAL,
        strings.AREA_DISCLOSURE,
        strings.AREA_REPORTS,
        strings.AREA_SETTINGS,
    }
    assert set(AREA_PAGES.values()) <= files


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "img":
            self.images.append(values.get("src") or "")


@pytest.mark.parametrize("page", [page for page, _title in PAGES])
def test_every_link_and_screenshot_of_a_page_resolves(qtbot, page):
    path = page_path(page)
    refs = _Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    assert refs.links, "a page links back to the contents"
    for link in refs.links:
        assert not link.startswith(("http:", "https:")), "the guide works offline"
        target = (path.parent / link.split("#")[0]).resolve()
        assert target.is_file() and target.parent == HELP_FOLDER, link
    for src in refs.images:
        image = QImage(str(path.parent / src))
        assert not image.isNull(), src
        assert image.width() <= 1024, src

    # And as the guide shows it: every image the page uses is loaded, none is missing.
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show_page(page)
    assert window.current_page() == page
    document = window.browser.document()
    shown = _image_names(document)
    assert shown == refs.images
    for name in shown:
        loaded = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert loaded is not None and not loaded.isNull(), f"{page}: {name} is broken"
    assert document.toPlainText().strip()
    assert f"<title>{dict(PAGES)[page]}</title>" in path.read_text(encoding="utf-8")


def _image_names(document: QTextDocument) -> list[str]:
    names = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            char_format = fragments.fragment().charFormat()
            if char_format.isImageFormat():
                names.append(char_format.toImageFormat().name())
            fragments += 1
        block = block.next()
    return names


def test_following_a_link_moves_the_contents_and_back_returns(qtbot):
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show_page("index")
    window.browser.setSource(window.browser.source().resolved(QUrl("tien-do.html")))
    assert window.current_page() == "tien-do"
    assert window.contents.currentItem().text() == "Theo dõi tiến độ"
    assert window.back.isEnabled()
    window.back.click()
    assert window.current_page() == "index"
    window.contents.setCurrentRow(5)
    assert window.current_page() == "chi-so"


def test_the_guide_is_written_with_full_diacritics():
    """A clerk's guide in Vietnamese: every page uses the letters of the language, and no
    page tells the user to type dates as dd/mm/yyyy."""
    for path in sorted(Path(HELP_FOLDER).glob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert any(ch in text for ch in "ăâđêôơư"), path.name
        assert "dd/mm/yyyy" not in text, path.name
