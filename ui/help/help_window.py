"""The guide's window: the list of pages on the left, the page in a QTextBrowser on the right.

Pages are plain HTML files under resources/help/ with their screenshots in resources/help/img/
(made from the program itself by tools/help_screenshots.py), so they can be read and edited
without building anything. Links between pages stay in the window; a link to anything else
is not followed (the program works offline).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from resources import resource_path
from ui.help.pages import INDEX_PAGE, PAGE_TITLES, PAGES

HELP_FOLDER = resource_path("help")


def page_path(page: str) -> Path:
    return HELP_FOLDER / f"{page}.html"


class HelpWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle("ParDesk – Hướng dẫn sử dụng")
        self.contents = QListWidget(objectName="helpContents")
        for page, title in PAGES:
            item = QListWidgetItem(title)
            item.setData(256, page)  # Qt.UserRole
            self.contents.addItem(item)
        self.contents.setMinimumWidth(150)
        self.browser = QTextBrowser(objectName="helpBrowser")
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(HELP_FOLDER)])
        self.back = QPushButton("← Quay lại", objectName="helpBack")
        self.home = QPushButton("Mục lục", objectName="helpHome")
        self.back.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.home)
        buttons.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.back.clicked.connect(self.browser.backward)
        self.home.clicked.connect(lambda: self.show_page(INDEX_PAGE))
        self.browser.backwardAvailable.connect(self.back.setEnabled)
        self.browser.sourceChanged.connect(self._on_source)
        self.contents.currentRowChanged.connect(self._on_row)
        self.resize(1020, 700)  # fits a 1024×768 screen

    def show_page(self, page: str) -> None:
        """Show ``page`` (an unknown name shows the index)."""
        if page not in PAGE_TITLES or not page_path(page).is_file():
            page = INDEX_PAGE
        self.browser.setSource(QUrl.fromLocalFile(str(page_path(page))))

    def current_page(self) -> str:
        return Path(self.browser.source().toLocalFile()).stem

    def _on_row(self, row: int) -> None:
        if row >= 0:
            page = PAGES[row][0]
            if page != self.current_page():
                self.show_page(page)

    def _on_source(self, url: QUrl) -> None:
        page = Path(url.toLocalFile()).stem
        title = PAGE_TITLES.get(page)
        if title is None:
            return
        self.setWindowTitle(f"ParDesk – Hướng dẫn sử dụng – {title}")
        row = [p for p, _t in PAGES].index(page)
        if self.contents.currentRow() != row:
            self.contents.blockSignals(True)
            self.contents.setCurrentRow(row)
            self.contents.blockSignals(False)
